"""Start-up (快速启动): the window is painted with the project list first; the workspace is opened on a worker thread.

Before the first paint only Qt, the catalogue and the shell of the window are loaded, and the project list is read
straight from the file with sqlite3 (``store.project_rows``). Opening the workspace — SQLAlchemy and the
table mapping, the check after an unclean shutdown (``PRAGMA quick_check``), a migration with its backup, the
day's backup, the demo when asked for — and importing the pages' modules run on a worker thread; the window then
``attach``-es the workspace. A file that cannot be opened is said as before the window existed: a damaged one offers
its backups, anything else ends the program with exit status 2.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.domain.errors import UserError
from workbench.services.projects.listing import read_project_list
from workbench.store.address import is_database_url, place_name
from workbench.store.damage import DamagedWorkspace
from workbench.ui.i18n import Language
from workbench.ui.main_window import MainWindow
from workbench.ui.opening import open_for_window, warm_up
from workbench.ui.worker import run


def start(target: str | Path, lang: Language, *, demo: bool = False) -> MainWindow:
    """The main window on ``target`` (a workspace file or a team database address), shown at once with the projects
    the file lists; the workspace follows when it is open (``window.workspace`` is None until then)."""
    window = MainWindow(None, lang)
    team = is_database_url(target)  # listed once its server has signed the user in
    window.show_listed(place_name(target), [] if team else read_project_list(target) or [])
    window.show()
    QTimer.singleShot(0, lambda: _open(window, target, demo))  # once the event loop runs: the first paint is not kept waiting
    return window


def _open(window: MainWindow, target: str | Path, demo: bool) -> None:
    lang = window.lang

    def opened(workspace) -> None:
        if not shiboken6.isValid(window) or not window.isVisible():  # closed while it was opening
            workspace.close()
            return
        window.attach(workspace)
        # what the pages still lack loads behind the window; ``window.warmed`` says when every page can open at once
        window.warmer = run(lambda _steps: warm_up(), lambda _r: shiboken6.isValid(window) and setattr(window, "warmed", True),
                            lambda _e: None, lambda: None, lambda _s: None)

    def given_up() -> None:
        window.close()
        QApplication.exit(2)  # the status workbench-gui ends with, as when a file cannot be opened

    def failed(error) -> None:
        if isinstance(error, DamagedWorkspace):  # its backups offered; once one is restored, the workspace opens
            from workbench.ui.damaged_dialog import restore_at_start

            if restore_at_start(lang, error):
                _open(window, target, demo)
            else:
                given_up()
            return
        box = QMessageBox(QMessageBox.Icon.Critical, lang("ui.app.title"), lang.error(error) if isinstance(error, UserError) else lang.pick(error),
                          QMessageBox.StandardButton.Ok, window)
        box.setObjectName("cannotOpen")
        box.finished.connect(lambda _result: given_up())
        box.open()

    def progressed(step) -> None:  # the note in the navigator's place says where the opening is
        if step is not None and shiboken6.isValid(window):
            window.opening_note.setText(lang("ui.main_window.opening_step", name=window.place_name, step=lang.pick(step.what)))

    # kept: its signals carry the result. There is no Cancel (there is nothing else to show): a window closed
    # meanwhile closes the workspace when it arrives (``opened``).
    window.opener = run(lambda steps: open_for_window(target, demo=demo, steps=steps), opened, failed, lambda: None, progressed)
