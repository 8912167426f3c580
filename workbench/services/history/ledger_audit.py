"""The unit ledger held against the audit log (登记簿与审计日志核对): issuances, unit blocks and their transactions
as the actions that wrote them recorded them, and the rules every ledger keeps whoever wrote it.

Someone with the workspace file (or, in team mode, the database) can edit a ledger row with SQL and leave the audit
chain untouched; this finds such an edit:

- every issuance, block and transaction the log recorded must still hold the values of its last recorded change,
  and a row the log recorded removed must be gone; a row no action recorded is reported (except in a project whose
  rows a package import replaced as a whole — its log lives in the package's history);
- an ``issue`` transaction holds the range its block had when it was issued;
- each transaction's quantity is its serial range, and that range still covers its block (units leave a block only
  from its front; seed 003, registry rules as in ``services.issuance.ledger``);
- per issuance, its blocks hold what its ``issue`` transactions issued, its period is marked issued;
- statuses: a block is one of the known statuses; a block with a ``retire`` (``cancel``) transaction is retired
  (cancelled) and the other way round; a block once transferred is never back at "issued".
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.text import Text
from workbench.domain.vocabulary import BlockStatus, PeriodStatus, TransactionKind
from workbench.services.support.records import row_fields
from workbench.store.models_ledger import BlockRow, IssuanceRow, TransactionRow
from workbench.store.models_periods import AccountingPeriodRow

# The columns compared with the log, per entity of the ledger (bookkeeping and descriptive columns left out).
LOGGED: dict[str, tuple[type, tuple[str, ...]]] = {
    "unit_block": (BlockRow, ("first", "last", "vintage", "registry_code", "account_id", "status", "project_id", "issuance_id")),
    "unit_transaction": (TransactionRow, ("kind", "block_id", "quantity", "first", "last", "from_account_id", "to_account_id",
                                          "price", "currency", "compliance_year", "on")),
    "issuance": (IssuanceRow, ("project_id", "period_id", "decision_on", "decision_ref", "allocation_id", "allocation_applied")),
}
CLOSING = {"retire": BlockStatus.RETIRED.value, "cancel": BlockStatus.CANCELLED.value}


class LedgerLog:
    """What the audit log says of the ledger, fed one entry at a time in chain order."""

    def __init__(self) -> None:
        self.last: dict[str, dict[int, dict | None]] = {kind: {} for kind in LOGGED}
        self.issued_as: dict[int, dict] = {}  # a block as it was when first recorded (its issue range)
        self.replaced: set[int] = set()  # projects whose rows a package import replaced as a whole
        self.project: dict[tuple[str, int], int | None] = {}  # the project of each recorded row

    def add(self, action: str, project_id: int | None, payload: str) -> None:
        if action == "package.import":
            self.replaced.add(project_id)
            for kind, rows in self.last.items():
                for key in [k for k in rows if self.project.get((kind, k)) == project_id]:
                    rows.pop(key)
            self.issued_as = {k: v for k, v in self.issued_as.items() if v.get("project_id") != project_id}
        for e in json.loads(payload).get("entities", []):
            kind = e.get("entity")
            if kind in self.last:
                self.last[kind][e["id"]] = e.get("after")
                self.project[(kind, e["id"])] = (e.get("after") or e.get("before") or {}).get("project_id", project_id)
                if kind == "unit_block" and e.get("before") is None and e.get("after"):
                    self.issued_as.setdefault(e["id"], e["after"])


def _name(kind: str) -> Text:
    return Text(f"audit.ledger.entity.{kind}")


def logged_problems(s: Session, log: LedgerLog) -> list[Text]:
    """Each issuance, block and transaction against the log's last record of it."""
    problems: list[Text] = []
    blocks = {b.id: b for b in s.scalars(select(BlockRow))}
    for kind, (model, columns) in LOGGED.items():
        stored = {row.id: row for row in s.scalars(select(model))}
        for row_id, after in log.last[kind].items():
            row = stored.get(row_id)
            if after is None:
                if row is not None:
                    problems.append(Text("audit.ledger.present_although_removed", entity=_name(kind), id=row_id))
            elif row is None:
                problems.append(Text("audit.ledger.missing", entity=_name(kind), id=row_id))
            else:
                now = row_fields(row)
                changed = [k for k in columns if k in after and now.get(k) != after[k]]
                if changed:
                    problems.append(Text("audit.ledger.changed", entity=_name(kind), id=row_id,
                                         changes="; ".join(f"{k} {after[k]!r} → {now.get(k)!r}" for k in changed)))
        for row_id, row in stored.items():
            if row_id in log.last[kind]:
                continue
            project = _project_of(kind, row, blocks)
            if project in log.replaced:
                continue
            if kind == "unit_transaction" and row.kind == "issue" and row.block_id in log.issued_as:
                problems += _issue_as_logged(row, log.issued_as[row.block_id])
                continue
            problems.append(Text("audit.ledger.unrecorded", entity=_name(kind), id=row_id))
    return problems


