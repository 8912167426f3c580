"""The monitoring report's context (监测与减排量核算报告), after the CDM monitoring-report form sections A–E the CCER
accounting report follows (DOMAIN.md §6): the period, the project's implementation status, the monitoring system
(meters and their calibrations for power, sample plots for forestry — never an empty meter table), the data and
parameters applied with the meter corrections span by span (CCER-01-002-V01 / CCER-01-001-V01 §7.3.4), and the
results per vintage against the PDD's estimate for the same span (a five-year forestry period against five years of
estimate, services/monitoring/accounting ``_estimate_for``). The account beside the figures — registration and
changes since, fuel sources, the plan as applied, data flow and QA/QC (B–C), the deviation by cause, FAR follow-up
and the uniqueness declaration (E–G) — comes from report_sections and report_follow_up.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.documents.charts import bar_chart
from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual, Text, restored
from workbench.services.documents.context_parts import parties, project_facts
from workbench.services.documents.gaps import CONFIRM, Gaps, both
from workbench.services.documents.pdd_context import installed, names_of
from workbench.services.documents.report_follow_up import declaration, explained, far_follow_up
from workbench.services.documents.report_sections import data_flow, fuel_sources, owner_texts, plan_changes, registration
from workbench.services.documents.rests_on import rests_on
from workbench.services.monitoring.accounting import needs_recalculation, period_of
from workbench.services.monitoring.corrections import corrections_in, fuel_named
from workbench.services.monitoring.meters import calibrations_of
from workbench.services.monitoring.periods import deviation_percent
from workbench.store.models import ProjectRow
from workbench.store.models_boundaries import ParcelRow
from workbench.store.models_monitoring import MeterRow

RESULTS = Text("documents.calculation_and_results")
MONITORING_SYSTEM = Text("documents.monitoring_system")
FIXED_IN_TRACE = (("EF_OM", "tCO2/MWh"), ("EF_BM", "tCO2/MWh"), ("w_OM", "-"), ("w_BM", "-"), ("EF_CM", "tCO2/MWh"),
                  ("CF", "tC/t d.m."), ("DW_fraction", "-"), ("LI_fraction", "-"))
MONITORED_IN_TRACE = (("EG_export", "EG_export_corrected"), ("EG_import", "EG_import_corrected"))


def _span(period, year: int, forestry: bool) -> tuple[date, date]:
    """What a vintage covers: the whole period for forestry (one stock change), its part of the period for power."""
    if forestry:
        return period.start, period.end
    return max(period.start, date(year, 1, 1)), min(period.end, date(year, 12, 31))


def _applied(trace: dict[str, Any], fuels) -> list[dict[str, Any]]:
    """The fixed values the calculation applied (symbol, value, unit), fuel coefficients per fuel."""
    out = [{"symbol": k, "fuel": None, "value": Decimal(str(trace[k])), "unit": unit} for k, unit in FIXED_IN_TRACE if k in trace]
    for key, fuel in sorted((k, v) for k, v in trace.items() if k.startswith("fuel.")):
        name = fuel_named(key.split(".", 1)[1], fuels)
        out += [{"symbol": k, "fuel": name, "value": Decimal(fuel[k]), "unit": unit or f"GJ/{name['unit']}"}
                for k, unit in (("NCV", ""), ("CC", "tC/GJ"), ("OF", "%")) if k in fuel]
    return out


def _monitored(trace: dict[str, Any], fuels) -> list[dict[str, Any]]:
    out = [{"symbol": k, "fuel": None, "measured": Decimal(trace[k]), "corrected": Decimal(trace[c]), "unit": "MWh"}
           for k, c in MONITORED_IN_TRACE if k in trace and c in trace]
    for key, f in sorted(trace.items()):
        if key.startswith("fuel.") and "FC" in f and "FC_corrected" in f:
            name = fuel_named(key.split(".", 1)[1], fuels)
            out.append({"symbol": "FC", "fuel": name, "measured": Decimal(f["FC"]), "corrected": Decimal(f["FC_corrected"]), "unit": name["unit"]})
    return out


def stocks(trace: dict[str, Any]) -> dict[str, Any] | None:
    """Forestry: the carbon stocks a period's calculation found, per stratum (area A_j, plots, mean tree biomass,
    tree carbon stock, uncertainty at 90 % confidence; AR-TOOL14 with AR-TOOL03 sampling) and for the project (trees,
    dead wood and litter by AR-TOOL12, soil organic carbon where the methodology counts it, the uncertainty
    discount); the soil carbon's derivation per stratum (``soil_rows``: area, rate, years, tCO2) where the
    calculation recorded it (mangroves: ΔSOC_j = 44/12 × SOC_rate × A_j × years, CDM AR-AM0014); None for power."""
    if "tree_stock_tCO2" not in trace:
        return None
    strata = [{"name": name, "area": Decimal(str(x["area_ha"])), "plots": x["plots"], "biomass": Decimal(str(x["mean_t_per_ha"])),
               "stock": Decimal(x["tree_stock_tCO2"]), "uncertainty": Decimal(str(x["uncertainty_90"])) * 100}
              for name, x in sorted(trace.get("strata", {}).items())]
    soil_rows = [{"name": name, "area": Decimal(str(x["area_ha"])), "rate": Decimal(str(trace["SOC_rate"])), "years": Decimal(str(x["soil_years"])),
                  "soil": Decimal(x["soil_tCO2"])} for name, x in sorted(trace.get("strata", {}).items()) if "soil_tCO2" in x]
    return {"strata": strata, "trees": Decimal(trace["tree_stock_tCO2"]), "dead": Decimal(trace.get("dead_wood_litter_tCO2", "0")),
            "soil": Decimal(trace["soil_tCO2"]) if "soil_tCO2" in trace else None, "soil_rows": soil_rows,
            "soil_years_max": Decimal(str(trace["SOC_years"])) if soil_rows else None,
            "uncertainty": Decimal(str(trace.get("uncertainty_90", 0))) * 100, "discount": Decimal(str(trace.get("discount_share", 0))) * 100}


def used_editions(period, fuels) -> list[Any]:
    """The user editions (grid, species, fuel) the period's stored results used, as their traces cite them (catalogue
    messages; plain English text in results stored before they were): the monitoring report names exactly what the
    figures rest on."""
    out: list[Any] = []
    for v in sorted(period.vintages, key=lambda v: v.vintage):
        trace = json.loads(v.calculation or "{}")
        cites = [restored(trace.get("grid_factor", "")),
                 *(Text("cite.keyed", key=k, cite=restored(c)) for k, c in trace.get("species", {}).items()),
                 *(Text("cite.keyed", key=fuel_name(k.removeprefix("fuel."), fuels), cite=restored(x.get("source", "")))
                   for k, x in trace.items() if k.startswith("fuel.") and isinstance(x, dict))]
        out += [c for c in cites if user_edition(c) and c not in out]
    return out


def fuel_name(key: str, fuels) -> Bilingual:
    named = fuel_named(key, fuels)
    return Bilingual(named["en"], named["zh"])


def user_edition(cite: Any) -> bool:
    """Whether a stored cite names a user edition (the grid's, a species' or a fuel's)."""
    if isinstance(cite, Text):
        return cite.id == "cite.user_edition" or bool(cite.params.get("user")) or user_edition(cite.params.get("cite"))
    return isinstance(cite, str) and "user edition" in cite


def to_confirm(cite: Any) -> Any:
    """The cite without its "to confirm" flag when it carries one, else None."""
    if isinstance(cite, Text):
        if cite.params.get("confirm"):
            return Text(cite.id, **{**cite.params, "confirm": ""})
        inner = to_confirm(cite.params.get("cite"))
        return Text(cite.id, **{**cite.params, "cite": inner}) if inner is not None else None
    return cite.removesuffix(" (confirm)") if isinstance(cite, str) and cite.endswith("(confirm)") else None


def _editions(period, gaps: Gaps, fuels) -> list[Any]:
    """The user editions the results rest on, each cited; one not yet confirmed is a value to confirm (marked, and a
    final report is refused until it is), so no "to confirm" flag reaches the page."""
    return [gaps.gap(CONFIRM, Text("documents.edition_to_confirm", edition=to_confirm(cite))) if to_confirm(cite) is not None else cite
            for cite in used_editions(period, fuels)]


def monitoring_context(s: Session, row: ProjectRow, period_ref) -> tuple[dict[str, Any], list]:
    if period_ref is None:
        raise UserError("error.documents.a_monitoring_report_covers_one_accounting", field="period")
    period = period_of(s, row.id, period_ref)
    gaps = Gaps()
    m = installed(row.methodology_id)
    forestry = bool(m and m.species)
    results, sampling, corrections, applied, monitored, inventory, carbon = [], [], [], [], [], [], []
    for v in period.vintages:
        deviation = deviation_percent(v)
        note = v.deviation_note
        if deviation is not None and abs(deviation) > 10 and not note:
            note = gaps.gap(RESULTS, Text("documents.explanation_of_the_deviation_in", deviation=deviation, vintage=v.vintage))
        trace = json.loads(v.calculation)
        start, end = _span(period, v.vintage, forestry)
        results.append({"year": v.vintage, "start": str(start), "end": str(end), "be": v.baseline, "pe": v.project_emissions,
                        "le": v.leakage, "er": v.reductions, "credited": v.credited, "estimate": v.ex_ante_estimate, "deviation": deviation,
                        "note": note, "flags": [restored(f) for f in trace.get("flags", [])]})
        fuels = m.fuels if m else {}
        corrections += [{"year": v.vintage, **c} for c in corrections_in(trace, fuels)]
        applied += [{"year": v.vintage, **a} for a in _applied(trace, fuels)]
        monitored += [{"year": v.vintage, **x} for x in _monitored(trace, fuels)]
        if "inventory" in trace:
            inventory.append({"year": v.vintage, "plots": trace["inventory"]["plots"], "trees": trace["inventory"]["trees"],
                              "measured": trace["inventory"]["measured"],
                              "strata": [{"name": k, "area": Decimal(a)} for k, a in trace["inventory"]["strata_area_ha"].items()]})
        if stocks(trace):
            carbon.append({"year": v.vintage, **stocks(trace)})
        plan = trace.get("sampling") or {}
        sampling += [{"year": v.vintage, "stratum": name, **counts, "precision": Decimal(str(plan["target_precision"])) * 100}
                     for name, counts in plan.get("strata", {}).items()]
    traces = [json.loads(v.calculation or "{}") for v in sorted(period.vintages, key=lambda v: v.vintage)]
    reference = rests_on(traces, m, names_of(m) if m else {}, gaps)
    no_results = None if results else gaps.gap(RESULTS, Text("documents.calculated_results"))
    recalculate = gaps.gap(RESULTS, Text("documents.a_recalculation_the_results_predate_meter")) if needs_recalculation(period) else None
    chart = bar_chart([str(v.vintage) for v in period.vintages],
                      [("chart.actual_er", [float(v.reductions) for v in period.vintages]),
                       ("chart.estimate", [float(v.ex_ante_estimate or 0) for v in period.vintages])]) if period.vintages else None
    meters = [] if forestry else [
        {"serial": x.serial, "role": x.role, "accuracy": x.accuracy_label,
         "calibrations": [{"on": str(c.calibrated_on), "error": c.error_percent, "passed": c.passed, "reference": c.reference}
                          for c in calibrations_of(s, x)]}
        for x in s.scalars(select(MeterRow).where(MeterRow.project_id == row.id).order_by(MeterRow.serial))]
    no_meters = gaps.gap(MONITORING_SYSTEM, Text("documents.meters_of_the_project")) if not forestry and not meters else None
    parcels = s.scalars(select(ParcelRow).where(ParcelRow.project_id == row.id)).all()
    implementation = {"stage": row.stage, "operation_start": str((row.project_start if forestry else row.operation_start) or ""), "sites": len(row.sites),
                      "parcels": len(parcels), "area": sum((p.area_m2 for p in parcels), Decimal(0)) / 10000 if parcels else None,
                      "meters": len(meters)}
    context = {"project": project_facts(row), "parties": parties(row), "forestry": forestry,
               "methodology": {"full_id": m.full_id if m else row.methodology_id, "title": both(m.title) if m else {"en": "", "zh": ""}},
               "period": {"number": period.number, "start": str(period.start), "end": str(period.end), "status": period.status},
               "implementation": implementation, "results": results, "meters": meters, "corrections": corrections, "applied": applied,
               "monitored": monitored, "inventory": inventory, "stocks": carbon, "chart": chart, "sampling": sampling, "recalculate": recalculate,
               "no_results": no_results, "no_meters": no_meters, "reference_editions": _editions(period, gaps, m.fuels if m else {}),
               "reference": reference, "confirm": gaps.confirm,
               "total": {"er": sum((v.reductions for v in period.vintages), Decimal(0)), "credited": sum(v.credited for v in period.vintages),
                         "estimate": sum((v.ex_ante_estimate or Decimal(0) for v in period.vintages), Decimal(0))}}
    context.update(_account(s, row, period, m, forestry, gaps))
    return context, gaps.items


def _account(s: Session, row: ProjectRow, period, m, forestry: bool, gaps: Gaps) -> dict[str, Any]:
    """The sections beside the figures: registration and later changes, fuel sources, plan changes, data flow and
    QA/QC, the deviation by cause, FAR follow-up and the uniqueness declaration (report_sections, report_follow_up)."""
    fuel = fuel_sources(s, row, period.start, period.end, m, [json.loads(v.calculation or "{}") for v in period.vintages])
    content = m.pdd if m else None
    return {"registration": registration(s, row), "fuel_sources": fuel, "plan_changes": plan_changes(fuel, m),
            "data_flow": data_flow(s, row, period.start, period.end, fuel) if not forestry else None,
            "data_management": [{**both(x.text), "source": both(x.source)} for x in (content.data_management if content else ())],
            "qa_qc": [{**both(x.text), "source": both(x.source)} for x in (content.qa_qc if content else ())],
            "explained": explained(s, row, period), "far": far_follow_up(s, row, period, gaps),
            "declaration": declaration(s, row, not forestry, gaps), "owner_texts": owner_texts(s, row, period.number)}
