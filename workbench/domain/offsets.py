"""Whether a unit may be used for offsetting in a market, and how much the entity may use (DOMAIN.md §4).

Rules are dated, sourced data; this module only evaluates one against the facts of a block and an entity. It
never guesses: where the rule does not say (e.g. a market's first CORSIA phase), the answer is "unknown".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from workbench.domain.text import Bilingual


@dataclass(frozen=True)
class OffsetRule:
    key: str
    market: str
    limit_pct: Decimal | None  # None: no quantitative limit
    base: str
    accepts: tuple[str, ...]  # programmes whose units the market accepts
    region: str
    min_local_pct: Decimal | None
    exclude_hydro: bool
    generated_from: date | None
    generated_to: date | None
    compliance_from: date | None
    compliance_to: date | None
    source: str
    confirm: bool


@dataclass(frozen=True)
class UnitFacts:
    programme: str  # ccer | bri
    host_country: str
    region: str  # province or region of the project, "" when unknown
    hydro: bool
    vintage: int


@dataclass(frozen=True)
class OffsetAnswer:
    verdict: str  # eligible | not eligible | unknown
    reasons: tuple[Bilingual, ...]
    max_quantity: int | None  # whole tonnes the entity may use, None when unlimited or not computable
    conditions: tuple[Bilingual, ...]  # portfolio conditions the entity must meet across all its units


def evaluate(rule: OffsetRule, unit: UnitFacts, compliance_year: int, base_quantity: Decimal | None) -> OffsetAnswer:
    reasons: list[Bilingual] = []
    conditions: list[Bilingual] = []
    if unit.programme not in rule.accepts:
        if unit.programme == "bri" and "ccer" in rule.accepts:
            return OffsetAnswer("unknown", (Bilingual(
                f"{rule.market} accepts {', '.join(rule.accepts)} units; whether BRI units count as CCERs there is not settled",
                f"{rule.market}接受{', '.join(rule.accepts)};一带一路减排量是否视同CCER尚无规定"),), None, ())
        reasons.append(Bilingual(f"{rule.market} accepts only {', '.join(rule.accepts)} units", f"{rule.market}仅接受{', '.join(rule.accepts)}"))
    first_day, last_day = date(unit.vintage, 1, 1), date(unit.vintage, 12, 31)
    if rule.generated_from and last_day < rule.generated_from:
        reasons.append(Bilingual(f"vintage {unit.vintage} is before {rule.generated_from}", f"{unit.vintage}年减排量早于{rule.generated_from}"))
    if rule.generated_to and first_day > rule.generated_to:
        reasons.append(Bilingual(f"vintage {unit.vintage} is after {rule.generated_to}", f"{unit.vintage}年减排量晚于{rule.generated_to}"))
    if rule.exclude_hydro and unit.hydro:
        reasons.append(Bilingual("hydropower units are excluded", "不接受水电项目减排量"))
    year_start, year_end = date(compliance_year, 1, 1), date(compliance_year, 12, 31)
    if (rule.compliance_from and year_end < rule.compliance_from) or (rule.compliance_to and year_start > rule.compliance_to):
        return OffsetAnswer("unknown", (Bilingual(
            f"the rule applies to compliance years {rule.compliance_from.year if rule.compliance_from else '…'}–"
            f"{rule.compliance_to.year if rule.compliance_to else '…'}; nothing recorded for {compliance_year}",
            f"该规则适用于{rule.compliance_from.year if rule.compliance_from else '…'}–{rule.compliance_to.year if rule.compliance_to else '…'}履约年度;"
            f"{compliance_year}年无记录"),), None, ())
    if rule.region and rule.min_local_pct is not None:
        local = bool(unit.region) and unit.region.lower() in rule.region.lower()
        text = Bilingual(f"at least {rule.min_local_pct} % of the units used must come from {rule.region}",
                         f"使用的减排量中至少{rule.min_local_pct}%须来自{rule.region}")
        if rule.min_local_pct >= 100 and not local:
            reasons.append(Bilingual(f"only units from {rule.region} are accepted; this one is from {unit.region or unit.host_country}",
                                     f"仅接受{rule.region}的减排量;本减排量来自{unit.region or unit.host_country}"))
        else:
            conditions.append(text)
    if reasons:
        return OffsetAnswer("not eligible", tuple(reasons), 0, tuple(conditions))
    maximum = None
    if rule.limit_pct is not None and base_quantity is not None:
        maximum = int((base_quantity * rule.limit_pct / 100).to_integral_value(rounding=ROUND_FLOOR))
    why = Bilingual(f"{rule.market}: up to {rule.limit_pct} % of {rule.base.replace('_', ' ')}" if rule.limit_pct is not None
                    else f"{rule.market}: no quantitative limit",
                    f"{rule.market}:不超过{rule.base}的{rule.limit_pct}%" if rule.limit_pct is not None else f"{rule.market}:无数量限制")
    return OffsetAnswer("eligible", (why,), maximum, tuple(conditions))
