"""The audit chain's head anchored outside the file: a log cut short or rewritten and chained again is reported,
a missing anchor or key is "cannot confirm" (never "intact"), and the ledger is held against the log."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime

import pytest

from tests.cli_helpers import run_cli
from tests.unit.test_ledger import verified_wind_period
from workbench.services.history import audit
from workbench.services.issuance import ledger
from workbench.services.projects import projects
from workbench.services.support.records import entry_hash
from workbench.store import backup
from workbench.store.audit_anchor import anchor_path
from workbench.store.workspace import open_workspace

PROJECT = {"code": "LOG-1", "title_en": "Logged farm", "programme": "ccer", "host_country": "CN", "sector": "energy"}


@pytest.fixture
def logged(db_path, actor):
    """A workspace file with a project edited a few times: 1 + 5 audit entries."""
    ws = open_workspace(db_path)
    projects.create_project(ws, actor, PROJECT)
    for n in range(5):
        projects.update_project(ws, actor, "LOG-1", {"title_zh": f"风电场 {n}"})
    ws.close()
    return db_path


def verified(path):
    ws = open_workspace(path)
    try:
        return audit.verify(ws)
    finally:
        ws.close()


def test_an_untouched_log_is_intact_and_confirmed(logged, capsys):
    report = verified(logged)
    assert (report.entries, report.intact, report.confirmed) == (6, True, True)
    result = run_cli(capsys, "audit", "verify", "--db", logged)
    assert result.code == 0 and "audit log intact: 6 entries, its head confirmed by the anchor outside the file" in result.out


def test_deleting_the_newest_entries_is_reported(logged, actor, capsys):
    con = sqlite3.connect(logged)
    con.execute("DELETE FROM audit_entry WHERE id > 4")
    con.commit()
    con.close()
    report = verified(logged)
    assert not report.intact and "the log ends at entry 4 but its anchor outside the file records entry 6" in str(report.problem)
    assert report.problem.zh == "日志止于第 4 条，但文件外的锚点记录到第 6 条：最新的记录已被删除"  # in the user's language
    ws = open_workspace(logged)
    projects.update_project(ws, actor, "LOG-1", {"title_en": "Later edit"})  # the anchor does not move over the gap
    ws.close()
    assert "newest entries were deleted" in str(verified(logged).problem) or "rewritten" in str(verified(logged).problem)
    result = run_cli(capsys, "audit", "verify", "--db", logged)
    assert result.code == 2 and "intact" not in result.out


def test_a_log_rewritten_and_chained_again_is_reported(logged):
    con = sqlite3.connect(logged)
    rows = con.execute("SELECT id, at, actor, action, project_id, reason, payload FROM audit_entry ORDER BY id").fetchall()
    prev = ""
    for id_, at, actor, action, project_id, reason, payload in rows:  # someone with the file, not the key
        if id_ == 3:
            actor = "someone else"
        digest = entry_hash(prev, datetime.fromisoformat(at), actor, action, project_id, reason, payload)
        con.execute("UPDATE audit_entry SET actor = ?, prev_hash = ?, hash = ? WHERE id = ?", (actor, prev, digest, id_))
        prev = digest
    con.commit()
    con.close()
    report = verified(logged)
    assert not report.intact and "entry 6 is not the one its anchor outside the file records" in str(report.problem)


def test_without_the_anchor_or_its_key_the_log_cannot_be_confirmed(logged, capsys, monkeypatch, tmp_path):
    home = os.environ["XDG_DATA_HOME"]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "another-computer"))  # a copy of the file and anchor, not the key
    report = verified(logged)
    assert report.intact and not report.confirmed and "does not hold the key" in str(report.note)
    result = run_cli(capsys, "audit", "verify", "--db", logged)
    assert result.code == 0 and "cannot be confirmed" in result.out and "intact" not in result.out
    monkeypatch.setenv("XDG_DATA_HOME", home)
    anchor_path(logged).unlink()
    assert verified(logged).confirmed  # this computer keeps its own copy of the anchor
    forged = anchor_path(logged)
    forged.write_text('{"workspace": "x", "last_id": 1, "last_hash": "0", "mac": "0"}', encoding="utf-8")
    report = verified(logged)
    assert not report.confirmed and "does not hold the key" in str(report.note)


def test_a_restored_backup_brings_its_own_anchor(logged, actor):
    made = backup.make_backup(logged, "manual")
    ws = open_workspace(logged)
    projects.update_project(ws, actor, "LOG-1", {"title_en": "After the backup"})
    ws.close()
    backup.restore(logged, made)
    report = verified(logged)
    assert (report.entries, report.intact, report.confirmed) == (6, True, True)


def test_a_unit_block_edited_in_the_file_is_reported(db_path, tmp_path, capsys):
    ws = open_workspace(db_path)
    actor = verified_wind_period(ws, tmp_path)
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20", "JC-2026-003")
    ws.close()
    assert verified(db_path).ledger_problems == ()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE unit_block SET last = last + 500 WHERE id = (SELECT min(id) FROM unit_block)")
    con.commit()
    con.close()
    report = verified(db_path)
    assert report.intact
    assert any("blocks hold" in str(p) and "were issued" in str(p) for p in report.ledger_problems)
    assert any("was changed outside the workbench: last" in str(p) for p in report.ledger_problems)
    result = run_cli(capsys, "audit", "verify", "--db", db_path)
    assert result.code == 2 and "the unit ledger is not as the log recorded it" in result.err
