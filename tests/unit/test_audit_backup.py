"""The hash-chained audit log detects tampering and says where; backups list and restore."""

from __future__ import annotations

import sqlite3

import pytest

from tests.cli_helpers import run_cli


def test_an_untouched_log_verifies(demo_db, capsys):
    result = run_cli(capsys, "audit", "verify", "--db", demo_db, "--format", "json")
    assert result.code == 0 and result.json()["intact"] and result.json()["entries"] > 20


@pytest.mark.parametrize(
    "tamper, message",
    [
        ("UPDATE audit_entry SET actor = 'mallory' WHERE id = 5", "entry 5 (party.add"),
        ("DELETE FROM audit_entry WHERE id = 7", "entry 8 ("),
        ("UPDATE audit_entry SET id = 1000 WHERE id = 3", "entry 4 ("),
    ],
)
def test_edits_deletions_and_reordering_are_found_where_they_happened(demo_db, capsys, tamper, message):
    con = sqlite3.connect(demo_db)
    con.execute(tamper)
    con.commit()
    con.close()
    result = run_cli(capsys, "audit", "verify", "--db", demo_db)
    assert result.code == 2 and message in result.err


def test_restore_brings_back_the_backup_and_keeps_the_current_file(demo_db, capsys, tmp_path):
    from workbench.store.backup import make_backup

    copy = make_backup(demo_db, "manual")
    assert run_cli(capsys, "project", "update", "VN-OFW-01", "--set", "title_en=Changed", "--db", demo_db).code == 0
    listed = run_cli(capsys, "backup", "list", "--db", demo_db, "--format", "json").json()
    assert str(copy) in [b["file"] for b in listed]
    restored = run_cli(capsys, "backup", "restore", copy, "--db", demo_db, "--format", "json")
    assert restored.code == 0
    shown = run_cli(capsys, "project", "show", "VN-OFW-01", "--db", demo_db, "--format", "json").json()
    assert shown["title_en"] == "Binh Thuan 400 MW Offshore Wind Farm (demo)"
    kept = restored.json()["previous_copy"]
    assert sqlite3.connect(kept).execute("select title_en from project where code='VN-OFW-01'").fetchone()[0] == "Changed"
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"garbage")
    assert "is not a workspace backup" in run_cli(capsys, "backup", "restore", bad, "--db", demo_db).err


def test_an_older_file_gets_its_existing_entries_chained(tmp_path, capsys):
    """Migrating a file written before the chain existed links its entries, so it verifies."""
    from alembic import command
    from sqlalchemy import create_engine

    from workbench.services.projects import projects
    from workbench.services.support.context import Actor
    from workbench.store.workspace import alembic_config, open_workspace

    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO audit_entry (at, actor, action, project_id, reason, payload) VALUES "
            "('2024-05-01 09:30:00.000000', 'old', 'project.create', 1, '', '{}'), ('2024-05-02 10:00:00.000000', 'old', 'project.update', 1, '', '{}')"
        )
    engine.dispose()
    ws = open_workspace(path)
    assert ws.backup_path is not None
    projects.create_project(ws, Actor("new"), {"code": "X", "title_en": "X", "programme": "ccer", "host_country": "CN", "sector": "energy"})
    ws.close()
    result = run_cli(capsys, "audit", "verify", "--db", path, "--format", "json")
    assert result.code == 0, result.err
    assert result.json()["entries"] == 3


def test_a_daily_backup_is_made_on_open_and_old_ones_are_pruned(tmp_path):
    import os
    import time

    from workbench.store.backup import DAILY_KEEP, list_backups
    from workbench.store.workspace import open_workspace

    path = tmp_path / "w.sqlite"
    open_workspace(path).close()  # created now: nothing to back up yet
    assert list_backups(path) == []
    open_workspace(path).close()
    (first,) = list_backups(path)
    open_workspace(path).close()  # the same day: no second copy
    assert list_backups(path) == [first]
    for i in range(DAILY_KEEP + 3):  # age every copy by a day, then open again
        for p in list_backups(path):
            os.utime(p, (time.time() - 86400 * (i + 2), time.time() - 86400 * (i + 2)))
        open_workspace(path).close()
    assert len(list_backups(path)) == DAILY_KEEP
