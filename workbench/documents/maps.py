"""The project-boundary figure: site points and parcel polygons drawn from their WGS84 coordinates with
reportlab.graphics, in the document's font (the PDF places the vector drawing, the Word file a PNG of it).

A plain spec in the context, ``{"points": [[label, lon, lat], …], "polygons": [[label, [[lon, lat], …]], …],
"north": "N", "scale": "km"}``, is drawn on an equirectangular projection with longitudes shrunk by the cosine of
the mean latitude (true shape at project scale), a graticule labelled in degrees, a north arrow and a scale bar.

What a reader of a real project needs (parcels of a hectare spread over a county, or two coastal sites 60 km apart):
- groups of parcels that would be specks on one map (their gap is large against the whole extent) each get an inset
  at their own scale, framed and lettered A, B … on the overview (at most ``INSETS_MAX``: beyond that, nearer groups
  are merged);
- in every panel a parcel's name is written inside it when it fits; otherwise the parcel gets a number, on it or beside
  it with a leader line, and the key under the figure names each number (map_labels.py places labels so that none
  overlaps another);
- the figure stays within ``HEIGHT_MAX``: the key has the room the panels leave, and when more features want a number
  than it holds, the rest are drawn without one and its last entry says how many ("… +1,480"; the document's table of
  sites or parcels names them all).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from workbench.documents.charts import LABEL_SIZE, PALETTE
from workbench.documents.map_labels import Labels, Rect

WIDTH = 460.0
KM_PER_DEGREE = 111.32  # along a meridian; along a parallel times cos(latitude)
INSETS_MAX = 4
GROUP_GAP = 0.08  # parcels nearer each other than this share of the whole extent form one group
SPECK = 60.0  # points: a group drawn smaller than this on the overview gets an inset
INSET_GAP = 8.0
MIN_EXTENT_KM = 1.0  # a lone point is shown with a kilometre around it
HEIGHT_MAX = 620.0  # points: the figure with its caption within an A4 page's body (717 pt), however many features


def boundary_map(points: list[tuple[str, float, float]], polygons: list[tuple[str, list[tuple[float, float]]]], north: str,
                 km: str) -> dict[str, Any]:
    """The figure as plain data for a template's ``<map>``: labelled points and polygons (lon, lat in degrees),
    ``north`` and ``km`` the words written on the arrow and the scale bars."""
    return {"points": [[name, float(lon), float(lat)] for name, lon, lat in points],
            "polygons": [[name, [[float(x), float(y)] for x, y in ring]] for name, ring in polygons], "north": north, "scale": km}


@dataclass
class Feature:
    """A parcel (``ring``) or a site (a ring of one vertex) in the plane, in km east and north."""

    name: str
    ring: list[tuple[float, float]]

    @property
    def point(self) -> bool:
        return len(self.ring) == 1

    @property
    def box(self) -> tuple[float, float, float, float]:
        xs, ys = [p[0] for p in self.ring], [p[1] for p in self.ring]
        return min(xs), min(ys), max(xs), max(ys)

    def centre(self) -> tuple[float, float]:
        """The area centroid of a polygon (shoelace), the point itself for a site."""
        ring = self.ring
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            cross = x0 * y1 - x1 * y0
            area, cx, cy = area + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
        if abs(area) < 1e-12:
            return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
        return cx / (3 * area), cy / (3 * area)


def _union(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def _gap(a, b) -> float:
    return max(a[0] - b[2], b[0] - a[2], a[1] - b[3], b[1] - a[3], 0.0)


def groups(features: list[Feature]) -> list[list[Feature]]:
    """Features in groups: single linkage on the gap between their boxes, the threshold a share of the whole extent,
    widened until there are at most ``INSETS_MAX`` groups; groups in the order of their first feature."""
    whole = _union([f.box for f in features])
    extent = max(whole[2] - whole[0], whole[3] - whole[1], 1e-9)
    threshold = GROUP_GAP * extent
    while True:
        parent = list(range(len(features)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        boxes = [f.box for f in features]
        for i in range(len(features)):
            for j in range(i + 1, len(features)):
                if _gap(boxes[i], boxes[j]) <= threshold:
                    parent[root(j)] = root(i)
        found: dict[int, list[Feature]] = {}
        for i, f in enumerate(features):
            found.setdefault(root(i), []).append(f)
        if len(found) <= INSETS_MAX:  # lettered in reading order: north to south, then west to east
            return sorted(found.values(), key=lambda g: (-round(_union([f.box for f in g])[3], 1), _union([f.box for f in g])[0]))
        threshold *= 1.5


def _nice(value: float) -> float:
    power = 10 ** math.floor(math.log10(value))
    return max(m * power for m in (1, 2, 5, 10) if m * power <= value)


class Panel:
    """One map in the figure: a box of the plane fitted into a rectangle of the drawing, with its graticule."""

    LEFT, RIGHT, BOTTOM, TOP = 44.0, 10.0, 16.0, 10.0

    def __init__(self, box: tuple[float, float, float, float], x: float, y: float, width: float, height: float):
        self.x, self.y, self.width, self.height = x, y, width, height
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        dx, dy = max(box[2] - box[0], MIN_EXTENT_KM), max(box[3] - box[1], MIN_EXTENT_KM)
        inner_w, inner_h = width - self.LEFT - self.RIGHT, height - self.BOTTOM - self.TOP
        self.scale = min(inner_w / dx, inner_h / dy) / 1.15  # points per km
        self.mid = (x + self.LEFT + inner_w / 2, y + self.BOTTOM + inner_h / 2)
        self.centre = (cx, cy)
        self.inner = Rect(x + self.LEFT, y + self.BOTTOM, x + width - self.RIGHT, y + height - self.TOP)

    def at(self, p: tuple[float, float]) -> tuple[float, float]:
        return self.mid[0] + (p[0] - self.centre[0]) * self.scale, self.mid[1] + (p[1] - self.centre[1]) * self.scale

    def plane(self, x: float, y: float) -> tuple[float, float]:
        return self.centre[0] + (x - self.mid[0]) / self.scale, self.centre[1] + (y - self.mid[1]) / self.scale

    @staticmethod
    def fitted_height(box, width: float, low: float, high: float) -> float:
        """The panel height that shows ``box`` at the panel's full width, kept between ``low`` and ``high``."""
        dx, dy = max(box[2] - box[0], MIN_EXTENT_KM), max(box[3] - box[1], MIN_EXTENT_KM)
        inner = (width - Panel.LEFT - Panel.RIGHT) * dy / dx * 1.05
        return min(high, max(low, inner + Panel.BOTTOM + Panel.TOP))


