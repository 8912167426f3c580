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

from workbench.domain import catalogue
from workbench.domain.errors import UserError, field_label
from workbench.domain.text import Text
from workbench.store.models import AuditRow, Base, Versioned


class EditConflict(UserError):
    """Someone else changed or deleted the row since this edit's copy was read."""


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def named(kind: str, key: str) -> Text | str:
    """A record or field by its label where the catalogue has one (``field.<key>``), else by its key."""
    key = RECORD_KEYS.get(key, key) if kind == "record" else key
    return field_label(key) if catalogue.has(f"field.{key}", "en") else key


RECORD_KEYS = {"accounting_period": "period", "unit_block": "block", "evidence_file": "file"}


def last_change(session: Session, table: str, row_id: int) -> Text:
    """'by alice at 2026-11-23 10:02:11 (Title (English) 'A' → 'B')' from the newest audit entry naming the row."""
    marker = f'"entity": "{table}", "id": {row_id}}}'  # records.payload writes entities with sorted keys
    entry = session.scalars(select(AuditRow).where(AuditRow.payload.contains(marker)).order_by(AuditRow.id.desc()).limit(1)).first()
    if entry is None:
        return Text("conflict.by_another_session")
    fields = []
    for item in json.loads(entry.payload).get("entities", []):
        if item.get("entity") == table and item.get("id") == row_id:
            before, after = item.get("before") or {}, item.get("after") or {}
            fields = [Text("conflict.field_changed", field=named("field", k), before=_short(before.get(k)), after=_short(after.get(k)))
                      for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]
    at = f"{entry.at:%Y-%m-%d %H:%M:%S}"
    if fields and len(fields) <= 6:
        return Text("conflict.by_with_fields", actor=entry.actor, at=at, fields=fields)
    return Text("conflict.by_with_count", actor=entry.actor, at=at, count=len(fields)) if fields else Text("conflict.by", actor=entry.actor, at=at)


def _stored_version(session: Session, table: str, row_id: int) -> int | None:
    """The version the database holds now (None: the row is gone)."""
    column = Base.metadata.tables[table].c
    return session.execute(select(column.version).where(column.id == row_id)).scalar()


def describe(session: Session, table: str, row_id: int, seen: int, current: int | None) -> Text:
    if current is None:
        return Text("conflict.deleted", record=named("record", table), number=row_id, by=last_change(session, table, row_id))
    return Text("conflict.changed", record=named("record", table), number=row_id, by=last_change(session, table, row_id), seen=seen,
                current=current)


def refuse_if_stale(session: Session, row: Versioned, seen: int | None) -> None:
    """Refuse an edit based on version ``seen`` of ``row`` when the stored row has moved on."""
    if seen is not None and row.version != seen:
        table = inspect(row).mapper.local_table.name
        raise EditConflict(Text("conflict.not_saved", what=[describe(session, table, row.id, seen, row.version)]))


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
    return EditConflict(Text("conflict.not_saved", what=stale or [Text("conflict.changed_meanwhile")]))
