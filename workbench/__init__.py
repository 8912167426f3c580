"""CCER / Belt-and-Road project workbench."""

__version__ = "0.1.0"
