"""Splitting issued tonnes between registries (BRI agreement allocation) in whole tonnes.

Largest-remainder rule (Hamilton method): each recipient first gets the whole part of ``total × share``; the
tonnes left over go one each to the largest fractional remainders, ties broken by the order the shares are
listed in (China registry first, then the host registry). No tonne is lost or duplicated.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from workbench.domain.errors import UserError


def largest_remainder(total: int, shares: dict[str, Decimal]) -> dict[str, int]:
    if total < 0:
        raise UserError("error.allocation.cannot_allocate_a_negative_total", total=total)
    if any(s < 0 for s in shares.values()):
        raise UserError("error.allocation.shares_must_not_be_negative", shares=shares)
    if sum(shares.values()) != 1:
        raise UserError("error.allocation.shares_add_up_to_not_exactly", value=sum(shares.values()), value2=', '.join(f'{k} {v}' for k, v in shares.items()))
    exact = {k: Decimal(total) * s for k, s in shares.items()}
    whole = {k: int(v.to_integral_value(rounding=ROUND_FLOOR)) for k, v in exact.items()}
    left = total - sum(whole.values())
    order = sorted(shares, key=lambda k: (-(exact[k] - whole[k]), list(shares).index(k)))
    for k in order[:left]:
        whole[k] += 1
    return whole


@dataclass(frozen=True)
class BriSplit:
    """Tonnes per registry, and how many of them are the third-party developer's entitlement."""

    china: int
    host: int
    third_party: int
    third_party_registry: str  # "china" or "host"


def split_bri(total: int, china_share: Decimal, host_share: Decimal, third_party_share: Decimal = Decimal(0),
              third_party_registry: str = "china") -> BriSplit:
    """Seed 000 ch. 2: the third party's share of the total goes into the one registry it chose; the rest is
    split between China and the host country as the agreement says."""
    if third_party_registry not in ("china", "host"):
        raise UserError("error.allocation.a_third_party_chooses_the_china", third_party_registry=third_party_registry)
    first = largest_remainder(total, {"third_party": third_party_share, "rest": 1 - third_party_share})
    rest = largest_remainder(first["rest"], {"china": china_share, "host": host_share})
    china, host = rest["china"], rest["host"]
    if third_party_registry == "china":
        china += first["third_party"]
    else:
        host += first["third_party"]
    return BriSplit(china, host, first["third_party"], third_party_registry)
