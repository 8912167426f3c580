"""Article 6 state of a block of units, per country: use, authorisation and corresponding adjustment.

Seed 000 ch. 2 and DOMAIN.md §5: a unit authorised by a country for use toward an NDC or for other international
mitigation purposes needs that country's corresponding adjustment; a third-party developer's units are never
counted toward an NDC of the cooperation; only China and the host country of the agreement authorise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from workbench.domain.labels import LabelledEnum
from workbench.domain.text import Text


class UnitUse(LabelledEnum):
    """What a block of units is used for (减排量用途)."""

    NDC = "ndc"
    INTERNATIONAL = "international"  # other international mitigation purposes (OIMP)
    VOLUNTARY = "voluntary"
    ETS_OFFSET = "ets_offset"


class Article6Adjustment(LabelledEnum):
    """A country's corresponding adjustment (相应调整) for a block of units."""

    NONE = "none"
    REQUIRED = "required"
    APPLIED = "applied"


NEEDS_ADJUSTMENT = (UnitUse.NDC, UnitUse.INTERNATIONAL)


@dataclass(frozen=True)
class CountryState:
    authorised: bool
    adjustment: str  # none | required | applied


def parse(text: str) -> dict[str, CountryState]:
    raw = json.loads(text or "{}")
    return {c: CountryState(bool(v["authorised"]), v["adjustment"]) for c, v in raw.items()}


def dump(states: dict[str, CountryState]) -> str:
    return json.dumps({c: {"authorised": s.authorised, "adjustment": s.adjustment} for c, s in sorted(states.items())}, sort_keys=True)


def check(use: str, country: str, authorised: bool, adjustment: str, *, third_party: bool, countries: tuple[str, str]) -> Text | None:
    """Why this Article 6 state is refused (a catalogue message), or None."""
    if not UnitUse.has_value(use):
        return Text("article6.use_not_one_of", use=use, accepted=list(UnitUse))
    if not Article6Adjustment.has_value(adjustment):
        return Text("article6.adjustment_not_one_of", adjustment=adjustment, accepted=list(Article6Adjustment))
    if country not in countries:
        return Text("article6.not_a_party", country=country, first=countries[0], second=countries[1])
    if use == "ndc" and third_party:
        return Text("article6.third_party_never_ndc")
    if adjustment != "none" and not authorised:
        return Text("article6.adjustment_needs_authorisation", country=country)
    if authorised and use in NEEDS_ADJUSTMENT and adjustment == "none":
        return Text("article6.authorised_use_needs_adjustment", country=country, use=UnitUse(use))
    return None
