"""What the grid-connected power methodologies share (CCER-01-002-V01 offshore wind, CCER-01-001-V01 solar
thermal): net generation from revenue meters with conservative corrections, the combined-margin grid factor and
baseline emissions. Each methodology adds its own project emissions."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from workbench.domain.errors import UserError
from workbench.domain.sourced import SourcedValue
from workbench.domain.text import Text
from workbench.methodology.protocol import VintageResult


def corrected_export(eg_export: Decimal, error: Decimal) -> Decimal:
    """Conservative export: ``EG_export × (1 − error)`` — a meter error never adds generation (§7.3.4 a)."""
    return eg_export * (1 - error)


def corrected_import(eg_import: Decimal, error: Decimal) -> Decimal:
    """Conservative import: ``EG_import × (1 + error)`` (§7.3.4 b)."""
    return eg_import * (1 + error)


def net_generation(eg_export: Decimal, eg_import: Decimal) -> Decimal:
    """``EG_PJ,y = EG_export,y − EG_import,y`` (MWh) at the grid connection point."""
    return eg_export - eg_import


def combined_margin(ef_om: Decimal, ef_bm: Decimal, w_om: Decimal, w_bm: Decimal) -> Decimal:
    """``EF_grid,CM,y = w_OM × EF_grid,OM,y + w_BM × EF_grid,BM,y`` (tCO2/MWh), weights as data (CDM TOOL07 form)."""
    return w_om * ef_om + w_bm * ef_bm


def baseline_emissions(eg_pj: Decimal, ef_cm: Decimal) -> Decimal:
    """``BE_y = EG_PJ,y × EF_grid,CM,y`` (tCO2)."""
    return eg_pj * ef_cm


def emission_reductions(be: Decimal, pe: Decimal, le: Decimal) -> Decimal:
    """``ER_y = BE_y − PE_y − LE_y``."""
    return be - pe - le


def number(values: Mapping[str, Any], symbol: str, where: str, fallback: Decimal | None = None) -> Decimal:
    """A parameter value from the input, or its default; a clear error names the symbol and the place."""
    if symbol not in values or values[symbol] in (None, ""):
        if fallback is not None:
            return fallback
        raise UserError("error.grid_power.missing_parameter", where=where, symbol=symbol)
    raw = values[symbol]
    if isinstance(raw, float):
        raise UserError("error.grid_power.must_be_given_as_a_decimal", where=where, symbol=symbol, raw=raw)
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise UserError("error.grid_power.is_not_a_decimal_number", where=where, symbol=symbol, raw=raw)
    if not value.is_finite():
        raise UserError("error.grid_power.is_not_a_finite_number", where=where, symbol=symbol, raw=raw)
    return value


def fraction(values: Mapping[str, Any], symbol: str, where: str) -> Decimal:
    value = number(values, symbol, where, Decimal(0))
    if not 0 <= value < 1:
        raise UserError("error.grid_power.must_be_a_fraction_in_0", where=where, symbol=symbol, value=value)
    return value


def _by_spans(vintage: Mapping[str, Any], key: str, correct: Callable[[Decimal, Decimal], Decimal], where: str) -> tuple[Decimal, Decimal]:
    """(metered, corrected) MWh of a vintage given as spans ``[{MWh, error}]``, each corrected with its own error —
    the §7.3.4 correction applies only to the affected time span (CCER-01-002-V01 / CCER-01-001-V01 §7.3.4)."""
    spans = vintage.get(key, [])
    if not isinstance(spans, list):
        raise UserError("error.grid_power.must_be_a_list_of", where=where, key=key)
    metered = corrected = Decimal(0)
    for i, span in enumerate(spans):
        place = f"{where} {key}[{i}]"
        if not isinstance(span, Mapping):
            raise UserError("error.grid_power.each_span_is_an_object_with", where=place)
        mwh, error = number(span, "MWh", place), fraction(span, "error", place)
        if mwh < 0:
            raise UserError("error.grid_power.mwh_is_negative", where=place, mwh=mwh)
        metered += mwh
        corrected += correct(mwh, error)
    return metered, corrected


ProjectEmissions = Callable[[Mapping[str, Any], str], tuple[Decimal, dict[str, Any]]]


def calculate(values: Mapping[str, Any], w_om_default: SourcedValue, w_bm_default: SourcedValue,
              project_emissions: ProjectEmissions, leakage: Decimal) -> list[VintageResult]:
    """Per vintage: corrections, EG_PJ, EF_CM, BE, the methodology's PE, LE, ER. Inputs are decimal strings."""
    ef_om = number(values, "EF_OM", "parameters")
    ef_bm = number(values, "EF_BM", "parameters")
    w_om = number(values, "w_OM", "parameters", w_om_default.value)
    w_bm = number(values, "w_BM", "parameters", w_bm_default.value)
    for symbol, value in (("EF_OM", ef_om), ("EF_BM", ef_bm), ("w_OM", w_om), ("w_BM", w_bm)):
        if value < 0:
            raise UserError("error.grid_power.is_negative", field="parameters", symbol=symbol, value=value)
    if w_om + w_bm != 1:
        raise UserError("error.grid_power.w_om_w_bm_the_weights", field="parameters", value=w_om + w_bm)
    ef_cm = combined_margin(ef_om, ef_bm, w_om, w_bm)
    vintages = values.get("vintages")
    if not isinstance(vintages, list) or not vintages:
        raise UserError("error.grid_power.missing_parameter_vintages_a_list_of", field="parameters")
    results: list[VintageResult] = []
    seen: set[int] = set()
    for index, vintage in enumerate(vintages):
        if not isinstance(vintage, Mapping):
            raise UserError("error.grid_power.each_vintage_is_an_object_with", where=f"vintages[{index}]")
        try:
            year = int(str(vintage.get("year")))
        except ValueError:
            raise UserError("error.grid_power.year_is_not_a_whole_number", where=f"vintages[{index}]", value=vintage.get('year'))
        where = f"vintage {year}"
        if year in seen:
            raise UserError("error.grid_power.the_same_vintage_is_given_twice", where=where)
        seen.add(year)
        if "export_spans" in vintage or "import_spans" in vintage:
            export, export_c = _by_spans(vintage, "export_spans", corrected_export, where)
            imported, import_c = _by_spans(vintage, "import_spans", corrected_import, where)
            export_error = import_error = None
        else:
            export = number(vintage, "EG_export", where)
            imported = number(vintage, "EG_import", where, Decimal(0))
            export_error = fraction(vintage, "export_error", where)
            import_error = fraction(vintage, "import_error", where)
            if export < 0:
                raise UserError("error.grid_power.eg_export_mwh_is_negative", where=where, export=export)
            if imported < 0:
                raise UserError("error.grid_power.eg_import_mwh_is_negative", where=where, imported=imported)
            export_c = corrected_export(export, export_error)
            import_c = corrected_import(imported, import_error)
        if imported > export:
            raise UserError("error.grid_power.eg_import_mwh_is_larger_than", where=where, imported=imported, export=export)
        eg_pj = max(net_generation(export_c, import_c), Decimal(0))
        be = baseline_emissions(eg_pj, ef_cm)
        pe, pe_used = project_emissions(vintage, where)
        used = {
            "EG_export": export, "EG_import": imported,
            **({"export_error": export_error, "import_error": import_error} if export_error is not None else {}),
            "EG_export_corrected": export_c, "EG_import_corrected": import_c, "EG_PJ": eg_pj,
            "EF_OM": ef_om, "EF_BM": ef_bm, "w_OM": w_om, "w_BM": w_bm, "EF_CM": ef_cm,
            "w_OM_source": w_om_default.cite() if "w_OM" not in values else Text("cite.given"),
            "w_BM_source": w_bm_default.cite() if "w_BM" not in values else Text("cite.given"),
            **pe_used,
        }
        results.append(VintageResult(year, be, pe, leakage, emission_reductions(be, pe, leakage), used))
    return sorted(results, key=lambda r: r.year)
