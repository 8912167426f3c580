"""The lifecycle navigator: stages with their status, the tasks before the current and next move, each a link."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QWidget

from workbench.domain.fixes import Fix
from workbench.services.demo.projects import create_demo_projects
from workbench.services.projects import projects
from workbench.services.support.context import Actor
from workbench.ui.i18n import Language
from workbench.ui.main_window import MainWindow

TODAY = date(2025, 1, 17)


def open_window(qtbot, ws, lang="en") -> MainWindow:
    window = MainWindow(ws, Language(lang))
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def tasks(window) -> dict[str, QLabel]:
    return {lbl.property("fix"): lbl for lbl in window.navigator.findChildren(QLabel, "blockReason")}


def click_link(qtbot, label: QLabel) -> None:
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(label.contentsMargins().left() + label.fontMetrics().horizontalAdvance("• ") + 6, label.height() // 2))


def test_stages_have_a_status_and_the_next_stage_its_tasks(qtbot, ws, monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_TODAY", str(TODAY))
    create_demo_projects(ws, Actor("tester", TODAY))
    window = open_window(qtbot, ws)
    window.select_project("VN-OFW-01")
    rows = [lbl.text() for lbl in window.navigator.findChildren(QLabel, "navigatorStage")]
    assert "(current)" in rows[0] and "(next)" in rows[1] and all("(later)" in r for r in rows[2:]) and len(rows) == 9
    shown = tasks(window)
    # design is complete, so the move to PDD publicity is ready; in publicity the VVB and the comment period remain
    assert {Fix.PROCEDURE, Fix.WAIT_PUBLICITY, Fix.ENGAGE_VALIDATION_VVB} <= set(shown)
    click_link(qtbot, shown[Fix.ENGAGE_VALIDATION_VVB])
    assert window.tabs.currentWidget() is window.page("ValidationPage")
    assert window.wizard.isVisible() and window.wizard.terms.form.values()["kind"] == "validation"  # the engagement wizard
    window.wizard.reject()
    for lang in ("en", "zh"):
        if window.lang.code != lang:
            window.toggle_language()
        qtbot.wait(20)  # widgets added to a shown layout are shown at the next turn of the event loop
        assert window.navigator.grab().save(str(tmp_path / f"navigator-{lang}.png"))
    assert "项目设计" in window.navigator.findChildren(QLabel, "navigatorStage")[0].text()


def test_following_a_task_clears_it(qtbot, ws, monkeypatch):
    monkeypatch.setenv("WORKBENCH_TODAY", str(TODAY))
    projects.create_project(ws, Actor("tester", TODAY), {"code": "T-1", "title_en": "Test", "programme": "ccer", "host_country": "CN",
                                                          "sector": "energy"})
    window = open_window(qtbot, ws, "zh")
    window.select_project("T-1")
    assert {Fix.OWNER, Fix.SITE, Fix.METHODOLOGY, Fix.CREDITING_PERIOD, Fix.CONSTRUCTION_START} <= set(tasks(window))
    click_link(qtbot, tasks(window)[Fix.OWNER])
    form = window.page("PartiesPage").findChild(QWidget, "addParty")
    qtbot.keyClicks(form.inputs["name_en"], "Owner Co")
    form.inputs["name_zh"].setText("业主公司")  # typed CJK needs an input method; offscreen has none
    form.set(nationality="chinese", country="CN")
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert Fix.OWNER not in tasks(window) and Fix.SITE in tasks(window)


def registration_requested(ws, code: str, scopes: str, actor: Actor, later: Actor) -> None:
    """``code`` taken through PDD publicity and a final validation report to the registration request (``later``'s day)."""
    from workbench.services.projects import lifecycle
    from workbench.services.validation import validation

    lifecycle.advance(ws, actor, code, "pdd_publicity")
    vvb = validation.add_vvb(ws, actor, {"name_en": "VVB One", "scopes": scopes}).result["id"]
    engagement = validation.engage(ws, actor, code, vvb, "validation", "A, B").result["id"]
    lifecycle.advance(ws, later, code, "validation")
    validation.finalise_report(ws, later, engagement)
    lifecycle.advance(ws, later, code, "registration_requested")


def test_registration_waits_for_the_joint_body_s_decision_recorded_from_its_task(qtbot, ws, monkeypatch):
    """A BRI project at 'registration requested': the navigator's task opens the Ledger's decision form set to a
    registration; once the decision is recorded the move to Registered is free of it."""
    from workbench.services.demo.projects import BRI_WIND
    from workbench.services.issuance import ledger
    actor, later = Actor("tester", TODAY), Actor("tester", date(2025, 3, 10))
    create_demo_projects(ws, actor)
    ledger.add_agreement(ws, actor, BRI_WIND["agreement"], "VN", "China–Viet Nam joint committee (demo)")
    registration_requested(ws, "VN-OFW-01", "energy", actor, later)
    monkeypatch.setenv("WORKBENCH_TODAY", "2025-03-10")
    window = open_window(qtbot, ws, "zh")
    window.select_project("VN-OFW-01")
    task = tasks(window)[Fix.REGISTRATION_DECISION]
    assert "联合管理机构的登记决定（日期和文号）尚未记录" in task.text()
    click_link(qtbot, task)
    page = window.page("LedgerPage")
    assert window.tabs.currentWidget() is page and page.decision.values()["kind"] == "registration"
    page.decision.set(on="2025-03-10", ref="JC-2025-011")
    qtbot.mouseClick(page.decision.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: Fix.REGISTRATION_DECISION not in tasks(window))


def test_a_ccer_project_moves_to_registered_with_the_registry_s_reference(qtbot, ws, monkeypatch):
    """The Overview's move to Registered asks the registry's reference and keeps it with the move (Measures art. 15)."""
    from PySide6.QtWidgets import QInputDialog, QPushButton

    from workbench.services.projects import lifecycle

    actor, later = Actor("tester", date(2025, 1, 6)), Actor("tester", date(2025, 3, 10))
    create_demo_projects(ws, actor)
    projects.update_project(ws, actor, "GX-AR-01", {"registry_account": "CCER-ACC-0001"})
    registration_requested(ws, "GX-AR-01", "forestry", actor, later)
    monkeypatch.setenv("WORKBENCH_TODAY", "2025-03-31")
    window = open_window(qtbot, ws, "zh")
    window.select_project("GX-AR-01")
    qtbot.mouseClick(window.lifecycle.findChild(QPushButton, "moveButton-registered"), Qt.MouseButton.LeftButton)
    ask = next(d for d in window.findChildren(QInputDialog, "registrationReference") if d.isVisible())
    assert ask.labelText().startswith("注册登记机构的项目登记编号")
    ask.setTextValue("CCER登记公告 2025-031")
    ask.accept()
    qtbot.waitUntil(lambda: lifecycle.view_project(ws, "GX-AR-01", date(2025, 3, 31)).snapshot.stage.value == "registered")
    assert lifecycle.view_project(ws, "GX-AR-01", date(2025, 3, 31)).snapshot.history[-1].evidence == "CCER登记公告 2025-031"
