"""Validation and verification: VVBs, engagements, findings."""
