"""Largest-remainder allocation and the BRI split (seed 000 ch. 2), on awkward shares."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.allocation import largest_remainder, split_bri
from workbench.domain.errors import UserError
from workbench.domain.serials import Block, take, violations


def test_thirds_of_100_give_the_spare_tonne_to_the_first_listed():
    third = D(1) / D(3)
    shares = {"china": third, "host": third, "other": 1 - 2 * third}
    # exact 33.333…, 33.333…, 33.333…4: floors 33+33+33 = 99; the largest remainder is the last (…4), so it gets it
    assert largest_remainder(100, shares) == {"china": 33, "host": 33, "other": 34}


def test_half_of_an_odd_total_goes_to_china_on_a_tie():
    # 0.5 × 7 = 3.5 each: floors 3 + 3, one tonne left, equal remainders → first listed (China registry)
    assert largest_remainder(7, {"china": D("0.5"), "host": D("0.5")}) == {"china": 4, "host": 3}


def test_shares_must_add_up_to_exactly_one():
    with pytest.raises(UserError, match="not exactly 1"):
        largest_remainder(10, {"china": D("0.5"), "host": D("0.49")})


def test_third_party_share_goes_into_its_one_registry_and_the_rest_is_split():
    # 10 % of 1001 = 100.1 → 100 third party, 901 rest; 901 × 0.5 = 450.5 → China 451, host 450
    split = split_bri(1001, D("0.5"), D("0.5"), D("0.1"), "host")
    assert (split.china, split.host, split.third_party) == (451, 450 + 100, 100)


@settings(max_examples=60, deadline=None)
@given(total=st.integers(0, 10**9), china=st.integers(0, 100), third=st.integers(0, 99), to_host=st.booleans())
def test_no_tonne_is_lost_or_duplicated(total, china, third, to_host):
    split = split_bri(total, D(china) / 100, D(100 - china) / 100, D(third) / 100, "host" if to_host else "china")
    assert split.china + split.host == total and split.china >= 0 and split.host >= 0
    assert split.third_party <= split.host if to_host else split.third_party <= split.china


def test_taking_from_a_range_keeps_ranges_apart():
    assert take(1, 100, 30) == ((1, 30), (31, 100))
    assert take(1, 100, 100) == ((1, 100), None)
    with pytest.raises(UserError, match="between 1 and the block's 100 units"):
        take(1, 100, 101)


def test_violations_name_overlaps_across_registries_and_lost_units():
    blocks = [Block(1, "P", 2025, 1, 60, "CN", "issued"), Block(2, "P", 2025, 50, 100, "VN", "issued")]
    found = violations(blocks, {("P", 2025): 100})
    assert any("serials 50..60 are held in two registries" in v.en for v in found) and any("同时存在于两个登记系统" in v.zh for v in found)
    assert any("blocks hold 111 units but 100 were issued" in v.en for v in found)
