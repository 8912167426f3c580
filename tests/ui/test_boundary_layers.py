"""A GeoPackage of several polygon layers imported from the boundary page: the page lists its layers of polygons and
asks which holds the parcels, in the window's language; a file of one layer imports without asking."""

from __future__ import annotations

from datetime import date

import numpy as np
import shapely
from PySide6.QtWidgets import QInputDialog
from shapely.geometry import Point, Polygon

from tests.ui.test_main_window import open_window
from workbench.services.demo.projects import create_demo_projects
from workbench.services.monitoring import site_import
from workbench.services.support.context import Actor

A = Polygon([(108.061, 24.69), (108.066, 24.69), (108.066, 24.694), (108.061, 24.694)])
B = Polygon([(108.07, 24.69), (108.075, 24.69), (108.075, 24.694), (108.07, 24.694)])


def _layer(path, geometries, names, layer, geometry_type, append):
    from pyogrio import raw

    raw.write(str(path), np.array([shapely.to_wkb(g) for g in geometries], dtype=object), [np.array(names, dtype=object)], ["name"],
              driver="GPKG", geometry_type=geometry_type, crs="EPSG:4326", layer=layer, append=append)


def test_the_page_asks_which_layer_of_polygons_to_import(qtbot, ws, tmp_path):
    create_demo_projects(ws, Actor("tester", date(2025, 3, 3)))
    path = tmp_path / "林场.gpkg"
    _layer(path, [A.union(B)], ["项目边界"], "边界", "MultiPolygon", False)
    _layer(path, [A, B], ["3小班", "4小班"], "小班", "Polygon", False)
    _layer(path, [Point(108.062, 24.691)], ["样地1"], "样地", "Point", False)
    window = open_window(qtbot, ws)
    window.select_project("GX-AR-01")
    page = window.page("BoundaryPage")
    window.tabs.setCurrentWidget(page)
    page.import_file(str(path))
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(QInputDialog, "boundaryLayerDialog")), timeout=30000)
    dialog = next(d for d in window.findChildren(QInputDialog, "boundaryLayerDialog") if d.isVisible())
    assert dialog.comboBoxItems() == ["边界 (MultiPolygon)", "小班 (Polygon)"]  # the plot centres are no choice
    assert "林场.gpkg holds several layers of polygons" in dialog.labelText()
    dialog.setTextValue("小班 (Polygon)")
    dialog.accept()
    qtbot.waitUntil(lambda: page.parcels.rowCount() == 2, timeout=30000)
    assert [p.name for p in site_import.parcels_of(ws, "GX-AR-01")] == ["3小班", "4小班"]
    assert page.status.text().startswith("imported 2 parcel(s)")


def test_a_file_of_one_layer_imports_without_asking(qtbot, ws, tmp_path):
    create_demo_projects(ws, Actor("tester", date(2025, 3, 3)))
    path = tmp_path / "one.gpkg"
    _layer(path, [A], ["3小班"], "小班", "Polygon", False)
    window = open_window(qtbot, ws)
    window.select_project("GX-AR-01")
    page = window.page("BoundaryPage")
    window.tabs.setCurrentWidget(page)
    page.import_file(str(path))
    qtbot.waitUntil(lambda: page.parcels.rowCount() == 1, timeout=30000)
    assert not window.findChildren(QInputDialog, "boundaryLayerDialog")
