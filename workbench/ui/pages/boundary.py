"""Project boundary: parcels imported from GeoJSON, KML or Shapefile, drawn on a map, with geodesic areas (项目边界).

The map needs no network (field laptops): parcels and sites are drawn on a plain grid, north up, longitude scaled
by the cosine of the latitude so shapes keep their proportions.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QInputDialog, QLabel, QPushButton

from workbench.domain.text import Text
from workbench.services.projects import lifecycle
from workbench.services.monitoring import site_import
from workbench.ui.fields import grouped
from workbench.ui.forms import RecordTable, form_row
from workbench.ui.outputs import file_filter, open_file
from workbench.ui.pages.base import Page

SCALE = 100_000  # scene units per degree: about a metre each
PALETTE = ("#2e7d32", "#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#558b2f", "#4e342e")


class BoundaryMap(QGraphicsView):
    """Parcels coloured by stratum, sites as points; zoom with the wheel, fitted to the project on refresh."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("boundaryMap")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setMinimumHeight(320)
        self.outlines: dict[str, list] = {}  # parcel name -> its polygon items
        self.focus: str | None = None

    def fit(self) -> None:
        """Show the parcel in focus (chosen in the table), else everything."""
        items = self.outlines.get(self.focus or "")
        rect = self.scene().itemsBoundingRect()
        if items:
            rect = items[0].sceneBoundingRect()
            for item in items[1:]:
                rect = rect.united(item.sceneBoundingRect())
        if not rect.isEmpty():
            margin = max(rect.width(), rect.height()) * 0.05
            self.fitInView(rect.adjusted(-margin, -margin, margin, margin), Qt.AspectRatioMode.KeepAspectRatio)

    def show_parcel(self, name: str | None) -> None:
        self.focus = name
        for parcel, items in self.outlines.items():
            for item in items:
                pen = QPen(item.pen().color(), 3 if parcel == name else 0)
                pen.setCosmetic(True)  # in pixels, whatever the zoom
                item.setPen(pen)
        self.fit()

    def resizeEvent(self, event) -> None:  # fitted to the size it is shown at, not the size before it was shown
        super().resizeEvent(event)
        self.fit()

    def show_parcels(self, parcels: list[site_import.ParcelView], sites: list[tuple[str, float, float]]) -> None:
        scene = self.scene()
        scene.clear()
        self.outlines, self.focus = {}, None
        self.resetTransform()
        points = [pt for p in parcels for ring in p.outlines for pt in ring] + [(lon, lat) for _, lat, lon in sites]
        if not points:
            return
        k = math.cos(math.radians(sum(lat for _, lat in points) / len(points)))
        colours = {s: QColor(PALETTE[i % len(PALETTE)]) for i, s in enumerate(sorted({p.stratum for p in parcels}))}
        for p in parcels:
            colour = colours[p.stratum]
            fill = QColor(colour)
            fill.setAlpha(90)
            for ring in p.outlines:
                item = scene.addPolygon(QPolygonF([QPointF(x * k * SCALE, -y * SCALE) for x, y in ring]), QPen(colour, 0), QBrush(fill))
                item.setToolTip(f"{p.name} · {p.stratum or '-'} · {p.area_ha:.4f} ha")
                self.outlines.setdefault(p.name, []).append(item)
        for name, lat, lon in sites:
            dot = scene.addEllipse(lon * k * SCALE - 4, -lat * SCALE - 4, 8, 8, QPen(Qt.GlobalColor.black, 0), QBrush(QColor("#c62828")))
            dot.setFlag(dot.GraphicsItemFlag.ItemIgnoresTransformations)
            dot.setToolTip(name)
        extent = scene.itemsBoundingRect()
        room = max(extent.width(), extent.height())
        scene.setSceneRect(extent.adjusted(-room, -room, room, room))  # room to centre a parcel at the edge
        self.fit()

    def wheelEvent(self, event) -> None:
        factor = 1.25 if event.angleDelta().y() > 0 else 0.8
        self.scale(factor, factor)


