"""The list of projects (项目列表): its rows, the search over them, and the rows read straight from a workspace file
for the window's first paint (``store.project_rows``: sqlite3, before SQLAlchemy and the ORM mapping are loaded)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from workbench.store.project_rows import read_project_rows


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


def read_project_list(path: str | Path) -> list[ProjectSummary] | None:
    """The projects of the workspace file ``path`` in the order of ``projects.list_projects``, read without writing
    anything (``store.project_rows``) — or None when that read cannot be trusted and the workspace must be opened
    first."""
    rows = read_project_rows(path)
    if rows is None:
        return None
    return [ProjectSummary(*row[:8], datetime.fromisoformat(row[8]).isoformat()) for row in rows]
