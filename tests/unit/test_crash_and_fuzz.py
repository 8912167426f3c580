"""Crash safety (SIGKILL in the middle of an import) and hostile input to the importers."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_helpers import file_digest
from workbench.domain.errors import UserError
from workbench.reference import parse_rows
from workbench.services import meters, monitoring_import
from workbench.services.context import Actor
from workbench.services.demo import create_demo_projects
from workbench.store.workspace import open_workspace


def prepared(path: Path) -> None:
    ws = open_workspace(path)
    actor = Actor("tester", date(2026, 2, 1))
    create_demo_projects(ws, actor)
    meters.add_meter(ws, actor, "VN-OFW-01", {"serial": "EXP-1", "role": "export", "accuracy_class": "0.2"})
    ws.close()


@pytest.mark.parametrize("delay", [0.8, 1.6])
def test_a_killed_import_leaves_the_file_whole_and_nothing_half_written(tmp_path, delay):
    db = tmp_path / "w.sqlite"
    prepared(db)
    rows = 200_000
    csv = tmp_path / "big.csv"
    start = datetime(2025, 1, 1)
    with csv.open("w") as fh:
        fh.write("meter,start,minutes,wh\n")
        fh.writelines(f"EXP-1,{start + timedelta(minutes=15 * i):%Y-%m-%d %H:%M},15,{i}\n" for i in range(rows))
    before_projects = sqlite3.connect(db).execute("select count(*) from project").fetchone()[0]
    proc = subprocess.Popen([sys.executable, "-m", "workbench.cli.main", "monitoring", "import", "VN-OFW-01", str(csv), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "WORKBENCH_TODAY": "2026-02-01"})
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("select count(*) from project").fetchone()[0] == before_projects
    stored = con.execute("select count(*) from meter_reading").fetchone()[0]
    assert stored in (0, rows)  # all of the action or none of it
    con.close()
    ws = open_workspace(db)  # and the workbench opens it again
    ws.close()


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "w.sqlite"
    prepared(path)
    return path


CELLS = st.one_of(st.text(max_size=12), st.sampled_from(["EXP-1", "2025-01-01 00:00", "60", "15", "-1", "1e400", "NaN", "0.0005", "１２", "", "\x00"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.lists(st.sampled_from(["meter", "start", "minutes", "kwh", "wh", "mwh", "表号", "时间", "x", ""]), max_size=5),
       rows=st.lists(st.lists(CELLS, max_size=5), max_size=6), raw=st.binary(max_size=64))
def test_any_csv_gives_a_clear_error_or_a_clean_import_and_nothing_else(fuzz_db, tmp_path_factory, header, rows, raw):
    path = tmp_path_factory.mktemp("f") / "input.csv"
    body = "\n".join(",".join(r) for r in [header, *rows]).encode("utf-8", "surrogatepass") if header else raw
    path.write_bytes(body)
    ws = open_workspace(fuzz_db)
    before = file_digest(fuzz_db)
    try:
        monitoring_import.import_readings(ws, Actor("fuzz", date(2026, 2, 1)), "VN-OFW-01", path, dry_run=True)
    except UserError as exc:
        assert str(exc)
    finally:
        ws.close()
    assert file_digest(fuzz_db) == before  # a dry run never writes, whatever the input


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=200))
def test_any_reference_csv_gives_a_user_error_or_rows(text):
    try:
        rows = parse_rows("fuzz", "key,source,valid_from\n" + text, origin="fuzz.csv", decimal_columns=())
    except UserError as exc:
        assert "fuzz.csv" in str(exc)
    else:
        assert all(r.source and r.key for r in rows)
