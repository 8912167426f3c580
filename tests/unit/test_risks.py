"""The risk register: the seed 000 checklist preloaded once, assessments validated."""

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
