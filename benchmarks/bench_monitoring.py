"""Importing 350,400 readings with the whole CLI command vs a pandas read_csv + to_sql script (time and peak memory),
and the offshore-wind ex-post vs numpy."""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.common import Measure, best_of
from benchmarks.data import ACTOR, hourly_years, readings_csv, wind_workspace
from workbench.services.monitoring import accounting, periods
from workbench.store.workspace import open_workspace

ROOT = str(Path(__file__).resolve().parent.parent)

ROWS = 350_400  # ten years of hourly readings, or one year of 15-minute readings of 10 meters
PANDAS_FLOOR = """
import sqlite3, sys
import pandas as pd
frame = pd.read_csv(sys.argv[1])
con = sqlite3.connect(sys.argv[2])
frame.to_sql("meter_reading", con, index=False)
con.commit()
con.close()
"""


def _compiled() -> dict[str, str]:
    """The environment the timed processes run in: the program's modules compiled to bytecode beforehand, as an
    installed program's are (pip compiles them; pandas' came so) — not compiled anew by every run because the
    caller's environment says PYTHONDONTWRITEBYTECODE."""
    import compileall

    for package in ("workbench", "methodologies"):
        compileall.compile_dir(str(Path(ROOT) / package), quiet=1)
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PYTHONPATH": ROOT}


# Each timed process says its own peak resident set as it exits (Linux's VmHWM, of its own address space): the
# rusage of a child counts the memory of the process that started it (at exec), so after the forestry benchmark
# has filled this one, every child would report this process's peak instead of its own. It says its CPU time too
# (user + system, all its threads): on a loaded machine the wall time of a process drifts towards it.
PEAK = """import atexit, os, sys
def _peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.stderr.write("\\nVmHWM " + line.split()[1] + "\\n")
    sys.stderr.write("CPU %f\\n" % sum(os.times()[:2]))
atexit.register(_peak)
"""
STARTUP = ("import workbench.cli.main as m; m.command_modules('monitoring');"
           " import workbench.services.monitoring.field_data")
OURS = PEAK + "import runpy; sys.argv = sys.argv[1:]; runpy.run_module('workbench.cli.main', run_name='__main__')"


