"""CCER-14-002-V01 — mangrove afforestation (红树林营造)."""

from __future__ import annotations

from pathlib import Path

from workbench.domain.text import Text
from workbench.methodology import additionality, conditions, forestry_calc, pdd_content
from workbench.methodology.protocol import Condition, Methodology, Parameter

TABLES = forestry_calc.load_tables(Path(__file__).parent / "data", mangrove=True, methodology="CCER-14-002")
SPECIES, PARAMETERS = TABLES.species, TABLES.parameters
calculate = TABLES.calculate  # as afforestation, plus soil organic carbon at the default rate for the years since planting


def default(symbol: str):
    return conditions.default(PARAMETERS, symbol)


METHODOLOGY = Methodology(
    id="CCER-14-002",
    version="V01",
    title=Text("mangrove.mangrove_afforestation"),
    sector="forestry",
    conditions=(
        Condition("site", Text("mangrove.planting_on_unvegetated_tidal_flats_or"),
                  conditions.evidence("tidal_flat", Text("mangrove.site_shown"), Text("mangrove.planting_site_to_be_shown"),
                                      Text("mangrove.survey_showing_unvegetated_tidal_flat_or")), evidence_key="tidal_flat"),
        Condition("tenure", Text("mangrove.tenure_certificate_at_county_level_or"),
                  conditions.evidence("tenure", Text("mangrove.tenure_certificate"), Text("mangrove.tenure_certificate_to_be_shown"),
                                      Text("mangrove.sea_area_or_land_use_certificate")), evidence_key="tenure"),
        Condition("forestry", Text("common.a_forestry_carbon_sink_project"), conditions.in_sector("forestry")),
    ),
    parameters=(
        Parameter("DBH", "cm", Text("mangrove.diameter_at_30_cm_for_mangroves"), Text("parameter_source.plot_inventory"), True),
        Parameter("H_D", "m", Text("forestry.diameter_height"), Text("parameter_source.default"), False, default("diameter_height_m"), True),
        Parameter("A", "ha", Text("common.stratum_area"), Text("parameter_source.parcel_boundaries"), True),
        Parameter("SOC_rate", "tC/ha/yr", Text("mangrove.soil_organic_carbon_accumulation"), Text("parameter_source.default"), False, default("mangrove_soc_rate"), True),
    ),
    pdd=pdd_content.load(Path(__file__).parent / "data" / "pdd.toml", {"parameters": PARAMETERS, "species": SPECIES}),
    estimate=TABLES.calculate,
    projection=TABLES.projection,
    species=TABLES.species_names(),
    species_rows=tuple(TABLES.species.rows),
    crediting=conditions.crediting_rule(PARAMETERS, "CCER-14-002-V01"),
    additionality=additionality.load_cases(Path(__file__).parent / "data"),
)
