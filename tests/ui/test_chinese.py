"""The GUI in Chinese: every page shows labels, never a stored enum value or an internal field key (issue 20)."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTranslator
from PySide6.QtWidgets import QAbstractButton, QComboBox, QFileDialog, QGroupBox, QLabel, QMessageBox, QTabBar, QTableWidget, QTabWidget

from tests.ui.test_main_window import open_window
from tests.unit.test_catalogue import labelled_enums
from workbench.services.demo.projects import create_demo_projects
from workbench.domain.field_specs import FieldKind
from workbench.services.support.context import Actor
from workbench.ui.fields import ChecksInput, ChoiceInput, CountryInput, DateInput, NumberInput, TextInput
from workbench.ui.forms import SpecForm
from workbench.ui.i18n import INSTALLED

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
    for bar in window.findChildren(QTabBar):  # the page groups and a group's pages too
        texts += [bar.tabText(i) for i in range(bar.count())]
    for table in window.findChildren(QTableWidget):
        texts += [table.horizontalHeaderItem(c).text() for c in range(table.columnCount()) if table.horizontalHeaderItem(c)]
        texts += [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount()) if table.item(r, c)]
    model = window.model
    texts += [model.data(model.index(r, c)) for r in range(model.rowCount()) for c in range(model.columnCount())]
    return [t for t in texts if t]


def raw_values() -> set[str]:
    return {m.value for enum in labelled_enums() for m in enum if not CODES.match(m.value) and enum.__name__ != "Language"}


def ungrouped(text: str) -> bool:
    """A number shown without its thousands grouped (12345, 1234.5); a calendar year (1900–2100) stays as written."""
    whole = re.fullmatch(r"[+-]?(\d+)(\.\d+)?", text.strip())
    return whole is not None and len(whole[1]) > 3 and not (len(whole[1]) == 4 and whole[2] is None and 1900 <= int(whole[1]) <= 2100)


def typed_where_a_picker_belongs(window) -> list[str]:
    """Form fields that ask for a date, a country or a record as free text (each has its picker)."""
    found = []
    for form in window.findChildren(SpecForm):
        if form.objectName().startswith("importMapping-"):  # column titles of a file, typed as the file has them
            continue
        for key, widget in form.inputs.items():
            f = form.fields[key]
            wrong = ((f.spec.kind is FieldKind.DATE and not isinstance(widget, DateInput))
                     or (f.spec.kind is FieldKind.COUNTRY and not isinstance(widget, CountryInput))
                     or ((f.reference or f.spec.kind in (FieldKind.REFERENCE, FieldKind.ENUM)) and not isinstance(widget, (ChoiceInput, ChecksInput)))
                     or (isinstance(widget, TextInput) and re.search(r"(_on|_id|date|country|^id|vvb|engagement|finding|period|block|meter$)", key)))
            if wrong:
                found.append(f"{form.objectName()}.{key} ({type(widget).__name__})")
    return found


def test_every_page_in_chinese_shows_labels_not_stored_values(qtbot, ws):
    """Issue 24's walk: no raw value or internal key, no date, id or country typed as free text, numbers grouped."""
    create_demo_projects(ws, Actor("tester", date(2025, 1, 17)))
    window = open_window(qtbot, ws, "zh")
    values = raw_values()
    keyish = re.compile(r"\b(" + "|".join(sorted((re.escape(v) for v in values if "_" in v or "-" in v), key=len, reverse=True)) + r")\b")
    for code in ("VN-OFW-01", "GX-AR-01", "VN-CSP-01"):
        window.select_project(code)
        for page in window.pages:
            window.page(type(page).__name__)
            qtbot.waitUntil(lambda: True)
        found = [t for t in shown_texts(window) if t.strip().lower() in values or keyish.search(t)]
        assert found == [], f"{code}: raw values shown in the Chinese GUI: {sorted(set(found))[:20]}"
        cells = [table.item(r, c).text() for table in window.findChildren(QTableWidget) for r in range(table.rowCount())
                 for c in range(table.columnCount()) if table.item(r, c)]
        numbers = [w.text() for w in window.findChildren(NumberInput) if not w.year]
        assert [t for t in cells + numbers if ungrouped(t)] == [], f"{code}: numbers shown without their thousands grouped"
    assert typed_where_a_picker_belongs(window) == []
    site = window.page("PartiesPage").add_site.labels
    assert (site["area_ha"].text(), site["latitude"].text()) == ("面积（公顷）", "纬度 (°) *")  # a unit named once, in words or symbol
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
    dialog = QFileDialog(window)  # Qt's own file dialog, as under X without a desktop's: every label in Chinese
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    assert [label.text() for label in dialog.findChildren(QLabel) if label.text()] == ["查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)："]
    # the labels Qt's catalogue lacks come from our own compiled .qm: plain translators, no Python asked per string
    assert {type(t) for t in INSTALLED} == {QTranslator} and len(INSTALLED) == 2
    window.toggle_language()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Look in:"
