"""Dated, sourced reference data (CONTRACTS.md §5): one loader for every table."""

from workbench.reference.tables import ReferenceRow, ReferenceTable, load_table, parse_rows, thresholds_on

__all__ = ["ReferenceRow", "ReferenceTable", "load_table", "parse_rows", "thresholds_on"]
