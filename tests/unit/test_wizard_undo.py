"""The wizards' actions are one step each in Edit › Undo, and come back by Redo: an engagement with the VVB recorded
in the same action (a verification's period a draft again), an accounting period added and calculated — and neither
is taken back once later work rests on it (a finding raised, a verifier engaged)."""

from __future__ import annotations

import pytest

from tests.unit.test_ledger import measured_wind_period
from workbench.domain.errors import UserError
from workbench.services.history.undo import describe, inverse
from workbench.services.monitoring import accounting, periods
from workbench.services.validation import validation

CQC = {"name_en": "China Quality Certification Centre", "name_zh": "中国质量认证中心", "scopes": "energy"}


def names(ws) -> list[str]:
    return [v.name_en for v in validation.list_vvbs(ws)]


def test_an_engagement_with_its_new_vvb_is_undone_and_redone_as_one_step(ws, tmp_path):
    actor = measured_wind_period(ws, tmp_path)
    vvbs = names(ws)
    change = validation.engage_vvb(ws, actor, "VN-OFW-01", CQC, "validation", "王芳, 李强")
    assert describe(change).in_lang("zh") == "委托 中国质量认证中心" and names(ws) == [*vvbs, CQC["name_en"]]
    withdrawn = inverse(change)(ws, actor)
    assert validation.engagements_of(ws, "VN-OFW-01") == [] and names(ws) == vvbs  # the VVB recorded with it goes too
    assert describe(withdrawn).in_lang("en") == "withdraw the engagement of China Quality Certification Centre"
    again = inverse(withdrawn)(ws, actor)
    assert [(e.kind, e.team) for e in validation.engagements_of(ws, "VN-OFW-01")] == [("validation", "王芳、李强")]  # a Chinese team is listed with 、 (main's team rule)
    assert names(ws) == [*vvbs, CQC["name_en"]] and again.action == "engagement.add"


def test_a_withdrawn_verification_leaves_its_period_a_draft_and_begun_work_is_not_taken_back(ws, tmp_path):
    actor = measured_wind_period(ws, tmp_path)
    accounting.calculate_period(ws, actor, "VN-OFW-01", 1)
    one = validation.add_vvb(ws, actor, {"name_en": "VVB One"}).result["id"]
    two = validation.add_vvb(ws, actor, {"name_en": "VVB Two"}).result["id"]
    validation.engage(ws, actor, "VN-OFW-01", one, "validation", "A, B")
    change = validation.engage(ws, actor, "VN-OFW-01", two, "verification", "C, D", period=1)
    assert periods.list_periods(ws, "VN-OFW-01")[0].status == "reported"
    withdrawn = inverse(change)(ws, actor)
    assert periods.list_periods(ws, "VN-OFW-01")[0].status == "draft" and "VVB Two" in names(ws)  # a VVB recorded before stays
    again = inverse(withdrawn)(ws, actor)
    assert periods.list_periods(ws, "VN-OFW-01")[0].status == "reported"
    validation.raise_finding(ws, actor, again.result["id"], "CAR", "Calibration certificate missing")
    with pytest.raises(UserError) as refused:
        inverse(again)(ws, actor)
    assert refused.value.field == "engagement" and "1" in refused.value.in_lang("en")
    assert len(validation.engagements_of(ws, "VN-OFW-01")) == 2


def test_a_period_added_and_calculated_is_taken_back_in_one_step_until_a_verifier_is_engaged(ws, tmp_path):
    actor = measured_wind_period(ws, tmp_path)
    periods.remove_period(ws, actor, "VN-OFW-01", 1)  # the helper's period: the span is added again below
    change = accounting.open_and_calculate(ws, actor, "VN-OFW-01", "2025-01-01", "2025-12-31")
    assert describe(change).in_lang("en") == "add and calculate accounting period 1"
    removed = inverse(change)(ws, actor)
    assert periods.list_periods(ws, "VN-OFW-01") == [] and describe(removed).in_lang("zh") == "撤回第 1 核算期"
    again = inverse(removed)(ws, actor)
    (period,) = periods.list_periods(ws, "VN-OFW-01")
    assert [v.credited for v in period.vintages] == [659] and again.action == "period.open"
    vvb = validation.add_vvb(ws, actor, {"name_en": "VVB Two"}).result["id"]
    validation.engage(ws, actor, "VN-OFW-01", vvb, "verification", "C, D", period=1)
    with pytest.raises(UserError) as refused:
        inverse(again)(ws, actor)
    assert "reported" in refused.value.in_lang("en") and len(periods.list_periods(ws, "VN-OFW-01")) == 1  # the verifier marked it
    with pytest.raises(UserError) as refused:  # asked directly, the period is refused by its status
        periods.remove_period(ws, actor, "VN-OFW-01", 1)
    assert refused.value.id == "error.periods.only_a_draft_is_taken_back" and refused.value.field == "period"


