"""The project table read straight from a workspace file with sqlite3, for the window's first paint — before
SQLAlchemy, the ORM mapping and the workspace checks are loaded (about a second at start, see
``benchmarks/bench_open.py``). Trusted only at the schema head this program writes (``schema_head.SCHEMA_HEADS``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.store.damage import read_only_uri
from workbench.store.schema_head import SCHEMA_HEADS

COLUMNS = ("id", "code", "title_en", "title_zh", "programme", "host_country", "methodology_id", "stage", "updated_at")
"""The columns of each row, in order (``updated_at`` as SQLite keeps it: ``2025-01-17 10:00:00.000000``)."""


def read_project_rows(path: str | Path) -> list[tuple] | None:
    """The ``project`` rows of the workspace file ``path`` (``COLUMNS``, ordered by id), read without writing anything
    — or None when this read cannot be trusted and the workspace must be opened first: no such file, a schema other
    than ``SCHEMA_HEADS`` (an older file is migrated on opening, a newer one refused), or any SQLite error (a damaged
    file is found and named by the opening)."""
    path = Path(path).expanduser()
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(read_only_uri(path.resolve()), uri=True)
        try:
            revisions = {row[0] for row in con.execute("SELECT version_num FROM alembic_version")}
            if revisions != SCHEMA_HEADS:
                return None
            return con.execute(f"SELECT {', '.join(COLUMNS)} FROM project ORDER BY id").fetchall()  # noqa: S608 - a constant
        finally:
            con.close()
    except sqlite3.Error:
        return None
