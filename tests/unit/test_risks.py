"""The risk register: the seed 000 checklist preloaded once with the risks of the project's programme, assessments
validated."""

from __future__ import annotations

from datetime import date

import pytest

from tests.cli_helpers import file_digest
from workbench.domain.errors import UserError
from workbench.services.projects import risks
from workbench.services.support.context import Actor
from workbench.services.demo.projects import create_demo_projects


def test_preload_is_idempotent_and_updates_are_checked(ws):
    actor = Actor("tester", date(2025, 3, 3))
    create_demo_projects(ws, actor)
    assert risks.preload(ws, actor, "VN-OFW-01").result["added"] == 11
    assert risks.preload(ws, actor, "VN-OFW-01").result["added"] == 0
    categories = {r.category for r in risks.register_of(ws, "VN-OFW-01")}
    assert categories == {"policy", "development", "trading", "cross-border"}
    risks.update(ws, actor, "VN-OFW-01", "dev-issuance", {"owner": "Owner", "likelihood": "2", "impact": "5", "status": "mitigated"})
    before = file_digest(ws)
    with pytest.raises(UserError, match="9 is outside 0..5") as refused:
        risks.update(ws, actor, "VN-OFW-01", "dev-issuance", {"impact": "9"})
    assert refused.value.in_lang("zh").startswith("影响程度：9 超出 0..5")
    with pytest.raises(UserError, match="'solved' is not one of: open"):
        risks.update(ws, actor, "VN-OFW-01", "dev-issuance", {"status": "solved"})
    with pytest.raises(UserError, match="no risk 'nope'"):
        risks.update(ws, actor, "VN-OFW-01", "nope", {"owner": "x"})
    assert file_digest(ws) == before


BRI_ONLY = {"policy-mechanism", "dev-approval", "trade-infrastructure", "trade-pricing", "capital-flows"}


def test_a_domestic_project_gets_no_cross_border_or_joint_body_risk(ws, tmp_path):
    from pypdf import PdfReader

    from workbench.services.documents import documents

    actor = Actor("tester", date(2025, 3, 3))
    create_demo_projects(ws, actor)  # GX-AR-01 is a domestic CCER project, VN-OFW-01 a BRI one
    assert risks.preload(ws, actor, "GX-AR-01").result["added"] == 9
    keys = {r.key for r in risks.register_of(ws, "GX-AR-01")}
    assert not keys & BRI_ONLY and {"policy-ccer", "dev-approval-ccer", "trade-pricing-ccer"} <= keys
    risks.preload(ws, actor, "VN-OFW-01")
    assert BRI_ONLY <= {r.key for r in risks.register_of(ws, "VN-OFW-01")}
    pdf = documents.render(ws, "risk-register", "GX-AR-01", "zh", tmp_path / "r.pdf", date(2025, 3, 3))
    text = "".join("".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "项目登记延迟或不予登记" in text
    for word in ("一带一路", "东道国", "跨境", "两国", "联合管理机构"):
        assert word not in text, word


def test_every_checklist_risk_is_worded_in_both_languages():
    from workbench.domain import catalogue
    from workbench.reference import load_table

    for row in load_table("risk_checklist").rows:
        assert catalogue.has(f"risk_item.{row.key}", "zh") and catalogue.has(f"risk_item.{row.key}", "en"), row.key
        assert set(row.columns["programmes"].split(";")) <= {"ccer", "bri"}, row.key


def test_the_risk_register_report_reads_back(ws, tmp_path):
    from pypdf import PdfReader

    from workbench.services.documents import documents

    actor = Actor("tester", date(2025, 3, 3))
    create_demo_projects(ws, actor)
    risks.preload(ws, actor, "VN-OFW-01")
    risks.update(ws, actor, "VN-OFW-01", "capital-flows", {"owner": "Binh Thuan JSC", "likelihood": "2", "impact": "4", "mitigation": "escrow"})
    assert len(documents.check(ws, "risk-register", "VN-OFW-01", date(2025, 3, 3))) == 10
    pdf = documents.render(ws, "risk-register", "VN-OFW-01", "zh", tmp_path / "r.pdf", date(2025, 3, 3))
    text = "".join("".join(p.extract_text() for p in PdfReader(pdf).pages).split())  # table cells wrap (between words)
    assert "风险登记表" in text and "跨境资本与信用流动" in text and "BinhThuanJSC" in text
