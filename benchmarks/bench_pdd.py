"""A ~60-page PDD (a wind farm with 1,900 turbine sites) through our templates, vs raw ReportLab building the same tables."""

from __future__ import annotations

import random
import tempfile
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from benchmarks.common import Measure, best_of
from workbench.documents.fonts import find_cjk_font
from workbench.services.documents import documents
from workbench.services.support.context import Actor
from workbench.services.demo.projects import create_demo_projects
from workbench.services.projects.parties import add_site
from workbench.store.workspace import open_workspace

SITES = 1900
ACTOR = Actor("bench", date(2025, 3, 3))


def _raw_pdf(sites: list[tuple[str, str, str]], parties: list[list[str]], out: Path) -> None:
    """The floor: the same headings, parties and site table straight on ReportLab's platypus with the same font."""
    font = find_cjk_font()
    if "cjk" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("cjk", str(font), subfontIndex=0))
    h = ParagraphStyle("h", fontName="cjk", fontSize=12.5, spaceBefore=14)
    body = ParagraphStyle("b", fontName="cjk", fontSize=9.5, leading=13.8)
    grid = TableStyle([("FONT", (0, 0), (-1, -1), "cjk", 9.5), ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf3"))])
    story = [Paragraph("Project Design Document", h), PageBreak(), Paragraph("1. Basic information", h),
             Table([["Name", "Role", "Nationality", "Country", "Form"], *parties], style=grid, repeatRows=1),
             Paragraph("3. Project description", h), Paragraph("Sixty-four 6.25 MW turbines", body), Spacer(1, 6),
             Table([["Site", "Latitude", "Longitude", "Distance", "Depth"], *[[n, la, lo, "35.2", "31.5"] for n, la, lo in sites]],
                   style=grid, repeatRows=1)]
    for section in range(4, 13):
        story.append(Paragraph(f"{section}. Section", h))
        story.append(Paragraph("Text of the section " * 20, body))
    SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2.2 * cm, bottomMargin=2.2 * cm).build(story)


def measures() -> list[Measure]:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        ws = open_workspace(base / "pdd.sqlite")
        create_demo_projects(ws, ACTOR)
        sites = []
        for i in range(SITES):
            lat, lon = f"{10.5 + rng.random() / 2:.6f}", f"{108.3 + rng.random() / 2:.6f}"
            add_site(ws, ACTOR, "VN-OFW-01", {"name": f"WTG-{i + 1:04d}", "latitude": lat, "longitude": lon,
                                               "distance_to_shore_km": "35.2", "water_depth_m": "31.5"})
            sites.append((f"WTG-{i + 1:04d}", lat, lon))
        out = base / "pdd.pdf"
        ours = best_of(lambda: documents.render(ws, "pdd", "VN-OFW-01", "en", out, ACTOR.today, force=True), repeat=2)
        pages = len(PdfReader(out).pages)
        ws.close()
        parties = [["Huaxia Offshore Energy Co., Ltd.", "Project owner", "Chinese", "CN", "Greenfield"]] * 3
        floor = best_of(lambda: _raw_pdf(sites, parties, base / "raw.pdf"), repeat=2)
    return [Measure(f"PDD PDF of {pages} pages (1,900 sites)", ours, floor, goal_ratio=2,
                    note="ours: context + Jinja2 + model + platypus; floor: the same tables on raw ReportLab platypus")]
