"""Labels on a map panel (documents/maps.py) that never overlap: a parcel's name inside the parcel when the whole
name fits within its outline, a site's name beside its point, and otherwise a number in a small box, on the
feature or beside it with a leader line, for the figure's key. A label beside a feature keeps off the other
features when it can and off every label, the north arrow and the scale bar always."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Rect:
    """An axis-aligned box in drawing points."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @classmethod
    def around(cls, points: list[tuple[float, float]]) -> Rect:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return cls(min(xs), min(ys), max(xs), max(ys))

    @classmethod
    def centred(cls, x: float, y: float, width: float, height: float) -> Rect:
        return cls(x - width / 2, y - height / 2, x + width / 2, y + height / 2)

    def grown(self, by: float) -> Rect:
        return Rect(self.x0 - by, self.y0 - by, self.x1 + by, self.y1 + by)

    def overlaps(self, other: Rect) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def within(self, other: Rect) -> bool:
        return other.x0 <= self.x0 and self.x1 <= other.x1 and other.y0 <= self.y0 and self.y1 <= other.y1

    def corners(self) -> list[tuple[float, float]]:
        return [(self.x0, self.y0), (self.x1, self.y0), (self.x1, self.y1), (self.x0, self.y1)]


def contains(ring: list[tuple[float, float]], p: tuple[float, float]) -> bool:
    """Whether ``p`` lies inside the polygon ``ring`` (even-odd ray casting)."""
    x, y = p
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


class Boxes:
    """Boxes bucketed on a grid of ``CELL`` points: whether a box overlaps any of them is asked of the boxes in the
    cells it covers only (hundreds of sites' labels placed in linear, not quadratic, time)."""

    CELL = 24.0

    def __init__(self, boxes: list[Rect]) -> None:
        self.cells: dict[tuple[int, int], list[Rect]] = {}
        for box in boxes:
            self.add(box)

    def _cells(self, r: Rect):
        c = self.CELL
        return ((i, j) for i in range(math.floor(r.x0 / c), math.floor(r.x1 / c) + 1) for j in range(math.floor(r.y0 / c), math.floor(r.y1 / c) + 1))

    def add(self, box: Rect) -> None:
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append(box)

    def overlap(self, r: Rect) -> bool:
        return any(r.overlaps(t) for cell in self._cells(r) for t in self.cells.get(cell, ()))


DIRECTIONS = [(math.cos(math.radians(a)), math.sin(math.radians(a))) for a in (45, 135, -45, -135, 0, 180, 90, -90)]


class Labels:
    """The labels of one panel: ``frame`` the panel's inside, ``reserved`` boxes no label may cover, ``outlines``
    the features' boxes a label beside a feature avoids when it can."""

    def __init__(self, font: str, size: float, frame: Rect, reserved: list[Rect], outlines: list[Rect]):
        from reportlab.lib.colors import HexColor

        self.font, self.size, self.frame = font, size, frame
        self.taken = Boxes(reserved)
        self.outlines = Boxes(outlines)
        self.ink, self.white = HexColor("#123b5c"), HexColor("#ffffff")

    def _width(self, text: str) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(text, self.font, self.size)

    def _free(self, r: Rect, beside: bool) -> bool:
        return r.within(self.frame) and not self.taken.overlap(r) and not (beside and self.outlines.overlap(r))

    def _string(self, x: float, y: float, text: str, anchor: str):
        from reportlab.graphics.shapes import String

        return String(x, y, text, fontName=self.font, fontSize=self.size, textAnchor=anchor, fillColor=self.ink)

    def inside(self, ring: list[tuple[float, float]], centre: tuple[float, float], name: str) -> list | None:
        """The name written inside the parcel (at its centroid, or a little above, below or aside when that spot is
        taken), or None when it does not fit wholly within the outline."""
        w, h = self._width(name) + 2, self.size + 1
        own = Rect.around(ring)
        for dx, dy in ((0, 0), (0, 1.4 * h), (0, -1.4 * h), (-own.width / 4, 0), (own.width / 4, 0)):
            x, y = centre[0] + dx, centre[1] + dy
            box = Rect.centred(x, y, w, h)
            if all(contains(ring, c) for c in box.corners()) and self._free(box, beside=False):
                self.taken.add(box)
                return [self._string(x, y - self.size * 0.35, name, "middle")]
        return None

    def point_name(self, p: tuple[float, float], name: str) -> list | None:
        """The name beside a site's point (right, left, above, below; further out with a leader line when the near
        spots are taken), or None when there is no free room."""
        from reportlab.graphics.shapes import Line

        w, h = self._width(name), self.size + 1
        for beside in (True, False):
            for gap in (4.0, 14.0, 28.0, 48.0, 72.0):
                options = ((Rect(p[0] + gap, p[1] + 1, p[0] + gap + w, p[1] + 1 + h), "start"),
                           (Rect(p[0] - gap - w, p[1] + 1, p[0] - gap, p[1] + 1 + h), "end"),
                           (Rect(p[0] - w / 2, p[1] + gap, p[0] + w / 2, p[1] + gap + h), "middle"),
                           (Rect(p[0] - w / 2, p[1] - gap - h, p[0] + w / 2, p[1] - gap), "middle"))
                for r, anchor in options:
                    if self._free(r, beside):
                        self.taken.add(r)
                        x = {"start": r.x0, "end": r.x1, "middle": (r.x0 + r.x1) / 2}[anchor]
                        shapes = [self._string(x, r.y0 + self.size * 0.2, name, anchor)]
                        if gap > 4:
                            end = (min(max(p[0], r.x0), r.x1), min(max(p[1], r.y0), r.y1))
                            shapes.append(Line(p[0], p[1], end[0], end[1], strokeColor=self.ink, strokeWidth=0.4))
                        return shapes
        return None

    def numbered(self, ring: list[tuple[float, float]], centre: tuple[float, float], number: str) -> list:
        """The feature's number in a small box: on the feature when it holds the box, else beside it with a leader
        line, as near as there is free room."""
        from reportlab.graphics.shapes import Line, Rect as Box

        w, h = self._width(number) + 4, self.size + 3
        own = Rect.around(ring)
        spot = Rect.centred(centre[0], centre[1], w, h)
        leader = False
        if not (len(ring) > 2 and all(contains(ring, c) for c in spot.corners()) and self._free(spot, beside=False)):
            leader = True
            spot = self._beside(own, centre, w, h) or spot
        self.taken.add(spot)
        shapes = []
        if leader:
            end = (min(max(centre[0], spot.x0), spot.x1), min(max(centre[1], spot.y0), spot.y1))
            shapes.append(Line(centre[0], centre[1], end[0], end[1], strokeColor=self.ink, strokeWidth=0.5))
        shapes.append(Box(spot.x0, spot.y0, spot.width, spot.height, fillColor=self.white, strokeColor=self.ink, strokeWidth=0.5))
        shapes.append(self._string((spot.x0 + spot.x1) / 2, spot.y0 + 2.2, number, "middle"))
        return shapes

    def _beside(self, own: Rect, centre: tuple[float, float], w: float, h: float) -> Rect | None:
        reach = math.hypot(own.width, own.height) / 2 + math.hypot(w, h) / 2 + 3
        for beside in (True, False):
            for factor in (1.0, 1.6, 2.3, 3.2, 4.5):
                for dx, dy in DIRECTIONS:
                    r = Rect.centred(centre[0] + dx * reach * factor, centre[1] + dy * reach * factor, w, h)
                    if self._free(r, beside):
                        return r
        return None
