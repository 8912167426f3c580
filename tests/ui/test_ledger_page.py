"""The ledger page: pledge and release, Article 6 state, joint-body decisions and the CSV exports."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.test_main_window import open_window
from tests.unit.test_ledger import verified_wind_period
from workbench.services.issuance import ledger


def test_holds_article6_decisions_and_exports_through_the_page(qtbot, ws, tmp_path, monkeypatch):
    actor = verified_wind_period(ws, tmp_path)
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20", "JC-2026-003")
    monkeypatch.setenv("WORKBENCH_TODAY", "2026-02-01")
    window = open_window(qtbot, ws)
    page = window.page("LedgerPage")

    def submit(form, **values) -> None:
        form.set(**values)
        qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)

    def rows() -> dict[str, list[str]]:
        return {page.blocks.cell_text(r, 2): [page.blocks.cell_text(r, c) for c in range(page.blocks.columnCount())]
                for r in range(page.blocks.rowCount())}

    owner = rows()["Huaxia Offshore Energy Co., Ltd."][0]
    submit(page.hold, kind="pledge", block=owner, quantity="297", purpose="loan GX-2026-17", beneficiary="Bank of Guangxi")
    assert rows()["Huaxia Offshore Energy Co., Ltd."][7] == "pledged"
    submit(page.transfer, block=owner, to="Buyer", quantity="10", price="", currency="CNY")
    dialog = window.findChild(QMessageBox, "userErrorDialog")
    assert dialog is not None and dialog.isVisible() and "is pledged; release it first" in dialog.text()
    dialog.close()
    submit(page.release, block=owner, purpose="release deed 2026-04")
    assert rows()["Huaxia Offshore Energy Co., Ltd."][7] == ""

    host = rows()["Binh Thuan Renewable Energy JSC"][0]
    submit(page.article6, block=host, country="VN", use="international", authorised="yes", adjustment="required")
    assert rows()["Binh Thuan Renewable Energy JSC"][8:] == ["Other international mitigation purposes", "VN Corresponding adjustment required"]
    submit(page.decision, kind="registration", on="2025-03-28", ref="JC-2025-007", period="", note="")
    assert page.decisions.rowCount() == 2 and page.decisions.cell_text(0, 2) == "JC-2025-007"

    submit(page.export, folder=str(tmp_path))
    assert (tmp_path / "ledger.csv").read_text(encoding="utf-8-sig").count("\n") == 4
    assert "\nVN,,,BRI-VN-VN-OFW-01-2025-" in (tmp_path / "article6-2.csv").read_text(encoding="utf-8-sig")  # authorised by VN, not yet transferred
