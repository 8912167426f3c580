"""``workbench-gui``: open the desktop workbench on a workspace (the demo one with ``--demo``)."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from workbench.locale import ensure_compiled
from workbench.paths import default_workspace
from workbench.ui.i18n import startup_language
from workbench.ui.startup import start


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
    window = start(args.db or default_workspace(), lang, demo=args.demo)  # painted first, the workspace opened behind it
    status = app.exec()
    del window  # held until the event loop ends: a window nobody refers to would be taken down at once
    return status


if __name__ == "__main__":
    sys.exit(main())
