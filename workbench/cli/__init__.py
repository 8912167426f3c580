"""The ``workbench`` command line (CONTRACTS.md §2)."""
