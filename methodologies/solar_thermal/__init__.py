"""CCER-01-001-V01 — grid-connected solar thermal (concentrated solar) power (并网光热发电)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from methodologies.solar_thermal import equations as eq
from workbench.domain.errors import UserError
from workbench.domain.text import Text
from workbench.methodology import additionality, conditions, grid_power, pdd_content
from workbench.methodology.protocol import (
    ApplicabilityInput,
    Condition,
    Methodology,
    Outcome,
    Parameter,
    Verdict,
    VintageResult,
)
from workbench.reference import load_table

DATA = Path(__file__).parent / "data"
PARAMETERS = load_table("parameters", DATA, decimal_columns=("value",))
FUELS = load_table("fuel_defaults", DATA, decimal_columns=("ncv", "carbon_content", "oxidation"))
EFFECTIVE = PARAMETERS.rows[0].valid_from


def default(symbol: str):
    return conditions.default(PARAMETERS, symbol)


def fuel_emissions(vintage: Mapping[str, Any], where: str) -> tuple[Decimal, dict[str, Any]]:
    """PE from the vintage's ``fuels``: [{fuel, FC, error?, NCV?, CC?, OF?, source?}] — defaults from the fuel table
    (NCV GJ/unit, CC tC/GJ, OF %, the units of §6.4 equation (5)); NCV, CC and OF given together (the project's
    own figures or a workspace fuel edition, with its source) replace them, also for a fuel the table lacks. Instead
    of FC and error, ``spans: [{FC, error}]`` gives the consumption by meter span, each corrected up with its own
    error (CCER-01-001-V01 §7.3.4 c)."""
    fuels = vintage.get("fuels", [])
    if not isinstance(fuels, list):
        raise UserError("error.solar_thermal.fuels_must_be_a_list_of", where=where)
    pairs, used = [], {}
    for i, item in enumerate(fuels):
        place = f"{where} fuels[{i}]"
        name = str(item.get("fuel", "")) if isinstance(item, Mapping) else ""
        own = isinstance(item, Mapping) and {"NCV", "CC", "OF"} <= set(item)
        if name not in FUELS.keys() and not own:
            raise UserError("error.solar_thermal.unknown_fuel_known", where=place, name=name, value=', '.join(FUELS.keys()))
        row = FUELS.on(name, EFFECTIVE) if name in FUELS.keys() else None
        parts = item.get("spans") if "spans" in item else [item]
        if not isinstance(parts, list):
            raise UserError("error.solar_thermal.spans_must_be_a_list_of", where=place)
        fc = corrected = Decimal(0)
        for j, part in enumerate(parts):
            at = f"{place} spans[{j}]" if "spans" in item else place
            if not isinstance(part, Mapping):
                raise UserError("error.solar_thermal.each_span_is_an_object_with", where=at)
            amount = grid_power.number(part, "FC", at)
            if amount < 0:
                raise UserError("error.solar_thermal.fc_is_negative_2", where=at, amount=amount, columns=row.columns['fuel_unit'] if row else "")
            fc += amount
            corrected += eq.corrected_fuel(amount, grid_power.fraction(part, "error", at))
        ncv = grid_power.number(item, "NCV", place, row.decimal("ncv") if row else None)
        cc = grid_power.number(item, "CC", place, row.decimal("carbon_content") if row else None)
        of = grid_power.number(item, "OF", place, row.decimal("oxidation") if row else None)
        coef = eq.emission_coefficient(ncv, cc, of)
        pairs.append((corrected, coef))
        if not 1 < of <= 100:
            raise UserError("error.solar_thermal.of_is_not_a_percentage_in", where=place, of=of)
        if not 0 < cc < 1:
            raise UserError("error.solar_thermal.cc_is_not_in_tc_gj", where=place, cc=cc)
        if own:
            source = item.get("source") or Text("cite.given")  # the project's own figures: its source as given
        else:
            source = Text("cite.fuel_default", source=row.source, confirm=Text("cite.confirm") if row.confirm else "",
                          demo=Text("cite.fuel_demo") if row.columns.get("demo") == "yes" else "")
        used[f"fuel.{name}"] = {"FC": str(fc), "FC_corrected": str(corrected), "COEF": str(coef), "NCV": str(ncv), "CC": str(cc),
                                "OF": str(of), "units": "NCV GJ/unit, CC tC/GJ, OF %", "source": source}
    return eq.project_emissions(pairs), used


def calculate(values: Mapping[str, Any]) -> list[VintageResult]:
    """Per vintage: grid-power baseline (as offshore wind) minus auxiliary fuel project emissions."""
    return grid_power.calculate(values, default("w_OM"), default("w_BM"), fuel_emissions, default("LE").value)


def _csp(facts: ApplicabilityInput) -> Outcome:
    if facts.sector != "energy":
        return Outcome(Verdict.FAIL, Text("offshore_wind.sector_is_not_energy", sector=facts.sector))
    reference = facts.evidence.get("csp_metering")
    if reference:
        return Outcome(Verdict.PASS, Text("solar_thermal.standalone_csp_or_separately_metered_csp", reference=reference))
    return Outcome(Verdict.NEEDS_EVIDENCE, Text("solar_thermal.standalone_csp_or_the_csp_part"),
                   Text("conditions.evidence_document", document=Text("solar_thermal.single_line_diagram_and_meter_list"), key="csp_metering"))


METHODOLOGY = Methodology(
    id="CCER-01-001",
    version="V01",
    title=Text("solar_thermal.grid_connected_solar_thermal_power_generation"),
    sector="energy",
    conditions=(
        Condition("csp", Text("solar_thermal.standalone_concentrated_solar_power_or_the"), _csp, evidence_key="csp_metering"),
        conditions.GRID_CONNECTED,
        conditions.UNIQUE_MWH,
    ),
    parameters=(
        Parameter("EG_export", "MWh", Text("common.electricity_exported_to_the_grid"), Text("parameter_source.revenue_meter"), True),
        Parameter("EG_import", "MWh", Text("common.electricity_imported_from_the_grid"), Text("parameter_source.revenue_meter"), True),
        Parameter("EF_OM", "tCO2/MWh", Text("common.operating_margin_emission_factor"), Text("parameter_source.grid_factor_edition"), False),
        Parameter("EF_BM", "tCO2/MWh", Text("common.build_margin_emission_factor"), Text("parameter_source.grid_factor_edition"), False),
        Parameter("FC_i", "t, 10^4 Nm3", Text("solar_thermal.auxiliary_fossil_fuel_consumed"), Text("parameter_source.fuel_meters"), True),
        Parameter("NCV_i", "GJ/unit", Text("solar_thermal.net_calorific_value"), Text("parameter_source.fuel_defaults"), False, FUELS.on("natural_gas", EFFECTIVE).sourced("ncv", "ncv_unit"), True),
        Parameter("w_OM", "-", Text("common.weight_of_om"), Text("parameter_source.methodology"), False, default("w_OM"), True),
        Parameter("w_BM", "-", Text("common.weight_of_bm"), Text("parameter_source.methodology"), False, default("w_BM"), True),
    ),
    pdd=pdd_content.load(Path(__file__).parent / "data" / "pdd.toml", {"parameters": PARAMETERS, "fuel_defaults": FUELS}),
    estimate=calculate,
    fuels={k: (FUELS.on(k, EFFECTIVE).columns["fuel_unit"], FUELS.on(k, EFFECTIVE).columns["name_zh"]) for k in FUELS.keys()},
    fuel_rows=tuple(FUELS.rows),
    crediting=conditions.crediting_rule(PARAMETERS, "CCER-01-001-V01", inside_lifetime_from_grid_connection=True),
    additionality=additionality.load_cases(DATA),
)
