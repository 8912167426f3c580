"""Offset eligibility of a block for a market's compliance year, by the rule edition in force (抵销)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from workbench.domain.errors import NotFound, UserError
from workbench.domain.offsets import OffsetAnswer, OffsetBase, OffsetRule, UnitFacts, evaluate
from workbench.domain.text import Bilingual, Text
from workbench.reference import ReferenceRow, load_table
from workbench.services.support import fields as f
from workbench.services.methodology.methodology import parameters_of
from workbench.store.models import ProjectRow
from workbench.store.models_ledger import BlockRow
from workbench.store.workspace import Workspace

HYDRO_METHODOLOGIES: tuple[str, ...] = ()  # none of the installed methodologies is hydropower


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def market_name(row: ReferenceRow) -> Bilingual:
    """The market as a user knows it, in both languages (columns ``market``, ``market_zh``)."""
    return Bilingual(row.columns["market"], row.columns.get("market_zh") or row.columns["market"])


def rule_of(row: ReferenceRow) -> OffsetRule:
    c = row.columns
    return OffsetRule(
        row.key, market_name(row), Decimal(c["limit_pct"]) if c["limit_pct"] else None,
        OffsetBase(c["base"]) if c["base"] else None, tuple(c["accepts"].split()),
        c["region_rule"], Decimal(c["min_local_pct"]) if c["min_local_pct"] else None, c["exclude_hydro"] == "yes",
        _date(c["generated_from"]), _date(c["generated_to"]), _date(c["compliance_from"]), _date(c["compliance_to"]),
        row.source, row.confirm,
    )


@dataclass(frozen=True)
class OffsetCheck:
    block: int
    market: Bilingual  # columns ``market`` and ``market_zh``
    edition: Text  # the rule applied: key, valid from, source
    confirm: bool
    answer: OffsetAnswer


def check(ws: Workspace, block_id: int, market: str, compliance_year: int, base_quantity=None) -> OffsetCheck:
    """Eligible or not, why, the edition applied, and the most the entity may use."""
    base = f.optional_decimal(base_quantity, "base")
    if base is not None and base < 0:
        raise UserError("error.offsets.the_base_quantity_is_negative", field="base", base=base)
    table = load_table("offset_rules")
    if market not in table.keys():
        raise UserError("error.offsets.unknown_market_markets", field="market", market=market, value=', '.join(table.keys()))
    with ws.reading() as s:
        block = s.get(BlockRow, int(block_id))
        if block is None:
            raise NotFound("error.offsets.no_block", field="block", block_id=block_id)
        if block.status == "retired":
            raise UserError("error.offsets.block_is_retired_it_cannot_be", field="block", number=block.id)
        project = s.get(ProjectRow, block.project_id)
        region = parameters_of(s, project.id).get("region", "")
        row = table.on(market, date(compliance_year, 12, 31))
        unit = UnitFacts(project.programme, project.host_country, region, project.methodology_id in HYDRO_METHODOLOGIES, block.vintage)
        answer = evaluate(rule_of(row), unit, compliance_year, base)
        return OffsetCheck(block.id, market_name(row), Text("offsets.edition", key=row.key, valid_from=row.valid_from.isoformat(),
                                                             source=Bilingual(row.source, row.source_zh)),
                           row.confirm, answer)
