"""Emission-reduction accounting of one period (减排量核算): monitoring data → methodology → vintage results.

Each vintage's credited tonnes are its exact reductions rounded down (CONTRACTS.md §6); the fraction stays
visible in the stored result, never carried over silently.
"""

from __future__ import annotations

import json
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.domain.text import Text
from workbench.methodology import grid_factors
from workbench.methodology.loader import get
from workbench.methodology.protocol import Methodology, VintageResult
from workbench.services.support.context import Actor
from workbench.services.monitoring.field_data import deliveries_between, latest_plots
from workbench.services.monitoring.meters import applied_error
from workbench.services.methodology.methodology import ex_ante, grid_overrides, parameters_of
from workbench.services.monitoring.monitoring import totals
from workbench.services.projects.projects import resolve
from workbench.services.support.records import entity, plain, record
from workbench.services.monitoring.site_import import stratum_areas
from workbench.store.models import ProjectRow
from workbench.store.models_inventory import FuelDeliveryRow, SamplePlotRow
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
    raise UserError("error.accounting.no_accounting_period_in_this_project", field="period", ref=ref)


def calculate_period(ws: Workspace, actor: Actor, project: int | str, period: int | str) -> Change:
    """Compute BE/PE/LE/ER per vintage of the period from the stored monitoring data: meter readings (and fuel
    deliveries) for grid-connected power, plot inventories and parcel strata for forestry."""
    with ws.transaction() as s:
        p = resolve(s, project)
        row = period_of(s, p.id, period)
        if row.status not in EDITABLE:
            raise UserError("error.accounting.period_is_its_results_can_no", field="period", number=row.number, status=row.status)
        methodology = get(p.methodology_id) if p.methodology_id else None
        if methodology is None:
            raise UserError("error.accounting.project_has_no_methodology_choose_one", field="methodology", code=p.code)
        before = [{"vintage": v.vintage, "reductions": str(v.reductions)} for v in row.vintages]
        estimate = {v.year: v.reductions for v in ex_ante(s, p, actor.today)}
        if methodology.species:
            vintages = _forestry(s, p, row, methodology)
        elif methodology.sector == "energy":
            vintages = _power(s, p, row, methodology, actor)
        else:
            raise UserError("error.accounting.takes_neither_meter_readings_nor_plot", field="methodology", full_id=methodology.full_id)
        row.vintages.clear()
        s.flush()
        for year, result, trace in vintages:
            row.vintages.append(VintageResultRow(
                vintage=year, baseline=result.baseline, project_emissions=result.project_emissions, leakage=result.leakage,
                reductions=result.reductions, credited=credited(result.reductions),
                ex_ante_estimate=estimate.get(year), deviation_note="",
                calculation=json.dumps(trace, ensure_ascii=False, sort_keys=True, default=str),
            ))
        s.flush()
        results = {v.vintage: {"reductions": str(v.reductions), "credited": v.credited} for v in row.vintages}
        change = Change("period.calculate", actor.name, actor.now(), p.id, entities=(
            entity("accounting_period", row, {"vintages": before}),
            *(entity("vintage_result", v, None) for v in row.vintages)), result={"period": row.number, "vintages": results})
        return record(s, change)


def _power(s: Session, p: ProjectRow, row: AccountingPeriodRow, methodology: Methodology, actor: Actor) -> list[tuple[int, VintageResult, dict]]:
    """Grid-connected power: net generation per calendar year from the revenue meters, auxiliary fuel where counted."""
    grid = parameters_of(s, p.id).get("grid")
    if not grid:
        raise UserError("error.accounting.the_project_has_no_grid_set", field="grid")
    meters = {m.serial: m for m in s.scalars(select(MeterRow).where(MeterRow.project_id == p.id))}
    sums = totals(s, p.id, row.start, row.end)
    if not sums:
        raise UserError("error.accounting.no_meter_readings_between_and", where=Text("where.period", number=row.number), start=row.start, end=row.end)
    overrides = grid_overrides(s)
    deliveries = deliveries_between(s, p.id, row.start, row.end) if methodology.fuels else []
    errors = {serial: applied_error(m, row.end) for serial, m in meters.items()}  # (error, why) at the period end
    out = []
    for year in sorted({t.year for t in sums}):
        of_year = [t for t in sums if t.year == year]
        export = [t for t in of_year if meters[t.serial].role == "export"]
        imports = [t for t in of_year if meters[t.serial].role == "import"]
        export_error = max((errors[t.serial][0] for t in export), default=Decimal(0))
        import_error = max((errors[t.serial][0] for t in imports), default=Decimal(0))
        factor = grid_factors.pick(grid, "verification", actor.today, year, overrides)
        vintage = {
            "year": year,
            "EG_export": Decimal(sum(t.wh for t in export)) / WH_PER_MWH,
            "EG_import": Decimal(sum(t.wh for t in imports)) / WH_PER_MWH,
            "export_error": export_error, "import_error": import_error,
        }
        if methodology.fuels:
            vintage["fuels"] = fuel_use([d for d in deliveries if d.delivered_on.year == year])
        (result,) = methodology.estimate({"EF_OM": factor.ef_om, "EF_BM": factor.ef_bm, "vintages": [vintage]})
        trace = {k: plain(v) for k, v in result.used.items()}
        trace["grid_factor"] = factor.cite()
        trace["meters"] = {t.serial: {"wh": t.wh, "readings": t.readings, "error": str(errors[t.serial][0]), "why": errors[t.serial][1]}
                           for t in of_year}
        out.append((year, result, trace))
    return out


