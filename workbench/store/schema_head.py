"""The schema revision this program writes, as a constant: what a reader that skips SQLAlchemy and Alembic (the
window's first paint) checks a file against before it trusts the file's tables to have the columns it reads."""

from __future__ import annotations

SCHEMA_HEADS = frozenset({"0018_team_audit_anchor"})
"""The heads of the migration graph (``workspace.head_revisions()``, which a test holds equal to this). A new
migration that is not named here only sends the first paint down the slower path that opens the workspace first."""
