"""Issuances and retirements as they happened (签发记录, 注销记录), read from the ledger's journal of transactions.

A block is split whenever part of it moves, and its account changes when all of it moves, so today's blocks say who
holds units now, not what was issued to whom. Each transaction records the serial range it moved and the account it
moved from or to at the time, so these records are read from the transactions, never from today's holdings. They are
plain data for documents and views: quantities as integers, shares as exact percentages, no internal ids.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.serials import serial_label
from workbench.store.models import ProjectRow
from workbench.store.models_ledger import AccountRow, BlockRow, IssuanceRow, TransactionRow

SHARES = ("china_share", "host_share", "third_party_share")


def moved_range(tx: TransactionRow, block: BlockRow) -> tuple[int, int]:
    """(first, last) serial the transaction moved. Rows imported from packages made before the range was recorded
    have none; for them the range is the last ``quantity`` serials of the block named, because units always leave a
    block from its front and the block keeps its last serial (``serials.take``)."""
    if tx.first is not None and tx.last is not None:
        return tx.first, tx.last
    return block.last - tx.quantity + 1, block.last


def percent(part: Decimal | int, whole: Decimal | int) -> str:
    """``part / whole`` as a percentage with up to two decimals and no trailing zeros, e.g. ``50 %``, ``45.01 %``."""
    if not whole:
        return "0 %"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"))
    text = f"{value:f}".rstrip("0").rstrip(".")
    return f"{text} %"


def _label(project: ProjectRow, vintage: int, first: int, last: int) -> str:
    return serial_label(project.programme, project.host_country, project.code, vintage, first, last)


def _allocation(project: ProjectRow, applied: dict[str, Any]) -> dict[str, str] | None:
    """The shares the joint body's allocation gave, as percentages, and the registry of the third party's share."""
    if not applied:
        return None
    registry = "CN" if applied.get("third_party_registry", "china") == "china" else project.host_country
    return {"effective_from": applied["effective_from"], **{k: percent(Decimal(applied[k]), 1) for k in SHARES},
            "third_party_registry": registry}


def issuance_record(s: Session, project: ProjectRow, issuance: IssuanceRow) -> dict[str, Any]:
    """What one issuance put into each registry and account.

    Returns ``{"decision_on", "decision_ref", "allocation": {effective_from, china_share, host_share, third_party_share
    (percent strings), third_party_registry} | None, "lines": [{registry, holder, vintage, quantity (int), first, last,
    serials, third_party, share}], "registries": [{registry, quantity, share}], "holders": [{registry, holder,
    quantity, share}], "vintages": [{vintage, quantity}], "total"}`` — shares are percentages of the total issued.
    """
    rows = s.execute(select(TransactionRow, BlockRow, AccountRow.holder)
                     .join(BlockRow, BlockRow.id == TransactionRow.block_id)
                     .join(AccountRow, AccountRow.id == TransactionRow.to_account_id)
                     .where(BlockRow.issuance_id == issuance.id, TransactionRow.kind == "issue")).all()
    lines = []
    for tx, block, holder in rows:
        first, last = moved_range(tx, block)
        lines.append({"registry": block.registry_code, "holder": holder, "vintage": block.vintage, "quantity": tx.quantity,
                      "first": first, "last": last, "serials": _label(project, block.vintage, first, last), "third_party": block.third_party})
    lines.sort(key=lambda line: (line["vintage"], line["first"]))
    total = sum(line["quantity"] for line in lines)
    for line in lines:
        line["share"] = percent(line["quantity"], total)

    def summed(*keys: str) -> list[dict[str, Any]]:
        sums: dict[tuple, int] = {}
        for line in lines:  # in serial order, so the China registry's lines come first as they were issued
            key = tuple(line[k] for k in keys)
            sums[key] = sums.get(key, 0) + line["quantity"]
        return [{**dict(zip(keys, key)), "quantity": q, "share": percent(q, total)} for key, q in sums.items()]

    return {"decision_on": str(issuance.decision_on), "decision_ref": issuance.decision_ref,
            "allocation": _allocation(project, json.loads(issuance.allocation_applied or "{}")),
            "lines": lines, "registries": summed("registry"), "holders": summed("registry", "holder"),
            "vintages": [{"vintage": v["vintage"], "quantity": v["quantity"]} for v in summed("vintage")], "total": total}


def retirement_record(s: Session, project: ProjectRow, tx: TransactionRow) -> dict[str, Any]:
    """One retirement (or cancellation) as recorded: ``{serials, first, last, quantity, vintage, registry, holder,
    beneficiary, purpose, compliance_year (int | None), on (ISO date), use}`` — the holder is the account the units
    left."""
    block = s.get(BlockRow, tx.block_id)
    first, last = moved_range(tx, block)
    holder = s.get(AccountRow, tx.from_account_id).holder if tx.from_account_id else ""
    return {"serials": _label(project, block.vintage, first, last), "first": first, "last": last, "quantity": tx.quantity,
            "vintage": block.vintage, "registry": block.registry_code, "holder": holder, "beneficiary": tx.beneficiary,
            "purpose": tx.purpose, "compliance_year": tx.compliance_year, "on": str(tx.on), "use": block.use}
