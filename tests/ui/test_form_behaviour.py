"""How every form built from field specs behaves under a newcomer's hands (findings 10-12 of the X-window trial,
issue 25): the wheel scrolls the page past dropdowns and dates instead of changing them, fields and buttons stay put
while problems come and go, and a typed date that does not exist is refused by name instead of quietly changed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.test_main_window import open_window
from workbench.services.projects import lifecycle, projects
from workbench.services.support.context import Actor

PROJECT = {"code": "T-1", "title_en": "Test", "programme": "ccer", "host_country": "CN", "sector": "energy"}


def wheel(widget: QWidget, notches: int = -3) -> None:
    """Turn the mouse wheel over ``widget`` (negative: towards the user, i.e. scrolling down the page)."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def details_page(qtbot, ws, lang="en"):
    projects.create_project(ws, Actor("tester", date(2025, 1, 17)), dict(PROJECT))
    window = open_window(qtbot, ws, lang)
    window.resize(1280, 600)  # short: the Overview scrolls
    window.select_project("T-1")
    page = window.page("OverviewPage")
    window.tabs.setCurrentWidget(page)
    return window, page, page.findChild(QWidget, "projectDetails")


def test_the_wheel_scrolls_the_page_past_a_dropdown_and_a_date_without_changing_them(qtbot, ws):
    window, page, form = details_page(qtbot, ws)
    window.search.setFocus()
    combo, day = form.inputs["host_country"], form.inputs["construction_start"]
    day.set_value("2025-03-01")
    page.verticalScrollBar().setValue(0)
    before = (combo.value(), day.value())
    wheel(combo)
    wheel(day.edit)
    assert (combo.value(), day.value()) == before
    assert page.verticalScrollBar().value() > 0, "the page under the fields scrolls instead"
    combo.setFocus()  # clicked or tabbed into: now the wheel is the field's
    qtbot.waitUntil(combo.hasFocus)
    wheel(combo, 1)
    assert combo.value() != before[0]


def test_the_dropdowns_of_the_monitoring_data_page_keep_their_value_when_scrolled_past(qtbot, ws):
    """The trial's case: scrolling the Monitoring data page changed "How the file writes date and time"."""
    projects.create_project(ws, Actor("tester", date(2025, 1, 17)), dict(PROJECT))
    window = open_window(qtbot, ws)
    window.select_project("T-1")
    page = window.page("MonitoringPage")
    window.tabs.setCurrentWidget(page)
    combo = page.findChild(QWidget, "importMapping-readings").inputs["time_format"]
    window.search.setFocus()
    before = combo.currentIndex()
    wheel(combo)
    assert combo.currentIndex() == before


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fields_and_the_button_stay_put_while_a_problem_is_fixed(qtbot, ws, lang):
    window, page, form = details_page(qtbot, ws, lang)
    years = form.inputs["lifetime_years"]
    years.set_value("2,5")  # a comma that groups no thousands
    form.submit()
    problem = form.problems["lifetime_years"]
    assert problem.isVisible() and problem.text()
    below = [form.inputs["crediting_start"], form.button]
    where = [w.mapTo(form, QPoint(0, 0)) for w in below]
    years.selectAll()
    qtbot.keyClicks(years, "25")  # the problem goes as the user types ...
    assert not problem.isVisible()
    QApplication.processEvents()
    assert [w.mapTo(form, QPoint(0, 0)) for w in below] == where  # ... and nothing under it moves
    form.reset()  # the form starts over: no room kept
    qtbot.waitUntil(lambda: form.button.mapTo(form, QPoint(0, 0)).y() < where[1].y())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_typed_date_that_does_not_exist_is_refused_with_a_message(qtbot, ws, lang):
    window, page, form = details_page(qtbot, ws, lang)
    day = form.inputs["construction_start"]
    day.edit.setFocus()
    qtbot.keyClicks(day.edit, "2020-02-30")
    qtbot.keyClick(day.edit, Qt.Key.Key_Return)
    problem = form.problems["construction_start"]
    assert problem.isVisible()
    assert "2020-02-30" in problem.text() and ("不是日历上的日期" if lang == "zh" else "not a date") in problem.text()
    QApplication.processEvents()
    form.submit()  # Save is refused: 2020-02-03, which Qt made of it, is not stored
    assert "construction_start" in form.check()
    assert lifecycle.view_project(ws, window.ctx.project, date(2025, 1, 17)).snapshot.header.dates.construction_start is None
    QWidget.grab(form).save(f"/tmp/forms/date-refused-{lang}.png")
    day.edit.selectAll()
    qtbot.keyClicks(day.edit, "2020-02-29")  # a real date, typed over it
    qtbot.keyClick(day.edit, Qt.Key.Key_Return)
    assert day.value() == "2020-02-29" and "construction_start" not in form.check()


