"""Numbers in refusals read as the tables show them (finding 25 of the X-window trial, issue 25): "quantity 500000 …
395554" in a pop-up became "500,000 … 395,554" next to the Quantity field; serial numbers and years stay whole."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.test_main_window import open_window
from tests.unit.test_ledger import verified_wind_period
from workbench.domain.catalogue import render
from workbench.services.issuance import ledger


def test_amounts_are_grouped_but_serials_years_and_given_formats_are_not():
    assert render("error.serials.quantity_must_be_between_1_and", "en", quantity=500000, size=395554) == \
        "quantity 500,000 must be between 1 and the block's 395,554 units"
    assert "1,331,520.5" in render("error.serials.quantity_must_be_between_1_and", "zh", quantity=Decimal("1331520.5"), size=2026)
    assert "2026" in render("error.serials.quantity_must_be_between_1_and", "zh", quantity=1, size=2026)  # four digits stay whole
    audit = render("audit.ledger.quantity_not_range", "en", id=12345, quantity=20000, first=1000001, last=1020000)
    assert "1000001" in audit and "1020000" in audit and "12345" in audit and "20,000" in audit
    assert render("error.ui.fields.comma_not_thousands", "en", value="3,5").startswith("'3,5'")
    assert render("where.file_row", "en", file="x.csv", row=30002).endswith("30002")  # a row as the spreadsheet numbers it


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_transfer_larger_than_the_block_is_refused_next_to_the_quantity_with_grouped_numbers(qtbot, ws, tmp_path, monkeypatch, lang):
    actor = verified_wind_period(ws, tmp_path)
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20", "JC-2026-003")
    monkeypatch.setenv("WORKBENCH_TODAY", "2026-02-01")
    window = open_window(qtbot, ws, lang)
    page = window.page("LedgerPage")
    window.tabs.setCurrentWidget(page)
    owner = next(str(page.blocks.key_at(r)) for r in range(page.blocks.rowCount()) if page.blocks.cell_text(r, 1) == "Huaxia Offshore Energy Co., Ltd.")
    size = next(b for b in ledger_rows(ws) if str(b["block"]) == owner)["quantity"]
    page.transfer.set(block=owner, to="Huaxia Offshore Energy Co., Ltd.", quantity=str(size + 100000), currency="CNY")
    qtbot.mouseClick(page.transfer.button, Qt.MouseButton.LeftButton)
    said = page.transfer.problems["quantity"]
    assert said.isVisible() and f"{size + 100000:,}" in said.text() and f"{size:,}" in said.text()
    assert window.findChild(QMessageBox, "userErrorDialog") is None
    page.ensureWidgetVisible(page.transfer)
    page.transfer.grab().save(f"/tmp/forms/transfer-refused-{lang}.png")


def ledger_rows(ws):
    from workbench.services.issuance import ledger_exports

    return ledger_exports.ledger_rows(ws, "VN-OFW-01")