class BoundaryPage(Page):
    title = Text("ui.boundary.boundary")
    order = 25
    shows = frozenset({"parcel", "site"})

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.import_button = QPushButton()
        self.import_button.setObjectName("importBoundaries")
        self.import_button.clicked.connect(self.choose_file)
        self.status = QLabel()
        self.status.setObjectName("boundaryStatus")
        self.status.setWordWrap(True)
        self.map = BoundaryMap()
        self.parcels = RecordTable(L, "parcelTable", [Text("ui.boundary.parcel"), Text("common.stratum"), Text("ui.boundary.area_ha_geodesic"),
                                                      Text("ui.boundary.from_file")])
        self.parcels.itemSelectionChanged.connect(self.zoom_to_selected)
        self.total = QLabel()
        self.total.setObjectName("boundaryTotal")
        for w in (form_row(self.import_button), self.status, self.map, self.parcels, self.total):
            self.layout_.addWidget(w)
        self.retranslate()

    def retranslate(self) -> None:
        self.import_button.setText(self.lang.pick(Text("ui.boundary.import_boundaries_geojson_kml_shapefile")))
        super().retranslate()

    def choose_file(self) -> None:
        path = open_file(self, "boundary", self.import_button.text(),
                         file_filter(self.lang, "ui.filter.boundaries", "*.geojson *.json *.kml *.kmz *.shp *.zip *.gpkg *.gdbtable gdb"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        """List the file's layers of polygons in a worker: a GeoPackage or File Geodatabase holding several asks
        which to import (``pick_layer``); then read, check and store it in a worker. The page stays usable meanwhile."""
        if self.ctx.project is None:
            return
        self.status.setText(self.lang.pick(Text("ui.boundary.reading", path=path)))
        self.op(lambda ws, actor, project, steps: site_import.boundary_layers(path), done=lambda layers: self.pick_layer(path, layers),
                undoable=False, long=Text("ui.boundary.reading", path=path), busy=lambda on: self.import_button.setEnabled(not on),
                failed=lambda: self.status.setText(""), cancelled=lambda: self.status.setText(""))

    def pick_layer(self, path: str, layers: list[tuple[str, str]]) -> None:
        if len(layers) < 2:
            self.import_layer(path, None)
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("boundaryLayerDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(self.lang.pick(Text("ui.boundary.pick_layer_title")))
        dialog.setLabelText(self.lang.pick(Text("ui.boundary.pick_layer_label", file=Path(path).name)))
        shown = {f"{name} ({geometry})": name for name, geometry in layers}
        dialog.setComboBoxItems(list(shown))
        dialog.setComboBoxEditable(False)
        dialog.textValueSelected.connect(lambda text: self.import_layer(path, shown[text]))
        dialog.rejected.connect(lambda: self.status.setText(""))
        dialog.open()

    def import_layer(self, path: str, layer: str | None) -> None:
        self.op(lambda ws, actor, project, steps: site_import.import_boundaries(ws, actor, project, path, steps, layer), done=self.imported,
                undoable=False, long=Text("ui.boundary.reading", path=path), busy=lambda on: self.import_button.setEnabled(not on),
                failed=lambda: self.status.setText(""), cancelled=lambda: self.status.setText(self.lang.pick(Text("ui.ops.cancelled_nothing_written"))))

    def imported(self, result) -> None:
        change, report = result
        text = self.lang.pick(Text("ui.boundary.imported_parcel_s_ha", count=len(report.parcels), result=change.result['area_ha']))
        if report.too_small:
            text += self.lang.pick(Text("ui.boundary.under_the_m_minimum", minimum_m2=report.minimum_m2)) + ", ".join(report.too_small)
        if report.skipped:
            text += self.lang.pick(Text("ui.boundary.left_out_not_polygons")) + ", ".join(report.skipped)
        if report.linearised:
            text += self.lang.pick(Text("ui.boundary.linearised")) + ", ".join(report.linearised)
        self.status.setText(text)

    def zoom_to_selected(self) -> None:
        rows = {i.row() for i in self.parcels.selectedIndexes()}
        self.map.show_parcel(self.parcels.cell_text(min(rows), 0) if rows else None)

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        parcels = site_import.parcels_of(self.ctx.workspace, self.ctx.project)
        snap = lifecycle.view_project(self.ctx.workspace, self.ctx.project, self.ctx.actor().today).snapshot
        self.map.show_parcels(parcels, [(s.name, float(s.latitude), float(s.longitude)) for s in snap.sites])
        self.parcels.show_rows([[p.name, p.stratum, grouped(self.lang, f"{p.area_ha:.4f}"), p.source] for p in parcels])
        strata: dict[str, object] = {}
        for p in parcels:
            strata[p.stratum or "-"] = strata.get(p.stratum or "-", 0) + p.area_ha
        self.total.setText(self.lang.pick(Text("ui.boundary.total_by_stratum")) +
                           ("; ".join(f"{k} {v:.4f} ha" for k, v in sorted(strata.items())) or "-"))


PAGE = BoundaryPage
