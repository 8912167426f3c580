"""Emission-reduction accounting of one period (减排量核算): monitoring data → methodology → vintage results.

Each vintage's credited tonnes are its exact reductions rounded down (CONTRACTS.md §6); the fraction stays
visible in the stored result, never carried over silently.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.domain.progress import QUIET, Steps
from workbench.domain.estimate_table import estimate_for_span
from workbench.domain.text import Text, stored
from workbench.domain.vocabulary import PeriodStatus
from workbench.methodology import grid_factors
from workbench.methodology import meter_corrections as mc
from workbench.methodology.loader import get
from workbench.methodology.protocol import Methodology, VintageResult
from workbench.services.support.context import Actor
from workbench.services.monitoring import periods
from workbench.services.monitoring.field_data import deliveries_between, latest_plots, tree_table
from workbench.services.monitoring.meters import SPAN_SETTING, corrected_readings, meter_spans, span_setting
from workbench.services.methodology.data_editions import with_editions
from workbench.services.methodology.methodology import ex_ante, grid_overrides, parameters_of, user_species
from workbench.services.projects.projects import resolve
from workbench.services.support.records import plain
from workbench.services.support.write_action import Action, write_action
from workbench.services.monitoring.site_import import stratum_areas
from workbench.store.models import ProjectRow
from workbench.store.models_inventory import FuelDeliveryRow, SamplePlotRow
from workbench.store.models_monitoring import MeterRow
from workbench.store.models_periods import AccountingPeriodRow, VintageResultRow
from workbench.store.models_validation import EngagementRow
from workbench.store.workspace import Workspace

EDITABLE = ("draft", "reported")
CORRECTION_RULE = "§7.3.4 by span"  # marks results computed with meter corrections per calibration span


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


def needs_recalculation(period: AccountingPeriodRow) -> bool:
    """True for an unissued period whose power results were calculated before meter corrections went by calibration
    span (§7.3.4): its figures must be recalculated before they are reported. Issued results never change."""
    if period.status not in EDITABLE:
        return False
    traces = [json.loads(v.calculation or "{}") for v in period.vintages]
    return any("meters" in t and t.get("rule") != CORRECTION_RULE for t in traces)


def calculate_period(ws: Workspace, actor: Actor, project: int | str, period: int | str, steps: Steps = QUIET) -> Change:
    """Compute BE/PE/LE/ER per vintage of the period from the stored monitoring data: meter readings (and fuel
    deliveries) for grid-connected power, plot inventories and parcel strata for forestry. Each meter read and each
    vintage is a step of ``steps``; stopped through it, the period keeps its earlier results."""
    with write_action(ws, actor, "period.calculate", steps=steps) as act:
        p = resolve(act.session, project)
        act.project_id = p.id
        row = period_of(act.session, p.id, period)
        if row.status not in EDITABLE:
            raise UserError("error.accounting.period_is_its_results_can_no", field="period", number=row.number, status=PeriodStatus(row.status))
        calculate(act, p, row, steps)
    return act.change


def open_and_calculate(ws: Workspace, actor: Actor, project: int | str, start: Any, end: Any, steps: Steps = QUIET) -> Change:
    """Add the next accounting period and calculate it from the monitoring data stored, as one action (the period
    wizard): a period the data cannot be calculated for is not added either."""
    first, last = periods.span(start, end)
    with write_action(ws, actor, "period.open", steps=steps) as act:
        p = resolve(act.session, project)
        act.project_id = p.id
        row = periods.insert_period(act, p, first, last)
        calculate(act, p, row, steps)
        act.label = Text("change.period.open", subject=row.number)
    return act.change


def calculate(act: Action, p: ProjectRow, row: AccountingPeriodRow, steps: Steps = QUIET) -> None:
    """The period's results per vintage, replacing those it had, recorded in the action (with its trace, its wording
    kept as message ids); each meter read and each vintage is a step of ``steps``."""
    s, actor = act.session, act.actor
    methodology = get(p.methodology_id) if p.methodology_id else None
    if methodology is None:
        raise UserError("error.accounting.project_has_no_methodology_choose_one", field="methodology", code=p.code)
    before = [{"vintage": v.vintage, "reductions": str(v.reductions)} for v in row.vintages]
    pdd = ex_ante(s, p, actor.today)
    if methodology.species:
        steps.step(Text("progress.calculation.inventory"))
        vintages = _forestry(s, p, row, methodology, verification_day(s, row, actor))
    elif methodology.sector == "energy":
        vintages = _power(s, p, row, methodology, actor, steps)
    else:
        raise UserError("error.accounting.takes_neither_meter_readings_nor_plot", field="methodology", full_id=methodology.full_id)
    row.vintages.clear()
    s.flush()
    vintages = [(year, result, stored(trace)) for year, result, trace in vintages]  # wording kept as message ids
    for year, result, trace in vintages:
        row.vintages.append(VintageResultRow(
            vintage=year, baseline=result.baseline, project_emissions=result.project_emissions, leakage=result.leakage,
            reductions=result.reductions, credited=credited(result.reductions),
            ex_ante_estimate=_estimate_for(pdd, p, row, year, forestry=bool(methodology.species)), deviation_note="",
            calculation=json.dumps(trace, ensure_ascii=False, sort_keys=True, default=str),
        ))
    s.flush()
    corrections = {year: trace.get("corrections", []) for year, _, trace in vintages}
    flags = {year: trace.get("flags", []) for year, _, trace in vintages}
    results = {v.vintage: {"reductions": str(v.reductions), "credited": v.credited,
                           **({"corrections": corrections[v.vintage]} if corrections.get(v.vintage) else {}),
                           **({"flags": flags[v.vintage]} if flags.get(v.vintage) else {})} for v in row.vintages}
    act.updated("accounting_period", row, {"vintages": before})
    for v in row.vintages:
        act.created("vintage_result", v)
    act.result.update(period=row.number, vintages=results)


def _estimate_for(pdd: list[VintageResult], p: ProjectRow, row: AccountingPeriodRow, year: int, forestry: bool) -> Decimal | None:
    """The PDD's estimate for what the vintage covers: the whole period for forestry (one stock change over the
    period), the vintage's part of the period for power; None without an estimate."""
    if not pdd:
        return None
    start, end = (row.start, row.end) if forestry else (max(row.start, date(year, 1, 1)), min(row.end, date(year, 12, 31)))
    return estimate_for_span(pdd, p.crediting_start, p.crediting_end, start, end)


