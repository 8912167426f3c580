"""Whether a unit may be used for offsetting in a market, and how much the entity may use (DOMAIN.md §4).

Rules are dated, sourced data; this module only evaluates one against the facts of a block and an entity. It
never guesses: where the rule does not say (e.g. a market's first CORSIA phase), the answer is "unknown".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from workbench.domain.labels import LabelledEnum
from workbench.domain.project import Programme
from workbench.domain.text import Bilingual, Text


class OffsetVerdict(LabelledEnum):
    """Whether a unit may be used for offsetting in a market (可用于抵销): the rule may not say."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not eligible"
    UNKNOWN = "unknown"


class OffsetBase(LabelledEnum):
    """What a market's offset limit is a share of (抵销比例的基数), as the rule tables state it."""

    ACTUAL_EMISSIONS = "actual_emissions"
    ALLOWANCES_FOR_THE_YEAR = "allowances_for_the_year"
    ALLOWANCES_TO_SURRENDER = "allowances_to_surrender"
    ANNUAL_EMISSIONS = "annual_emissions"
    AUDITED_EMISSIONS = "audited_emissions"
    CANCELLED_QUANTITY = "cancelled_quantity"
    SHORTFALL = "shortfall"
    VALIDATED_ALLOWANCES = "validated_allowances"
    VERIFIED_EMISSIONS = "verified_emissions"


@dataclass(frozen=True)
class OffsetRule:
    key: str
    market: Bilingual  # named in the user's language wherever a reason names it
    limit_pct: Decimal | None  # None: no quantitative limit
    base: OffsetBase | None  # None where the rule sets no quantitative limit
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
    verdict: OffsetVerdict
    reasons: tuple[Bilingual, ...]
    max_quantity: int | None  # whole tonnes the entity may use, None when unlimited or not computable
    conditions: tuple[Bilingual, ...]  # portfolio conditions the entity must meet across all its units


def programmes(codes: tuple[str, ...]) -> tuple[Programme | str, ...]:
    """The programmes a rule accepts, by their labels where the workbench knows them, else by their abbreviation
    (``phcer`` → PHCER, Guangdong's carbon-inclusion credits)."""
    return tuple(Programme(c) if c in set(Programme) else c.upper() for c in codes)


def evaluate(rule: OffsetRule, unit: UnitFacts, compliance_year: int, base_quantity: Decimal | None) -> OffsetAnswer:
    reasons: list[Bilingual] = []
    conditions: list[Bilingual] = []
    if unit.programme not in rule.accepts:
        if unit.programme == "bri" and "ccer" in rule.accepts:
            return OffsetAnswer(OffsetVerdict.UNKNOWN, (Text("offsets.accepts_units_whether_bri_units_count", market=rule.market, value=programmes(rule.accepts)),), None, ())
        reasons.append(Text("offsets.accepts_only_units", market=rule.market, value=programmes(rule.accepts)))
    first_day, last_day = date(unit.vintage, 1, 1), date(unit.vintage, 12, 31)
    if rule.generated_from and last_day < rule.generated_from:
        reasons.append(Text("offsets.vintage_is_before", vintage=unit.vintage, generated_from=rule.generated_from))
    if rule.generated_to and first_day > rule.generated_to:
        reasons.append(Text("offsets.vintage_is_after", vintage=unit.vintage, generated_to=rule.generated_to))
    if rule.exclude_hydro and unit.hydro:
        reasons.append(Text("offsets.hydropower_units_are_excluded"))
    year_start, year_end = date(compliance_year, 1, 1), date(compliance_year, 12, 31)
    if (rule.compliance_from and year_end < rule.compliance_from) or (rule.compliance_to and year_start > rule.compliance_to):
        return OffsetAnswer(OffsetVerdict.UNKNOWN, (Text("offsets.the_rule_applies_to_compliance_years", value=rule.compliance_from.year if rule.compliance_from else '…', value2=rule.compliance_to.year if rule.compliance_to else '…', compliance_year=compliance_year),), None, ())
    if rule.region and rule.min_local_pct is not None:
        local = bool(unit.region) and unit.region.lower() in rule.region.lower()
        text = Text("offsets.at_least_of_the_units_used", min_local_pct=rule.min_local_pct, region=rule.region)
        if rule.min_local_pct >= 100 and not local:
            reasons.append(Text("offsets.only_units_from_are_accepted_this", region=rule.region, value=unit.region or unit.host_country))
        else:
            conditions.append(text)
    if reasons:
        return OffsetAnswer(OffsetVerdict.NOT_ELIGIBLE, tuple(reasons), 0, tuple(conditions))
    maximum = None
    if rule.limit_pct is not None and base_quantity is not None:
        maximum = int((base_quantity * rule.limit_pct / 100).to_integral_value(rounding=ROUND_FLOOR))
    why = (Text("offsets.up_to_percent_of", market=rule.market, limit=rule.limit_pct, base=rule.base or "—")
           if rule.limit_pct is not None else Text("offsets.no_quantitative_limit", market=rule.market))
    return OffsetAnswer(OffsetVerdict.ELIGIBLE, (why,), maximum, tuple(conditions))
