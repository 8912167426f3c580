"""Importing 10 years of 15-minute readings vs pandas.read_csv, and the offshore-wind ex-post vs numpy."""

from __future__ import annotations

import sqlite3
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

from benchmarks.common import Measure, best_of
from benchmarks.data import ACTOR, hourly_years, readings_csv, wind_workspace
from workbench.services.monitoring import accounting, monitoring_import, periods
from workbench.store.workspace import open_workspace

ROWS = 350_000


def import_measure(tmp: Path) -> Measure:
    import pandas as pd

    csv = readings_csv(tmp / "readings.csv", ROWS)
    floor = best_of(lambda: pd.read_csv(csv), repeat=3)
    ws = open_workspace(tmp / "import.sqlite")
    wind_workspace(ws)
    start = time.perf_counter()
    _, report = monitoring_import.import_readings(ws, ACTOR, "VN-OFW-01", csv)
    ours = time.perf_counter() - start
    ws.close()
    assert report.new == ROWS
    memory_ws = open_workspace(tmp / "memory.sqlite")  # memory in a separate run: tracing slows Python down
    wind_workspace(memory_ws)
    tracemalloc.start()
    monitoring_import.import_readings(memory_ws, ACTOR, "VN-OFW-01", csv)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    memory_ws.close()
    return Measure(f"import {ROWS:,} readings (CSV, checked whole, stored)", ours, floor, goal_ratio=2.0,
                   note=f"peak Python memory {peak / 2**20:.0f} MiB; floor parses only")


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
        return [import_measure(Path(tmp)), expost_measure(Path(tmp))]
