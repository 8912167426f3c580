"""The audit log as a hash chain (审计日志): each entry's hash covers the previous hash and the entry itself,
so an edited, deleted, inserted or reordered entry breaks the chain where it happened."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from workbench.services.projects.projects import resolve
from workbench.services.support.records import entry_hash
from workbench.store.models import AuditRow
from workbench.store.workspace import Workspace


@dataclass(frozen=True)
class AuditReport:
    entries: int
    intact: bool
    broken_at: int | None = None
    problem: str = ""


def verify(ws: Workspace) -> AuditReport:
    """Walk the chain from the first entry; report the first entry whose link or content does not match."""
    prev = ""
    count = 0
    with ws.reading() as s:
        for row in s.scalars(select(AuditRow).order_by(AuditRow.id)):
            count += 1
            if row.prev_hash != prev:
                return AuditReport(count, False, row.id, f"entry {row.id} ({row.action}) does not follow the entry before it: "
                                                         "an entry was deleted, inserted or reordered here")
            expected = entry_hash(prev, row.at, row.actor, row.action, row.project_id, row.reason, row.payload)
            if row.hash != expected:
                return AuditReport(count, False, row.id, f"entry {row.id} ({row.action}, {row.at}, by {row.actor}) was altered after it was written")
            prev = row.hash
    return AuditReport(count, True)


def log(ws: Workspace, project: int | str) -> list[AuditRow]:
    with ws.reading() as s:
        p = resolve(s, project)
        return list(s.scalars(select(AuditRow).where(AuditRow.project_id == p.id).order_by(AuditRow.id)))
