"""Opening a workspace of 10 projects with 10 years of data and listing them, vs a raw sqlite3 query."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Measure
from benchmarks.data import many_projects
from workbench.store.workspace import open_workspace

OURS = """
import sys, time
t0 = time.perf_counter()
from workbench.store.workspace import open_workspace
from workbench.services.projects.projects import list_projects
ws = open_workspace(sys.argv[1])
rows = list_projects(ws)
assert len(rows) == 10
print(time.perf_counter() - t0)
"""


def measures() -> list[Measure]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "ten.sqlite"
        ws = open_workspace(db)
        many_projects(ws, 10, 10)
        ws.close()
        open_workspace(db).close()  # today's rolling backup is made once; the measure is of a normal open
        runs = [float(subprocess.run([sys.executable, "-c", OURS, str(db)], capture_output=True, text=True, check=True).stdout) for _ in range(3)]

        def raw() -> None:
            con = sqlite3.connect(db)
            con.execute("SELECT id, code, title_en, title_zh, programme, host_country, methodology_id, stage FROM project ORDER BY id").fetchall()
            con.close()

        start = time.perf_counter()
        for _ in range(20):
            raw()
        floor = (time.perf_counter() - start) / 20
    return [Measure("open 10 projects × 10 years and list them (cold process)", min(runs), floor, goal_abs_s=0.3,
                    note="ours includes importing SQLAlchemy; floor: one raw query")]
