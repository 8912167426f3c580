"""The application for one period's reductions read back from the real PDF: worded as its programme words the act (the
2023 Measures register project reductions, 项目减排量登记, arts. 17–22; the Belt-and-Road cooperation issues them,
签发), the enclosures of Measures art. 21 with who submits each, and the owner alone signing — the verification body
answers for its own report (art. 20) and is not a co-signer."""

from __future__ import annotations

from datetime import date

from tests.docs.test_every_document import flat, pdftotext
from workbench.services.documents import documents
from workbench.services.issuance import ledger
from workbench.services.support.context import Actor
from workbench.services.validation import validation

TODAY = date(2026, 4, 1)


def _text(ws, code, lang, tmp_path) -> str:
    return flat(pdftotext(documents.render(ws, "issuance-application", code, lang, tmp_path / f"{code}-{lang}.pdf", TODAY, ref=1),
                          layout=False))


def test_a_ccer_application_registers_reductions_with_the_enclosures_of_article_21(demo_ws, tmp_path):
    text = _text(demo_ws, "GD-MG-01", "zh", tmp_path)
    assert text.count("项目减排量登记申请表") >= 2  # the title and the running header
    assert "申请登记的项目减排量" in text and "签发" not in text
    for enclosure in ("本申请表", "减排量核算报告", "减排量核查报告", "对减排量核算报告真实性、完整性和有效性负责的承诺书"):
        assert enclosure in text, enclosure
    assert "审定与核查机构（上传至注册登记系统）" in text and "第二十一条" in text
    english = _text(demo_ws, "GD-MG-01", "en", tmp_path)
    assert "ApplicationforRegistrationofProjectEmissionReductions" in english and "Issu" not in english


def test_a_belt_and_road_application_asks_for_issuance_and_shows_what_was_issued(demo_ws, tmp_path):
    text = _text(demo_ws, "VN-CSP-01", "zh", tmp_path)
    assert text.count("减排量签发申请表") >= 2 and "登记申请表" not in text
    assert "2025年12月31日(已签发)" in text and "已登记" not in text  # the period's status in the programme's word too
    assert "申请签发的减排量" in text and "签发结果" in text and "各登记系统签发量" in text
    assert "减排量核查报告" in text and "2026年3月2日定稿" in text
    english = _text(demo_ws, "VN-CSP-01", "en", tmp_path)
    assert "IssuanceApplication" in english and "Registration" not in english


def test_the_owner_signs_alone_and_the_verification_body_commits_in_its_report(demo_ws, tmp_path):
    text = _text(demo_ws, "VN-CSP-01", "zh", tmp_path)
    signatures = text[text.index("签字盖章"):]
    assert "项目业主（申请人）中南光热发电有限公司" in signatures
    assert "中环联合" not in signatures  # the verification body is named above, with its report, not as a signatory
    assert "审定与核查机构不在本申请表上签署" in signatures and "第二十条" in signatures
    assert "项目业主对减排量核算报告及本申请材料的真实性、完整性和有效性负责" in text


def test_a_registered_ccer_period_is_worded_as_registered_not_issued_in_the_application_and_the_statement(fresh_demo, tmp_path):
    ws, actor = fresh_demo, Actor("tester", date(2026, 3, 20))
    vvb = validation.add_vvb(ws, actor, {"name_en": "Verifier (test)", "name_zh": "核查机构(测试)", "scopes": "forestry"}).result["id"]
    engaged = validation.engage(ws, actor, "GD-MG-01", vvb, "verification", "Wang Fang, Chen Jie", period=1).result["id"]
    validation.finalise_report(ws, actor, engaged)
    ledger.issue(ws, Actor("tester", date(2026, 3, 20)), "GD-MG-01", 1, "2026-03-20", "CCER-REG-2026-001")
    application = _text(ws, "GD-MG-01", "zh", tmp_path)
    statement = flat(pdftotext(documents.render(ws, "allocation-statement", "GD-MG-01", "zh", tmp_path / "s.pdf", TODAY, ref=1), layout=False))
    for text in (application, statement):
        assert "签发" not in text and "各登记系统登记量" in text and "登记的序列号区间" in text and "2025年12月31日(已登记)" in text
    assert "减排量登记结果" in application and "注册登记机构于2026年3月20日登记为核证自愿减排量（CCER-REG-2026-001）" in application
    assert "减排量登记CCER-REG-2026-001·2026年3月20日" in statement
