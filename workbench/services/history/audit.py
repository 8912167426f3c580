"""The audit log as a hash chain (审计日志): each entry's hash covers the previous hash and the entry itself,
so an edited, deleted, inserted or reordered entry breaks the chain where it happened."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.services.projects.projects import resolve
from workbench.services.sharing.package_merge import ledger_problems
from workbench.services.support.records import entry_hash, row_fields
from workbench.store.audit_anchor import read_anchor
from workbench.store.models import AuditRow, ProjectRow
from workbench.store.models_ledger import BlockRow
from workbench.store.workspace import Workspace


LEDGER_FIELDS = ("first", "last", "vintage", "registry_code", "account_id", "status", "project_id", "issuance_id")


@dataclass(frozen=True)
class AuditReport:
    """``intact``: the chain is unbroken and, where an anchor can be read, ends where the anchor says.
    ``confirmed``: the anchor outside the file vouches for the head (False: "cannot confirm", with ``note``).
    ``ledger_problems``: the unit ledger as stored breaks its invariants or differs from what the log recorded."""

    entries: int
    intact: bool
    broken_at: int | None = None
    problem: str = ""
    confirmed: bool = False
    note: str = ""
    ledger_problems: tuple[str, ...] = ()


def verify(ws: Workspace) -> AuditReport:
    """Walk the chain from the first entry (the first entry whose link or content does not match is reported), hold
    its head against the anchor outside the file (``store.audit_anchor``), and check the unit ledger's invariants
    and that every block is as the log last recorded it."""
    prev = ""
    count = 0
    hashes: dict[int, str] = {}
    logged_blocks: dict[int, dict | None] = {}
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
            hashes[row.id] = row.hash
            if row.action == "package.import":  # the project's rows were replaced as a whole, as the entry says
                logged_blocks = {k: v for k, v in logged_blocks.items() if (v or {}).get("project_id") != row.project_id}
            for e in json.loads(row.payload).get("entities", []):
                if e.get("entity") == "unit_block":
                    logged_blocks[e["id"]] = e.get("after")
        problems = tuple(ledger_checks(s, logged_blocks))
    if ws.path is None:
        return AuditReport(count, True, confirmed=False, ledger_problems=problems,
                           note="a team database keeps no anchor outside it: its server's logs and backups (pg_dump) vouch for it")
    anchor, why = read_anchor(ws.path)
    if anchor is None:
        return AuditReport(count, True, confirmed=False, note=why, ledger_problems=problems)
    if anchor.last_id not in hashes:
        newest = max(hashes, default=0)
        return AuditReport(count, False, anchor.last_id, f"the log ends at entry {newest} but its anchor outside the file records "
                                                         f"entry {anchor.last_id}: the newest entries were deleted", ledger_problems=problems)
    if hashes[anchor.last_id] != anchor.last_hash:
        return AuditReport(count, False, anchor.last_id, f"entry {anchor.last_id} is not the one its anchor outside the file "
                                                         "records: the log was rewritten and chained again", ledger_problems=problems)
    after = sum(1 for i in hashes if i > anchor.last_id)
    note = f"{after} newest entries were written after the anchor was last moved and cannot be confirmed" if after else ""
    return AuditReport(count, True, confirmed=not after, note=note, ledger_problems=problems)


def ledger_checks(s: Session, logged_blocks: dict[int, dict | None]) -> list[str]:
    """Every project's ledger invariants (serials once, totals as issued), and each unit block as the log last left it
    — a block changed, added or removed in the file without an action shows here."""
    problems: list[str] = []
    for project_id, code in s.execute(select(ProjectRow.id, ProjectRow.code)):
        problems += ledger_problems(s, project_id, code)
    stored = {row.id: row for row in s.scalars(select(BlockRow))}
    for block_id, after in logged_blocks.items():
        row = stored.get(block_id)
        if after is None:
            if row is not None:
                problems.append(f"unit block {block_id} is in the ledger although the log recorded it removed")
            continue
        if row is None:
            problems.append(f"unit block {block_id} is missing from the ledger although the log recorded it")
            continue
        now = row_fields(row)
        changed = sorted(k for k in LEDGER_FIELDS if k in after and now.get(k) != after[k])
        if changed:
            problems.append(f"unit block {block_id} was changed outside the workbench: " +
                            ", ".join(f"{k} {after[k]!r} → {now.get(k)!r}" for k in changed))
    return problems


def log(ws: Workspace, project: int | str) -> list[AuditRow]:
    with ws.reading() as s:
        p = resolve(s, project)
        return list(s.scalars(select(AuditRow).where(AuditRow.project_id == p.id).order_by(AuditRow.id)))
