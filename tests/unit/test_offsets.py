"""Offset eligibility per market edition (seed 000 tables 4 and 5), with hand-computed maxima."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from workbench.domain.offsets import UnitFacts, evaluate
from workbench.reference import load_table
from workbench.services.issuance.offsets import rule_of


def rule(key: str, on: date = date(2025, 12, 31)):
    return rule_of(load_table("offset_rules").on(key, on))


def ccer(vintage: int = 2025, region: str = "", hydro: bool = False) -> UnitFacts:
    return UnitFacts("ccer", "CN", region, hydro, vintage)


def test_national_ets_allows_5_percent_of_allowances_to_surrender():
    # 1,234,567 t to surrender × 5 % = 61,728.35 → 61,728 t
    answer = evaluate(rule("national-ets"), ccer(), 2025, D("1234567"))
    assert answer.verdict == "eligible" and answer.max_quantity == 61728
    assert [w.in_lang("zh") for w in answer.reasons if "全国碳排放权交易市场" in w.in_lang("zh")]  # the market by its Chinese name


def test_shanghai_refuses_hydro_and_old_vintages():
    answer = evaluate(rule("shanghai"), ccer(2012, hydro=True), 2025, D("100000"))
    assert answer.verdict == "not eligible"
    assert [r.en for r in answer.reasons] == ["vintage 2012 is before 2013-01-01", "hydropower units are excluded"]


def test_guangdong_states_the_local_share_as_a_portfolio_condition_and_keeps_both_bases():
    answer = evaluate(rule("guangdong"), ccer(region="Guangdong"), 2025, D("500000"))
    assert answer.max_quantity == 50000 and "at least 70 % of the units used must come from Guangdong" in answer.conditions[0].en
    assert rule("guangdong").base == "allowances_to_surrender" and rule("guangdong-001").base == "annual_emissions"
    assert rule("guangdong").confirm and rule("guangdong-001").confirm


def test_hubei_accepts_only_in_province_units_of_its_period():
    answer = evaluate(rule("hubei"), ccer(2020, region="Guangxi"), 2025, D("1000"))
    assert answer.verdict == "not eligible"
    assert any("only units from Hubei" in r.en for r in answer.reasons)


def test_shenzhen_rule_edition_follows_the_compliance_date():
    assert rule("shenzhen-2014", date(2020, 12, 31)).limit_pct == D(10)
    assert rule("shenzhen-2022", date(2024, 12, 31)).base == "shortfall"


def test_corsia_and_bri_units_get_unknown_not_a_guess():
    later_phase = evaluate(rule("corsia-pilot"), ccer(2019), 2025, None)
    assert later_phase.verdict == "unknown" and "nothing recorded for 2025" in later_phase.reasons[0].en
    bri = evaluate(rule("national-ets"), UnitFacts("bri", "VN", "", False, 2025), 2025, D("1000"))
    assert bri.verdict == "unknown"
    korea = evaluate(rule("korea"), UnitFacts("bri", "VN", "", False, 2025), 2025, D("2000001"))
    assert korea.verdict == "eligible" and korea.max_quantity == 200000  # 10 % of 2,000,001 = 200,000.1 → 200,000
