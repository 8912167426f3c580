"""``workbench-gui``: open the desktop workbench on a workspace (the demo one with ``--demo``)."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.domain.errors import UserError
from workbench.paths import default_workspace
from workbench.services.support.context import Actor
from workbench.store.damage import DamagedWorkspace
from workbench.store.workspace import open_workspace
from workbench.ui.damaged_dialog import restore_at_start
from workbench.locale import ensure_compiled
from workbench.ui.i18n import startup_language
from workbench.ui.main_window import MainWindow


def configure_application() -> None:
    QCoreApplication.setOrganizationName("ccer-workbench")
    QCoreApplication.setApplicationName("CCER Workbench")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="workbench-gui")
    parser.add_argument("--db", help="workspace file, or team database URL postgresql+psycopg://USER:PASSWORD@HOST/DB, to open")
    parser.add_argument("--demo", action="store_true", help="add the demo projects to the workspace if missing")
    parser.add_argument("--lang", choices=["zh", "en"], help="zh or en; remembered (default: the last choice, "
                        "else WORKBENCH_LANG, else the locale: any zh* locale gives Chinese)")
    args = parser.parse_args(argv)
    configure_application()
    ensure_compiled()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    lang = startup_language(args.lang)
    path = args.db or default_workspace()
    try:
        try:
            workspace = open_workspace(path)
        except DamagedWorkspace as exc:  # its backups offered; once one is restored, the workspace opens
            if not restore_at_start(lang, exc):
                return 2
            workspace = open_workspace(path)
        if args.demo:
            from workbench.services.demo.demo import create_demo  # the demo's data and calculations: only when asked

            create_demo(workspace, Actor())
    except UserError as exc:
        QMessageBox.critical(None, lang("ui.app.title"), lang.error(exc))
        return 2
    window = MainWindow(workspace, lang)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
