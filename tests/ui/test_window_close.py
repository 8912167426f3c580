"""Closing the main window after an edit that can be undone prints nothing: the undo stack outlives the window's
Edit menu while the program ends, and naming its actions then must not touch either (it printed "Internal C++
object (QUndoStack) already deleted")."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = textwrap.dedent("""
    import sys
    from datetime import date

    from PySide6.QtWidgets import QApplication

    from workbench.services.projects import projects
    from workbench.services.support.context import Actor
    from workbench.store.workspace import open_workspace
    from workbench.ui.i18n import Language
    from workbench.ui.main_window import MainWindow

    app = QApplication([])
    ws = open_workspace(sys.argv[1])
    actor = Actor("tester", date(2025, 3, 3))
    projects.create_project(ws, actor, {"code": "UNDO-1", "title_en": "Undo farm", "programme": "ccer", "host_country": "CN",
                                        "sector": "energy"})
    window = MainWindow(ws, Language("en"))
    window.show()
    window.run(lambda ws, _actor, _project: projects.update_project(ws, actor, "UNDO-1", {"title_en": "Renamed farm"}))
    stack = window.ctx.runner.undo_group.activeStack()
    assert stack.count() == 1 and window.undo_action.text().startswith("Undo: "), window.undo_action.text()
    window.close()
    print("closed")
""")


def test_closing_the_window_after_an_undoable_edit_prints_no_fault(tmp_path):
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "WORKBENCH_LANG": "en",
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(tmp_path / "w.sqlite")], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "closed", done.stderr
    assert "already deleted" not in done.stderr and "Traceback" not in done.stderr, done.stderr
