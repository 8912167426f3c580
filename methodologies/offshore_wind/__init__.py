"""CCER-01-002-V01 — grid-connected offshore wind power (并网海上风力发电)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

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


def default(symbol: str):
    return conditions.default(PARAMETERS, symbol)


def calculate(values: Mapping[str, Any]) -> list[VintageResult]:
    """Per vintage: conservative meter corrections, EG_PJ, EF_CM, BE, PE = LE = 0, ER (DOMAIN.md §3)."""
    no_project_emissions = lambda vintage, where: (default("PE").value, {})  # noqa: E731 - PE_y = 0 for wind
    return grid_power.calculate(values, default("w_OM"), default("w_BM"), no_project_emissions, default("LE").value)


def _far_offshore(facts: ApplicabilityInput) -> Outcome:
    min_km, min_m = default("min_distance_km").value, default("min_depth_m").value
    if facts.sector != "energy":  # a wind farm is an energy project, whatever its sites
        return Outcome(Verdict.FAIL, Text("offshore_wind.sector_is_not_energy", sector=facts.sector))
    if not facts.sites:
        return Outcome(Verdict.NEEDS_EVIDENCE, Text("offshore_wind.no_site_recorded"),
                       Text("offshore_wind.site_coordinates_distance_to_shore_and"))
    unknown = [s.name for s in facts.sites if s.distance_to_shore_km is None and s.water_depth_m is None]
    if unknown:
        return Outcome(Verdict.NEEDS_EVIDENCE,
                       Text("offshore_wind.distance_and_depth_unknown", sites=unknown),
                       Text("offshore_wind.marine_survey_or_sea_area_use"))
    failing = [s.name for s in facts.sites
               if not ((s.distance_to_shore_km or 0) > min_km or (s.water_depth_m or 0) > min_m)]
    if failing:
        return Outcome(Verdict.FAIL, Text("offshore_wind.sites_near_and_shallow", sites=failing, min_km=min_km, min_m=min_m))
    return Outcome(Verdict.PASS, Text("offshore_wind.every_site_is_more_than_km", min_km=min_km, min_m=min_m))


METHODOLOGY = Methodology(
    id="CCER-01-002",
    version="V01",
    title=Text("offshore_wind.grid_connected_offshore_wind_power_generation"),
    sector="energy",
    conditions=(
        Condition("far_offshore", Text("offshore_wind.offshore_wind_farm_more_than_30"), _far_offshore),
        conditions.GRID_CONNECTED,
        conditions.UNIQUE_MWH,
    ),
    parameters=(
        Parameter("EG_export", "MWh", Text("common.electricity_exported_to_the_grid"), Text("parameter_source.revenue_meter"), True),
        Parameter("EG_import", "MWh", Text("common.electricity_imported_from_the_grid"), Text("parameter_source.revenue_meter"), True),
        Parameter("EF_OM", "tCO2/MWh", Text("common.operating_margin_emission_factor"), Text("parameter_source.grid_factor_edition"), False),
        Parameter("EF_BM", "tCO2/MWh", Text("common.build_margin_emission_factor"), Text("parameter_source.grid_factor_edition"), False),
        Parameter("w_OM", "-", Text("common.weight_of_om"), Text("parameter_source.methodology"), False, default("w_OM"), True),
        Parameter("w_BM", "-", Text("common.weight_of_bm"), Text("parameter_source.methodology"), False, default("w_BM"), True),
    ),
    pdd=pdd_content.load(Path(__file__).parent / "data" / "pdd.toml", {"parameters": PARAMETERS}),
    estimate=calculate,
    crediting=conditions.crediting_rule(PARAMETERS, "CCER-01-002-V01", inside_lifetime_from_grid_connection=True),
    additionality=additionality.load_cases(DATA),
)
