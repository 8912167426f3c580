"""CCER-14-002-V01 — mangrove afforestation (红树林营造)."""

from __future__ import annotations

from pathlib import Path

from workbench.domain.text import Bilingual
from workbench.methodology import conditions, forestry_calc
from workbench.methodology.protocol import Condition, Methodology, MonitoringItem, Parameter

TABLES = forestry_calc.load_tables(Path(__file__).parent / "data", mangrove=True)
SPECIES, PARAMETERS = TABLES.species, TABLES.parameters
calculate = TABLES.calculate  # as afforestation, plus soil organic carbon at the default rate for the years since planting


def default(symbol: str):
    return conditions.default(PARAMETERS, symbol)


METHODOLOGY = Methodology(
    id="CCER-14-002",
    version="V01",
    title=Bilingual("Mangrove afforestation", "红树林营造"),
    sector="forestry",
    conditions=(
        Condition("site", Bilingual("Planting on unvegetated tidal flats or retired aquaculture ponds inside the mangrove suitable zone",
                                    "在红树林宜林区内的无植被潮滩或退养塘上营造"),
                  conditions.evidence("tidal_flat", Bilingual("site shown", "已证明造林地类型"), Bilingual("planting site to be shown", "需证明造林地类型"),
                                      Bilingual("survey showing unvegetated tidal flat or retired ponds inside the suitable zone", "红树林宜林区内无植被潮滩或退养塘的调查"))),
        Condition("tenure", Bilingual("Tenure certificate at county level or above", "县级以上权属证明"),
                  conditions.evidence("tenure", Bilingual("tenure certificate", "权属证明"), Bilingual("tenure certificate to be shown", "需提供县级以上权属证明"),
                                      Bilingual("sea-area or land-use certificate", "海域使用权或土地权属证书"))),
        Condition("forestry", Bilingual("A forestry carbon-sink project", "林业碳汇项目"), conditions.in_sector("forestry", "forestry", "林业")),
    ),
    parameters=(
        Parameter("DBH", "cm", Bilingual("Diameter (at 30 cm for mangroves where the methodology says so)", "基径/胸径"), "plot inventory", True),
        Parameter("A", "ha", Bilingual("Stratum area", "碳层面积"), "parcel boundaries", True),
        Parameter("SOC_rate", "tC/ha/yr", Bilingual("Soil organic carbon accumulation", "土壤有机碳累积速率"), "default", False, default("mangrove_soc_rate"), True),
    ),
    monitoring_plan=(
        MonitoringItem("DBH, H", Bilingual("Permanent sample plots at low tide", "低潮时固定样地调查"), "0.1 cm / 0.1 m",
                       Bilingual("at every verification", "每次核查前"), Bilingual("survival counts per plot", "逐样地统计成活")),
    ),
    estimate=TABLES.calculate,
    projection=TABLES.projection,
    species=TABLES.species_names(),
    crediting=conditions.crediting_rule(PARAMETERS, "CCER-14-002-V01"),
)
