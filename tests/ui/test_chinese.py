"""The GUI in Chinese: every page shows labels, never a stored enum value or an internal field key (issue 20)."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QMessageBox, QTableWidget, QTabWidget

from tests.ui.test_main_window import open_window
from tests.unit.test_catalogue import labelled_enums
from workbench.services.demo.projects import create_demo_projects
from workbench.services.support.context import Actor

# Stored values that are also plain words or codes users know (a country code, "CAR"): shown as they are.
CODES = re.compile(r"^[A-Z]{2,3}$")


def shown_texts(window) -> list[str]:
    """Every text a user can read on the window: labels, buttons, group titles, combo items, table cells and headers."""
    texts = [w.text() for w in window.findChildren(QLabel)] + [w.text() for w in window.findChildren(QAbstractButton)]
    texts += [w.title() for w in window.findChildren(QGroupBox)]
    for combo in window.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    for tabs in window.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    for table in window.findChildren(QTableWidget):
        texts += [table.horizontalHeaderItem(c).text() for c in range(table.columnCount()) if table.horizontalHeaderItem(c)]
        texts += [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount()) if table.item(r, c)]
    model = window.model
    texts += [model.data(model.index(r, c)) for r in range(model.rowCount()) for c in range(model.columnCount())]
    return [t for t in texts if t]


def raw_values() -> set[str]:
    return {m.value for enum in labelled_enums() for m in enum if not CODES.match(m.value) and enum.__name__ != "Language"}


def test_every_page_in_chinese_shows_labels_not_stored_values(qtbot, ws):
    create_demo_projects(ws, Actor("tester", date(2025, 1, 17)))
    window = open_window(qtbot, ws, "zh")
    values = raw_values()
    keyish = re.compile(r"\b(" + "|".join(sorted((re.escape(v) for v in values if "_" in v or "-" in v), key=len, reverse=True)) + r")\b")
    for code in ("VN-OFW-01", "GX-AR-01"):
        window.select_project(code)
        for page in window.pages:
            window.page(type(page).__name__)
            qtbot.waitUntil(lambda: True)
        found = [t for t in shown_texts(window) if t.strip().lower() in values or keyish.search(t)]
        assert found == [], f"{code}: raw values shown in the Chinese GUI: {sorted(set(found))[:20]}"
    assert "项目业主" in shown_texts(window) or any("项目业主" in t for t in shown_texts(window))


def test_the_edit_menu_names_the_edit_in_the_users_language(qtbot, ws):
    create_demo_projects(ws, Actor("tester", date(2025, 1, 17)))
    window = open_window(qtbot, ws, "zh")
    window.select_project("VN-OFW-01")
    parties = window.page("PartiesPage")
    parties.add_party.set(name_en="Huaxia Offshore Energy", name_zh="华夏海上能源", role="investor", nationality="chinese", country="CN")
    qtbot.mouseClick(parties.add_party.button, Qt.MouseButton.LeftButton)
    assert window.undo_action.text() == "撤销：添加参与方 华夏海上能源"
    window.toggle_language()
    assert window.undo_action.text() == "Undo: add party Huaxia Offshore Energy"
    window.undo_action.trigger()
    assert window.redo_action.text() == "Redo: add party Huaxia Offshore Energy" and window.undo_action.text() == "&Undo"


def test_qt_dialogs_speak_chinese_with_the_wheels_qtbase_catalogue(qtbot, ws):
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    window = open_window(qtbot, ws, "zh")
    assert window.lang.install_qt_translations(), f"no qtbase_zh_CN.qm in {folder}"
    box = QMessageBox(QMessageBox.Icon.Warning, "", "", QMessageBox.StandardButton.Cancel, window)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "取消"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    window.toggle_language()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