def test_file_dialogs_open_in_the_users_folders_and_then_where_the_last_file_came_from(qtbot, ws, tmp_path, monkeypatch):
    """Finding 25: the file dialogs opened in the program's own folder. Now a first dialog opens in the user's
    Documents (or home) folder, and the next one of the same kind where the last file was picked."""
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    monkeypatch.chdir(tmp_path)  # the program's folder, where Qt's dialog would otherwise start
    opened: list[str] = []
    chosen = tmp_path / "field" / "readings.csv"
    chosen.parent.mkdir()
    chosen.write_text("timestamp,meter,kwh\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda parent, title, folder, filters="": (opened.append(folder), (str(chosen), ""))[1])
    projects.create_project(ws, Actor("tester", date(2025, 1, 17)), dict(PROJECT))
    window = open_window(qtbot, ws)
    window.select_project("T-1")
    panel = window.page("MonitoringPage").findChild(QWidget, "importPanel")
    panel.choose_file()
    panel.choose_file()
    assert opened[0] in (str(tmp_path / "home"), str(tmp_path / "home" / "Documents")) and opened[0] != str(tmp_path)
    assert opened[1] == str(chosen.parent) and panel.path.text() == str(chosen)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_changes_not_saved_are_kept_or_discarded_as_the_user_says_when_another_project_is_chosen(qtbot, ws, lang):
    """Finding 13: unsaved Project details were dropped without a word when another project was selected."""
    from PySide6.QtWidgets import QMessageBox

    projects.create_project(ws, Actor("tester", date(2025, 1, 17)), dict(PROJECT, code="T-2", title_en="Other"))
    window, page, form = details_page(qtbot, ws, lang)
    shown = window.ctx.project
    title = form.inputs["title_en"]
    title.selectAll()
    qtbot.keyClicks(title, "Hechi wind farm, phase 2")
    window.select_project("T-2")  # as a click in the list would
    box = window.findChild(QMessageBox, "unsavedChanges")
    assert box is not None and box.isVisible()
    assert ("Project details" if lang == "en" else "项目信息") in box.text()
    box.grab().save(f"/tmp/forms/unsaved-{lang}.png")
    assert window.ctx.project == shown and window.selected_project() == shown  # still on the project being edited
    keep = next(b for b in box.buttons() if b.text() == ("Keep editing" if lang == "en" else "继续编辑"))
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert title.value() == "Hechi wind farm, phase 2" and window.ctx.project == shown
    window.select_project("T-2")
    box = window.findChild(QMessageBox, "unsavedChanges")
    discard = next(b for b in box.buttons() if b.text() == ("Discard changes" if lang == "en" else "放弃修改"))
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    assert window.ctx.project != shown and window.selected_project() == window.ctx.project
    qtbot.waitUntil(lambda: title.value() == "Other")


def test_a_saved_form_switches_project_without_asking(qtbot, ws):
    from PySide6.QtWidgets import QMessageBox

    projects.create_project(ws, Actor("tester", date(2025, 1, 17)), dict(PROJECT, code="T-2", title_en="Other"))
    window, page, form = details_page(qtbot, ws)
    title = form.inputs["title_en"]
    title.selectAll()
    qtbot.keyClicks(title, "Renamed")
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    window.select_project("T-2")
    assert window.findChild(QMessageBox, "unsavedChanges") is None
    assert "T-2" in window.navigator.heading.text()
