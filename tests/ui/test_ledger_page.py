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
        return {page.blocks.cell_text(r, 1): [page.blocks.cell_text(r, c) for c in range(page.blocks.columnCount())]
                for r in range(page.blocks.rowCount())}

    def block_of(holder: str) -> str:
        return str(next(page.blocks.key_at(r) for r in range(page.blocks.rowCount()) if page.blocks.cell_text(r, 1) == holder))

    owner = block_of("Huaxia Offshore Energy Co., Ltd.")
    page.blocks.menu_for(0)  # a block's actions open its forms on that block
    page.pick_block("hold", int(owner))
    submit(page.hold, kind="pledge", quantity="297", purpose="loan GX-2026-17", beneficiary="Bank of Guangxi")
    assert rows()["Huaxia Offshore Energy Co., Ltd."][6] == "pledged"
    offered = [page.transfer.input("block").itemData(i) for i in range(page.transfer.input("block").count())]
    assert owner not in offered  # a pledged block is not offered to transfer
    page.transfer.set(block=owner)
    submit(page.transfer, to="Huaxia Offshore Energy Co., Ltd.", quantity="10", currency="CNY")
    assert page.transfer.problems["block"].text() == "Required"
    submit(page.release, block=owner, purpose="release deed 2026-04")
    assert rows()["Huaxia Offshore Energy Co., Ltd."][6] == ""

    submit(page.retire, kind="retire", block=owner, quantity="10", purpose="Voluntary claim 2025", beneficiary="Guangzhou Metro")
    ask = window.findChild(QMessageBox, "confirmRetire")  # 注销 is final: asked first, No by default, No keeps the units
    assert ask.isVisible() and ask.defaultButton() is ask.button(QMessageBox.StandardButton.No)
    assert ask.text() == ("Retirement of 10 t from serial block " + owner + " — purpose: Voluntary claim 2025; beneficiary: Guangzhou Metro. "
                          "These units never move again and this cannot be undone. Go ahead?")
    qtbot.mouseClick(ask.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert "Retired" not in [page.blocks.cell_text(r, 4) for r in range(page.blocks.rowCount())]
    submit(page.retire, kind="retire", block=owner, quantity="10", purpose="Voluntary claim 2025", beneficiary="Guangzhou Metro")
    ask = next(b for b in window.findChildren(QMessageBox, "confirmRetire") if b.isVisible())
    qtbot.mouseClick(ask.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [page.blocks.cell_text(r, 4) for r in range(page.blocks.rowCount())].count("Retired") == 1)
    assert rows()["Huaxia Offshore Energy Co., Ltd."][3] == "287"
    retired = next(page.blocks.key_at(r) for r in range(page.blocks.rowCount()) if page.blocks.cell_text(r, 4) == "Retired")
    page.pick_block("transfer", retired)  # a retired block's Transfer says why it is not offered
    assert page.transfer.problems["block"].text().endswith("its units never move again")
    page.pick_block("transfer", int(owner))  # a China-registry block goes to China-registry accounts only, named with it
    offered = [page.transfer.input("to").itemText(i) for i in range(page.transfer.input("to").count()) if page.transfer.input("to").itemText(i)]
    assert "Buyer · China registry" in offered and not any("Viet Nam" in o or "Korea South-East" in o for o in offered)
    page.pick_block("transfer", int(block_of("Binh Thuan Renewable Energy JSC")))
    offered = [page.transfer.input("to").itemText(i) for i in range(page.transfer.input("to").count()) if page.transfer.input("to").itemText(i)]
    assert "Korea South-East Power Co. · Viet Nam registry" in offered and "Buyer · China registry" not in offered

    host = block_of("Binh Thuan Renewable Energy JSC")
    submit(page.article6, block=host, country="VN", use="international", authorised="yes", adjustment="required")
    assert rows()["Binh Thuan Renewable Energy JSC"][7:] == ["Other international mitigation purposes", "VN Corresponding adjustment required"]
    submit(page.decision, kind="registration", on="2025-03-28", ref="JC-2025-007")
    assert page.decisions.rowCount() == 2 and page.decisions.cell_text(0, 2) == "JC-2025-007"

    assert page.export.values()["out"].endswith("VN-OFW-01-ledger.csv")  # proposed with the project code
    submit(page.export, out=str(tmp_path / "VN-OFW-01-ledger.csv"))
    assert (tmp_path / "VN-OFW-01-ledger.csv").read_text(encoding="utf-8-sig").count("\n") == 5  # heading, 3 blocks issued, 1 retired part
    assert "\nVN,,,BRI-VN-VN-OFW-01-2025-" in (tmp_path / "VN-OFW-01-article6-2.csv").read_text(encoding="utf-8-sig")  # authorised by VN
    submit(page.export, out=str(tmp_path / "VN-OFW-01-ledger.csv"))  # there already: replaced only when the user says so
    confirm = window.findChild(QMessageBox, "confirmOverwrite")
    assert confirm is not None and "VN-OFW-01-article6-2.csv" in confirm.text()
    qtbot.mouseClick(confirm.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert "Written:" in page.feedback.text()