def verification_day(s: Session, row: AccountingPeriodRow, actor: Actor):
    """The day the stage rule reads editions on at verification: the day the period's verification report was made
    final (uploaded), else today (DOMAIN.md §3: the edition of year y if published when the report was uploaded)."""
    uploaded = s.scalar(select(EngagementRow.final_on).where(EngagementRow.period_id == row.id, EngagementRow.kind == "verification",
                                                            EngagementRow.final_on.is_not(None)).order_by(EngagementRow.final_on.desc()))
    return uploaded or actor.today


def _power(s: Session, p: ProjectRow, row: AccountingPeriodRow, methodology: Methodology, actor: Actor,
           steps: Steps) -> list[tuple[int, VintageResult, dict]]:
    """Grid-connected power: net generation per calendar year from the revenue meters, each meter's readings
    corrected span by span as its calibration records say (§7.3.4), auxiliary fuel where counted."""
    params = parameters_of(s, p.id)
    grid = params.get("grid")
    if not grid:
        raise UserError("error.accounting.the_project_has_no_grid_set", field="grid")
    setting = span_setting(params.get(SPAN_SETTING))
    meters = list(s.scalars(select(MeterRow).where(MeterRow.project_id == p.id).order_by(MeterRow.serial)))
    revenue = [m for m in meters if m.role in ("export", "import")]
    spans = []
    for number, m in enumerate(revenue):
        steps.step(Text("progress.calculation.meter", meter=m.serial, done=number + 1, total=len(revenue)), number, len(revenue))
        spans += corrected_readings(s, m, row.start, row.end, setting)
    if not spans:
        raise UserError("error.accounting.no_meter_readings_between_and", where=Text("where.period", number=row.number), start=row.start, end=row.end)
    silent = [m for m in revenue if not any(c.serial == m.serial for c in spans)]
    if silent:  # a revenue meter with no reading in the period is a gap in the data, not zero energy (a missing import overstates)
        raise UserError("error.accounting.meter_has_no_readings_in_the_period", where=Text("where.period", number=row.number),
                        serials=", ".join(m.serial for m in silent), start=row.start, end=row.end)
    overrides = grid_overrides(s)
    deliveries = deliveries_between(s, p.id, row.start, row.end) if methodology.fuels else []
    fuel_meters = {m.serial: (m, meter_spans(s, m, row.start, row.end, setting)) for m in meters if m.role == "fuel"}
    on = verification_day(s, row, actor)
    out = []
    for year in sorted({c.year for c in spans}):
        steps.step(Text("progress.calculation.vintage", year=year))
        of_year = [c for c in spans if c.year == year]
        factor = grid_factors.pick(grid, "verification", on, year, overrides)
        vintage: dict[str, Any] = {
            "year": year,
            "export_spans": [{"MWh": c.mwh, "error": c.span.error} for c in of_year if c.role == "export"],
            "import_spans": [{"MWh": c.mwh, "error": c.span.error} for c in of_year if c.role == "import"],
        }
        fuel_trace: list[dict[str, Any]] = []
        if methodology.fuels:
            vintage["fuels"], fuel_trace = fuel_use([d for d in deliveries if d.delivered_on.year == year], fuel_meters)
            for item in vintage["fuels"]:  # the project's own NCV / CC (tC/GJ) / OF (%) and their source, where given
                item.update({k: params[f"fuel.{item['fuel']}.{k}"] for k in ("NCV", "CC", "OF", "source") if params.get(f"fuel.{item['fuel']}.{k}")})
        (result,) = methodology.estimate(with_editions(s, methodology, {"EF_OM": factor.ef_om, "EF_BM": factor.ef_bm, "vintages": [vintage]}, on))
        trace = {k: plain(v) for k, v in result.used.items()}
        trace["grid_factor"] = factor.cite()
        trace["rule"] = CORRECTION_RULE
        trace["meter_error_span"] = setting.value
        trace["corrections"] = [c.as_dict() for c in of_year] + fuel_trace
        trace["meters"] = {m.serial: {"wh": sum(c.wh for c in of_year if c.serial == m.serial),
                                      "readings": sum(c.readings for c in of_year if c.serial == m.serial),
                                      "accuracy_class": m.accuracy_label}
                           for m in meters if any(c.serial == m.serial for c in of_year)}
        out.append((year, result, trace))
    return out


