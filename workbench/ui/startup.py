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
from workbench.services.support.context import Actor
from workbench.store.address import is_database_url
from workbench.store.damage import DamagedWorkspace
from workbench.ui.i18n import Language
from workbench.ui.main_window import MainWindow, page_classes
from workbench.ui.worker import run


def open_for_window(target: str | Path, demo: bool):
    """On the worker thread: the workspace at ``target`` opened (with the demo projects added when ``demo``), and the
    pages' modules imported, so that neither waits on the UI thread."""
    from workbench.store.workspace import open_workspace

    workspace = open_workspace(target)
    try:
        if demo:
            from workbench.services.demo.demo import create_demo  # the demo's data and calculations: only when asked

            create_demo(workspace, Actor())
        page_classes()
        _read_first_view(workspace)
    except BaseException:
        workspace.close()
        raise
    return workspace


def _read_first_view(workspace) -> None:
    """Read what the window shows first — the project list and the first project's route (the navigator, the
    Overview) — once here: the holiday calendars and methodologies this loads and the ORM queries it compiles (~1 s)
    then cost the UI thread nothing when the window reads them again."""
    from workbench.services.projects.projects import list_projects
    from workbench.services.projects.route import route

    listed = list_projects(workspace)
    if listed:
        route(workspace, listed[0].id, Actor().today)


def start(target: str | Path, lang: Language, *, demo: bool = False) -> MainWindow:
    """The main window on ``target`` (a workspace file or a team database address), shown at once with the projects
    the file lists; the workspace follows when it is open (``window.workspace`` is None until then)."""
    window = MainWindow(None, lang)
    team = is_database_url(target)  # listed once its server has signed the user in
    window.show_listed("" if team else Path(target).name, [] if team else read_project_list(target) or [])
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

    # kept: its signals carry the result. No steps are shown and there is no Cancel: a window closed meanwhile closes
    # the workspace when it arrives (``opened``).
    window.opener = run(lambda _steps: open_for_window(target, demo), opened, failed, lambda: None, lambda _step: None)
