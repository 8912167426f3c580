"""Charts for documents: a plain spec in the context, drawn with reportlab.graphics in the embedded font.

The PDF places the drawing itself (vector, the document's TrueType font); the Word file gets the same drawing as a
PNG rasterised by PDFium. Year labels never overlap: when they do not fit side by side they turn upright, and
when even upright they would touch, only every k-th year is labelled.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

PALETTE = ("#123b5c", "#7fa7c9", "#c9822b")
LABEL_SIZE = 8
WIDTH, HEIGHT = 460.0, 210.0


def bar_chart(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]]) -> dict[str, Any]:
    """A grouped bar chart as plain data for a template's ``<chart>`` (``categories``: labels along the axis,
    ``series``: ``[name, values]`` pairs, one value per category)."""
    return {"categories": [str(c) for c in categories], "series": [[name, [float(v) for v in values]] for name, values in series]}


def nice_step(rough: float) -> float:
    """The 1-2-2.5-5 × 10^k step at or above ``rough`` (axis ticks at round numbers); 1 for nothing to show."""
    if rough <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough)


def drawing(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], font: str, width: float = WIDTH,
            height: float = HEIGHT):
    """The chart as a ReportLab ``Drawing`` (a flowable) with every label in ``font`` (a registered font name)."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase.pdfmetrics import stringWidth

    palette = [HexColor(c) for c in PALETTE]
    names = list(categories)
    highest = max((v for _, values in series for v in values), default=0)
    step_value = nice_step(highest * 1.1 / 5)
    top = step_value * max(math.ceil(highest * 1.1 / step_value), 1)
    value_labels = [f"{step_value * k:,.0f}" for k in range(int(round(top / step_value)) + 1)]
    left = 12 + max(stringWidth(s, font, LABEL_SIZE) for s in value_labels)
    plot_width = width - left - 10
    slot = plot_width / max(len(names), 1)
    widest = max((stringWidth(n, font, LABEL_SIZE) for n in names), default=0)
    upright = widest + 4 > slot
    step = 1
    if upright:
        while slot * step < LABEL_SIZE + 3:
            step += 1
    bottom = (widest + 10 if upright else LABEL_SIZE + 10) + 4
    d = Drawing(width, height, initialFontName=font, initialFontSize=LABEL_SIZE)  # no Helvetica left in the drawing's state
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = left, bottom, plot_width, height - bottom - 28
    chart.data = [list(values) for _, values in series] or [[0]]
    chart.categoryAxis.categoryNames = [n if i % step == 0 else "" for i, n in enumerate(names)]
    labels = chart.categoryAxis.labels
    labels.fontName, labels.fontSize = font, LABEL_SIZE
    if upright:
        labels.angle, labels.boxAnchor, labels.dx, labels.dy = 90, "e", 0, -4
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = font, LABEL_SIZE
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step_value  # headroom above the tallest bar
    chart.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    bars = max(len(series), 1)
    drawn = min(slot * 0.8, 36.0 * bars)  # bars no wider than 36 pt each, a gap between years
    chart.barWidth, chart.barSpacing = 10, 0
    chart.groupSpacing = bars * 10 * (slot - drawn) / drawn
    for i in range(len(series)):
        chart.bars[i].fillColor = palette[i % len(palette)]
        chart.bars[i].strokeColor = None
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = left, height - 8
    legend.fontName, legend.fontSize = font, LABEL_SIZE
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = max((stringWidth(name, font, LABEL_SIZE) for name, _ in series), default=40) + 30
    legend.colorNamePairs = [(palette[i % len(palette)], name) for i, (name, _) in enumerate(series)]
    d.add(legend)
    return d


def png(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], font: str, dpi: int = 200) -> bytes:
    """The chart as PNG bytes (for Word)."""
    return raster(drawing(categories, series, font), font, dpi)


def raster(figure, font: str, dpi: int = 200) -> bytes:
    """A ReportLab drawing as PNG bytes: drawn as a one-page PDF and rasterised by PDFium."""
    import io

    import pypdfium2
    from reportlab.graphics import renderPDF

    document = pypdfium2.PdfDocument(renderPDF.drawToString(figure, initialFontName=font))
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
