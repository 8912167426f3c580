"""The list of projects (项目列表): its rows, the search over them, and a read straight from a workspace file with
sqlite3 for the window's first paint — before SQLAlchemy, the ORM mapping and the workspace checks are loaded
(about a second at start, see ``benchmarks/bench_open.py``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from workbench.store.damage import read_only_uri
from workbench.store.schema_head import SCHEMA_HEADS


@dataclass(frozen=True)
class ProjectSummary:
    """One line of the project list; ``updated_at`` is ISO 8601 (``2025-01-17T10:00:00``)."""

    id: int
    code: str
    title_en: str
    title_zh: str
    programme: str
    host_country: str
    methodology_id: str
    stage: str
    updated_at: str


def matching(rows: Iterable[ProjectSummary], search: str = "") -> list[ProjectSummary]:
    """The rows whose code or titles contain ``search`` (any case); every row for an empty search."""
    needle = search.strip().lower()
    return [r for r in rows if not needle or needle in f"{r.code} {r.title_en} {r.title_zh}".lower()]


COLUMNS = "id, code, title_en, title_zh, programme, host_country, methodology_id, stage, updated_at"


def read_project_list(path: str | Path) -> list[ProjectSummary] | None:
    """The projects of the workspace file ``path`` in the order of ``projects.list_projects``, read without writing
    anything — or None when this read cannot be trusted and the workspace must be opened first: no such file, a
    schema other than ``SCHEMA_HEADS`` (an older file is migrated on opening, a newer one refused), or any SQLite
    error (a damaged file is found and named by the opening)."""
    path = Path(path).expanduser()
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(read_only_uri(path.resolve()), uri=True)
        try:
            revisions = {row[0] for row in con.execute("SELECT version_num FROM alembic_version")}
            if revisions != SCHEMA_HEADS:
                return None
            rows = con.execute(f"SELECT {COLUMNS} FROM project ORDER BY id").fetchall()  # noqa: S608 - a constant
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return [ProjectSummary(*row[:8], datetime.fromisoformat(row[8]).isoformat()) for row in rows]
