"""Each fix key leads somewhere in the GUI, and clicking a blocking reason on the Overview takes the user there."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QWidget

from tests.ui.test_main_window import open_window
from workbench.domain.fixes import Fix
from workbench.services.projects import projects
from workbench.services.support.context import Actor
from workbench.ui.fix_targets import FIX_TARGETS, go_to_fix
from workbench.ui.wizards import WIZARDS


def test_every_fix_key_has_a_page_and_form_that_exist(qtbot, ws):
    assert set(FIX_TARGETS) == set(Fix), f"fix keys without a GUI target: {set(Fix) - set(FIX_TARGETS)}"
    window = open_window(qtbot, ws)
    pages = {type(p).__name__: p for p in window.pages}
    for fix, target in FIX_TARGETS.items():
        assert target.page in pages, fix
        assert not target.wizard or target.wizard in WIZARDS, fix
        if target.form:
            form = pages[target.page].findChild(QWidget, target.form)
            assert form is not None, (fix, target.form)
            keys = set(getattr(form, "inputs", {}))
            assert {target.focus, *target.prefill} - {""} <= keys, (fix, keys)


def test_clicking_a_reason_goes_to_the_form_that_clears_it(qtbot, ws):
    projects.create_project(ws, Actor("tester", date(2025, 1, 17)), {"code": "T-1", "title_en": "Test", "programme": "ccer", "host_country": "CN",
                                                                      "sector": "energy"})
    window = open_window(qtbot, ws)
    window.select_project("T-1")
    links = {lbl.property("fix"): lbl for lbl in window.lifecycle.findChildren(QLabel, "blockReason")}
    assert {Fix.OWNER, Fix.SITE, Fix.METHODOLOGY} <= set(links)
    owner = links[Fix.OWNER]
    qtbot.mouseClick(owner, Qt.MouseButton.LeftButton, pos=QPoint(owner.fontMetrics().horizontalAdvance("• ") + 6, owner.height() // 2))
    assert window.tabs.currentWidget() is window.page("PartiesPage")
    form = window.tabs.currentWidget().findChild(QWidget, "addParty")
    assert form.values()["role"] == "project_owner"
    assert form.inputs["name_en"].hasFocus() or window.focusWidget() is form.inputs["name_en"]


def test_going_to_a_fix_in_chinese_shows_the_page(qtbot, ws):
    window = open_window(qtbot, ws, "zh")
    wizard = go_to_fix(window, "engage-verification-vvb")  # the engagement wizard, for a verification
    assert window.tabs.currentWidget() is window.page("ValidationPage")
    assert wizard.isVisible() and wizard.terms.form.values()["kind"] == "verification" and wizard.windowTitle() == "委托审定与核查机构"
    wizard.reject()


def test_the_task_to_calculate_a_period_opens_the_period_wizard(qtbot, ws):
    projects.create_project(ws, Actor("tester", date(2025, 1, 17)), {"code": "T-1", "title_en": "Test", "programme": "ccer", "host_country": "CN",
                                                                      "sector": "energy", "crediting_start": "2025-01-01",
                                                                      "crediting_end": "2034-12-31"})
    window = open_window(qtbot, ws)
    window.select_project("T-1")
    wizard = go_to_fix(window, "add-accounting-period")
    assert window.tabs.currentWidget() is window.page("MonitoringPage") and wizard.objectName() == "periodWizard"
    assert wizard.span.form.values() == {"start": "2025-01-01", "end": "2025-12-31"}  # a year on, without readings
    wizard.reject()
