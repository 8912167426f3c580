"""Issue 25's walk: the Morocco CSP project from the new-project wizard to a rendered PDD and into PDD publicity,
following only what the navigator shows (its New project button, then its tasks, clicked), in Chinese."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QLabel, QPushButton
from pypdf import PdfReader

from tests.ui import wizard_steps
from tests.ui.test_morocco_csp import CODE, TEXTS, User
from tests.ui.test_navigator import click_link, open_window, tasks
from workbench.domain.fixes import Fix
from workbench.domain.parties import Nationality, PartyRole
from workbench.domain.project import Programme, Sector
from workbench.domain.stages import Stage
from workbench.services.projects import lifecycle

TODAY = date(2026, 2, 10)
ZH = TEXTS["zh"]


def follow(qtbot, window, fix: Fix):
    """Click the navigator's task with this fix key; hand back the page it leads to."""
    shown = tasks(window)
    assert fix in shown, f"{fix} is not among the navigator's tasks {list(shown)}"
    click_link(qtbot, shown[fix])
    return window.tabs.currentWidget()


def test_from_the_wizard_to_pdd_publicity_by_the_navigators_tasks_in_chinese(qtbot, ws, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_TODAY", str(TODAY))
    window = open_window(qtbot, ws, "zh")
    user = User(qtbot, window)

    # --- an empty workspace: the navigator says where to start ---------------------------------------------------
    assert window.navigator.new_project.isVisible() and window.navigator.new_project.text() == "新建项目…"
    user.press(window.navigator.new_project)
    wizard = window.wizard
    qtbot.waitExposed(wizard)
    basics = wizard.basics.form
    user.type(basics, "code", CODE)
    user.type(basics, "title_zh", ZH["title"])
    user.pick(basics, "programme", Programme.BRI)
    user.type(basics, "host_country", ZH["country"])
    user.pick(basics, "sector", Sector.ENERGY)
    user.type(basics, "agreement_name", ZH["agreement"])
    wizard_steps.next_page(qtbot, wizard)
    owner = wizard.parties.form
    user.type(owner, "name_zh", ZH["owner"])
    user.pick(owner, "role", PartyRole.PROJECT_OWNER)
    user.pick(owner, "nationality", Nationality.CHINESE)
    user.type(owner, "country", ZH["china"])
    user.press(owner.button)
    assert wizard.parties.table.rowCount() == 1 and wizard.parties.table.cell_text(0, 1) == "项目业主"
    wizard_steps.next_page(qtbot, wizard)
    dates = wizard.dates.form
    user.pick(dates, "methodology_id", "CCER-01-001")
    for key, day in (("operation_start", "2026-01-01"), ("crediting_start", "2026-01-01"), ("crediting_end", "2035-12-31")):
        user.date(dates, key, day)  # the construction start is not at hand yet
    verdicts = {wizard.verdicts.cell_text(r, 0)[:11]: wizard.verdicts.cell_text(r, 1) for r in range(wizard.verdicts.rowCount())}
    assert verdicts["CCER-01-001"].startswith("尚不确定，须证明：独立光热电站") and verdicts["CCER-14-001"] == "不适用"
    wizard_steps.next_page(qtbot, wizard)
    wizard_steps.finish(qtbot, wizard)  # no site yet either: the navigator will ask for it
    user.no_error()
    assert not wizard.isVisible() and window.undo_action.text() == f"撤销：新建项目 {CODE}"
    assert CODE in window.navigator.heading.text() and not window.navigator.new_project.isVisible()

    # --- the navigator's tasks, one by one ---------------------------------------------------------------------------
    assert {Fix.SITE, Fix.CONSTRUCTION_START, Fix.RENDER_PDD} <= set(tasks(window))
    parties = follow(qtbot, window, Fix.SITE)
    assert parties is window.page("PartiesPage") and window.focusWidget() is parties.add_site.inputs["name"]
    user.type(parties.add_site, "name", ZH["site"])
    user.type(parties.add_site, "latitude", "32.680412")
    user.type(parties.add_site, "longitude", "-4.739820")
    user.submit(parties.add_site)
    user.no_error()
    assert Fix.SITE not in tasks(window)

    overview = follow(qtbot, window, Fix.CONSTRUCTION_START)
    assert overview is window.page("OverviewPage")
    user.date(overview.details, "construction_start", "2024-03-01")
    user.submit(overview.details)
    user.no_error()
    assert Fix.CONSTRUCTION_START not in tasks(window)

    documents = follow(qtbot, window, Fix.RENDER_PDD)
    assert documents is window.page("DocumentsPage") and documents.form.values()["kind"] == "pdd"
    out = Path(documents.form.input("out").value())
    assert out.name == f"{CODE}-pdd-zh.pdf"
    user.submit(documents.form)
    qtbot.waitUntil(lambda: documents.form.button.isEnabled() and out.exists(), timeout=60000)
    user.no_error()
    text = "".join(page.extract_text() for page in PdfReader(out).pages[:3])
    assert ZH["title"] in text and "项目设计文件" in text

    overview = follow(qtbot, window, Fix.PROCEDURE)  # nothing blocks the move any more
    assert overview is window.page("OverviewPage")
    move = overview.lifecycle.findChild(QPushButton, "moveButton-pdd_publicity")
    assert move is not None and move.isEnabled()
    user.press(move)
    user.no_error()
    assert lifecycle.view_project(ws, CODE, TODAY).snapshot.stage is Stage.PDD_PUBLICITY
    current = [lbl.text() for lbl in window.navigator.findChildren(QLabel, "navigatorStage") if lbl.property("status") == "current"]
    assert current and "项目设计文件公示" in current[0]
    assert {Fix.WAIT_PUBLICITY, Fix.ENGAGE_VALIDATION_VVB} <= set(tasks(window))  # what stands before validation
    window.grab().save(str(tmp_path / "guided-zh.png"))
