"""An engagement — with the VVB recorded in the same action — is taken back in one undo step and made again by redo;
a verification's period is a draft again; once the VVB's work has begun the engagement is not taken back."""

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
    assert [(e.kind, e.team) for e in validation.engagements_of(ws, "VN-OFW-01")] == [("validation", "王芳, 李强")]
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
