"""Storage faults and damaged files: a failed backup never blocks the work nor counts as a backup; a full disk
loses nothing and says so; a read-only workspace opens for reading; a damaged file is refused with the backup
commands and never written to."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli
from workbench.store.backup import backup_dir, list_backups

CREATE = ("project", "create", "--code", "DISK-1", "--title-en", "Disk farm", "--programme", "ccer", "--host-country", "CN",
          "--sector", "energy")


def raw(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def workspace_with_a_project(capsys, db: Path) -> Path:
    assert run_cli(capsys, *CREATE, "--db", db).code == 0
    for n in range(40):  # enough rows that the tables span several pages
        assert run_cli(capsys, "project", "update", "DISK-1", "--db", db, "--set", f"title_zh=风电场 {n} " + "长" * 200).code == 0
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db


def damage(db: Path) -> None:
    """Overwrite the middle of one table page, as a failing disk or a bad copy would."""
    con = sqlite3.connect(db)
    page_size, pages = con.execute("PRAGMA page_size").fetchone()[0], con.execute("PRAGMA page_count").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'audit_entry'").fetchone()[0]
    con.close()
    assert pages > root
    with db.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x0d\xff\xff\xff\xff\xff\xff\xff" + b"\xa5" * 64)


def test_a_damaged_file_found_on_the_days_first_opening_is_refused_and_not_written(tmp_path, capsys):
    db = workspace_with_a_project(capsys, tmp_path / "w.sqlite")
    shutil.rmtree(backup_dir(db))  # no backup from today: this opening makes the day's first and checks the file
    damage(db)
    before = raw(db)
    result = run_cli(capsys, "project", "update", "DISK-1", "--db", db, "--set", "title_en=Renamed")
    assert result.code == 2, result.err
    assert "the workspace file is damaged" in result.err and "workbench backup restore BACKUP" in result.err
    assert raw(db) == before
    assert list_backups(db) == []  # a damaged file never becomes a backup


def test_after_an_unclean_shutdown_the_file_is_checked_once(tmp_path, capsys):
    db = workspace_with_a_project(capsys, tmp_path / "w.sqlite")
    stale = db.parent / f".{db.name}.open-{__import__('socket').gethostname()}-{2**22 + 17}"  # no such process
    stale.touch()
    assert run_cli(capsys, "project", "list", "--db", db).code == 0  # sound: opens, and the marker is cleared
    assert not stale.exists()
    stale.touch()
    damage(db)
    before = raw(db)
    result = run_cli(capsys, "project", "list", "--db", db)
    assert (result.code, "the workspace file is damaged" in result.err) == (2, True), result.err
    assert raw(db) == before


def test_a_truncated_file_is_refused_with_the_backup_commands(tmp_path, capsys):
    db = workspace_with_a_project(capsys, tmp_path / "w.sqlite")
    body = db.read_bytes()
    db.write_bytes(body[: len(body) // 3])
    result = run_cli(capsys, "project", "show", "DISK-1", "--db", db)
    assert result.code == 2, result.err
    assert "damaged" in result.err and "backup list" in result.err


def test_a_backup_that_cannot_be_written_is_a_note_and_the_action_goes_ahead(tmp_path, capsys):
    db = workspace_with_a_project(capsys, tmp_path / "w.sqlite")
    shutil.rmtree(backup_dir(db))
    backup_dir(db).write_text("not a folder")  # the backup cannot be made here
    result = run_cli(capsys, "project", "update", "DISK-1", "--db", db, "--set", "title_en=Renamed")
    assert result.code == 0, result.err
    assert "note: today's automatic backup could not be written" in result.err
    assert "Renamed" in run_cli(capsys, "project", "show", "DISK-1", "--db", db).out


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MiB tmpfs, where this test may mount one (root on Linux); skipped elsewhere (the simulated tests run)."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=True)


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the disk, then give back ``leave`` bytes (SQLite needs some room to read a WAL workspace at all)."""
    with (folder / "filler").open("wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError:
            pass
    size = (folder / "filler").stat().st_size
    with (folder / "filler").open("r+b") as fh:
        fh.truncate(max(size - leave, 0))


def test_a_full_disk_loses_nothing_and_says_so(small_disk, capsys):
    db = workspace_with_a_project(capsys, small_disk / "w.sqlite")
    shutil.rmtree(backup_dir(db))
    fill(small_disk, leave=96 * 1024)  # room to read, not to copy the workspace
    listed = run_cli(capsys, "project", "list", "--db", db)
    assert listed.code == 0 and "DISK-1" in listed.out, listed.err
    assert "note: today's automatic backup could not be written" in listed.err
    assert list_backups(db) == [] and not list(backup_dir(db).glob("*.part"))  # no 0-byte "daily" copy
    wrote = run_cli(capsys, "party", "add", "DISK-1", "--db", db, "--set", "name_en=" + "Big party " * 30000, "--set", "role=investor",
                    "--set", "nationality=chinese", "--set", "country=CN")
    assert wrote.code == 2, wrote.err
    assert "the disk is full; nothing of this action was saved" in wrote.err
    (small_disk / "filler").unlink()
    shown = run_cli(capsys, "project", "show", "DISK-1", "--db", db)
    assert shown.code == 0 and "风电场 39" in shown.out
    assert run_cli(capsys, "audit", "verify", "--db", db).code == 0


def test_a_read_only_workspace_opens_for_reading_with_a_notice(small_disk, capsys):
    db = workspace_with_a_project(capsys, small_disk / "w.sqlite")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    listed = run_cli(capsys, "project", "list", "--db", db)
    assert listed.code == 0 and "DISK-1" in listed.out, listed.err
    assert "note: the workspace file or its folder is read-only here" in listed.err
    changed = run_cli(capsys, "project", "update", "DISK-1", "--db", db, "--set", "title_en=Renamed")
    assert changed.code == 2 and "opened for reading only" in changed.err


def test_a_backups_folder_deleted_while_opening_never_stops_the_work(tmp_path, capsys):
    """Another program (or the user) removes the backups folder again and again while the workspace opens and makes
    its daily backup: every opening still works (exit 0), at worst with the note that the backup failed."""
    import threading

    db = workspace_with_a_project(capsys, tmp_path / "w.sqlite")
    stop = threading.Event()

    def remove_again_and_again():
        while not stop.is_set():
            shutil.rmtree(backup_dir(db), ignore_errors=True)

    deleter = threading.Thread(target=remove_again_and_again)
    deleter.start()
    try:
        outcomes = [run_cli(capsys, "project", "list", "--db", db) for _ in range(25)]
    finally:
        stop.set()
        deleter.join()
    assert all(r.code == 0 and "DISK-1" in r.out for r in outcomes), [r.err for r in outcomes if r.code]
    assert all("unexpected fault" not in r.err for r in outcomes)
    assert any("today's automatic backup could not be written" in r.err for r in outcomes)  # the folder did go mid-way
