"""Work done in the GUI's worker threads may use libraries that keep per-thread state in Python's thread state."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from tests.ui.test_main_window import open_window
from workbench.services.demo.projects import create_demo_projects
from workbench.services.monitoring import site_import
from workbench.services.support.context import Actor

CASES = Path(__file__).resolve().parents[1] / "data" / "cases" / "boundaries"


def test_projected_boundary_files_import_one_after_another_in_the_worker(qtbot, ws, tmp_path):
    """Each file names a projected CRS, so each import builds a pyproj CRS in a worker thread; on a thread without a
    Python thread state (Qt's pool) pyproj >= 3.7 crashed the program on the second (pyproj issue #1509)."""
    create_demo_projects(ws, Actor("tester", date(2025, 3, 3)))
    window = open_window(qtbot, ws)
    window.select_project("GX-AR-01")
    page = window.page("BoundaryPage")
    window.tabs.setCurrentWidget(page)
    for name in ("gbk-shapefile-zipped.zip", "projected-crs-member.geojson", "gbk-shapefile-zipped.zip"):
        copy = tmp_path / name
        shutil.copy(CASES / name, copy)
        page.import_file(str(copy))
        qtbot.waitUntil(lambda: page.import_button.isEnabled(), timeout=30000)
        assert page.parcels.rowCount() == len(site_import.parcels_of(ws, "GX-AR-01")) > 0