def _project_of(kind: str, row: Any, blocks: dict[int, BlockRow]) -> int | None:
    if kind == "unit_transaction":
        block = blocks.get(row.block_id)
        return block.project_id if block is not None else None
    return row.project_id


def _issue_as_logged(tx: TransactionRow, block: dict) -> list[Text]:
    """An issue transaction (recorded with its block, not on its own) holds the range the block was issued with."""
    expected = {"first": block.get("first"), "last": block.get("last"), "to_account_id": block.get("account_id"),
                "quantity": block["last"] - block["first"] + 1 if "first" in block and "last" in block else None}
    now = {"first": tx.first, "last": tx.last, "to_account_id": tx.to_account_id, "quantity": tx.quantity}
    changed = [k for k, v in expected.items() if v is not None and now[k] is not None and now[k] != v]
    if not changed:
        return []
    return [Text("audit.ledger.changed", entity=_name("unit_transaction"), id=tx.id,
                 changes="; ".join(f"{k} {expected[k]!r} → {now[k]!r}" for k in changed))]


def rule_problems(s: Session) -> list[Text]:
    """Totals per issuance, transactions' ranges against their blocks, statuses and their transactions."""
    problems: list[Text] = []
    blocks = {b.id: b for b in s.scalars(select(BlockRow))}
    txs = list(s.scalars(select(TransactionRow).order_by(TransactionRow.id)))
    kinds: dict[int, set[str]] = defaultdict(set)
    issued: dict[int, int] = defaultdict(int)
    for tx in txs:
        block = blocks.get(tx.block_id)
        if block is None:
            continue
        kinds[block.id].add(tx.kind)
        if tx.kind == "issue":
            issued[block.issuance_id] += tx.quantity
        if tx.first is None or tx.last is None:
            continue
        if tx.quantity != tx.last - tx.first + 1:
            problems.append(Text("audit.ledger.quantity_not_range", id=tx.id, quantity=tx.quantity, first=tx.first, last=tx.last))
        elif not tx.first <= block.first <= block.last <= tx.last:
            problems.append(Text("audit.ledger.range_not_block", id=tx.id, first=tx.first, last=tx.last, block=block.id,
                                 block_first=block.first, block_last=block.last))
    held: dict[int, int] = defaultdict(int)
    for block in blocks.values():
        held[block.issuance_id] += block.last - block.first + 1
        problems += _status_problems(block, kinds[block.id])
    for issuance in s.scalars(select(IssuanceRow).order_by(IssuanceRow.id)):
        if held[issuance.id] != issued[issuance.id]:
            problems.append(Text("audit.ledger.issuance_total", id=issuance.id, held=held[issuance.id], issued=issued[issuance.id]))
        status = s.scalar(select(AccountingPeriodRow.status).where(AccountingPeriodRow.id == issuance.period_id))
        if status != "issued":
            problems.append(Text("audit.ledger.issuance_period", id=issuance.id, status=PeriodStatus(status) if PeriodStatus.has_value(status) else status or "—",
                                 issued=PeriodStatus.ISSUED))
    return problems


def _status_problems(block: BlockRow, kinds: set[str]) -> list[Text]:
    if block.status not in {s.value for s in BlockStatus}:
        return [Text("audit.ledger.status_unknown", block=block.id, status=block.status)]
    closing = {CLOSING[k] for k in kinds if k in CLOSING}
    if closing and block.status not in closing or not closing and block.status in CLOSING.values():
        return [Text("audit.ledger.status_without_move", block=block.id, status=BlockStatus(block.status),
                     moves=[TransactionKind(k) for k in sorted(kinds)] or ["—"])]
    if "transfer" in kinds and block.status == BlockStatus.ISSUED.value:
        return [Text("audit.ledger.transferred_back", block=block.id)]
    return []
