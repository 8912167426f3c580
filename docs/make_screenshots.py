"""Regenerate the README's screenshots and PDF page images from a fresh demo workspace.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py   (pdftoppm from poppler-utils for pages)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WORKBENCH_TODAY", "2026-02-01")
HERE = Path(__file__).parent

from PySide6.QtWidgets import QApplication  # noqa: E402

from workbench.services.documents import documents  # noqa: E402
from workbench.services.support.context import Actor  # noqa: E402
from workbench.services.demo.demo import create_demo  # noqa: E402
from workbench.store.workspace import open_workspace  # noqa: E402
from workbench.ui.i18n import Language  # noqa: E402
from workbench.ui.main_window import MainWindow  # noqa: E402

PAGES = {"OverviewPage": "overview", "MethodologyPage": "methodology", "PddPage": "pdd", "MonitoringPage": "monitoring",
         "ValidationPage": "validation", "LedgerPage": "ledger", "DocumentsPage": "documents", "BoundaryPage": "boundary"}
PROJECT = {"BoundaryPage": "GX-AR-01"}  # pages shown on the afforestation demo; the others on the offshore wind farm


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(Path(tmp) / "demo.sqlite")
        create_demo(ws, Actor("demo", date(2026, 2, 1)))
        for lang in ("en", "zh"):
            window = MainWindow(ws, Language(lang))
            window.resize(1280, 800)
            window.show()
            for cls, name in PAGES.items():
                window.select_project(PROJECT.get(cls, "VN-OFW-01"))
                window.tabs.setCurrentWidget(window.page(cls))
                app.processEvents()
                if cls == "BoundaryPage":  # the two compartments lie 60 km apart: show the first up close
                    window.page(cls).parcels.selectRow(0)
                    app.processEvents()
                window.grab().save(str(HERE / "screenshots" / f"{name}-{lang}.png"))
            window.close()
        merge_dialog(app, ws, Path(tmp))
        pdf = Path(tmp) / "pdd.pdf"
        documents.render(ws, "pdd", "VN-OFW-01", "bilingual", pdf, date(2026, 2, 1))
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "4", str(pdf), str(HERE / "images" / "pdd-bilingual")], check=True)
        ws.close()
    return 0


def merge_dialog(app: QApplication, ws, tmp: Path) -> None:
    """The package import dialog after the owner and a consultant both edited the wind farm."""
    from workbench.services.monitoring import meters
    from workbench.services.sharing import packages
    from workbench.services.projects import parties, projects
    from workbench.ui.package_dialog import PackageDialog

    owner, consultant = Actor("wang.owner", date(2026, 2, 1)), Actor("li.consultant", date(2026, 2, 1))
    sent = packages.export_package(ws, owner, "VN-OFW-01", tmp / "sent.ccerpkg")
    other = open_workspace(tmp / "consultant.sqlite")
    packages.import_package(other, consultant, sent)
    projects.update_project(ws, owner, "VN-OFW-01", {"title_zh": "越南平顺400兆瓦海上风电项目"})
    parties.add_site(ws, owner, "VN-OFW-01", {"name": "Onshore substation", "latitude": "11.012345", "longitude": "108.512345"})
    projects.update_project(other, consultant, "VN-OFW-01", {"title_en": "Binh Thuan 400 MW Offshore Wind Farm"})
    meters.add_meter(other, consultant, "VN-OFW-01", {"serial": "CHK-9", "role": "export", "accuracy_class": "0.5"})
    back = packages.export_package(other, consultant, "VN-OFW-01", tmp / "back.ccerpkg")
    other.close()
    _, report = packages.import_package(ws, owner, back, dry_run=True)
    for lang in ("en", "zh"):
        dialog = PackageDialog(Language(lang), report.project, report.differences)
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(HERE / "screenshots" / f"package-merge-{lang}.png"))
        dialog.close()


if __name__ == "__main__":
    sys.exit(main())
