"""CCER-14-001-V01 — afforestation carbon sequestration (造林碳汇)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from workbench.domain.text import Text
from workbench.methodology import additionality, conditions, forestry_calc, pdd_content
from workbench.methodology.protocol import ApplicabilityInput, Condition, Methodology, Outcome, Parameter, Verdict

TABLES = forestry_calc.load_tables(Path(__file__).parent / "data", mangrove=False, methodology="CCER-14-001")
DEEMED = additionality.load_cases(Path(__file__).parent / "data")
SPECIES, PARAMETERS = TABLES.species, TABLES.parameters
calculate = TABLES.calculate


def default(symbol: str):
    return conditions.default(PARAMETERS, symbol)


def _parcels(facts: ApplicabilityInput) -> Outcome:
    """CCER-14-001-V01 §2: contiguous parcels of at least 400 m², 667 m² for projects *started* in 2019 or earlier —
    the project start (项目开始日期) recorded on the project, not the construction start. Without a project start the
    rule is decided where it can be (every parcel ≥ 667 m², or one below 400 m²) and asks for it otherwise."""
    start = facts.project_start
    if not facts.sites or any(s.area_ha is None for s in facts.sites):
        small = [s.name for s in facts.sites if s.area_ha is not None and s.area_ha * 10000 < 400]
        if small:
            return Outcome(Verdict.FAIL, Text("afforestation.parcels_under", minimum=400, parcels=small))
        return Outcome(Verdict.NEEDS_EVIDENCE, Text("afforestation.parcel_areas_unknown"),
                       Text("afforestation.parcel_boundaries_workbench_site_import"))
    smallest = min(s.area_ha * 10000 for s in facts.sites)
    if start is None and 400 <= smallest < 667:
        return Outcome(Verdict.NEEDS_EVIDENCE, Text("afforestation.project_start_decides_parcel_minimum"),
                       Text("afforestation.record_the_project_start"))
    minimum = 667 if (start is None and smallest >= 667) or (start is not None and start < date(2020, 1, 1)) else 400
    small = [s.name for s in facts.sites if s.area_ha * 10000 < minimum]
    if small:
        return Outcome(Verdict.FAIL, Text("afforestation.parcels_under", minimum=minimum, parcels=small))
    return Outcome(Verdict.PASS, Text("afforestation.every_parcel_is_at_least_m", minimum=minimum))


METHODOLOGY = Methodology(
    id="CCER-14-001",
    version="V01",
    title=Text("afforestation.afforestation_carbon_sequestration"),
    sector="forestry",
    conditions=(
        Condition("forestry", Text("common.a_forestry_carbon_sink_project"), conditions.in_sector("forestry")),
        Condition("non_forest", Text("afforestation.land_was_non_forest_and_planned"),
                  conditions.evidence("land_history", Text("afforestation.land_history_shown"), Text("afforestation.land_history_to_be_shown"),
                                     Text("afforestation.land_use_maps_or_forest_inventory")), evidence_key="land_history"),
        Condition("tenure", Text("afforestation.clear_land_tenure"),
                  conditions.evidence("tenure", Text("afforestation.tenure_documented"), Text("afforestation.tenure_to_be_shown"),
                                     Text("afforestation.forest_right_or_land_contract_certificates")), evidence_key="tenure"),
        Condition("parcel_size", Text("afforestation.parcels_of_at_least_400_m"), _parcels),
        Condition("additionality", Text("additionality.deemed_only_in_the_published_cases"), additionality.condition(DEEMED)),
        Condition("practices", Text("afforestation.not_wetland_shrub_removal_20_no"),
                  conditions.evidence("site_practices", Text("afforestation.site_practices_documented"),
                                     Text("afforestation.site_practices_to_be_shown"), Text("afforestation.afforestation_design_and_operation_records")),
                  evidence_key="site_practices"),
    ),
    parameters=(
        Parameter("DBH", "cm", Text("afforestation.diameter_at_breast_height"), Text("parameter_source.plot_inventory"), True),
        Parameter("H", "m", Text("afforestation.tree_height"), Text("parameter_source.plot_inventory"), True),
        Parameter("H_D", "m", Text("forestry.diameter_height"), Text("parameter_source.tool", tool="AR-TOOL14"), False, default("diameter_height_m")),
        Parameter("A", "ha", Text("common.stratum_area"), Text("parameter_source.parcel_boundaries"), True),
        Parameter("CF", "tC/t", Text("afforestation.carbon_fraction"), Text("parameter_source.tool", tool="AR-TOOL14"), False, default("CF")),
        Parameter("DW_fraction", "-", Text("afforestation.dead_wood_fraction"), Text("parameter_source.tool", tool="AR-TOOL12"), False, default("DW_fraction"), True),
        Parameter("LI_fraction", "-", Text("afforestation.litter_fraction"), Text("parameter_source.tool", tool="AR-TOOL12"), False, default("LI_fraction"), True),
    ),
    pdd=pdd_content.load(Path(__file__).parent / "data" / "pdd.toml", {"parameters": PARAMETERS, "species": SPECIES}),
    estimate=TABLES.calculate,
    projection=TABLES.projection,
    species=TABLES.species_names(),
    species_rows=tuple(TABLES.species.rows),
    crediting=conditions.crediting_rule(PARAMETERS, "CCER-14-001-V01"),
    additionality=DEEMED,
)
