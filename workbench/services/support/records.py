"""Turning rows into plain dicts for the change record, and writing the audit entry of each action."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from workbench.domain.change import Change, EntityChange
from workbench.domain.text import stored
from workbench.store.models import AuditRow
from workbench.store.write_lock import take_write_lock


def plain(value: Any) -> Any:
    """A JSON-safe value that keeps exactness: Decimal and dates as text, file bytes as their SHA-256."""
    if isinstance(value, bytes):
        return "sha256:" + hashlib.sha256(value).hexdigest()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def row_fields(row: Any, skip: tuple[str, ...] = ("created_at", "updated_at", "version")) -> dict[str, Any]:
    """Column values of a mapped row as plain values (the row version is bookkeeping, not content)."""
    mapper = inspect(row).mapper
    return {c.key: plain(getattr(row, c.key)) for c in mapper.column_attrs if c.key not in skip}


def entity(kind: str, row: Any, before: dict[str, Any] | None, *, deleted: bool = False) -> EntityChange:
    return EntityChange(kind, row.id, before, None if deleted else row_fields(row))


def payload(change: Change) -> str:
    return json.dumps(
        {
            "entities": [
                {"entity": e.entity, "id": e.entity_id, "before": e.before, "after": e.after} for e in change.entities
            ],
            "result": {k: stored(plain(v)) for k, v in change.result.items()},  # wording as message ids (text.stored)
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def entry_hash(prev: str, at: datetime, actor: str, action: str, project_id: int | None, reason: str, payload: str) -> str:
    """sha256 over the previous entry's hash and this entry's fields: the link of the audit chain."""
    canonical = json.dumps([prev, str(at), actor, action, project_id, reason, payload], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def unchanged(e: EntityChange) -> bool:
    """An update whose every recorded field still has its value before (re-setting a value to itself)."""
    if e.before is None or e.after is None:
        return False
    return all(key in e.after and e.after[key] == value for key, value in e.before.items())


def record(session: Session, change: Change) -> Change:
    """Write the audit entry of ``change`` inside the action's own transaction and hand the change back.

    Entities the action left as they were are dropped; an action that listed entities but changed none of them
    records nothing (and returns an empty change), so a no-op never lengthens the audit log. The entry is chained
    to the last one (``workbench.services.history.audit``); the last hash is read under the write lock
    (``write_lock.take_write_lock``, taken when the transaction began) so two writers cannot both follow the same
    entry.
    """
    entities = tuple(e for e in change.entities if not unchanged(e))
    if change.entities and not entities:
        return replace(change, entities=())
    change = replace(change, entities=entities)
    body = payload(change)
    actor = session.info.get("user") or change.actor  # on a team database, the signed-in login
    take_write_lock(session)
    prev = session.scalar(select(AuditRow.hash).order_by(AuditRow.id.desc()).limit(1)) or ""
    row = (
        AuditRow(
            at=change.at,
            actor=actor,
            action=change.action,
            project_id=change.project_id,
            reason=change.reason,
            payload=body,
            prev_hash=prev,
            hash=entry_hash(prev, change.at, actor, change.action, change.project_id, change.reason, body),
        )
    )
    session.add(row)
    session.flush()
    session.info["audit_head"] = (row.id, row.hash)  # the workspace anchors it once committed (store.audit_anchor)
    return change


def referring(session: Session, table: str, row_id: int, own: frozenset[str] = frozenset()) -> list[str]:
    """The tables whose rows still refer to row ``row_id`` of ``table`` by a foreign key, leaving out ``own`` (the
    rows that go with it): what keeps a just-made record from being taken back."""
    from workbench.store.schema import Base  # every model module, imported here only: the metadata then knows every table

    found = []
    for other in Base.metadata.sorted_tables:
        if other.name in own:
            continue
        for column in other.columns:
            if any(fk.column.table.name == table for fk in column.foreign_keys) and session.scalar(
                    select(func.count()).select_from(other).where(column == row_id)):
                found.append(other.name)
                break
    return found
