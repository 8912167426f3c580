"""Charts for documents, drawn with reportlab.graphics and embedded as SVG (vector in the PDF, via svglib)."""

from __future__ import annotations

import base64
from collections.abc import Sequence

PALETTE = ("#123b5c", "#7fa7c9", "#c9822b")


def bar_chart(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], width: int = 460, height: int = 200) -> str:
    """A grouped bar chart as a ``data:`` URI for an ``<img>``; labels are Latin (years, tonnes, series names).
    ReportLab's graphics load here, when a chart is drawn, not when the program starts."""
    from reportlab.graphics import renderSVG
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.colors import HexColor

    palette = [HexColor(c) for c in PALETTE]
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 55, 40, width - 75, height - 70
    chart.data = [list(values) for _, values in series]
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    highest = max((v for _, values in series for v in values), default=0)
    if highest > 0:
        chart.valueAxis.valueMax = highest * 1.15  # headroom above the tallest bar
    chart.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    chart.groupSpacing = 6
    for i in range(len(series)):
        chart.bars[i].fillColor = palette[i % len(palette)]
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 55, height - 12
    legend.fontSize = 7
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [(palette[i % len(palette)], name) for i, (name, _) in enumerate(series)]
    drawing.add(legend)
    svg = renderSVG.drawToString(drawing)
    return SVG_URI + base64.b64encode(svg.encode("utf-8")).decode("ascii")


SVG_URI = "data:image/svg+xml;base64,"


def png_of(uri: str, dpi: int = 200) -> bytes | None:
    """A chart's ``data:`` URI as PNG bytes, for documents that take no SVG (Word): the SVG is read back into a
    drawing (svglib), written as a one-page PDF and rasterised by PDFium. None for anything else than a chart URI."""
    import io

    import pypdfium2
    from reportlab.graphics import renderPDF
    from svglib.svglib import svg2rlg

    if not uri.startswith(SVG_URI):
        return None
    drawing = svg2rlg(io.BytesIO(base64.b64decode(uri[len(SVG_URI):])))
    if drawing is None:
        return None
    document = pypdfium2.PdfDocument(renderPDF.drawToString(drawing))
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
