"""Issuance into registries, the unit ledger, its controls and exports, offset eligibility."""
