"""Ledger exports: one CSV row per block, and an Article 6.2-style table of first transfers and uses."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlalchemy import select

from workbench.domain import article6
from workbench.domain.serials import serial_label
from workbench.services.support.output_files import output_path, replacing
from workbench.services.issuance.ledger import holdings
from workbench.services.projects.projects import resolve
from workbench.store.models_ledger import AccountRow, BlockRow, TransactionRow
from workbench.store.workspace import Workspace

LEDGER_COLUMNS = ["block", "serials", "programme", "host_country", "project", "vintage", "first", "last", "quantity", "registry", "holder",
                  "status", "third_party", "use", "pledged", "frozen", "cn_authorised", "cn_adjustment", "host_authorised", "host_adjustment"]
ARTICLE6_COLUMNS = ["authorising_party", "first_transfer", "first_transfer_on", "serials", "vintage", "quantity", "sector", "activity",
                    "registry", "transferring_holder", "acquiring_holder", "purpose", "authorised", "corresponding_adjustment"]
FIRST_TRANSFERS = ("transfer", "retire", "cancel")


def ledger_rows(ws: Workspace, project: int | str) -> list[dict[str, Any]]:
    with ws.reading() as s:
        p = resolve(s, project)
        out = []
        for b, holder, serials in holdings(s, p):
            states = article6.parse(b.article6)
            cn, host = states.get("CN"), states.get(p.host_country) if p.host_country != "CN" else None
            out.append({"block": b.id, "serials": serials,
                        "programme": p.programme, "host_country": p.host_country, "project": p.code, "vintage": b.vintage, "first": b.first,
                        "last": b.last, "quantity": b.last - b.first + 1, "registry": b.registry_code, "holder": holder, "status": b.status,
                        "third_party": b.third_party, "use": b.use, "pledged": b.pledged, "frozen": b.frozen,
                        "cn_authorised": cn.authorised if cn else False, "cn_adjustment": cn.adjustment if cn else "none",
                        "host_authorised": host.authorised if host else False, "host_adjustment": host.adjustment if host else "none"})
        return out


def history(blocks: dict[int, BlockRow], txs: dict[int, list[TransactionRow]], block: BlockRow) -> list[TransactionRow]:
    """Transactions that moved this block's units: its own, and its ancestors' from before it was split off them."""
    out = list(txs.get(block.id, []))
    limit = min((t.id for t in out), default=None)
    parent = blocks.get(block.parent_id) if block.parent_id else None
    while parent is not None:
        earlier = [t for t in txs.get(parent.id, []) if limit is None or t.id < limit]
        out = earlier + out
        limit = min((t.id for t in out), default=limit)
        parent = blocks.get(parent.parent_id) if parent.parent_id else None
    return sorted(out, key=lambda t: t.id)


def article6_rows(ws: Workspace, project: int | str) -> list[dict[str, Any]]:
    """Per authorising country and authorised block: the first transfer (first international transfer, use or
    cancellation) with the corresponding-adjustment status — the shape of an Article 6.2 report's tables."""
    with ws.reading() as s:
        p = resolve(s, project)
        blocks = {b.id: b for b in s.scalars(select(BlockRow).where(BlockRow.project_id == p.id))}
        txs: dict[int, list[TransactionRow]] = {}
        for t in s.scalars(select(TransactionRow).where(TransactionRow.block_id.in_(blocks or {-1})).order_by(TransactionRow.id)):
            txs.setdefault(t.block_id, []).append(t)
        holders = {a.id: a.holder for a in s.scalars(select(AccountRow))}
        out = []
        for b in sorted(blocks.values(), key=lambda x: (x.vintage, x.first)):
            for country, state in sorted(article6.parse(b.article6).items()):
                if not state.authorised:
                    continue
                first = next((t for t in history(blocks, txs, b) if t.kind in FIRST_TRANSFERS), None)
                out.append({"authorising_party": country, "first_transfer": first.kind if first else "",
                            "first_transfer_on": first.on if first else None,
                            "serials": serial_label(p.programme, p.host_country, p.code, b.vintage, b.first, b.last), "vintage": b.vintage,
                            "quantity": b.last - b.first + 1, "sector": p.sector, "activity": f"{p.code} {p.title_en}", "registry": b.registry_code,
                            "transferring_holder": holders.get(first.from_account_id, "") if first else "",
                            "acquiring_holder": (holders.get(first.to_account_id, "") or first.beneficiary) if first else "",
                            "purpose": b.use, "authorised": True, "corresponding_adjustment": state.adjustment})
        return out


def write_ledger_csv(ws: Workspace, project: int | str, out: str | Path, *, force: bool = False) -> Path:
    output_path(out, force=force)  # checked before the ledger is read
    return _write_csv(ledger_rows(ws, project), LEDGER_COLUMNS, out, force)


def write_article6_csv(ws: Workspace, project: int | str, out: str | Path, *, force: bool = False) -> Path:
    output_path(out, force=force)
    return _write_csv(article6_rows(ws, project), ARTICLE6_COLUMNS, out, force)


def _write_csv(rows: list[dict[str, Any]], columns: list[str], out: str | Path, force: bool) -> Path:
    out = output_path(out, force=force)
    with replacing(out) as tmp, open(tmp, "w", newline="", encoding="utf-8-sig") as fh:  # BOM: Excel opens Chinese names correctly
        writer = csv.DictWriter(fh, columns)
        writer.writeheader()
        writer.writerows(rows)
    return out
