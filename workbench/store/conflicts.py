"""Edits made from an out-of-date copy of a row: refused, with who changed the row, when and what (team mode).

Rows edited in place carry a version (``models.Versioned``). A stale edit is caught two ways: a service given the
version its user saw compares it before writing (``refuse_if_stale``), and the database refuses an UPDATE whose
version no longer matches because another session committed first (SQLAlchemy's ``StaleDataError``, turned
into an ``EditConflict`` by ``Workspace.transaction``). Either way nothing of the edit is written.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, inspect, select
from sqlalchemy.orm import Session

from workbench.domain.errors import UserError
from workbench.store.models import AuditRow, Base, Versioned


class EditConflict(UserError):
    """Someone else changed or deleted the row since this edit's copy was read."""


NOT_SAVED = "Your edit was not saved: reload and apply it again."


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def last_change(session: Session, table: str, row_id: int) -> str:
    """'by alice at 2026-11-23 10:02:11 (title_en 'A' → 'B')' from the newest audit entry naming the row."""
    marker = f'"entity": "{table}", "id": {row_id}}}'  # records.payload writes entities with sorted keys
    entry = session.scalars(select(AuditRow).where(AuditRow.payload.contains(marker)).order_by(AuditRow.id.desc()).limit(1)).first()
    if entry is None:
        return "by another session"
    fields = []
    for item in json.loads(entry.payload).get("entities", []):
        if item.get("entity") == table and item.get("id") == row_id:
            before, after = item.get("before") or {}, item.get("after") or {}
            fields = [f"{k} {_short(before.get(k))} → {_short(after.get(k))}" for k in sorted(set(before) | set(after))
                      if before.get(k) != after.get(k)]
    what = f" ({'; '.join(fields)})" if fields and len(fields) <= 6 else (f" ({len(fields)} fields)" if fields else "")
    return f"by {entry.actor} at {entry.at:%Y-%m-%d %H:%M:%S}{what}"


def _stored_version(session: Session, table: str, row_id: int) -> int | None:
    """The version the database holds now (None: the row is gone)."""
    column = Base.metadata.tables[table].c
    return session.execute(select(column.version).where(column.id == row_id)).scalar()


def describe(session: Session, table: str, row_id: int, seen: int, current: int | None) -> str:
    if current is None:
        return f"{table} {row_id} was deleted {last_change(session, table, row_id)} after you loaded it"
    return (f"{table} {row_id} was changed {last_change(session, table, row_id)} after you loaded it "
            f"(your copy: version {seen}, now version {current})")


def refuse_if_stale(session: Session, row: Versioned, seen: int | None) -> None:
    """Refuse an edit based on version ``seen`` of ``row`` when the stored row has moved on."""
    if seen is not None and row.version != seen:
        table = inspect(row).mapper.local_table.name
        raise EditConflict(f"{describe(session, table, row.id, seen, row.version)}. {NOT_SAVED}")


def remember_versions(session: Session, _context: Any, _instances: Any) -> None:
    """before_flush: the version each changed or deleted row is based on, to explain a refused flush."""
    seen = session.info.setdefault("versions", {})
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, Versioned) and obj.id is not None:
            seen[(inspect(obj).mapper.local_table.name, obj.id)] = obj.version


def stale_edit(engine: Engine, versions: dict[tuple[str, int], int]) -> EditConflict:
    """The conflict behind a StaleDataError: the rows whose stored version differs from the one edited."""
    with Session(engine) as s:
        stale = []
        for (table, row_id), seen in versions.items():
            current = _stored_version(s, table, row_id)
            if current != seen:
                stale.append(describe(s, table, row_id, seen, current))
    what = "; ".join(stale) or "a row you edited was changed by another session meanwhile"
    return EditConflict(f"{what}. {NOT_SAVED}")
