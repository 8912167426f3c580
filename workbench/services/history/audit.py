"""The audit log as a hash chain (审计日志): each entry's hash covers the previous hash and the entry itself,
so an edited, deleted, inserted or reordered entry breaks the chain where it happened."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.text import Text
from workbench.services.projects.projects import resolve
from workbench.services.sharing.package_merge import ledger_problems
from workbench.services.history.ledger_audit import LedgerLog, logged_problems, rule_problems
from workbench.services.support.context import Actor
from workbench.services.support.records import entry_hash
from workbench.services.support.write_action import write_action
from workbench.store.audit_anchor import Anchor, read_anchor
from workbench.store.models import AuditRow, ProjectRow
from workbench.store.team_anchor import TeamAnchor, move_team_anchor, read_team_anchor
from workbench.store.workspace import Workspace


@dataclass(frozen=True)
class AuditReport:
    """``intact``: the chain is unbroken and, where an anchor can be read, ends where the anchor says.
    ``confirmed``: the anchor outside the file (team mode: signed with the owners' key) vouches for the head (False:
    "cannot confirm", with ``note``).
    ``ledger_problems``: the unit ledger as stored breaks its invariants or differs from what the log recorded."""

    entries: int
    intact: bool
    broken_at: int | None = None
    problem: str | Text = ""
    confirmed: bool = False
    note: str | Text = ""
    ledger_problems: tuple[str | Text, ...] = ()


def _move_anchor(ws: Workspace, head: tuple[int, str]) -> None:
    """An owner's check moves the team anchor to the verified head: written under the write lock, not an audited
    change (the anchor records the log; it is not part of it)."""
    with write_action(ws, Actor(ws.user) if ws.user else Actor(), "audit.anchor") as act:
        move_team_anchor(act.session, ws.user or "", head)
        act.unchanged()


def verify(ws: Workspace) -> AuditReport:
    """Walk the chain from the first entry (the first entry whose link or content does not match is reported), hold
    its head against the anchor outside the file (``store.audit_anchor``; team mode: ``store.team_anchor``, which
    only an owner holding the owners' key can check — and then moves to the head), and check the unit ledger
    against its rules and against what the log recorded (``ledger_audit``)."""
    prev = ""
    count = 0
    hashes: dict[int, str] = {}
    ledger_log = LedgerLog()
    with ws.reading() as s:
        for row in s.scalars(select(AuditRow).order_by(AuditRow.id)):
            count += 1
            if row.prev_hash != prev:
                return AuditReport(count, False, row.id, Text("audit.problem.chain_broken", id=row.id, action=row.action))
            expected = entry_hash(prev, row.at, row.actor, row.action, row.project_id, row.reason, row.payload)
            if row.hash != expected:
                return AuditReport(count, False, row.id, Text("audit.problem.entry_altered", id=row.id, action=row.action, at=str(row.at), actor=row.actor))
            prev = row.hash
            hashes[row.id] = row.hash
            ledger_log.add(row.action, row.project_id, row.payload)
        problems = tuple(ledger_checks(s, ledger_log))
    anchor, why, altered = _anchor(ws)
    if altered:
        return AuditReport(count, False, None, why, ledger_problems=problems)
    verified_head = max(hashes, default=0), prev
    if anchor is None and why is not None and why.id == "audit.team.no_anchor" and count:  # an owner's first check
        _move_anchor(ws, verified_head)
        return AuditReport(count, True, confirmed=False, note=Text("audit.team.first_anchor", id=verified_head[0]), ledger_problems=problems)
    if anchor is None:
        return AuditReport(count, True, confirmed=False, note=why, ledger_problems=problems)
    if anchor.last_id not in hashes:
        newest = max(hashes, default=0)
        return AuditReport(count, False, anchor.last_id, Text("audit.problem.truncated", newest=newest, anchored=anchor.last_id), ledger_problems=problems)
    if hashes[anchor.last_id] != anchor.last_hash:
        return AuditReport(count, False, anchor.last_id, Text("audit.problem.rechained", anchored=anchor.last_id), ledger_problems=problems)
    after = sum(1 for i in hashes if i > anchor.last_id)
    if after and ws.path is None:  # an owner found the chain unbroken from the anchor to the head: it is anchored there now
        _move_anchor(ws, verified_head)
        return AuditReport(count, True, confirmed=True, note=Text("audit.team.anchored_now", count=after), ledger_problems=problems)
    note = Text("audit.anchor.after", count=after) if after else ""
    return AuditReport(count, True, confirmed=not after, note=note, ledger_problems=problems)


def _anchor(ws: Workspace) -> tuple[Anchor | TeamAnchor | None, Text | None, bool]:
    """(the anchor that vouches for the head, or None and why it cannot; whether the anchor itself was altered)."""
    if ws.path is not None:
        anchor, why = read_anchor(ws.path)
        return anchor, why, False
    with ws.reading() as s:
        return read_team_anchor(s, ws.user, ws.role)


def ledger_checks(s: Session, ledger_log: LedgerLog) -> list[str | Text]:
    """Every project's ledger invariants (serials once, totals as issued), the ledger's own rules (totals per
    issuance, transactions against blocks, statuses) and each issuance, block and transaction as the log last
    recorded it (``ledger_audit``) — a row changed, added or removed in the file without an action shows here."""
    problems: list[str | Text] = []
    for project_id, code in s.execute(select(ProjectRow.id, ProjectRow.code)):
        problems += ledger_problems(s, project_id, code)
    return problems + rule_problems(s) + logged_problems(s, ledger_log)


def log(ws: Workspace, project: int | str) -> list[AuditRow]:
    with ws.reading() as s:
        p = resolve(s, project)
        return list(s.scalars(select(AuditRow).where(AuditRow.project_id == p.id).order_by(AuditRow.id)))
