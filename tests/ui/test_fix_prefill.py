"""A task link opens its form on the record it is about (finding 9 of the X-window trial, issue 25): "CAR-2 … is open"
picks CAR-2 in the response form, "the Validation report … is not final" picks that engagement, and a wizard's only
possible choice (the one verified period) is chosen already."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QWidget

from tests.ui.test_main_window import open_window
from workbench.services.demo.projects import create_demo_projects
from workbench.services.projects import lifecycle
from workbench.services.support.context import Actor
from workbench.services.validation import validation


def click(qtbot, link: QLabel) -> None:
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton, pos=QPoint(link.fontMetrics().horizontalAdvance("• ") + 6, link.height() // 2))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_task_link_opens_its_form_on_the_finding_or_engagement_it_names(qtbot, ws, monkeypatch, lang):
    monkeypatch.setenv("WORKBENCH_TODAY", "2025-01-17")
    actor = Actor("tester", date(2025, 1, 17))
    create_demo_projects(ws, actor)
    lifecycle.advance(ws, actor, "VN-OFW-01", "pdd_publicity", "PDD complete")  # the validation's tasks show as next
    vvb = validation.add_vvb(ws, actor, {"name_en": "China Quality Certification Centre"}).result["id"]
    engagement = validation.engage(ws, actor, "VN-OFW-01", vvb, "validation", "Li Wei, Zhang Min").result["id"]
    validation.raise_finding(ws, actor, engagement, "CL", "Grid connection date")
    car = validation.raise_finding(ws, actor, engagement, "CAR", "Export meter calibration overdue").result["id"]
    window = open_window(qtbot, ws, lang)
    window.select_project("VN-OFW-01")
    links = {lbl.property("fix"): lbl for lbl in window.navigator.findChildren(QLabel, "blockReason")}
    click(qtbot, links["close-finding"])
    page = window.page("ValidationPage")
    assert window.tabs.currentWidget() is page
    respond = page.findChild(QWidget, "respondFinding")
    assert respond.values().get("finding") == str(car)
    assert respond.inputs["response"].hasFocus() or window.focusWidget() is respond.inputs["response"]
    window.grab().save(f"/tmp/forms/fix-finding-{lang}.png")
    click(qtbot, links["final-report"])
    final = page.findChild(QWidget, "finalReport")
    assert final.values().get("engagement") == str(engagement)
