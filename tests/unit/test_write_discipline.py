"""Write discipline (CONTRACTS.md §10): the write lock is taken first, a no-op records nothing, two programs
writing at once leave the audit chain intact, a busy workspace and a constraint race are user errors (exit 2)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.cli_helpers import run_cli
from workbench.domain.errors import UserError
from workbench.services.history import audit
from workbench.services.methodology import methodology
from workbench.services.projects import parties, projects, risks
from workbench.store.models import AuditRow, ProjectRow
from workbench.store.models_monitoring import ReadingRow
from workbench.store.workspace import open_workspace

PROJECT = {"code": "LOCK-1", "title_en": "Locked wind farm", "programme": "ccer", "host_country": "CN", "sector": "energy"}
ROOT = Path(__file__).resolve().parents[2]


def entries(ws) -> int:
    with ws.reading() as s:
        return s.scalar(select(func.count()).select_from(AuditRow))


def test_an_action_that_changes_nothing_records_nothing(ws, actor):
    projects.create_project(ws, actor, PROJECT)
    methodology.set_parameter(ws, actor, "LOCK-1", "region", "east", "site survey")
    risks.preload(ws, actor, "LOCK-1")
    risks.update(ws, actor, "LOCK-1", "dev-verification", {"owner": "Wang Fang"})
    party = parties.add_party(ws, actor, "LOCK-1", {"name_en": "Huaxia Offshore Energy", "role": "project_owner", "nationality": "chinese", "country": "CN"})
    before = entries(ws)

    again = [methodology.set_parameter(ws, actor, "LOCK-1", "region", "east", "site survey"),
             risks.update(ws, actor, "LOCK-1", "dev-verification", {"owner": "Wang Fang"}),
             parties.update_party(ws, actor, "LOCK-1", party.result["id"], {"name_en": "Huaxia Offshore Energy"}),
             projects.update_project(ws, actor, "LOCK-1", {"title_en": "Locked wind farm"})]

    assert entries(ws) == before
    assert all(change.empty for change in again)
    changed = methodology.set_parameter(ws, actor, "LOCK-1", "region", "west", "site survey")
    assert entries(ws) == before + 1 and [e.changed_fields()["value"] for e in changed.entities] == [("east", "west")]
    assert audit.verify(ws).intact


WRITER = textwrap.dedent("""
    import sys
    from workbench.services.methodology import methodology
    from workbench.services.projects import projects
    from workbench.services.support.context import Actor
    from workbench.store.workspace import open_workspace

    path, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ws = open_workspace(path)
    actor = Actor(name)
    for i in range(rounds):
        methodology.set_parameter(ws, actor, "LOCK-1", f"plan.{name}.density", str(i // 2 + 1))  # every other one changes nothing
        if i % 10 == 0:
            projects.update_project(ws, actor, "LOCK-1", {"title_zh": f"{name} {i}"})
    ws.close()
""")


def test_two_programs_writing_hundreds_of_actions_leave_the_audit_chain_intact(db_path, actor):
    ws = open_workspace(db_path)
    projects.create_project(ws, actor, PROJECT)
    ws.close()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), name, "200"], cwd=ROOT,
                                env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "WORKBENCH_USER": name},
                                stderr=subprocess.PIPE, text=True) for name in ("ana", "ben")]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    ws = open_workspace(db_path)
    try:
        report = audit.verify(ws)
        assert report.intact, report.problem
        # each program: 100 parameter values that changed + 20 title edits; the 100 no-ops left no entry
        assert report.entries == 1 + 2 * (100 + 20)
    finally:
        ws.close()


def test_a_write_kept_waiting_past_the_busy_timeout_is_exit_2_and_writes_nothing(tmp_path, capsys, monkeypatch):
    db = tmp_path / "busy.sqlite"
    assert run_cli(capsys, "project", "create", "--db", db, "--code", "BUSY-1", "--title-en", "Busy farm", "--programme", "ccer",
                   "--host-country", "CN", "--sector", "energy").code == 0
    monkeypatch.setenv("WORKBENCH_BUSY_TIMEOUT", "0.2")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program in the middle of a long import
    try:
        result = run_cli(capsys, "project", "update", "BUSY-1", "--db", db, "--set", "title_en=Renamed")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (result.code, result.err.strip()) == (2, f"error: {db}: the workspace is busy in another program; try again")
    assert run_cli(capsys, "project", "show", "BUSY-1", "--db", db).out.count("Busy farm") >= 1


def test_a_busy_timeout_that_is_not_a_number_is_refused(tmp_path, capsys, monkeypatch):
    open_workspace(tmp_path / "w.sqlite").close()
    monkeypatch.setenv("WORKBENCH_BUSY_TIMEOUT", "soon")
    result = run_cli(capsys, "project", "list", "--db", tmp_path / "w.sqlite")
    assert result.code == 2 and "WORKBENCH_BUSY_TIMEOUT: 'soon' is not a number of seconds" in result.err


def test_a_rule_of_the_database_broken_by_a_racing_action_is_a_user_error(ws, actor):
    """Two programs creating the same row at once: the later one's insert breaks a unique rule; it is refused in
    words, not as a fault, and nothing of it is written."""
    projects.create_project(ws, actor, PROJECT)
    with pytest.raises(UserError, match="the change was refused because it would break a rule of the workspace"):
        with ws.transaction() as s:
            s.add(ProjectRow(**{**{k: v for k, v in PROJECT.items()}, "stage": "concept", "stage_since": actor.today,
                                "created_at": actor.now(), "updated_at": actor.now()}))
    with ws.reading() as s:
        assert s.scalar(select(func.count()).select_from(ProjectRow)) == 1


def test_two_programs_issuing_one_period_at_once_issue_it_once(db_path, tmp_path):
    """Racing issuance: the second waits for the first, then finds the period issued and says so (a user error)."""
    import threading

    from tests.unit.test_ledger import verified_wind_period
    from workbench.services.issuance import ledger

    ws = open_workspace(db_path)
    actor = verified_wind_period(ws, tmp_path)
    other = open_workspace(db_path)
    outcomes: list[object] = []
    start = threading.Barrier(2)

    def issue(workspace):
        start.wait()
        try:
            outcomes.append(ledger.issue(workspace, actor, "VN-OFW-01", 1, "2026-01-20", "JC-2026-003"))
        except Exception as exc:  # noqa: BLE001 - the test sorts what each program got
            outcomes.append(exc)

    threads = [threading.Thread(target=issue, args=(w,)) for w in (ws, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    try:
        refused = [o for o in outcomes if isinstance(o, Exception)]
        assert len(outcomes) == 2 and len(refused) == 1, outcomes
        assert isinstance(refused[0], UserError), repr(refused[0])
        assert sum(x.quantity for x in ledger.ledger(ws, "VN-OFW-01")) == 659
        assert audit.verify(ws).intact
    finally:
        other.close()
        ws.close()


def test_write_action_records_what_the_action_did_and_nothing_for_nothing(ws, actor):
    from workbench.services.support.records import row_fields
    from workbench.services.support.write_action import write_action

    projects.create_project(ws, actor, PROJECT)
    before = entries(ws)
    with write_action(ws, actor, "project.rename", 1, reason="typo") as act:
        row = act.session.get(ProjectRow, 1)
        old = row_fields(row)
        row.title_en = "Renamed farm"
        act.session.flush()
        act.updated("project", row, old)
    assert act.change.entities[0].changed_fields() == {"title_en": ("Locked wind farm", "Renamed farm")}
    assert (entries(ws), act.change.reason) == (before + 1, "typo")
    with write_action(ws, actor, "project.look") as idle:
        idle.session.get(ProjectRow, 1)
    assert idle.change.empty and entries(ws) == before + 1
    with pytest.raises(UserError), write_action(ws, actor, "project.rename", 1) as failed:
        failed.session.get(ProjectRow, 1).title_en = "Never saved"
        raise UserError("refused half-way")
    with ws.reading() as s:
        assert s.get(ProjectRow, 1).title_en == "Renamed farm"
    assert audit.verify(ws).intact


def _holds_open(pid: int, path: Path) -> bool:
    """Whether process ``pid`` has the workspace file open (it reached the workspace, then waits for the lock)."""
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(fd.resolve() == path.resolve() for fd in fds.iterdir())
    except OSError:
        return False


def test_two_programs_importing_one_readings_file_at_once_store_it_once(db_path, actor, tmp_path):
    """Racing imports of one file: both programs wait behind a third that holds the write lock, then race. One
    stores the readings; the other stores nothing twice — it finds them stored (0 new) or is refused with the reason
    (exit 2) — and the audit log verifies intact."""
    import time
    from datetime import datetime, timedelta

    from tests.unit.test_ledger import measured_wind_period

    ws = open_workspace(db_path)
    measured_wind_period(ws, tmp_path)
    with ws.reading() as s:
        before = s.scalar(select(func.count()).select_from(ReadingRow))
    ws.close()
    rows = 20_000
    csv = tmp_path / "one-file.csv"
    first = datetime(2024, 1, 1)
    csv.write_text("meter,start,minutes,kwh\n" + "".join(f"EXP-1,{first + timedelta(minutes=15 * n):%Y-%m-%d %H:%M},15,{n % 97}\n"
                                                         for n in range(rows)))
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "WORKBENCH_USER": "racer", "WORKBENCH_LANG": "en",
           "XDG_DATA_HOME": str(tmp_path / "data")}
    racers = [subprocess.Popen([sys.executable, "-m", "workbench.cli.main", "monitoring", "import", "VN-OFW-01", str(csv),
                                "--kind", "readings", "--db", str(db_path), "--format", "json"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        deadline = time.monotonic() + 120
        while not all(_holds_open(r.pid, db_path) for r in racers) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    outcomes = [(r.returncode, out, err) for r in racers for out, err in [r.communicate(timeout=300)]]
    assert all(code in (0, 2) for code, _, _ in outcomes), outcomes
    assert not any("unexpected fault" in err or "Traceback" in err for _, _, err in outcomes), outcomes
    stored = [json.loads(out)["new"] for code, out, _ in outcomes if code == 0]
    assert stored and max(stored) == rows and sum(stored) == rows, outcomes  # one stored every row; nothing stored twice
    refused = [err for code, _, err in outcomes if code == 2]
    assert all(err.startswith("error: ") and len(err.strip()) > len("error: ") for err in refused), refused
    ws = open_workspace(db_path)
    try:
        with ws.reading() as s:
            assert s.scalar(select(func.count()).select_from(ReadingRow)) == before + rows
            imports = s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == "monitoring.import"))
        assert imports == 2  # the earlier file of measured_wind_period and this one, once
        assert audit.verify(ws).intact
    finally:
        ws.close()