def test_an_issuance_is_one_undo_step_until_its_units_move(ws, tmp_path):
    """Undo right after the Issue units wizard takes the issuance back whole (blocks, the joint body's decision it
    recorded, the period verified again, retention dates as they were); Redo issues it again; once a unit has moved it is
    refused and nothing is written."""
    from datetime import date

    from tests.cli_helpers import file_digest
    from tests.unit.test_ledger import verified_wind_period
    from workbench.services.issuance import issuance_undo, ledger
    from workbench.services.projects import decisions
    from workbench.services.support.context import Actor

    actor = verified_wind_period(ws, tmp_path)
    before = file_digest(ws)
    issued = ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20", "JC-2026-003")
    assert describe(issued).in_lang("zh") == "签发减排量"
    withdrawn = inverse(issued)(ws, actor)
    assert ledger.ledger(ws, "VN-OFW-01") == [] and decisions.decisions_of(ws, "VN-OFW-01") == []
    assert periods.list_periods(ws, "VN-OFW-01")[0].status == "verified"
    assert file_digest(ws) != before  # the audit log keeps both acts
    again = inverse(withdrawn)(ws, actor)
    assert sum(x.quantity for x in ledger.ledger(ws, "VN-OFW-01")) == 659
    block = ledger.ledger(ws, "VN-OFW-01")[0].block
    ledger.retire(ws, Actor("tester", date(2026, 2, 1)), block, 10, "Voluntary claim", "Buyer")
    moved = file_digest(ws)
    with pytest.raises(UserError, match="cannot undo: Serial block .* after your edit"):
        inverse(again)(ws, actor)
    with pytest.raises(UserError, match="units of this issuance have moved since"):  # the service's own check
        issuance_undo.withdraw_issuance(ws, actor, again)
    assert file_digest(ws) == moved


def test_a_stage_move_is_undone_and_redone_until_the_project_moves_on(ws, tmp_path):
    from datetime import date

    from workbench.services.projects import lifecycle
    from workbench.services.support.context import Actor

    actor = measured_wind_period(ws, tmp_path)
    start = lifecycle.view_project(ws, "VN-OFW-01", actor.today).snapshot
    moved = lifecycle.advance(ws, actor, "VN-OFW-01", "pdd_publicity", "PDD v1.0 published", evidence="Notice 2026-01")
    assert describe(moved).in_lang("en") == "stage change of VN-OFW-01"
    back = inverse(moved)(ws, actor)
    snap = lifecycle.view_project(ws, "VN-OFW-01", actor.today).snapshot
    assert (snap.stage, snap.stage_since, len(snap.history)) == (start.stage, start.stage_since, len(start.history))
    again = inverse(back)(ws, actor)
    snap = lifecycle.view_project(ws, "VN-OFW-01", actor.today).snapshot
    assert snap.stage.value == "pdd_publicity" and (snap.history[-1].reason, snap.history[-1].evidence) == ("PDD v1.0 published", "Notice 2026-01")
    vvb = validation.add_vvb(ws, actor, {"name_en": "VVB One"}).result["id"]
    validation.engage(ws, actor, "VN-OFW-01", vvb, "validation", "A, B")
    lifecycle.advance(ws, Actor("tester", date(2026, 6, 1)), "VN-OFW-01", "validation")
    with pytest.raises(UserError, match="cannot undo: Project 1 was changed .* after your edit"):
        inverse(again)(ws, actor)
