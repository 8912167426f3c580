"""The GUI shell on the demo workspace: project list, lifecycle view, blocked reasons, moving a stage."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from workbench.services.support.context import Actor
from workbench.services.demo.projects import create_demo_projects
from workbench.ui.i18n import Language
from tests.ui import wizard_steps
from workbench.ui.main_window import MainWindow

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def open_window(qtbot, ws, lang="en") -> MainWindow:
    window = MainWindow(ws, Language(lang))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_window_opens_on_the_demo_and_shows_the_lifecycle(qtbot, ws, monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_TODAY", "2025-01-17")
    create_demo_projects(ws, Actor("tester", date(2025, 1, 17)))
    window = open_window(qtbot, ws)
    assert window.model.rowCount() == 4
    assert "VN-OFW-01" in window.lifecycle.title.text()
    button = window.lifecycle.findChild(QPushButton, "moveButton-pdd_publicity")
    assert button is not None and button.isEnabled()
    image = window.grab()
    assert not image.isNull() and image.width() > 600
    assert image.save(str(tmp_path / "main.png"))


def test_moving_a_stage_then_seeing_why_the_next_is_blocked(qtbot, ws, monkeypatch):
    monkeypatch.setenv("WORKBENCH_TODAY", "2025-01-17")
    create_demo_projects(ws, Actor("tester", date(2025, 1, 17)))
    window = open_window(qtbot, ws)
    window.lifecycle.reason.setText("PDD complete")
    qtbot.mouseClick(window.lifecycle.findChild(QPushButton, "moveButton-pdd_publicity"), Qt.MouseButton.LeftButton)
    assert "PDD public comment" in window.lifecycle.stages.item(1).text()
    blocked = window.lifecycle.findChild(QPushButton, "moveButton-validation")
    assert blocked is not None and not blocked.isEnabled()
    reasons = [lbl.text() for lbl in window.lifecycle.findChildren(QLabel, "blockReason")]
    assert any("public comment period" in r for r in reasons)


def test_search_and_language_switch(qtbot, ws):
    create_demo_projects(ws, Actor("tester", date(2025, 1, 17)))
    window = open_window(qtbot, ws)
    qtbot.keyClicks(window.search, "Guangxi")
    assert window.model.rowCount() == 1
    window.toggle_language()
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "代码"  # no database id column
    assert window.model.data(window.model.index(0, 3)) == "中国"  # the host country by its name, not CN
    assert "广西" in window.lifecycle.title.text()


def test_a_refused_move_shows_a_dialog_not_a_traceback(qtbot, ws, monkeypatch):
    create_demo_projects(ws, Actor("tester", date(2025, 1, 17)))
    window = open_window(qtbot, ws)
    window.move_to("issued", "")
    dialog = window.findChild(QMessageBox, "userErrorDialog")
    assert dialog is not None and "no move from Project design (PDD drafting) to Reductions issued" in dialog.text()
    dialog.close()


def test_edits_can_be_undone_and_redone_and_the_store_follows(qtbot, ws):
    from workbench.services.projects import lifecycle

    create_demo_projects(ws, Actor("tester", date(2025, 1, 17)))
    window = open_window(qtbot, ws)
    window.select_project("VN-OFW-01")
    parties_page = window.page("PartiesPage")
    parties_page.add_party.set(name_en="Mekong Carbon Advisory", role="consultant", nationality="host", country="VN")
    qtbot.mouseClick(parties_page.add_party.button, Qt.MouseButton.LeftButton)

    def names() -> list[str]:
        return [p.name_en for p in lifecycle.view_project(ws, "VN-OFW-01", date(2025, 1, 17)).snapshot.parties]

    assert "Mekong Carbon Advisory" in names() and parties_page.parties.rowCount() == 5
    window.undo_action.trigger()
    assert "Mekong Carbon Advisory" not in names() and parties_page.parties.rowCount() == 4
    window.redo_action.trigger()
    assert "Mekong Carbon Advisory" in names()
    window.undo_action.trigger()
    assert "Mekong Carbon Advisory" not in names()
    from workbench.services.methodology import reference_editions

    reference_editions.add_grid_edition(ws, Actor("tester", date(2025, 1, 17)), {  # no Chinese grid factors are shipped
        "grid": "CN-South", "edition": "test edition", "data_year": "2019", "ef_om": "0.8042", "ef_bm": "0.2135",
        "source": "test figures", "published": "2020-12-29"})
    method = window.page("MethodologyPage")
    method.inputs.set(grid="VN-National")  # the grids known, to pick from
    qtbot.mouseClick(method.inputs.button, Qt.MouseButton.LeftButton)
    method.inputs.set(grid="CN-South")
    qtbot.mouseClick(method.inputs.button, Qt.MouseButton.LeftButton)
    from workbench.services.methodology.methodology import parameters_of

    def grid():
        with ws.reading() as s:
            from workbench.services.projects.projects import resolve

            return parameters_of(s, resolve(s, "VN-OFW-01").id).get("grid")

    assert grid() == "CN-South"
    window.undo_action.trigger()
    assert grid() == "VN-National"
    window.undo_action.trigger()
    assert grid() is None


def test_a_team_database_opens_from_the_file_menu_and_is_remembered_without_its_password(qtbot, ws, pg_url):
    from sqlalchemy.engine import make_url

    from tests.pg_cluster import ADMIN_PASSWORD
    from workbench.ui.team_dialog import with_password
    from workbench.services.history import audit
    from workbench.ui.main_window import recent_places

    window = open_window(qtbot, ws)
    address = make_url(pg_url)._replace(password=None).render_as_string(hide_password=False)
    window.team_action.trigger()
    window.team_dialog.address.setText(address)
    window.team_dialog.password.setText("wrong")
    window.team_dialog.accept()  # connected on a worker, the steps in the status bar
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "userErrorDialog") is not None, timeout=60000)
    error = window.findChild(QMessageBox, "userErrorDialog")
    assert error is not None and "password authentication failed" in error.text()
    error.close()
    assert window.workspace.path == ws.path  # the file stays open when the team database refuses
    window.team_action.trigger()
    assert window.team_dialog.address.text() == ""  # nothing remembered from a failed attempt
    window.team_dialog.address.setText(address)
    window.team_dialog.password.setText(ADMIN_PASSWORD)
    window.team_dialog.accept()
    qtbot.waitUntil(lambda: window.workspace.path is None and not window.progress.rows, timeout=60000)
    assert window.workspace.user == "workbench_admin" and window.windowTitle().endswith("workbench_admin (Owner)")
    wizard_steps.new_project(qtbot, window, {"code": "GUI-TEAM", "title_en": "Team project", "programme": "ccer", "host_country": "CN",
                                             "sector": "energy"})
    assert window.model.rowCount() == 1
    assert [e.actor for e in audit.log(window.workspace, "GUI-TEAM")] == ["workbench_admin"]  # not the computer's user
    assert recent_places()[:2] == [address, str(ws.path)] and ADMIN_PASSWORD not in " ".join(recent_places())
    window.fill_recent()
    assert [a.text() for a in window.recent_menu.actions()][:2] == [address, str(ws.path)]
    from workbench.services.sharing import team

    team.add_member(window.workspace, window.ctx.actor(), "li", "reviewer", password="li-pw")
    reviewer = make_url(address).set(username="li").render_as_string(hide_password=False)
    window.open_path(with_password(reviewer, "li-pw"))
    qtbot.waitUntil(lambda: window.workspace.user == "li" and not window.progress.rows, timeout=60000)
    assert window.windowTitle().endswith("li (Reviewer, read only)") and not window.new_project.isEnabled()
    assert not window.page("PartiesPage").add_party.isEnabled() and window.model.rowCount() == 1  # reads, cannot edit
    assert not window.page("LedgerPage").start_issuance.isEnabled()  # nor open a wizard that would


def test_the_demo_projects_are_added_from_the_file_menu_in_a_worker(qtbot, ws):
    window = open_window(qtbot, ws)
    assert window.model.rowCount() == 0
    window.demo_action.trigger()
    assert not window.demo_action.isEnabled()  # building a year of readings runs off the UI thread
    qtbot.waitUntil(lambda: window.model.rowCount() == 4 and window.demo_action.isEnabled(), timeout=60000)
    assert window.statusBar().currentMessage() == "Demo projects added: VN-OFW-01, GX-AR-01, VN-CSP-01, GD-MG-01"
    window.demo_action.trigger()  # again: nothing new
    qtbot.waitUntil(lambda: window.demo_action.isEnabled(), timeout=60000)
    assert window.statusBar().currentMessage() == "Demo projects added: none (already here)" and window.model.rowCount() == 4


def test_a_project_travels_as_a_package_through_the_file_menu(qtbot, ws, tmp_path):
    from PySide6.QtCore import Qt

    from workbench.services.projects import lifecycle, projects
    from workbench.store.workspace import open_workspace
    from workbench.ui.package_dialog import TAKE, PackageDialog

    actor = Actor("tester", date(2025, 1, 17))
    create_demo_projects(ws, actor)
    window = open_window(qtbot, ws)
    window.select_project("VN-OFW-01")
    window.export_package(str(tmp_path / "vn.ccerpkg"))  # in a worker, with its progress in the status bar
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Package written to"), timeout=20000)
    consultant = open_workspace(tmp_path / "consultant.sqlite")
    other = open_window(qtbot, consultant)
    other.import_package(str(tmp_path / "vn.ccerpkg"))  # not there yet: created at once
    qtbot.waitUntil(lambda: other.statusBar().currentMessage().startswith("Project VN-OFW-01: created"), timeout=20000)  # in a worker
    assert other.model.rowCount() == 1 and other.statusBar().currentMessage().startswith(
        "Project VN-OFW-01: created — history: its data and audit history (")  # this computer holds the sender's key
    assert "are confirmed as workspace" in other.statusBar().currentMessage()
    projects.update_project(consultant, actor, "VN-OFW-01", {"title_en": "Consultant's title", "title_zh": "顾问的标题"})
    other.import_package(str(tmp_path / "vn.ccerpkg"))  # now it differs: every difference is listed with both sides
    qtbot.waitUntil(lambda: other.findChild(PackageDialog, "packageDiffers") is not None, timeout=20000)
    dialog = other.findChild(PackageDialog, "packageDiffers")
    assert dialog is not None and dialog.isVisible()
    title = dialog.items["project#title_en"]
    assert title.text(1).startswith("Consultant's title  · by tester at") and title.text(2).startswith("Binh Thuan")
    assert title.checkState(TAKE) == Qt.CheckState.Unchecked  # changed here last: kept by default
    dialog.ticked("project#title_en", True)  # take the package's English title, keep the Chinese one typed here
    qtbot.mouseClick(dialog.merge, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: other.statusBar().currentMessage().startswith("Project VN-OFW-01: merged — history: "), timeout=20000)
    header = lifecycle.view_project(consultant, "VN-OFW-01", date(2025, 1, 17)).snapshot.header
    assert header.title_en.startswith("Binh Thuan") and header.title_zh == "顾问的标题"
    other.close()
    consultant.close()


def test_backups_are_listed_made_and_restored_from_the_file_menu(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from workbench.services.projects import projects
    from workbench.store.workspace import open_workspace
    from workbench.ui.backup_dialog import BackupDialog

    workspace = open_workspace(tmp_path / "field.sqlite")
    create_demo_projects(workspace, Actor("tester", date(2025, 1, 17)))
    window = open_window(qtbot, workspace)
    window.backup_action.trigger()
    dialog = window.findChild(BackupDialog, "backupDialog")
    qtbot.mouseClick(dialog.findChild(type(dialog.restore_button), "backupNow"), Qt.MouseButton.LeftButton)
    assert dialog.list.topLevelItemCount() >= 1 and dialog.list.topLevelItem(0).text(1) == "manual"
    projects.update_project(workspace, Actor("tester", date(2025, 1, 18)), "VN-OFW-01", {"title_en": "Edited after the backup"})
    dialog.list.setCurrentItem(dialog.list.topLevelItem(0))
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    confirm = dialog.findChild(QMessageBox, "confirmRestore")
    confirm.buttons()[0].click()
    assert window.statusBar().currentMessage().startswith("Restored field-")
    qtbot.waitUntil(lambda: not window.progress.rows, timeout=60000)  # the restored file opens behind the window
    with window.workspace.reading() as s:  # the edit made after the backup is gone with the restore
        assert not projects.resolve(s, "VN-OFW-01").title_en.startswith("Edited")
    window.backup_action.trigger()
    again = window.findChildren(BackupDialog)[-1]
    assert "before-restore" in [again.list.topLevelItem(i).text(1) for i in range(again.list.topLevelItemCount())]
    window.close()


def test_every_page_is_registered_by_name():
    from workbench.ui.main_window import PAGE_MODULES

    pages = {p.stem for p in (Path(__file__).resolve().parents[2] / "workbench/ui/pages").glob("*.py") if "\nPAGE = " in p.read_text()}
    assert set(PAGE_MODULES) == pages
