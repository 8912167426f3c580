"""One Chinese word for the issuance act on screen: the Ledger's button, the wizard, the decision, the transaction and the
status of units and periods say 签发 as the PDFs do; the stages shared by both procedures name the 2023 Measures' term
with it (减排量登记（签发）, arts. 21–22); the document list names the allocation statement by its PDF title."""

from __future__ import annotations

from workbench.domain import catalogue


def test_the_issuance_act_has_one_chinese_name_on_screen_and_in_the_pdf():
    zh = lambda key: catalogue.render(key, "zh")  # noqa: E731
    for key in ("ui.ledger.issue", "ui.wizard.issue_units", "action.issuance", "decision_kind.issuance", "transaction_kind.issue",
                "block_status.issued", "period_status.issued", "doc.f.decision"):
        assert "签发" in zh(key) and "减排量登记" not in zh(key), key
    assert zh("stage.issued") == "减排量已登记（签发）" and zh("stage.issuance_requested") == "减排量登记（签发）申请"
    assert zh("document_kind.allocation-statement") == zh("doc.allocation-statement") == "减排量分配声明"
