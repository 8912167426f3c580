"""Start-up: the window shows the project list before its workspace is open, then the workspace, navigator and
pages; a file that cannot be opened is said and the program ends with status 2."""

from __future__ import annotations

import sqlite3
from datetime import date

from PySide6.QtWidgets import QLabel, QMessageBox

from workbench.services.demo.projects import create_demo_projects
from workbench.services.projects import projects
from workbench.services.support.context import Actor
from workbench.store.workspace import open_workspace
from workbench.ui.i18n import Language
from workbench.ui.main_window import page_classes
from workbench.ui.startup import start


def test_the_list_shows_first_and_the_workspace_follows(qtbot, db_path, monkeypatch):
    from tests.ui.progress_gate import held_at

    listing, go_on = held_at(monkeypatch, "progress.workspace.listing")
    ws = open_workspace(db_path)
    create_demo_projects(ws, Actor("tester", date(2025, 1, 17)))
    listed = projects.list_projects(ws)
    ws.close()
    window = start(db_path, Language("zh"))
    qtbot.addWidget(window)
    assert window.workspace is None  # painted before the workspace is open
    assert window.model.rows == listed and window.model.data(window.model.index(0, 3)) == "越南"
    assert window.windowTitle().endswith("workspace.sqlite") and "正在打开 workspace.sqlite" in window.findChild(QLabel, "openingNote").text()
    assert not window.desktop.render_document.isEnabled() and not window.open_action.isEnabled()  # nothing to act on yet
    window.search.setText("广西")  # the list is searchable meanwhile
    assert window.model.rowCount() == 1
    qtbot.waitUntil(listing.is_set, timeout=60000)  # the note in the navigator's place says where the opening is
    qtbot.waitUntil(lambda: "正在打开 workspace.sqlite：正在列出项目" in window.findChild(QLabel, "openingNote").text(), timeout=60000)
    go_on.set()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=60000)
    assert window.model.rowCount() == 1 and window.selected_project() == window.model.project_id(0)
    assert "GX-AR-01" in window.navigator.heading.text() and "GX-AR-01" in window.lifecycle.title.text()
    assert window.desktop.render_document.isEnabled() and window.open_action.isEnabled()
    built = [type(p).__name__ for p in window.built_pages()]
    assert built == ["OverviewPage"]  # the other pages wait until they are shown
    assert [window.tabs.tabText(i).replace("&&", "&") for i in range(window.tabs.count())] == [Language("zh").pick(c.title) for c in page_classes()]
    assert window.page("PartiesPage") is window.tabs.currentWidget() and len(window.built_pages()) == 2
    window.close()


def test_a_file_written_by_a_newer_program_is_said_and_the_program_ends(qtbot, db_path, monkeypatch):
    open_workspace(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    con.commit()
    con.close()
    ended = []
    monkeypatch.setattr("workbench.ui.startup.QApplication.exit", lambda status: ended.append(status))
    window = start(db_path, Language("en"))
    qtbot.addWidget(window)
    assert window.model.rowCount() == 0  # not read from a schema this program does not know
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "cannotOpen") is not None, timeout=60000)
    box = window.findChild(QMessageBox, "cannotOpen")
    assert "was written by a newer version" in box.text() and "0099_from_the_future" in box.text()
    box.accept()
    assert ended == [2] and not window.isVisible()
