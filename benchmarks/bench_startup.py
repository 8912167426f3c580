"""Cold start to the first painted main window (offscreen), against a bare PySide6 QMainWindow."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import Measure

BARE = """
import time, sys
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1200, 720); w.show(); w.grab()
print(time.perf_counter() - t0)
"""

OURS = """
import time, sys
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
from workbench.ui.app import configure_application
from workbench.ui.main_window import MainWindow
from workbench.store.workspace import open_workspace
configure_application()
app = QApplication([])
w = MainWindow(open_workspace(sys.argv[1])); w.show(); w.grab()
print(time.perf_counter() - t0)
"""


def _run(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def measures() -> list[Measure]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        subprocess.run([sys.executable, "-m", "workbench.cli.main", "demo", "--db", str(db)], check=True, capture_output=True)
        _run(OURS, str(db))  # warm the OS file cache for both
        ours = min(_run(OURS, str(db)) for _ in range(3))
        floor = min(_run(BARE) for _ in range(3))
    return [Measure("cold start to first painted window", ours, floor, goal_ratio=2.0, note="demo workspace, offscreen")]