def fuel_use(deliveries: list[FuelDeliveryRow]) -> list[dict[str, Any]]:
    """Consumption per fuel as the sum of its deliveries, corrected up by the largest meter error among them
    (conservative: a delivery without a metered error is an invoice amount, error 0)."""
    out: dict[str, dict[str, Any]] = {}
    for d in deliveries:
        e = out.setdefault(d.fuel, {"fuel": d.fuel, "FC": Decimal(0), "error": Decimal(0)})
        e["FC"] += d.quantity
        e["error"] = max(e["error"], (d.error_percent or Decimal(0)) / 100)
    return list(out.values())


def _forestry(s: Session, p: ProjectRow, row: AccountingPeriodRow, methodology: Methodology) -> list[tuple[int, VintageResult, dict]]:
    """Forestry: the last measurement in the period of every sample plot, strata areas from the parcels, and the
    change against the stocks of the previous calculated period (or the project's initial stock)."""
    latest = {plot.code: plot for plot in latest_plots(s, p.id, row.start, row.end)}
    if not latest:
        raise UserError("error.accounting.no_plot_inventory_measured_between_and", where=Text("where.period", number=row.number), start=row.start, end=row.end)
    areas = stratum_areas(s, p.id)
    strata: dict[str, list[SamplePlotRow]] = {}
    for plot in latest.values():
        strata.setdefault(plot.stratum, []).append(plot)
    missing = sorted(set(strata) - set(areas))
    if missing:
        raise UserError("error.accounting.stratum_has_no_parcels_so_no", field="stratum", value=', '.join(missing), value2=', '.join(sorted(areas)) or 'none')
    params = parameters_of(s, p.id)
    previous = _previous_stocks(s, p.id, row.number)
    start = p.crediting_start or row.start
    years = row.end.year - start.year - ((row.end.month, row.end.day) < (start.month, start.day))
    values: dict[str, Any] = {
        "vintage": row.end.year,
        "years_since_planting": str(max(years, 0)),
        "previous_stock": previous["stock"] if previous else params.get("initial_stock_tCO2", "0"),
        "previous_soil": previous["soil"] if previous else "0",
        "strata": [{"name": name, "area_ha": str(areas[name]),
                    "plots": [{"id": plot.code, "area_m2": str(plot.area_m2),
                               "trees": [{"species": t.species, "dbh_cm": str(t.dbh_cm), "height_m": str(t.height_m)} for t in plot.trees]}
                              for plot in sorted(plots, key=lambda x: x.code)]}
                   for name, plots in sorted(strata.items())],
    }
    values.update({k: params[k] for k in ("GHG_E", "baseline", "leakage") if params.get(k)})
    (result,) = methodology.estimate(values)
    trace = {k: plain(v) for k, v in result.used.items()}
    trace["inventory"] = {"plots": len(latest), "trees": sum(len(x.trees) for x in latest.values()),
                          "measured": sorted({x.measured_on.isoformat() for x in latest.values()}),
                          "strata_area_ha": {k: str(v) for k, v in sorted(areas.items())}}
    trace["previous"] = previous["source"] if previous else ("project parameter initial_stock_tCO2" if params.get("initial_stock_tCO2") else "none (0)")
    trace["years_since_planting"] = values["years_since_planting"]
    return [(result.year, result, trace)]


def _previous_stocks(s: Session, project_id: int, number: int) -> dict[str, str] | None:
    """Carbon stocks at the end of the last earlier calculated period: trees with dead wood and litter, and soil."""
    earlier = s.scalars(select(AccountingPeriodRow).where(AccountingPeriodRow.project_id == project_id, AccountingPeriodRow.number < number)
                        .order_by(AccountingPeriodRow.number.desc())).all()
    for period in earlier:
        for v in sorted(period.vintages, key=lambda v: v.vintage, reverse=True):
            trace = json.loads(v.calculation or "{}")
            if "tree_stock_tCO2" in trace:
                stock = Decimal(trace["tree_stock_tCO2"]) + Decimal(trace.get("dead_wood_litter_tCO2", "0"))
                return {"stock": str(stock), "soil": trace.get("soil_tCO2", "0"), "source": f"period {period.number} vintage {v.vintage}"}
    return None
