"""Cancel in the progress strip really stops the work, on a real workspace file: the service stops at its next step
inside its transaction and nothing is written; the bar shows the steps the service reports; the pages refresh."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.cli_helpers import file_digest
from tests.ui.progress_gate import held_at
from tests.ui.test_main_window import open_window
from tests.unit.test_cancel_steps import readings_file
from workbench.domain.text import Text
from workbench.services.demo.projects import create_demo_projects
from workbench.services.monitoring import meters, monitoring_import
from workbench.services.projects import projects
from workbench.services.sharing import packages
from workbench.services.support.context import Actor
from workbench.store.workspace import open_workspace
from workbench.ui.ops import Op

ON = Actor("tester", date(2026, 2, 1))
CODE = "VN-OFW-01"


def wind(ws):
    create_demo_projects(ws, ON)
    for serial in ("EXP-1", "EXP-2"):
        meters.add_meter(ws, ON, CODE, {"serial": serial, "role": "export", "accuracy_class": "0.2"})


def step_shown(window, starts: str) -> bool:
    return any(text.startswith(starts) for text in window.progress.steps())


def test_cancelling_a_large_readings_import_stores_nothing_and_the_page_shows_the_workspace(qtbot, ws, tmp_path, monkeypatch):
    wind(ws)
    monitoring_import.import_readings(ws, ON, CODE, readings_file(tmp_path / "first.csv", 4_000))
    window = open_window(qtbot, ws)
    window.select_project(CODE)
    page = window.page("MonitoringPage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not window.progress.rows and page.totals.rowCount() == 2, timeout=30000)
    panel = page.importer
    panel.path.setText(str(readings_file(tmp_path / "year.csv", 200_000, start=datetime(2025, 6, 1))))
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)  # the check: every row read, nothing stored
    qtbot.waitUntil(lambda: panel.confirm.isEnabled(), timeout=60000)
    before = file_digest(ws)
    storing, pressed = held_at(monkeypatch, "progress.readings_stored")
    qtbot.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(storing.is_set, timeout=60000)
    qtbot.waitUntil(lambda: step_shown(window, "Storing readings: "), timeout=60000)
    bar = window.progress.bars()[0]
    assert bar.maximum() == 200_000 and 0 <= bar.value() < 200_000  # a bar of real steps, not a busy one
    cancel = window.progress.cancel_buttons()[0]
    with qtbot.waitSignal(window.ctx.runner.changed, timeout=60000) as refreshed:
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        assert not cancel.isEnabled() and window.progress.steps() == ["Stopping…"]  # the bar stays until the work stops
        pressed.set()
    assert refreshed.args[0].project == project_id(ws) and "readings" in refreshed.args[0].kinds
    qtbot.waitUntil(lambda: not window.progress.rows, timeout=60000)
    assert file_digest(ws) == before  # not one of the 200,000 readings, and no audit entry
    assert window.statusBar().currentMessage() == "Cancelled: nothing was written."
    assert panel.status.text() == "Cancelled: nothing imported. Check the file again to import it." and not panel.confirm.isEnabled()
    qtbot.waitUntil(lambda: not window.progress.rows, timeout=30000)  # the page's own refresh (adding up readings) done
    assert page.totals.rowCount() == 2  # what is stored: the first file's readings only


def project_id(ws) -> int:
    with ws.reading() as s:
        return projects.resolve(s, CODE).id


def test_cancelling_a_package_import_mid_way_leaves_the_workspace_unchanged(qtbot, ws, tmp_path, monkeypatch):
    wind(ws)
    monitoring_import.import_readings(ws, ON, CODE, readings_file(tmp_path / "r.csv", 20_000))
    package = packages.export_package(ws, ON, CODE, tmp_path / "vn.ccerpkg")
    consultant = open_workspace(tmp_path / "consultant.sqlite")
    try:
        window = open_window(qtbot, consultant, lang="zh")
        before = file_digest(consultant)
        storing, pressed = held_at(monkeypatch, "progress.package.rows_stored")
        window.import_package(str(package))  # checked, then imported: the second op is stopped while storing
        qtbot.waitUntil(storing.is_set, timeout=60000)
        qtbot.waitUntil(lambda: step_shown(window, "正在存储记录："), timeout=60000)
        text = window.progress.rows[next(iter(window.progress.rows))].findChild(QLabel, "opText").text()
        assert text == Text("ui.main_window.importing_package").zh
        qtbot.mouseClick(window.progress.cancel_buttons()[0], Qt.MouseButton.LeftButton)
        pressed.set()
        qtbot.waitUntil(lambda: not window.progress.rows, timeout=60000)
        assert window.statusBar().currentMessage() == "已取消：未写入任何内容。"
        assert file_digest(consultant) == before and window.model.rowCount() == 0
    finally:
        consultant.close()


def test_a_cancel_that_comes_after_the_work_committed_shows_what_it_did(qtbot, ws):
    """Work that reached no step after Cancel was pressed has committed: it is not said to be cancelled — its
    result is shown and the project list refreshes."""
    window = open_window(qtbot, ws)
    values = {"code": "GD-PV-01", "title_en": "Guangdong solar", "programme": "ccer", "host_country": "CN", "sector": "energy"}
    op = Op(lambda w, actor, _project, _steps: projects.create_project(w, actor, values), window, None, long=Text("ui.ops.working"),
            touches=frozenset({"project"}), done=lambda change: window.statusBar().showMessage(
                window.lang.pick(Text("ui.main_window.project_created", code=change.result["code"]))))
    window.ctx.runner.run(op)
    window.ctx.runner.cancel(op)
    assert op.stopping
    qtbot.waitUntil(lambda: not window.progress.rows, timeout=30000)
    assert window.statusBar().currentMessage().endswith(" — It had finished before it could be stopped: what it did is saved and shown.")
    assert window.statusBar().currentMessage().startswith("Project GD-PV-01 created")  # what the action itself says
    assert window.model.rowCount() == 1


def test_the_demo_projects_offer_no_cancel(qtbot, ws):
    """Each demo project is added by actions that commit one by one: a Cancel could not leave the workspace as it was."""
    window = open_window(qtbot, ws)
    window.demo_action.trigger()
    assert window.progress.rows and not window.progress.cancel_buttons()[0].isVisibleTo(window.progress)
    qtbot.waitUntil(lambda: step_shown(window, "Adding the demo: part 2 of "), timeout=60000)  # its parts, told as they start
    qtbot.waitUntil(lambda: window.demo_action.isEnabled(), timeout=60000)


def test_cancelling_a_render_at_a_page_writes_no_file(qtbot, ws, tmp_path, monkeypatch):
    wind(ws)
    window = open_window(qtbot, ws)
    window.select_project(CODE)
    docs = window.page("DocumentsPage")
    window.tabs.setCurrentWidget(docs)
    out = tmp_path / "pdd.pdf"
    at_first_page, pressed = held_at(monkeypatch, "progress.document.page_laid_out")
    docs.form.input("lang").set_value("bilingual")
    docs.form.input("out").set_value(str(out))
    qtbot.mouseClick(docs.form.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(at_first_page.is_set, timeout=60000)
    qtbot.waitUntil(lambda: step_shown(window, "Page 1 laid out"), timeout=60000)  # every step of a render is a page
    qtbot.mouseClick(window.progress.cancel_buttons()[0], Qt.MouseButton.LeftButton)
    pressed.set()  # Cancel is taken at the next page
    qtbot.waitUntil(lambda: not window.progress.rows, timeout=60000)
    assert window.statusBar().currentMessage() == "Cancelled: nothing was written."
    assert [p.name for p in tmp_path.iterdir() if "pdd" in p.name] == []  # neither the PDF nor a temporary of it
    assert not out.exists() and docs.form.button.isEnabled()
