"""CCER-01-001-V01 — grid-connected solar thermal (concentrated solar) power (并网光热发电)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from methodologies.solar_thermal import equations as eq
from workbench.domain.errors import UserError
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
FUELS = load_table("fuel_defaults", DATA, decimal_columns=("ncv", "carbon_content", "oxidation"))
EFFECTIVE = PARAMETERS.rows[0].valid_from


def default(symbol: str):
    return conditions.default(PARAMETERS, symbol)


def fuel_emissions(vintage: Mapping[str, Any], where: str) -> tuple[Decimal, dict[str, Any]]:
    """PE from the vintage's ``fuels``: [{fuel, FC, error?, NCV?, CC?, OF?, source?}] — defaults from the fuel table
    (NCV GJ/unit, CC tC/GJ, OF %, the units of §6.4 equation (5)); NCV, CC and OF given together replace them. Instead
    of FC and error, ``spans: [{FC, error}]`` gives the consumption by meter span, each corrected up with its own
    error (CCER-01-001-V01 §7.3.4 c)."""
    fuels = vintage.get("fuels", [])
    if not isinstance(fuels, list):
        raise UserError("fuels must be a list of {fuel, FC}", where=where)
    pairs, used = [], {}
    for i, item in enumerate(fuels):
        place = f"{where} fuels[{i}]"
        name = str(item.get("fuel", "")) if isinstance(item, Mapping) else ""
        if name not in FUELS.keys():
            raise UserError(f"unknown fuel {name!r}; known: {', '.join(FUELS.keys())}", where=place)
        row = FUELS.on(name, EFFECTIVE)
        parts = item.get("spans") if "spans" in item else [item]
        if not isinstance(parts, list):
            raise UserError("spans must be a list of {FC, error}", where=place)
        fc = corrected = Decimal(0)
        for j, part in enumerate(parts):
            at = f"{place} spans[{j}]" if "spans" in item else place
            if not isinstance(part, Mapping):
                raise UserError("each span is an object with FC and error", where=at)
            amount = grid_power.number(part, "FC", at)
            if amount < 0:
                raise UserError(f"FC {amount} {row.columns['fuel_unit']} is negative", where=at)
            fc += amount
            corrected += eq.corrected_fuel(amount, grid_power.fraction(part, "error", at))
        ncv = grid_power.number(item, "NCV", place, row.decimal("ncv"))
        cc = grid_power.number(item, "CC", place, row.decimal("carbon_content"))
        of = grid_power.number(item, "OF", place, row.decimal("oxidation"))
        coef = eq.emission_coefficient(ncv, cc, of)
        pairs.append((corrected, coef))
        if not 1 < of <= 100:
            raise UserError(f"OF {of} is not a percentage in (1, 100]; the methodology gives the oxidation rate in % (98, not 0.98)",
                            where=place)
        if not 0 < cc < 1:
            raise UserError(f"CC {cc} is not in tC/GJ (e.g. 0.0202 for diesel); the methodology gives carbon content per GJ", where=place)
        own = {"NCV", "CC", "OF"} <= set(item)
        demo = " (DEMO figures — not read from the guideline)" if row.columns.get("demo") == "yes" else ""
        source = str(item.get("source") or "given with the input") if own else f"{row.source}{' (confirm)' if row.confirm else ''}{demo}"
        used[f"fuel.{name}"] = {"FC": str(fc), "FC_corrected": str(corrected), "COEF": str(coef), "NCV": str(ncv), "CC": str(cc),
                                "OF": str(of), "units": "NCV GJ/unit, CC tC/GJ, OF %", "source": source}
    return eq.project_emissions(pairs), used


def calculate(values: Mapping[str, Any]) -> list[VintageResult]:
    """Per vintage: grid-power baseline (as offshore wind) minus auxiliary fuel project emissions."""
    return grid_power.calculate(values, default("w_OM"), default("w_BM"), fuel_emissions, default("LE").value)


def _csp(facts: ApplicabilityInput) -> Outcome:
    if facts.sector != "energy":
        return Outcome(Verdict.FAIL, Bilingual(f"sector is {facts.sector}, not energy", f"项目领域为{facts.sector},不是能源"))
    reference = facts.evidence.get("csp_metering")
    if reference:
        return Outcome(Verdict.PASS, Bilingual(f"standalone CSP or separately metered CSP part: {reference}", f"独立光热或单独计量的光热部分:{reference}"))
    return Outcome(Verdict.NEEDS_EVIDENCE, Bilingual("standalone CSP, or the CSP part of a hybrid plant separately metered, to be shown",
                                                     "需证明为独立光热电站或单独计量的“光热+”项目光热部分"),
                   Bilingual("single-line diagram and meter list (evidence.csp_metering)", "电气主接线图与计量表清单(evidence.csp_metering)"))


METHODOLOGY = Methodology(
    id="CCER-01-001",
    version="V01",
    title=Bilingual("Grid-connected solar thermal power generation", "并网光热发电"),
    sector="energy",
    conditions=(
        Condition("csp", Bilingual("Standalone concentrated solar power, or the separately metered CSP part of a hybrid plant",
                                   "独立光热电站,或单独计量的“光热+”项目光热部分"), _csp),
        conditions.GRID_CONNECTED,
        conditions.UNIQUE_MWH,
    ),
    parameters=(
        Parameter("EG_export", "MWh", Bilingual("Electricity exported to the grid", "上网电量"), "revenue meter", True),
        Parameter("EG_import", "MWh", Bilingual("Electricity imported from the grid", "下网电量"), "revenue meter", True),
        Parameter("EF_OM", "tCO2/MWh", Bilingual("Operating margin emission factor", "电量边际排放因子"), "grid factor edition", False),
        Parameter("EF_BM", "tCO2/MWh", Bilingual("Build margin emission factor", "容量边际排放因子"), "grid factor edition", False),
        Parameter("FC_i", "t or 10^4 Nm3", Bilingual("Auxiliary fossil fuel consumed", "辅助化石燃料消耗量"), "fuel meters and invoices", True),
        Parameter("NCV_i", "GJ/unit", Bilingual("Net calorific value", "低位发热量"), "fuel defaults", False, FUELS.on("natural_gas", EFFECTIVE).sourced("ncv", "ncv_unit"), True),
        Parameter("w_OM", "-", Bilingual("Weight of OM", "电量边际权重"), "methodology", False, default("w_OM"), True),
        Parameter("w_BM", "-", Bilingual("Weight of BM", "容量边际权重"), "methodology", False, default("w_BM"), True),
    ),
    monitoring_plan=(
        MonitoringItem("EG_export", Bilingual("Revenue meter at the grid connection point", "并网点关口电能表"), "class 0.5 or better",
                       Bilingual("continuous, recorded monthly", "连续计量,每月记录"), Bilingual("calibrated yearly", "每年校准")),
        MonitoringItem("FC_i", Bilingual("Gas flow meter / fuel delivery records", "燃气流量计/燃料入库记录"), "class 2.0 or better",
                       Bilingual("continuous, recorded monthly", "连续计量,每月记录"),
                       Bilingual("cross-checked with purchase invoices; corrected up by the meter error", "与购买发票核对;按误差向上修正")),
    ),
    estimate=calculate,
    fuels={k: (FUELS.on(k, EFFECTIVE).columns["fuel_unit"], FUELS.on(k, EFFECTIVE).columns["name_zh"]) for k in FUELS.keys()},
    crediting=conditions.crediting_rule(PARAMETERS, "CCER-01-001-V01", inside_lifetime_from_grid_connection=True),
)