def _run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall time (s), peak resident memory (MiB) and CPU time (s) of one whole process (started with ``PEAK`` ahead of
    its code)."""
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or {**os.environ, "PYTHONPATH": ROOT})
    _, err = process.communicate()
    elapsed = time.perf_counter() - start
    if process.returncode:
        raise RuntimeError(f"{args[:3]} failed: {err.decode()[-500:]}")
    peaks = [line.split()[1] for line in err.decode().splitlines() if line.startswith("VmHWM ")]
    cpu = [line.split()[1] for line in err.decode().splitlines() if line.startswith("CPU ")]
    return elapsed, int(peaks[-1]) / 1024, float(cpu[-1])  # kB


def import_measures(tmp: Path) -> list[Measure]:
    """The whole ``workbench monitoring import`` command (start-up, checks, insert, commit) against a pandas script
    reading the same CSV and writing it into SQLite with ``to_sql``; medians of 5 runs, each into a fresh database."""
    csv = readings_csv(tmp / "readings.csv", ROWS)
    base = tmp / "base.sqlite"
    ws = open_workspace(base)
    wind_workspace(ws)
    ws.close()
    ours, floor = [], []
    env = _compiled()
    for i in range(5):
        target = tmp / f"ours{i}.sqlite"
        shutil.copyfile(base, target)
        ours.append(_run([sys.executable, "-c", OURS, "workbench", "--db", str(target), "monitoring", "import", "VN-OFW-01", str(csv)], env))
        floor.append(_run([sys.executable, "-c", PEAK + PANDAS_FLOOR, str(csv), str(tmp / f"pandas{i}.sqlite")], env))
    with sqlite3.connect(tmp / "ours0.sqlite") as con:
        assert con.execute("SELECT count(*) FROM meter_reading").fetchone()[0] == ROWS
    startup = [(_run([sys.executable, "-c", PEAK + STARTUP], env), _run([sys.executable, "-c", PEAK + "import pandas, sqlite3"], env))
               for _ in range(5)]
    again = [_run([sys.executable, "-c", OURS, "workbench", "--db", str(tmp / f"ours{i}.sqlite"), "monitoring", "import", "VN-OFW-01", str(csv)], env)
             for i in range(5)]  # every reading already stored: compared with the stored ones, none added
    median = statistics.median
    return [
        Measure(f"'monitoring import' of {ROWS:,} readings (CSV), whole command", median(t for t, _, _ in ours), median(t for t, _, _ in floor),
                goal_ratio=1.2, note="floor: pandas read_csv + to_sql into SQLite, whole process; median of 5; both from compiled bytecode"),
        Measure(f"'monitoring import' of {ROWS:,} readings, CPU time", median(c for _, _, c in ours), median(c for _, _, c in floor),
                note="user + system time of the process, all its threads (what its wall time tends to on a loaded machine); median of 5"),
        Measure("  of which start-up: the command's modules imported", median(o[0] for o, _ in startup), median(f[0] for _, f in startup),
                note="ours: workbench.cli.main, the monitoring commands and field_data; floor: import pandas, sqlite3; median of 5"),
        Measure(f"'monitoring import' of {ROWS:,} readings, peak memory", median(m for _, m, _ in ours), median(m for _, m, _ in floor),
                goal_ratio=1.0, unit="MiB", note="peak resident set of the process (its own VmHWM); median of 5"),
        Measure(f"'monitoring import' of the same {ROWS:,} readings again, peak memory", median(m for _, m, _ in again),
                median(m for _, m, _ in floor), goal_ratio=1.0, unit="MiB",
                note=f"all already stored, compared in the database; floor: the pandas import's peak; median of 5"
                     f" ({median(t for t, _, _ in again):.2f} s)"),
    ]


def expost_measure(tmp: Path) -> Measure:
    ws = open_workspace(tmp / "expost.sqlite")
    wind_workspace(ws)
    hourly_years(ws, "VN-OFW-01", 10)
    periods.add_period(ws, ACTOR, "VN-OFW-01", "2025-01-01", "2034-12-31")
    ours = best_of(lambda: accounting.calculate_period(ws, ACTOR, "VN-OFW-01", 1), repeat=3)
    path = tmp / "expost.sqlite"
    ws.close()

    def floor_run():
        """The same energy per year and the same equation, vectorised: the readings read from the same file with the
        standard library's sqlite3 into numpy arrays, added up per year by ``np.add.at``."""
        con = sqlite3.connect(path)
        rows = con.execute("SELECT substr(start, 1, 4), wh FROM meter_reading"
                           " WHERE start >= '2025-01-01' AND start < '2035-01-01'").fetchall()
        con.close()
        years = np.fromiter((int(r[0]) for r in rows), dtype=np.int64, count=len(rows)) - 2025
        wh = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
        return reductions(years, wh), years, wh

    def reductions(years, wh):
        energy = np.zeros(10, dtype=np.int64)
        np.add.at(energy, years, wh)
        return energy / 1e6 * 0.998 * 0.6592

    floor = best_of(floor_run, repeat=5)
    _, years, wh = floor_run()
    arrays = best_of(lambda: reductions(years, wh), repeat=5)
    return Measure("offshore-wind ex-post, 10 years hourly (87,600 readings)", ours, floor, goal_ratio=3.0,
                   note=f"ours: SQL sums per month + exact Decimal per vintage + write; floor: sqlite3 read + numpy"
                        f" (numpy alone, on the arrays in memory: {arrays * 1000:.1f} ms)")


def measures() -> list[Measure]:
    with tempfile.TemporaryDirectory() as tmp:
        return [*import_measures(Path(tmp)), expost_measure(Path(tmp))]