def fuel_use(deliveries: list[FuelDeliveryRow], fuel_meters: dict[str, tuple[MeterRow, list]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Consumption per fuel as its deliveries, each corrected up (CCER-01-001-V01 §7.3.4 c): by the span of the
    fuel's meter(s) on the delivery day when the fuel has a registered meter (the largest error if several), else by
    the delivery's own metered error (a delivery without one is an invoice amount, error 0). Returns the methodology
    input (``[{fuel, spans: [{FC, error}]}]``) and the trace of each delivery."""
    out: dict[str, dict[str, Any]] = {}
    trace = []
    for d in sorted(deliveries, key=lambda d: (d.delivered_on, d.fuel)):
        covering = [(m, sp) for m, spans in fuel_meters.values() if m.fuel == d.fuel
                    for sp in spans if sp.start <= d.delivered_on < sp.end]
        if covering:
            meter, span = max(covering, key=lambda pair: pair[1].error)
            error, case, why = span.error, span.case.value, Text("meter_span.fuel_meter", meter=meter.serial, why=span.why)
        else:
            error, case = (d.error_percent or Decimal(0)) / 100, mc.Case.DELIVERY.value
            why = Text("meter_span.delivery_error") if d.error_percent else Text("meter_span.invoice_amount")
        out.setdefault(d.fuel, {"fuel": d.fuel, "spans": []})["spans"].append({"FC": d.quantity, "error": error})
        trace.append({"fuel": d.fuel, "delivered_on": d.delivered_on.isoformat(), "reference": d.reference, "FC": str(d.quantity),
                      "case": case, "error": str(error), "corrected_FC": str(d.quantity * (1 + error)), "why": why})
    return list(out.values()), trace


def _forestry(s: Session, p: ProjectRow, row: AccountingPeriodRow, methodology: Methodology, on) -> list[tuple[int, VintageResult, dict]]:
    """Forestry: the last measurement in the period of every sample plot, strata areas from the parcels, and the
    change against the stocks of the previous calculated period (or the project's initial stock)."""
    latest = {plot.code: plot for plot in latest_plots(s, p.id, row.start, row.end, trees=False)}
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
    trees = tree_table(s, list(latest.values()))
    previous = _previous_stocks(s, p.id, row.number)
    start = p.crediting_start or row.start
    years = row.end.year - start.year - ((row.end.month, row.end.day) < (start.month, start.day))
    values: dict[str, Any] = {
        "vintage": row.end.year,
        "years_since_planting": str(max(years, 0)),
        "previous_stock": previous["stock"] if previous else params.get("initial_stock_tCO2", "0"),
        "previous_soil": previous["soil"] if previous else "0",
        "strata": [{"name": name, "area_ha": str(areas[name]), **_stratum_years(params, name, row.end, years),
                    "plots": [{"id": plot.code, "area_m2": str(plot.area_m2), "trees": trees[plot.id]}
                              for plot in sorted(plots, key=lambda x: x.code)]}
                   for name, plots in sorted(strata.items())],
    }
    values.update({k: params[k] for k in ("GHG_E", "baseline", "leakage") if params.get(k)})
    values["species_table"] = user_species(params)  # the project's own rows, then the workspace editions in force on ``on``
    (result,) = methodology.estimate(with_editions(s, methodology, values, on))
    trace = {k: plain(v) for k, v in result.used.items()}
    trace["inventory"] = {"plots": len(latest), "trees": sum(len(t["species"]) for t in trees.values()),
                          "measured": sorted({x.measured_on.isoformat() for x in latest.values()}),
                          "strata_area_ha": {k: str(v) for k, v in sorted(areas.items())}}
    trace["previous"] = (previous["source"] if previous else Text("trace.previous_initial_stock") if params.get("initial_stock_tCO2")
                         else Text("trace.previous_none"))
    trace["years_since_planting"] = values["years_since_planting"]
    return [(result.year, result, trace)]


def _stratum_years(params: dict[str, str], stratum: str, end: date, project_years: int) -> dict[str, str]:
    """``{"years_since_planting": …}`` of a stratum whose planting year the plan gives (``plan.<stratum>.planted``):
    the whole years completed by ``end`` since the last day of that year — the latest day it may have been planted,
    so soil carbon accrues for no year the stratum may not have stood (a stratum planted in 2022 has 3 years at the
    end of 2025, not the project's 4) — and never more than the project's years in the crediting period; empty
    without a plan year (the project's years apply)."""
    planted = str(params.get(f"plan.{stratum}.planted", "")).strip()
    if not planted.isdigit():
        return {}
    years = end.year - int(planted) - (0 if (end.month, end.day) == (12, 31) else 1)
    return {"years_since_planting": str(max(min(years, project_years), 0))}


def _previous_stocks(s: Session, project_id: int, number: int) -> dict[str, Any] | None:
    """Carbon stocks at the end of the last earlier calculated period: trees with dead wood and litter, and soil."""
    earlier = s.scalars(select(AccountingPeriodRow).where(AccountingPeriodRow.project_id == project_id, AccountingPeriodRow.number < number)
                        .order_by(AccountingPeriodRow.number.desc())).all()
    for period in earlier:
        for v in sorted(period.vintages, key=lambda v: v.vintage, reverse=True):
            trace = json.loads(v.calculation or "{}")
            if "tree_stock_tCO2" in trace:
                stock = Decimal(trace["tree_stock_tCO2"]) + Decimal(trace.get("dead_wood_litter_tCO2", "0"))
                return {"stock": str(stock), "soil": trace.get("soil_tCO2", "0"), "source": Text("trace.previous_period", number=period.number, vintage=v.vintage)}
    return None
