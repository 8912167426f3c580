"""Validation and verification: team size, the different-VVB rule, open findings blocking reports and stages."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.cli_helpers import file_digest
from workbench.domain.errors import UserError
from workbench.domain.validation_guards import needs_final_report
from workbench.services.projects.lifecycle import context_for
from workbench.services.projects.projects import resolve
from workbench.services.projects import lifecycle
from workbench.services.validation import validation
from workbench.services.support.context import Actor
from workbench.services.demo.projects import create_demo_projects
from workbench.services.demo.demo import create_demo


@pytest.fixture
def forest(ws):
    actor = Actor("tester", date(2025, 1, 6))
    create_demo_projects(ws, actor)
    cqc = validation.add_vvb(ws, actor, {"name_en": "VVB One", "scopes": "energy,forestry"}).result["id"]
    cec = validation.add_vvb(ws, actor, {"name_en": "VVB Two", "scopes": "forestry"}).result["id"]
    return actor, cqc, cec


def test_team_size_and_accreditation_scope(ws, forest):
    actor, cqc, cec = forest
    with pytest.raises(UserError, match="at least 2 are needed") as refused:
        validation.engage(ws, actor, "GX-AR-01", cqc, "validation", "Li Wei")
    # the source is the published rules' name in each language, never our notes (newcomer trial: "DOMAIN.md §2")
    assert ".md" not in refused.value.in_lang("en") and "validation and verification rules 2023" in refused.value.in_lang("en")
    zh = refused.value.in_lang("zh")
    assert "温室气体自愿减排项目审定与减排量核查规则" in zh and not re.search("[A-Za-z]{3,}", zh.replace("Li Wei", "")), zh
    with pytest.raises(UserError, match="accredited for forestry, not energy"):
        validation.engage(ws, actor, "VN-OFW-01", cec, "validation", "A, B")


def test_an_open_car_blocks_the_final_report_and_registration(ws, forest):
    actor, cqc, _ = forest
    lifecycle.advance(ws, actor, "GX-AR-01", "pdd_publicity")
    engagement = validation.engage(ws, actor, "GX-AR-01", cqc, "validation", "Li Wei, Zhang Min").result["id"]
    car = validation.raise_finding(ws, actor, engagement, "CAR", "Land tenure certificate for compartment 7 missing").result["id"]
    validation.raise_finding(ws, actor, engagement, "FAR", "Check survival rate at first verification")
    later = Actor("tester", date(2025, 3, 10))
    lifecycle.advance(ws, later, "GX-AR-01", "validation")
    before = file_digest(ws)
    with pytest.raises(UserError, match="CAR-1 'Land tenure certificate for compartment 7 missing'"):
        validation.finalise_report(ws, later, engagement)
    with pytest.raises(lifecycle.Blocked) as blocked:
        lifecycle.advance(ws, later, "GX-AR-01", "registration_requested")
    assert [r.code for r in blocked.value.reasons] == ["finding-open", "validation-report-draft"]
    assert file_digest(ws) == before
    with pytest.raises(UserError, match="the owner responds before the VVB closes it"):
        validation.close(ws, later, car)
    validation.respond(ws, later, car, "Certificate No. 450281-2020-0007 attached")
    validation.close(ws, later, car)
    validation.finalise_report(ws, later, engagement)
    (e,) = validation.engagements_of(ws, "GX-AR-01")
    assert [(x.type, x.status) for x in e.findings] == [("CAR", "closed"), ("FAR", "carried_forward")]
    lifecycle.advance(ws, later, "GX-AR-01", "registration_requested")
    registered = Actor("tester", date(2025, 3, 31))  # a CCER project is registered with the registry's reference (art. 15)
    with pytest.raises(UserError) as refused:
        lifecycle.advance(ws, registered, "GX-AR-01", "registered")
    assert refused.value.in_lang("en").startswith("Registration reference: give the registry's reference")
    assert "第十五条" in refused.value.in_lang("zh")
    lifecycle.advance(ws, registered, "GX-AR-01", "registered", evidence="CCER registration notice 2025-031")
    history = lifecycle.view_project(ws, "GX-AR-01", registered.today).snapshot.history
    assert (history[-1].target.value, history[-1].evidence) == ("registered", "CCER registration notice 2025-031")


def test_the_validating_vvb_may_not_verify(ws, forest, tmp_path):
    actor, cqc, _ = forest
    validation.engage(ws, actor, "GX-AR-01", cqc, "validation", "A, B")
    with pytest.raises(UserError, match="VVB One validated this project; verification must be done by a different VVB"):
        validation.engage(ws, actor, "GX-AR-01", cqc, "verification", "A, B", period=1)


def test_site_visits_all_when_few_else_a_reproducible_sample(ws, forest):
    from workbench.services.projects.parties import add_site

    actor, cqc, _ = forest
    engagement = validation.engage(ws, actor, "GX-AR-01", cqc, "validation", "A, B").result["id"]
    assert validation.sample_sites(ws, actor, engagement).result == {"seed": None, "sites": ["宜州区7林班", "金城江区12林班"]}
    for i in range(10):
        add_site(ws, actor, "GX-AR-01", {"name": f"Compartment {i:02d}", "latitude": f"24.{i:06d}", "longitude": "108.000000"})
    first = validation.sample_sites(ws, actor, engagement, seed=20250303).result
    again = validation.sample_sites(ws, actor, engagement, seed=20250303).result
    assert first == again and len(first["sites"]) == 5 and first["seed"] == 20250303  # 12 sites > 5: a sample of 5
    unseeded = validation.sample_sites(ws, actor, engagement).result
    assert unseeded["seed"] is not None and len(unseeded["sites"]) == 5


def test_a_refusal_names_the_vvb_in_the_readers_language(ws, forest):
    """A VVB named in Chinese only, or in both languages, is named in Chinese in a Chinese refusal and a stage reason."""
    actor, _, _ = forest
    zh_only = validation.add_vvb(ws, actor, {"name_zh": "中环联合认证中心", "scopes": "forestry"}).result["id"]
    both = validation.add_vvb(ws, actor, {"name_en": "China Quality Certification Centre", "name_zh": "中国质量认证中心",
                                          "scopes": "forestry"}).result["id"]
    for vvb, zh, en in ((zh_only, "中环联合认证中心", "中环联合认证中心"), (both, "中国质量认证中心", "China Quality Certification Centre")):
        with pytest.raises(UserError) as refused:
            validation.engage(ws, actor, "VN-OFW-01", vvb, "validation", "A, B")
        assert zh in refused.value.in_lang("zh") and en in refused.value.in_lang("en")
    lifecycle.advance(ws, actor, "GX-AR-01", "pdd_publicity")
    validation.engage(ws, actor, "GX-AR-01", both, "validation", "Li Wei, Zhang Min")
    lifecycle.advance(ws, Actor("tester", date(2025, 3, 10)), "GX-AR-01", "validation")
    with pytest.raises(lifecycle.Blocked) as blocked:
        lifecycle.advance(ws, Actor("tester", date(2025, 3, 10)), "GX-AR-01", "registration_requested")
    (draft,) = [r for r in blocked.value.reasons if r.code == "validation-report-draft"]
    assert "中国质量认证中心" in draft.text.zh and "China Quality Certification Centre" in draft.text.en


def test_a_validation_report_is_final_only_after_the_pdd_public_comment_period(ws, forest):
    """Measures art. 13: the report states how the comments of the PDD's public period were handled."""
    actor, cqc, _ = forest
    lifecycle.advance(ws, actor, "GX-AR-01", "pdd_publicity")
    engagement = validation.engage(ws, actor, "GX-AR-01", cqc, "validation", "Li Wei, Zhang Min").result["id"]
    before = file_digest(ws)
    with pytest.raises(UserError) as refused:
        validation.finalise_report(ws, actor, engagement)
    assert refused.value.in_lang("en").startswith("Engagement: the public comment period is still running (the project is at "
                                                  "PDD public comment since 2025-01-06).")
    assert "(2023 CCER Measures art. 13)" in refused.value.in_lang("en")
    assert "第十三条" in refused.value.in_lang("zh") and "公示期尚未结束" in refused.value.in_lang("zh")
    assert file_digest(ws) == before
    later = Actor("tester", date(2025, 3, 10))
    lifecycle.advance(ws, later, "GX-AR-01", "validation")
    validation.finalise_report(ws, later, engagement)


