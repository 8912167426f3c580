"""The methodology protocol and the loader that finds every package in ``methodologies/``."""
