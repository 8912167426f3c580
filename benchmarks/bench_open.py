"""Opening a workspace of 10 projects with 10 years of data and listing them, vs a raw sqlite3 query.

Two measures: the list as the window reads it for its first paint (``listing.read_project_list``: sqlite3, checked
against the schema head) — the issue's goal — and the whole opening through SQLAlchemy with its checks, which the
window does behind the painted list (no goal: the ORM's import and mapping dominate it)."""

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

LISTED = """
import sys, time
t0 = time.perf_counter()
from workbench.services.projects.listing import read_project_list
rows = read_project_list(sys.argv[1])
assert len(rows) == 10
print(time.perf_counter() - t0)
"""

OPENED = """
import sys, time
t0 = time.perf_counter()
from workbench.store.workspace import open_workspace
from workbench.services.projects.projects import list_projects
ws = open_workspace(sys.argv[1])
rows = list_projects(ws)
assert len(rows) == 10
print(time.perf_counter() - t0)
"""


def _run(code: str, db: Path) -> float:
    return float(subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True).stdout)


def measures() -> list[Measure]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "ten.sqlite"
        ws = open_workspace(db)
        many_projects(ws, 10, 10)
        ws.close()
        open_workspace(db).close()  # today's rolling backup is made once; the measure is of a normal open
        listed, opened = [], []
        for _ in range(3):
            listed.append(_run(LISTED, db))
            opened.append(_run(OPENED, db))

        def raw() -> None:
            con = sqlite3.connect(db)
            con.execute("SELECT id, code, title_en, title_zh, programme, host_country, methodology_id, stage FROM project ORDER BY id").fetchall()
            con.close()

        start = time.perf_counter()
        for _ in range(20):
            raw()
        floor = (time.perf_counter() - start) / 20
    return [Measure("open 10 projects × 10 years and list them (cold process, as the window's first paint)", min(listed), floor,
                    goal_abs_s=0.3, note="read-only sqlite3, schema head checked; floor: one raw query"),
            Measure("open 10 projects × 10 years through SQLAlchemy and list them (cold process)", min(opened), floor,
                    note="done behind the painted window: imports SQLAlchemy and maps the tables")]
