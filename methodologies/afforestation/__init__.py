"""CCER-14-001-V01 — afforestation carbon sequestration (造林碳汇)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from workbench.domain.text import Bilingual
from workbench.methodology import conditions, forestry_calc
from workbench.methodology.protocol import ApplicabilityInput, Condition, Methodology, MonitoringItem, Outcome, Parameter, Verdict

TABLES = forestry_calc.load_tables(Path(__file__).parent / "data", mangrove=False)
SPECIES, PARAMETERS = TABLES.species, TABLES.parameters
calculate = TABLES.calculate


def default(symbol: str):
    return conditions.default(PARAMETERS, symbol)


def project_start(facts: ApplicabilityInput) -> date | None:
    """The project start (项目开始日期): the start of the afforestation activity, held as the project's operation
    start, else the start of its crediting period — not the construction start."""
    return facts.operation_start or facts.crediting_start


def _parcels(facts: ApplicabilityInput) -> Outcome:
    """CCER-14-001-V01 §2: contiguous parcels of at least 400 m², 667 m² for projects *started* in 2019 or earlier."""
    start = project_start(facts)
    minimum = 667 if start and start < date(2020, 1, 1) else 400
    small = [s.name for s in facts.sites if s.area_ha is not None and s.area_ha * 10000 < minimum]
    if small:
        return Outcome(Verdict.FAIL, Bilingual(f"parcels under {minimum} m²: {', '.join(small)}", f"小于{minimum}平方米的地块:{'、'.join(small)}"))
    if not facts.sites or any(s.area_ha is None for s in facts.sites):
        return Outcome(Verdict.NEEDS_EVIDENCE, Bilingual("parcel areas unknown", "地块面积未知"),
                       Bilingual("parcel boundaries ('workbench site import')", "地块边界(site import)"))
    return Outcome(Verdict.PASS, Bilingual(f"every parcel is at least {minimum} m²", f"所有地块不小于{minimum}平方米"))


METHODOLOGY = Methodology(
    id="CCER-14-001",
    version="V01",
    title=Bilingual("Afforestation carbon sequestration", "造林碳汇"),
    sector="forestry",
    conditions=(
        Condition("forestry", Bilingual("A forestry carbon-sink project", "林业碳汇项目"), conditions.in_sector("forestry", "forestry", "林业")),
        Condition("non_forest", Bilingual("Land was non-forest and planned for afforestation at least 3 years before the start",
                                          "项目开始前至少3年为非林地并规划为造林地"),
                  conditions.evidence("land_history", Bilingual("land history shown", "已证明土地历史"), Bilingual("land history to be shown", "需证明土地历史"),
                                     Bilingual("land-use maps or forest inventory of the last 3 years", "近3年土地利用图或森林资源调查"))),
        Condition("tenure", Bilingual("Clear land tenure", "土地权属清晰"),
                  conditions.evidence("tenure", Bilingual("tenure documented", "权属证明"), Bilingual("tenure to be shown", "需提供权属证明"),
                                     Bilingual("forest-right or land-contract certificates", "林权证或土地承包合同"))),
        Condition("parcel_size", Bilingual("Parcels of at least 400 m² (667 m² for projects started in 2019 or earlier)",
                                           "地块面积不小于400平方米(2019年及以前开始的项目不小于667平方米)"), _parcels),
        Condition("practices", Bilingual("Not wetland; existing scattered trees and bamboo not removed; removal of shrubs and bamboo under 2 cm "
                                         "DBH ≤ 20 % of the area; no economic forest, channel greening on non-forest land, urban, village, "
                                         "industrial or mining greening",
                                         "非湿地;不清除原有散生林木和竹子;胸径2厘米以下灌木和竹子的清除面积不超过20%;非经济林、"
                                         "非林地上的通道绿化和城镇、村庄、工矿绿化"),
                  conditions.evidence("site_practices", Bilingual("site practices documented", "已说明营造林措施"),
                                     Bilingual("site practices to be shown", "需说明营造林措施"), Bilingual("afforestation design and operation records", "造林作业设计与作业记录"))),
    ),
    parameters=(
        Parameter("DBH", "cm", Bilingual("Diameter at breast height", "胸径"), "plot inventory", True),
        Parameter("H", "m", Bilingual("Tree height", "树高"), "plot inventory", True),
        Parameter("A", "ha", Bilingual("Stratum area", "碳层面积"), "parcel boundaries", True),
        Parameter("CF", "tC/t", Bilingual("Carbon fraction", "含碳率"), "AR-TOOL14", False, default("CF")),
        Parameter("DW_fraction", "-", Bilingual("Dead wood fraction", "枯死木比例"), "AR-TOOL12", False, default("DW_fraction"), True),
        Parameter("LI_fraction", "-", Bilingual("Litter fraction", "枯落物比例"), "AR-TOOL12", False, default("LI_fraction"), True),
    ),
    monitoring_plan=(
        MonitoringItem("DBH, H", Bilingual("Permanent sample plots, diameter tape and hypsometer", "固定样地,围尺和测高器"), "0.1 cm / 0.1 m",
                       Bilingual("at every verification", "每次核查前"), Bilingual("10 % of plots re-measured by another team", "10%样地由另一组复测")),
        MonitoringItem("A", Bilingual("Parcel boundaries by GNSS", "GNSS测量地块边界"), "±1 m",
                       Bilingual("at start and at every verification", "开始时及每次核查"), Bilingual("checked against forest-right maps", "与林权图核对")),
    ),
    estimate=TABLES.calculate,
    projection=TABLES.projection,
    species=TABLES.species_names(),
    crediting=conditions.crediting_rule(PARAMETERS, "CCER-14-001-V01"),
)