class Figure:
    """The drawing being built: the shapes, the labels placed so far and the numbers given for the key."""

    def __init__(self, spec: dict[str, Any], font: str, width: float):
        from reportlab.lib.colors import HexColor

        self.spec, self.font, self.width = spec, font, width
        self.size = LABEL_SIZE - 1
        self.ink, self.pale, self.grid_ink = HexColor(PALETTE[0]), HexColor("#dbe7f1"), HexColor("#c8c8c8")
        self.shapes: list = []
        self.numbers: dict[int, int] = {}  # id(feature) → its number in the key
        self.keyed: list[tuple[int, str]] = []
        self.room = math.inf  # entries the key has room for (``make_room``)
        self.unnumbered = 0  # features that wanted a number when the key was full
        lats = [lat for _, _, lat in spec["points"]] + [lat for _, ring in spec["polygons"] for _, lat in ring]
        self.shrink = math.cos(math.radians((min(lats) + max(lats)) / 2)) if lats else 1.0

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return lon * self.shrink * KM_PER_DEGREE, lat * KM_PER_DEGREE

    def degrees(self, x: float, y: float) -> tuple[float, float]:
        return x / (self.shrink * KM_PER_DEGREE), y / KM_PER_DEGREE

    def features(self) -> list[Feature]:
        return ([Feature(name, [self.project(lon, lat) for lon, lat in ring]) for name, ring in self.spec["polygons"]]
                + [Feature(name, [self.project(lon, lat)]) for name, lon, lat in self.spec["points"]])

    def number(self, feature: Feature) -> str | None:
        """The feature's number in the key, or None when the key is full (its last entry is kept for the count)."""
        if id(feature) not in self.numbers:
            if len(self.keyed) + 1 >= self.room:
                self.unnumbered += 1
                return None
            self.numbers[id(feature)] = len(self.numbers) + 1
            self.keyed.append((self.numbers[id(feature)], feature.name))
        return str(self.numbers[id(feature)])

    def make_room(self, features: list[Feature], height: float) -> None:
        """Keep the key within ``height``: as many entries as its columns of the longest name hold."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        rows = int((height - 8) // (self.size + 4))
        widest = max((stringWidth(f.name, self.font, self.size) for f in features if f.name), default=0.0)
        self.room = max(0, rows) * self._columns(widest)

    def _columns(self, widest: float) -> int:
        return max(1, int(self.width // (widest + 22)))

    def text(self, x: float, y: float, text: str, anchor: str = "start", size: float | None = None, fill=None):
        from reportlab.graphics.shapes import String

        self.shapes.append(String(x, y, text, fontName=self.font, fontSize=size or self.size, textAnchor=anchor, fillColor=fill or self.ink))

    def graticule(self, panel: Panel) -> None:
        """Lines of latitude and longitude at round degrees, labelled on the left and bottom edges."""
        from reportlab.graphics.shapes import Line, Rect as Box

        inner = panel.inner
        self.shapes.append(Box(panel.x, panel.y, panel.width, panel.height, strokeColor=self.grid_ink, fillColor=None, strokeWidth=0.6))
        lon_lo, lat_lo = self.degrees(*panel.plane(inner.x0, inner.y0))
        lon_hi, lat_hi = self.degrees(*panel.plane(inner.x1, inner.y1))
        for low, high, across, count in ((lat_lo, lat_hi, False, max(2, int(inner.height / 45))),
                                         (lon_lo, lon_hi, True, max(2, int(inner.width / 75)))):
            step = _nice((high - low) / count)
            digits = max(0, -math.floor(math.log10(step)))
            for k in range(math.ceil(low / step), math.floor(high / step) + 1):
                value = k * step
                if across:
                    x = panel.at(self.project(value, 0.0))[0]
                    self.shapes.append(Line(x, inner.y0, x, inner.y1, strokeColor=self.grid_ink, strokeWidth=0.4))
                    self.text(x, panel.y + 5, f"{value:.{digits}f}°", "middle", LABEL_SIZE - 1.5)
                else:
                    y = panel.at(self.project(0.0, value))[1]
                    self.shapes.append(Line(inner.x0, y, inner.x1, y, strokeColor=self.grid_ink, strokeWidth=0.4))
                    self.text(inner.x0 - 3, y - 2.5, f"{value:.{digits}f}°", "end", LABEL_SIZE - 1.5)

    @staticmethod
    def corner(panel: Panel, width: float, height: float, order: str, avoid: list[Rect]) -> Rect:
        """A box of that size in the first corner of the panel (``order``: t/b + r/l pairs) that keeps off ``avoid``,
        else in the first corner."""
        inner = panel.inner.grown(-4)
        spots = {"tr": Rect(inner.x1 - width, inner.y1 - height, inner.x1, inner.y1), "tl": Rect(inner.x0, inner.y1 - height, inner.x0 + width, inner.y1),
                 "br": Rect(inner.x1 - width, inner.y0, inner.x1, inner.y0 + height), "bl": Rect(inner.x0, inner.y0, inner.x0 + width, inner.y0 + height)}
        choices = [spots[order[k:k + 2]] for k in range(0, len(order), 2)]
        return next((r for r in choices if not any(r.overlaps(a) for a in avoid)), choices[0])

    def scale_bar(self, panel: Panel, avoid: list[Rect]) -> Rect:
        from reportlab.graphics.shapes import Rect as Box

        bar_km = _nice(panel.inner.width / panel.scale / 4)
        bar = bar_km * panel.scale
        spot = self.corner(panel, bar + 4, LABEL_SIZE + 10, "brbltrtl", avoid)
        x, y = spot.x0 + 2, spot.y0 + 2
        self.shapes.append(Box(x, y, bar, 3, fillColor=self.ink, strokeColor=self.ink, strokeWidth=0.5))
        self.text(x + bar / 2, y + 6, f"{bar_km:g} {self.spec['scale']}", "middle", LABEL_SIZE - 1)
        return spot

    def north_arrow(self, panel: Panel, avoid: list[Rect]) -> Rect:
        from reportlab.graphics.shapes import Polygon

        spot = self.corner(panel, 20, 32, "trtlbrbl", avoid)
        ax, ay = (spot.x0 + spot.x1) / 2, spot.y0 + 8
        self.shapes.append(Polygon([ax, ay + 22, ax - 5, ay + 6, ax + 5, ay + 6], fillColor=self.ink, strokeColor=self.ink))
        self.text(ax, ay - 4, self.spec["north"], "middle", LABEL_SIZE)
        return spot

    def draw_features(self, panel: Panel, features: list[Feature], labelled: list[Feature], reserved: list[Rect]) -> None:
        """The features in ``panel``; those in ``labelled`` get their name or a number (``reserved``: room kept free
        for the arrow and the scale bar)."""
        from reportlab.graphics.shapes import Circle, Polygon
        from reportlab.lib.colors import HexColor

        drawn: dict[int, list[tuple[float, float]]] = {}
        for i, f in enumerate(x for x in features if not x.point):
            flat = [v for p in f.ring for v in panel.at(p)]
            drawn[id(f)] = list(zip(flat[0::2], flat[1::2]))
            self.shapes.append(Polygon(flat, fillColor=self.pale, strokeColor=HexColor(PALETTE[i % 2]), strokeWidth=0.8))
        for f in features:
            if f.point:
                x, y = panel.at(f.ring[0])
                drawn[id(f)] = [(x, y)]
                self.shapes.append(Circle(x, y, 2.6, fillColor=HexColor(PALETTE[2]), strokeColor=self.ink, strokeWidth=0.5))
        markers = [Rect.centred(*drawn[id(f)][0], 6, 6) for f in features if f.point]
        labels = Labels(self.font, self.size, panel.inner, reserved + markers, [Rect.around(drawn[id(f)]) for f in features])
        for f in labelled:
            if not f.name:
                continue
            outline = drawn[id(f)]
            centre = panel.at(f.centre())
            placed = labels.point_name(centre, f.name) if f.point else labels.inside(outline, centre, f.name)
            if placed is None:
                number = self.number(f)
                if number is None:  # the key is full: drawn unlabelled, counted in its last entry
                    continue
                placed = labels.numbered(outline, centre, number)
            self.shapes += placed

    def group_frame(self, panel: Panel, group: list[Feature], letter: str) -> Rect:
        """The box of an inset's group on the overview with its letter above it."""
        from reportlab.graphics.shapes import Rect as Box

        box = Rect.around([panel.at(p) for f in group for p in f.ring]).grown(5)
        self.shapes.append(Box(box.x0, box.y0, box.width, box.height, fillColor=None, strokeColor=self.ink, strokeWidth=0.7,
                               strokeDashArray=[2, 1.5]))
        self.text(box.x0, box.y1 + 2, letter, "start", LABEL_SIZE + 1)
        return Rect(box.x0, box.y0, box.x1, box.y1 + LABEL_SIZE + 3)

    def key(self, top: float) -> float:
        """The key of numbered features under the panels, in columns; returns its height."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        if not self.keyed and not self.unnumbered:
            return 0.0
        entries = [(f"{n}", name) for n, name in self.keyed] + ([("…", f"+{self.unnumbered:,}")] if self.unnumbered else [])
        columns = min(len(entries), self._columns(max(stringWidth(name, self.font, self.size) for _, name in entries)))
        rows = math.ceil(len(entries) / columns)
        line = self.size + 4
        for k, (n, name) in enumerate(entries):
            x, y = 4 + (k // rows) * (self.width / columns), top - 4 - line * (k % rows + 1)
            self.text(x + 10, y, n, "end")
            self.text(x + 14, y, name)
        return rows * line + 8


def drawing(spec: dict[str, Any], font: str, width: float = WIDTH):
    """The figure as a ReportLab ``Drawing`` (its height follows the extent, the insets and the key) with every
    label in ``font``."""
    from reportlab.graphics.shapes import Drawing, Group

    fig = Figure(spec, font, width)
    features = fig.features()
    if not features:
        return Drawing(width, 120, initialFontName=font, initialFontSize=LABEL_SIZE)
    whole = _union([f.box for f in features])
    found = groups(features)
    overview_h = Panel.fitted_height(whole, width, 180, 300)
    probe = Panel(whole, 0, 0, width, overview_h)
    drawn = [Rect.around([probe.at(p) for f in g for p in f.ring]) for g in found]
    small = [g for g, r in zip(found, drawn) if len(found) > 1 and any(not f.point for f in g) and max(r.width, r.height) < SPECK]
    if small:  # the overview only locates the insets
        overview_h = Panel.fitted_height(whole, width, 140, 200)
    inset_w = (width - INSET_GAP * (len(small) - 1)) / len(small) if small else 0.0
    inset_h = max((Panel.fitted_height(_union([f.box for f in g]), inset_w, 120, 210) for g in small), default=0.0)
    fig.make_room(features, HEIGHT_MAX - overview_h - (INSET_GAP + inset_h if small else 0.0))
    # laid out top-down: overview, insets, key; the key's height is known once the labels are placed
    top = 1000.0
    overview = Panel(whole, 0, top - overview_h, width, overview_h)
    fig.graticule(overview)
    in_inset = {id(f) for g in small for f in g}
    letters = [chr(ord("A") + k) for k in range(len(small))]
    reserved = [fig.group_frame(overview, g, letter) for g, letter in zip(small, letters)]
    avoid = reserved + [Rect.around([overview.at(p) for p in f.ring]).grown(3) for f in features]
    reserved += [fig.north_arrow(overview, avoid), fig.scale_bar(overview, avoid)]
    fig.draw_features(overview, features, [f for f in features if id(f) not in in_inset], reserved)
    bottom = top - overview_h
    for k, (g, letter) in enumerate(zip(small, letters)):
        panel = Panel(_union([f.box for f in g]), k * (inset_w + INSET_GAP), bottom - INSET_GAP - inset_h, inset_w, inset_h)
        fig.graticule(panel)
        corner = Rect(panel.inner.x0, panel.inner.y1 - LABEL_SIZE - 4, panel.inner.x0 + 16, panel.inner.y1)
        fig.text(corner.x0 + 3, corner.y0 + 3, letter, "start", LABEL_SIZE + 1)
        shapes = [Rect.around([panel.at(p) for p in f.ring]).grown(3) for f in g]
        fig.draw_features(panel, g, g, [fig.scale_bar(panel, shapes + [corner]), corner])
    if small:
        bottom -= INSET_GAP + inset_h
    bottom -= fig.key(bottom)
    d = Drawing(width, top - bottom, initialFontName=font, initialFontSize=LABEL_SIZE)
    d.add(Group(*fig.shapes, transform=(1, 0, 0, 1, 0, -bottom)))
    return d
