"""What the pages load at their first show is loaded behind the window once it has its workspace, not when the user
first opens the page (shapely and numpy took ~0.9 s on the UI thread at the PDD page's first show) — and not before
the first paint either. Run in a fresh interpreter: this test process has long imported them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from workbench.store.workspace import open_workspace

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """
import json, sys, time
from PySide6.QtWidgets import QApplication
from workbench.ui.app import configure_application
from workbench.ui.i18n import Language
from workbench.ui.startup import start
configure_application()
app = QApplication([])
window = start(sys.argv[1], Language("en"))
window.grab()
seen = {"painted": sorted(m for m in ("shapely", "numpy", "sqlalchemy") if m in sys.modules)}
begin = time.monotonic()
while not window.warmed and time.monotonic() - begin < 120:
    app.processEvents()
    time.sleep(0.005)
seen["warmed"] = window.warmed
seen["loaded"] = sorted(m for m in ("shapely", "numpy") if m in sys.modules)
seen["built"] = [type(p).__name__ for p in window.built_pages()]
print(json.dumps(seen))
"""


def test_the_pages_modules_load_behind_the_window_after_it_has_its_workspace(tmp_path):
    db = tmp_path / "fresh.sqlite"
    open_workspace(db).close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(db)], capture_output=True, text=True, env=env, timeout=300, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"painted": [], "warmed": True, "loaded": ["numpy", "shapely"], "built": ["OverviewPage"]}
