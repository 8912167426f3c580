"""The document model as a Word file (python-docx), so consultants can go on in Word: the same blocks as the PDF.

Headings use Word's heading styles (so Word's navigation and TOC field see them), tables repeat their heading
row, charts are the PDF's drawings as pictures, missing items are bold red. Page header, footer and watermark
are PDF page furniture: the Word file gets the header text and, for drafts, the watermark's word in its header.
"""

from __future__ import annotations

import io
from datetime import datetime, time, timezone

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from workbench.documents import maps, model
from workbench.documents.charts import png, raster

RED, GREY = RGBColor(0xB3, 0x26, 0x1E), RGBColor(0x55, 0x55, 0x55)
WORD_CJK_FONT = "SimSun"  # Word substitutes a CJK font the user has when this one is missing
STYLES = {"title": "Title", "sub": "Subtitle"}


def _east_asian(style, name: str) -> None:
    if style.name == "Normal":
        style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _toc_field(paragraph) -> None:
    """A Word table-of-contents field; Word fills it on 'Update field' (F9)."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, 'TOC \\o "1-3" \\h \\z \\u'), ("separate", None), (None, None), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = "(update field: F9)"
        run._r.append(el)


def _runs(paragraph, runs: tuple[model.Run, ...], bold: bool = False) -> None:
    for run in runs:
        for k, line in enumerate(run.text.split("\n")):
            if k:
                paragraph.add_run().add_break()
            r = paragraph.add_run(line)
            r.bold = bold or run.missing
            if run.missing:
                r.font.color.rgb = RED
            elif run.small:
                r.font.size, r.font.color.rgb = Pt(8), GREY


def _table(doc, table: model.Table) -> None:
    columns = max(len(r) for r in table.rows)
    word = doc.add_table(rows=len(table.rows), cols=columns)
    word.style = "Table Grid"
    for i, row in enumerate(table.rows):
        cells = word.rows[i].cells
        for j, cell in enumerate(row):
            p = cells[j].paragraphs[0]
            if cell.number:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _runs(p, cell.runs, bold=cell.header)
            if cell.sign:  # room to sign and seal by hand
                for _ in range(3):
                    cells[j].add_paragraph()
    if table.header_rows:  # Word repeats a row marked as table header on every page
        props = word.rows[0]._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        props.append(header)


def build(document: model.Document, chart_font: str) -> bytes:
    """The .docx bytes of the document; ``chart_font`` (a registered ReportLab font) draws the chart pictures."""
    doc = WordDocument()
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        _east_asian(doc.styles[name], WORD_CJK_FONT)
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = document.header
    if document.dated is not None:  # the date of the act the document records, not the day it was exported
        doc.core_properties.created = doc.core_properties.modified = datetime.combine(document.dated, time(), timezone.utc)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.left_margin = section.right_margin = Cm(2.0)
    section.header.paragraphs[0].text = document.header + (f"  —  {document.draft}" if document.draft else "")
    for index, block in enumerate(document.blocks):
        if isinstance(block, model.Heading):
            doc.add_heading(block.text, level=block.level)
        elif isinstance(block, model.Para):
            p = doc.add_paragraph(style=STYLES.get(block.style))
            if block.style in ("title", "sub", "cover"):
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _runs(p, block.runs)
            if block.style in ("note", "caption"):
                for r in p.runs:
                    r.font.size = Pt(8)
                    if r.font.color.rgb is None:
                        r.font.color.rgb = GREY
        elif isinstance(block, model.Table):
            _table(doc, block)
        elif isinstance(block, model.Chart):
            doc.add_paragraph().add_run().add_picture(io.BytesIO(png(block.categories, block.series, chart_font)), width=Pt(460))
        elif isinstance(block, model.Map):
            doc.add_paragraph().add_run().add_picture(io.BytesIO(raster(maps.drawing(block.spec, chart_font), chart_font)), width=Pt(460))
        elif isinstance(block, model.Contents):
            _toc_field(doc.add_paragraph())
        elif isinstance(block, model.Figures):  # the captions that follow, one per line (Word numbers no pages here)
            for caption in sorted(c for c in document.captions() if c > index):
                doc.add_paragraph(document.blocks[caption].text)
        elif isinstance(block, model.PageBreak):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
