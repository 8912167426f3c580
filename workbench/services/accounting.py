"""Emission-reduction accounting of one period (减排量核算): monitoring data → methodology → vintage results.

Each vintage's credited tonnes are its exact reductions rounded down (CONTRACTS.md §6); the fraction stays
visible in the stored result, never carried over silently.
"""

from __future__ import annotations

import json
from decimal import ROUND_FLOOR, Decimal

from sqlalchemy import select

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.methodology import grid_factors
from workbench.methodology.loader import get
from workbench.services.context import Actor
from workbench.services.meters import applied_error
from workbench.services.methodology import ex_ante, grid_overrides, parameters_of
from workbench.services.monitoring import totals
from workbench.services.projects import resolve
from workbench.services.records import entity, plain, record
from workbench.store.models_monitoring import MeterRow
from workbench.store.models_periods import AccountingPeriodRow, VintageResultRow
from workbench.store.workspace import Workspace

WH_PER_MWH = Decimal(1_000_000)
EDITABLE = ("draft", "reported")


def credited(reductions: Decimal) -> int:
    """Whole tonnes credited: rounded down, never up (conservative)."""
    return int(max(reductions, Decimal(0)).to_integral_value(rounding=ROUND_FLOOR))


def period_of(session, project_id: int, ref: int | str) -> AccountingPeriodRow:
    text = str(ref).strip().lstrip("#")
    rows = session.scalars(select(AccountingPeriodRow).where(AccountingPeriodRow.project_id == project_id)).all()
    for r in rows:
        if text.isdigit() and int(text) in (r.id, r.number):
            return r
    raise UserError(f"no accounting period {ref!r} in this project; 'workbench period list' shows them", where="period")


def calculate_period(ws: Workspace, actor: Actor, project: int | str, period: int | str) -> Change:
    """Compute BE/PE/LE/ER per vintage of the period from the stored meter readings (grid-connected power)."""
    with ws.transaction() as s:
        p = resolve(s, project)
        row = period_of(s, p.id, period)
        if row.status not in EDITABLE:
            raise UserError(f"period {row.number} is {row.status}; its results can no longer change", where="period")
        methodology = get(p.methodology_id) if p.methodology_id else None
        if methodology is None or methodology.sector != "energy":
            raise UserError(f"period accounting from meter data needs a grid-connected power methodology, not {p.methodology_id or 'none'}", where="methodology")
        grid = parameters_of(s, p.id).get("grid")
        if not grid:
            raise UserError("the project has no grid set ('workbench parameter set PROJECT grid …')", where="grid")
        meters = {m.serial: m for m in s.scalars(select(MeterRow).where(MeterRow.project_id == p.id))}
        sums = totals(s, p.id, row.start, row.end)
        if not sums:
            raise UserError(f"no meter readings between {row.start} and {row.end}", where=f"period {row.number}")
        overrides = grid_overrides(s)
        before = [{"vintage": v.vintage, "reductions": str(v.reductions)} for v in row.vintages]
        row.vintages.clear()
        s.flush()
        estimate = {v.year: v.reductions for v in ex_ante(s, p, actor.today)}
        for year in sorted({t.year for t in sums}):
            of_year = [t for t in sums if t.year == year]
            export = [t for t in of_year if meters[t.serial].role == "export"]
            imports = [t for t in of_year if meters[t.serial].role == "import"]
            export_error = max((applied_error(meters[t.serial], row.end)[0] for t in export), default=Decimal(0))
            import_error = max((applied_error(meters[t.serial], row.end)[0] for t in imports), default=Decimal(0))
            factor = grid_factors.pick(grid, "verification", actor.today, year, overrides)
            (result,) = methodology.estimate({
                "EF_OM": factor.ef_om, "EF_BM": factor.ef_bm,
                "vintages": [{
                    "year": year,
                    "EG_export": Decimal(sum(t.wh for t in export)) / WH_PER_MWH,
                    "EG_import": Decimal(sum(t.wh for t in imports)) / WH_PER_MWH,
                    "export_error": export_error, "import_error": import_error,
                }],
            })
            trace = {k: plain(v) for k, v in result.used.items()}
            trace["grid_factor"] = factor.cite()
            trace["meters"] = {t.serial: {"wh": t.wh, "readings": t.readings, "error": str(applied_error(meters[t.serial], row.end)[0]),
                                          "why": applied_error(meters[t.serial], row.end)[1]} for t in of_year}
            row.vintages.append(VintageResultRow(
                vintage=year, baseline=result.baseline, project_emissions=result.project_emissions, leakage=result.leakage,
                reductions=result.reductions, credited=credited(result.reductions),
                ex_ante_estimate=estimate.get(year), deviation_note="",
                calculation=json.dumps(trace, ensure_ascii=False, sort_keys=True),
            ))
        s.flush()
        results = {v.vintage: {"reductions": str(v.reductions), "credited": v.credited} for v in row.vintages}
        change = Change("period.calculate", actor.name, actor.now(), p.id, entities=(
            entity("accounting_period", row, {"vintages": before}),
            *(entity("vintage_result", v, None) for v in row.vintages)), result={"period": row.number, "vintages": results})
        return record(s, change)
