"""The desktop program's notices about the workspace file, in both languages: a damaged file with its backups
offered (and restored from the dialog), a busy workspace, a read-only workspace, a daily backup that failed, and
a backup made on demand that cannot be written."""

from __future__ import annotations

import shutil
import socket
import sqlite3
import subprocess
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.test_main_window import open_window
from tests.unit.test_storage_faults import damage, small_disk  # noqa: F401 - the tmpfs fixture
from workbench.services.projects import projects
from workbench.services.support.context import Actor
from workbench.store import backup
from workbench.store.backup import backup_dir
from workbench.store.workspace import open_workspace
from workbench.ui.backup_dialog import BackupDialog

PROJECT = {"code": "NOTE-1", "title_en": "Noticed wind farm", "programme": "ccer", "host_country": "CN", "sector": "energy"}
ON = Actor("tester", date(2025, 3, 3))


def field_file(path):
    """A workspace file with a project edited often enough that its tables span several pages."""
    ws = open_workspace(path)
    projects.create_project(ws, ON, PROJECT)
    for n in range(40):
        projects.update_project(ws, ON, "NOTE-1", {"title_zh": f"风电场 {n} " + "长" * 200})
    ws.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


@pytest.mark.parametrize("lang, said, offer", [("en", "is damaged", "Restore one of its backups"), ("zh", "已损坏", "请恢复它的一个备份")])
def test_a_damaged_workspace_offers_its_backups_and_opens_once_one_is_restored(qtbot, ws, tmp_path, lang, said, offer):
    db = field_file(tmp_path / "field.sqlite")
    made = backup.make_backup(db, "manual")
    (db.parent / f".{db.name}.open-{socket.gethostname()}-{2**22 + 17}").touch()  # a program that never closed it
    damage(db)
    window = open_window(qtbot, ws, lang)
    window.open_path(str(db))  # checked on a worker: the window answers meanwhile
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "damagedWorkspace") is not None, timeout=60000)
    box = window.findChild(QMessageBox, "damagedWorkspace")
    assert box is not None and said in box.text() and offer in box.text() and str(db) in box.text()
    assert window.workspace is ws  # nothing else was opened
    qtbot.mouseClick(box.restore_button, Qt.MouseButton.LeftButton)
    dialog = window.findChildren(BackupDialog)[-1]
    assert dialog.list.topLevelItem(0).text(3) == made.name
    dialog.list.setCurrentItem(dialog.list.topLevelItem(0))
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    dialog.findChild(QMessageBox, "confirmRestore").buttons()[0].click()
    qtbot.waitUntil(lambda: window.workspace.path in (db, db.resolve()) and not window.progress.rows, timeout=60000)
    with window.workspace.reading() as s:
        assert projects.resolve(s, "NOTE-1").title_en == "Noticed wind farm"
    labels = [backup.label_of(p) for p in backup.list_backups(db)]
    assert "before-restore" in labels  # the damaged file is kept as one more backup
    window.close()


def test_a_damaged_file_without_backups_says_so_and_offers_none(qtbot, ws, tmp_path):
    db = field_file(tmp_path / "field.sqlite")
    shutil.rmtree(backup_dir(db), ignore_errors=True)
    (db.parent / f".{db.name}.open-{socket.gethostname()}-{2**22 + 17}").touch()
    damage(db)
    window = open_window(qtbot, ws)
    window.open_path(str(db))
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "damagedWorkspace") is not None, timeout=60000)
    box = window.findChild(QMessageBox, "damagedWorkspace")
    assert "It has no backups here" in box.text() and not box.restore_button.isEnabled()
    window.close()


def test_a_busy_workspace_is_said_in_the_users_language(qtbot, tmp_path, monkeypatch):
    db = tmp_path / "busy.sqlite"
    ws = open_workspace(db)
    projects.create_project(ws, ON, PROJECT)
    monkeypatch.setenv("WORKBENCH_BUSY_TIMEOUT", "0.2")
    window = open_window(qtbot, ws, "zh")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program in the middle of a long import
    try:
        window.run(lambda ws, _actor, _project: projects.update_project(ws, ON, "NOTE-1", {"title_en": "Renamed"}))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    box = window.findChild(QMessageBox, "userErrorDialog")
    assert box is not None and "工作区正被另一程序使用" in box.text() and "Traceback" not in box.text()
    box.close()
    window.close()
    ws.close()


def test_a_daily_backup_that_failed_is_a_notice_in_both_languages(qtbot, tmp_path):
    db = field_file(tmp_path / "field.sqlite")
    shutil.rmtree(backup_dir(db), ignore_errors=True)
    backup_dir(db).write_text("not a folder")  # today's backup cannot be written here
    ws = open_workspace(db)
    window = open_window(qtbot, ws)
    assert "today's automatic backup could not be written" in window.statusBar().currentMessage()
    window.toggle_language()
    assert "今天的自动备份未能写入" in window.statusBar().currentMessage()
    window.close()
    ws.close()


def test_a_backup_made_on_demand_that_cannot_be_written_is_said_and_counts_as_none(qtbot, tmp_path):
    db = field_file(tmp_path / "field.sqlite")
    ws = open_workspace(db)
    window = open_window(qtbot, ws, "zh")
    window.backup_action.trigger()
    dialog = window.findChild(BackupDialog, "backupDialog")
    before = dialog.list.topLevelItemCount()
    shutil.rmtree(backup_dir(db))
    backup_dir(db).write_text("not a folder")
    qtbot.mouseClick(dialog.findChild(type(dialog.restore_button), "backupNow"), Qt.MouseButton.LeftButton)
    failed = dialog.findChild(QMessageBox, "backupFailed")
    assert failed is not None and "无法创建备份" in failed.text() and before >= 1 and dialog.list.topLevelItemCount() == 0
    failed.close()
    window.close()
    ws.close()


def test_a_read_only_workspace_opens_with_a_notice_and_no_form_can_submit(qtbot, small_disk):  # noqa: F811
    from workbench.ui.forms import SpecForm

    db = field_file(small_disk / "field.sqlite")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    ws = open_workspace(db)
    window = open_window(qtbot, ws)
    assert "read-only here" in window.statusBar().currentMessage()
    assert all(not form.isEnabled() for form in window.findChildren(SpecForm))
    window.toggle_language()
    assert "只读" in window.statusBar().currentMessage()
    window.close()
    ws.close()


def test_a_workspace_found_damaged_during_an_action_offers_its_backups(qtbot, tmp_path):
    db = field_file(tmp_path / "field.sqlite")
    backup.make_backup(db, "manual")
    ws = open_workspace(db)
    window = open_window(qtbot, ws, "zh")
    damage(db)  # the disk fails under the open workspace
    ws.engine.dispose()  # the next action reads the file afresh
    window.run(lambda ws, _actor, _project: projects.update_project(ws, ON, "NOTE-1", {"title_en": "Renamed"}))
    box = window.findChild(QMessageBox, "damagedWorkspace")
    assert box is not None and "已损坏" in box.text() and box.restore_button.isEnabled()
    assert window.findChild(QMessageBox, "userErrorDialog") is None  # said once, with the way out
    box.close()
    window.close()
    ws.close()
