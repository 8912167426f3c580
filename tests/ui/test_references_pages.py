"""References in the window: tasks for what an earlier version left unmatched, recorded agreements and accounts to pick."""

from __future__ import annotations

import gzip
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from tests.ui.test_main_window import open_window
from workbench.store.workspace import open_workspace

RELEASE = Path(__file__).parent.parent / "fixtures" / "release_0016"


def test_tasks_from_the_release_show_on_the_overview_until_settled(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_TODAY", "2026-05-04")
    path = tmp_path / "release.sqlite"
    path.write_bytes(gzip.decompress((RELEASE / "workspace.sqlite.gz").read_bytes()))
    ws = open_workspace(path)
    window = open_window(qtbot, ws)
    window.select_project("LA-HYD-01")
    tasks = [w.text() for w in window.lifecycle.findChildren(QLabel, "projectTask")]
    assert tasks == ["⚠ The agreement 'China–Lao PDR cooperation memorandum' is not recorded: record it (Issuance & registries page) "
                     "or choose a recorded one (Overview › project details)"]  # the GUI's wording: no command to type
    overview = window.page("OverviewPage")
    window.tabs.setCurrentWidget(overview)
    agreement = overview.details.inputs["agreement"]  # recorded agreements are picked; the unmatched name stays a task
    assert not agreement.isEditable() and agreement.currentText() == ""
    assert [agreement.itemText(i) for i in range(agreement.count())] == ["", "China–Viet Nam BRI voluntary emission reduction cooperation agreement"]
    page = window.page("LedgerPage")
    window.tabs.setCurrentWidget(page)
    page.agreement.set(name="China–Lao PDR Cooperation Memorandum", host="LA")
    qtbot.mouseClick(page.agreement.button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(QMessageBox, "userErrorDialog")
    assert dialog is None or not dialog.isVisible(), dialog.text()
    assert window.lifecycle.findChildren(QLabel, "projectTask") == []
    window.select_project("VN-ACC-01")
    window.tabs.setCurrentWidget(page)
    holders = page.transfer.inputs["to"]
    assert [holders.itemText(i).rsplit(" · ", 1)[0] for i in range(holders.count())] == ["",  # each named with its registry
        "GUANGZHOU  Green Energy Trading Co.", "Guangzhou Green Energy Trading Co.", "Huaxia Offshore Energy Co., Ltd.",
        "Ke Ga Wind Power JSC", "Nordic Climate Investment AB"]
    assert len(window.lifecycle.findChildren(QLabel, "projectTask")) == 2  # the document never archived, one holder twice
    window.tabs.setCurrentWidget(window.page("OverviewPage"))
    qtbot.wait(100)
    window.grab().save(str(tmp_path / "tasks.png"))
    ws.close()
