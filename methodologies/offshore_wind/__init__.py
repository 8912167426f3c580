"""CCER-01-002-V01 — grid-connected offshore wind power (并网海上风力发电)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from workbench.domain.text import Bilingual
from workbench.methodology import conditions, grid_power
from workbench.methodology.protocol import (
    ApplicabilityInput,
    Condition,
    Methodology,
    MonitoringItem,
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
        return Outcome(Verdict.FAIL, Bilingual(f"sector is {facts.sector}, not energy", f"项目领域为{facts.sector},不是能源"))
    if not facts.sites:
        return Outcome(Verdict.NEEDS_EVIDENCE, Bilingual("no site recorded", "未录入场址"),
                       Bilingual("site coordinates, distance to shore and water depth", "场址坐标、离岸距离与水深"))
    unknown = [s.name for s in facts.sites if s.distance_to_shore_km is None and s.water_depth_m is None]
    if unknown:
        return Outcome(Verdict.NEEDS_EVIDENCE,
                       Bilingual(f"distance and depth unknown for {', '.join(unknown)}", f"{'、'.join(unknown)}缺少离岸距离与水深"),
                       Bilingual("marine survey or sea-area use certificate", "海域使用权证书或海洋测量报告"))
    failing = [s.name for s in facts.sites
               if not ((s.distance_to_shore_km or 0) > min_km or (s.water_depth_m or 0) > min_m)]
    if failing:
        return Outcome(Verdict.FAIL, Bilingual(
            f"{', '.join(failing)}: neither more than {min_km} km from shore nor deeper than {min_m} m",
            f"{'、'.join(failing)}:离岸距离不超过{min_km}公里且水深不超过{min_m}米"))
    return Outcome(Verdict.PASS, Bilingual(
        f"every site is more than {min_km} km from shore or in more than {min_m} m of water (confirm the 'or')",
        f"所有场址离岸距离大于{min_km}公里或水深大于{min_m}米(“或”待确认)"))


METHODOLOGY = Methodology(
    id="CCER-01-002",
    version="V01",
    title=Bilingual("Grid-connected offshore wind power generation", "并网海上风力发电"),
    sector="energy",
    conditions=(
        Condition("far_offshore", Bilingual("Offshore wind farm more than 30 km from shore or in water deeper than 30 m",
                                            "离岸距离30公里以上或水深30米以上的海上风电场"), _far_offshore),
        conditions.GRID_CONNECTED,
        conditions.UNIQUE_MWH,
    ),
    parameters=(
        Parameter("EG_export", "MWh", Bilingual("Electricity exported to the grid", "上网电量"), "revenue meter", True),
        Parameter("EG_import", "MWh", Bilingual("Electricity imported from the grid", "下网电量"), "revenue meter", True),
        Parameter("EF_OM", "tCO2/MWh", Bilingual("Operating margin emission factor", "电量边际排放因子"), "grid factor edition", False),
        Parameter("EF_BM", "tCO2/MWh", Bilingual("Build margin emission factor", "容量边际排放因子"), "grid factor edition", False),
        Parameter("w_OM", "-", Bilingual("Weight of OM", "电量边际权重"), "methodology", False, default("w_OM"), True),
        Parameter("w_BM", "-", Bilingual("Weight of BM", "容量边际权重"), "methodology", False, default("w_BM"), True),
    ),
    monitoring_plan=(
        MonitoringItem("EG_export", Bilingual("Revenue meter at the grid connection point", "并网点关口电能表"), "class 0.5 or better",
                       Bilingual("continuous, recorded monthly", "连续计量,每月记录"),
                       Bilingual("calibrated yearly; cross-checked with sales invoices", "每年校准;与售电发票核对")),
        MonitoringItem("EG_import", Bilingual("Revenue meter at the grid connection point", "并网点关口电能表"), "class 0.5 or better",
                       Bilingual("continuous, recorded monthly", "连续计量,每月记录"),
                       Bilingual("calibrated yearly; cross-checked with purchase invoices", "每年校准;与购电发票核对")),
    ),
    estimate=calculate,
    crediting=conditions.crediting_rule(PARAMETERS, "CCER-01-002-V01", inside_lifetime_from_grid_connection=True),
)
