"""File › Open and Open Recent run off the UI thread through the op runner: the window keeps answering, the steps
are shown (checking the file, backing up and upgrading an older one, listing the projects), and Cancel — offered
until a migration starts — leaves the workspace that was open, and the file, as they were."""

from __future__ import annotations

import gzip
import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.cli_helpers import file_digest
from tests.ui.progress_gate import held_at
from tests.ui.test_main_window import open_window
from tests.unit.test_open_steps import schema_of
from workbench.domain.progress import Steps
from workbench.services.projects import projects
from workbench.services.support.context import Actor
from workbench.store.backup import list_backups

RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "release_0016" / "workspace.sqlite.gz"
ON = Actor("tester", date(2026, 5, 4))
HERE = {"code": "HERE-1", "title_en": "The project already open", "programme": "ccer", "host_country": "CN", "sector": "energy"}


def older_file(tmp_path: Path) -> Path:
    """The workspace file the 0016 release wrote (projects VN-ACC-01, VN-ACC-02, LA-HYD-01), to be upgraded when opened."""
    path = tmp_path / "release.sqlite"
    path.write_bytes(gzip.decompress(RELEASE.read_bytes()))
    return path


def reported(monkeypatch) -> list[tuple[str, bool]]:
    """Every step the work reports, as (message id, whether it can still stop), in order."""
    seen: list[tuple[str, bool]] = []
    lock = threading.Lock()
    send = Steps._send

    def record(steps, step):
        with lock:
            seen.append((step.what.id, step.stoppable))
        send(steps, step)

    monkeypatch.setattr(Steps, "_send", record)
    return seen


@pytest.mark.parametrize("lang, opening, upgrading", [
    ("en", "Opening release.sqlite", "Upgrading the workspace to this version (this cannot be stopped)"),
    ("zh", "正在打开 release.sqlite", "正在将工作区升级到本版本（不可中止）")])
def test_an_older_file_opens_behind_the_window_with_its_steps_and_no_cancel_while_it_is_upgraded(qtbot, ws, tmp_path, monkeypatch,
                                                                                                lang, opening, upgrading):
    projects.create_project(ws, ON, HERE)
    old = older_file(tmp_path)
    at_upgrade, go_on = held_at(monkeypatch, "progress.workspace.migrating")
    seen = reported(monkeypatch)
    window = open_window(qtbot, ws, lang)
    window.open_path(str(old))
    assert window.workspace is ws and window.model.rowCount() == 1  # the call came back at once: the window answers
    assert not window.open_action.isEnabled() and not window.recent_menu.isEnabled()  # one opening at a time
    qtbot.waitUntil(at_upgrade.is_set, timeout=60000)
    qtbot.waitUntil(lambda: window.progress.steps() == [upgrading], timeout=60000)
    assert next(iter(window.progress.rows.values())).findChild(QLabel, "opText").text() == opening
    assert not window.progress.cancel_buttons()[0].isEnabled()  # a migration runs to its end
    window.search.setText("HERE")  # the window works meanwhile, on the workspace still open
    assert window.model.rowCount() == 1 and window.workspace is ws
    go_on.set()
    qtbot.waitUntil(lambda: window.workspace is not ws and not window.progress.rows, timeout=60000)
    window.search.clear()
    assert window.workspace.path == old.resolve() and [window.model.rows[i].code for i in range(window.model.rowCount())][:2] == ["VN-ACC-01", "VN-ACC-02"]
    assert window.open_action.isEnabled() and window.recent_menu.isEnabled() and window.windowTitle().endswith("release.sqlite")
    assert [step for step, _ in seen] == ["progress.workspace.checking", "progress.workspace.backing_up", "progress.workspace.migrating",
                                          "progress.workspace.loading_pages", "progress.workspace.listing"]
    assert [stoppable for _, stoppable in seen] == [True, True, False, False, False]  # after the upgrade nothing is undone by a stop
    assert ["before-migration" in p.name for p in list_backups(old)] == [True]
    said = window.statusBar().currentMessage()  # the file changed under the user: said, with where it is as it was
    assert said.startswith(("release.sqlite was upgraded", "release.sqlite 已升级")) and str(list_backups(old)[0]) in said


def test_cancel_while_the_file_is_checked_keeps_the_open_workspace_and_leaves_the_file_untouched(qtbot, ws, tmp_path, monkeypatch):
    projects.create_project(ws, ON, HERE)
    old = older_file(tmp_path)
    before, schema = file_digest(old), schema_of(old)
    checking, pressed = held_at(monkeypatch, "progress.workspace.checking")
    window = open_window(qtbot, ws, "zh")
    window.open_path(str(old))
    qtbot.waitUntil(checking.is_set, timeout=60000)
    qtbot.waitUntil(lambda: window.progress.steps() == ["正在检查 release.sqlite"], timeout=60000)
    cancel = window.progress.cancel_buttons()[0]
    assert cancel.isEnabled()
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert window.progress.steps() == ["正在停止……"]  # the bar stays until the work has stopped
    pressed.set()
    qtbot.waitUntil(lambda: not window.progress.rows, timeout=60000)
    assert window.statusBar().currentMessage() == "已取消：未写入任何内容。"
    assert window.workspace is ws and window.model.rows[0].code == "HERE-1" and window.open_action.isEnabled()
    assert file_digest(old) == before and schema_of(old) == schema and list_backups(old) == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".release.sqlite.open-")]  # not marked open either


def test_open_recent_takes_the_same_path_and_the_undo_history_of_the_other_workspace_goes(qtbot, ws, tmp_path):
    from workbench.store.workspace import open_workspace

    other = tmp_path / "other.sqlite"
    made = open_workspace(other)
    projects.create_project(made, ON, {**HERE, "code": "OTHER-1"})
    made.close()
    window = open_window(qtbot, ws)
    window.open_path(str(other))
    qtbot.waitUntil(lambda: window.workspace.path == other.resolve() and not window.progress.rows, timeout=60000)
    window.run(lambda w, actor, _p: projects.create_project(w, actor, {**HERE, "code": "OTHER-2"}))
    assert window.model.rowCount() == 2
    window.fill_recent()
    back = next(a for a in window.recent_menu.actions() if a.text() == str(ws.path))
    back.trigger()
    assert window.progress.rows and window.workspace.path == other.resolve()  # opening behind the window
    qtbot.waitUntil(lambda: window.workspace.path == ws.path and not window.progress.rows, timeout=60000)
    assert window.model.rowCount() == 0 and not window.undo_action.isEnabled()  # nothing of the other file to take back
