"""The project-boundary figure: site points and parcel polygons drawn from their WGS84 coordinates with
reportlab.graphics, in the document's font (the PDF places the vector drawing, the Word file a PNG of it).

A plain spec in the context, ``{"points": [[label, lon, lat], …], "polygons": [[label, [[lon, lat], …]], …],
"north": "N", "scale": "km"}``, is drawn on an equirectangular projection with longitudes shrunk by the cosine of
the mean latitude (true shape at project scale), a graticule labelled in degrees, a north arrow and a scale bar.
"""

from __future__ import annotations

import math
from typing import Any

from workbench.documents.charts import LABEL_SIZE, PALETTE

WIDTH, HEIGHT = 460.0, 300.0
KM_PER_DEGREE = 111.32  # along a meridian; along a parallel times cos(latitude)


def boundary_map(points: list[tuple[str, float, float]], polygons: list[tuple[str, list[tuple[float, float]]]], north: str,
                 km: str) -> dict[str, Any]:
    """The figure as plain data for a template's ``<map>``: labelled points and polygons (lon, lat in degrees),
    ``north`` and ``km`` the words written on the arrow and the scale bar."""
    return {"points": [[name, float(lon), float(lat)] for name, lon, lat in points],
            "polygons": [[name, [[float(x), float(y)] for x, y in ring]] for name, ring in polygons], "north": north, "scale": km}


def _nice(value: float) -> float:
    power = 10 ** math.floor(math.log10(value))
    return max(m * power for m in (1, 2, 5, 10) if m * power <= value)


def drawing(spec: dict[str, Any], font: str, width: float = WIDTH, height: float = HEIGHT):
    """The figure as a ReportLab ``Drawing`` with every label in ``font``."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase.pdfmetrics import stringWidth

    ink, pale, grid_ink = HexColor(PALETTE[0]), HexColor("#dbe7f1"), HexColor("#c8c8c8")
    coords = [(x, y) for _, x, y in spec["points"]] + [p for _, ring in spec["polygons"] for p in ring]
    d = Drawing(width, height, initialFontName=font, initialFontSize=LABEL_SIZE)
    d.add(Rect(0, 0, width, height, strokeColor=grid_ink, fillColor=None, strokeWidth=0.6))
    if not coords:
        return d
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    shrink = math.cos(math.radians((min(ys) + max(ys)) / 2))
    span_x, span_y = max((max(xs) - min(xs)) * shrink, 1e-4), max(max(ys) - min(ys), 1e-4)
    margin_l, margin_r, margin_b, margin_t = 46.0, 16.0, 34.0, 14.0
    scale = min((width - margin_l - margin_r) / span_x, (height - margin_b - margin_t) / span_y) / 1.15  # points per degree
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    mid_x, mid_y = margin_l + (width - margin_l - margin_r) / 2, margin_b + (height - margin_b - margin_t) / 2

    def at(lon: float, lat: float) -> tuple[float, float]:
        return mid_x + (lon - cx) * shrink * scale, mid_y + (lat - cy) * scale

    lon_lo, lat_lo = cx - (mid_x - margin_l) / (shrink * scale), cy - (mid_y - margin_b) / scale
    lon_hi, lat_hi = cx + (width - margin_r - mid_x) / (shrink * scale), cy + (height - margin_t - mid_y) / scale
    digits = max(0, -math.floor(math.log10(_nice((lat_hi - lat_lo) / 4))))
    step = _nice((lat_hi - lat_lo) / 4)
    for k in range(math.ceil(lat_lo / step), math.floor(lat_hi / step) + 1):
        y = at(cx, k * step)[1]
        d.add(Line(margin_l, y, width - margin_r, y, strokeColor=grid_ink, strokeWidth=0.4))
        d.add(String(margin_l - 3, y - 3, f"{k * step:.{digits}f}°", fontName=font, fontSize=LABEL_SIZE - 1, textAnchor="end"))
    step_x = _nice((lon_hi - lon_lo) / 4)
    digits_x = max(0, -math.floor(math.log10(step_x)))
    for k in range(math.ceil(lon_lo / step_x), math.floor(lon_hi / step_x) + 1):
        x = at(k * step_x, cy)[0]
        d.add(Line(x, margin_b, x, height - margin_t, strokeColor=grid_ink, strokeWidth=0.4))
        d.add(String(x, margin_b - 10, f"{k * step_x:.{digits_x}f}°", fontName=font, fontSize=LABEL_SIZE - 1, textAnchor="middle"))
    size = LABEL_SIZE - 1
    for i, (name, ring) in enumerate(spec["polygons"]):
        flat = [v for lon, lat in ring for v in at(lon, lat)]
        d.add(Polygon(flat, fillColor=pale, strokeColor=HexColor(PALETTE[i % 2]), strokeWidth=0.8))
        wide = max(flat[0::2]) - min(flat[0::2])
        if name and stringWidth(name, font, size) < wide:  # a parcel too small on the page for its name stays unnamed
            x, y = at(sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
            d.add(String(x, y - 3, name, fontName=font, fontSize=size, textAnchor="middle", fillColor=ink))
    for name, lon, lat in spec["points"]:
        x, y = at(lon, lat)
        d.add(Circle(x, y, 2.6, fillColor=HexColor(PALETTE[2]), strokeColor=ink, strokeWidth=0.5))
        right = x + 5 + stringWidth(name, font, size) <= width - margin_r  # labels stay inside the frame
        d.add(String(x + 5 if right else x - 5, y + 4, name, fontName=font, fontSize=size, fillColor=ink,
                     textAnchor="start" if right else "end"))
    # north arrow top right, scale bar bottom right, inside the frame
    ax, ay = width - margin_r - 12, height - margin_t - 34
    d.add(Polygon([ax, ay + 22, ax - 5, ay + 6, ax + 5, ay + 6], fillColor=ink, strokeColor=ink))
    d.add(String(ax, ay - 4, spec["north"], fontName=font, fontSize=LABEL_SIZE, textAnchor="middle"))
    km_per_point = KM_PER_DEGREE / scale
    bar_km = _nice(km_per_point * (width - margin_l - margin_r) / 5)
    bar = bar_km / km_per_point
    bx, by = width - margin_r - bar - 6, margin_b + 8
    d.add(Rect(bx, by, bar, 3, fillColor=ink, strokeColor=ink, strokeWidth=0.5))
    label = f"{bar_km:g} {spec['scale']}"
    d.add(String(bx + bar / 2, by + 6, label, fontName=font, fontSize=LABEL_SIZE - 1, textAnchor="middle"))
    return d