def test_a_verification_report_answers_the_fars_carried_forward_to_it(ws, tmp_path):
    """A FAR of the validation report carried forward is answered and closed in the verification before its report is
    final; the navigator says so first."""
    from tests.unit.test_ledger import measured_wind_period
    from workbench.services.monitoring import accounting

    actor = measured_wind_period(ws, tmp_path)
    accounting.calculate_period(ws, actor, "VN-OFW-01", 1)
    one = validation.add_vvb(ws, actor, {"name_en": "VVB One"}).result["id"]
    two = validation.add_vvb(ws, actor, {"name_en": "VVB Two"}).result["id"]
    validating = validation.engage(ws, actor, "VN-OFW-01", one, "validation", "A, B").result["id"]
    far = validation.raise_finding(ws, actor, validating, "FAR", "Check the export meter's calibration at first verification").result["id"]
    validation.finalise_report(ws, actor, validating)
    verifying = validation.engage(ws, actor, "VN-OFW-01", two, "verification", "C, D", period=1).result["id"]
    with ws.reading() as s:  # the project is still at design: the verification stage's guard is asked directly
        row = resolve(s, "VN-OFW-01")
        reasons = needs_final_report("verification")(lifecycle.snapshot_of(s, row, actor.today), context_for(row, actor.today))
    assert [r.code for r in reasons] == ["far-carried-open", "verification-report-draft"]
    assert reasons[0].text.zh == "审定报告的FAR-1已结转至本次核查，尚未关闭：“Check the export meter's calibration at first verification”"
    before = file_digest(ws)
    with pytest.raises(UserError) as refused:
        validation.finalise_report(ws, actor, verifying)
    assert refused.value.in_lang("en") == (
        "Finding: the verification report cannot be final while a forward action request carried forward to this verification is not "
        "closed: FAR-1 (Validation report) 'Check the export meter's calibration at first verification'. The project owner answers it "
        "and the verifier closes it in this verification.")
    assert file_digest(ws) == before
    validation.respond(ws, actor, far, "Calibration certificate JL-2025-0113 of 2025-01-05")
    validation.close(ws, actor, far)
    validation.finalise_report(ws, actor, verifying)


def test_a_vvb_is_recorded_once(ws):
    """The newcomer saw the demo's CQC twice in the VVB table and the engagement wizard."""
    actor = Actor("tester", date(2025, 1, 6))
    create_demo(ws, actor)
    names = [v.name_en for v in validation.list_vvbs(ws)]
    assert len(names) == len(set(names)) and "China Quality Certification Centre (demo record)" in names
    before = file_digest(ws)
    for typed in ({"name_en": "china quality  certification centre (DEMO record)", "scopes": "energy"}, {"name_zh": "中国质量认证中心（演示）"}):
        with pytest.raises(UserError, match="already recorded: choose it from the list") as refused:
            validation.add_vvb(ws, actor, typed)
        assert "中国质量认证中心(演示) 已有记录" in refused.value.in_lang("zh")
    with pytest.raises(UserError, match="already recorded"):
        validation.engage_vvb(ws, actor, "GX-AR-01", {"name_en": "China Quality Certification Centre (demo record)", "scopes": "forestry"},
                              "validation", "A, B")
    assert file_digest(ws) == before
