"""The same rendered HTML as the PDF, written as a Word document (python-docx) so consultants can go on in Word.

Only the small HTML vocabulary of our own templates is mapped: headings, paragraphs, tables, cover block,
page breaks, the table of contents (as a Word TOC field to update), missing-item marks. Page header, footer
and watermark are PDF frames; the Word file gets the header text and, for drafts, "DRAFT" in its header.
"""

from __future__ import annotations

import io
from html.parser import HTMLParser

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from workbench.documents.charts import png_of

FRAMES = {"page-header", "page-footer", "watermark"}
VOID = {"meta", "link", "br", "img", "hr", "pdf:nextpage", "pdf:toc", "pdf:pagenumber", "pdf:pagecount"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3}
RED = RGBColor(0xB3, 0x26, 0x1E)
WORD_CJK_FONT = "SimSun"  # Word substitutes a CJK font the user has when this one is missing


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


class _Builder(HTMLParser):
    def __init__(self, doc, header: str, final: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = doc
        self.skip = 0  # depth inside head, style or a PDF frame
        self.stack: list[tuple[str, dict]] = []
        self.paragraph = None
        self.table = None
        self.row = None
        self.cell = None
        self.cell_header = False
        self.missing = 0
        self.cover = 0
        section = doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.top_margin = section.bottom_margin = Cm(2.2)
        section.left_margin = section.right_margin = Cm(2.0)
        section.header.paragraphs[0].text = header + ("" if final else "  —  DRAFT / 草稿")

    def _new_paragraph(self, style: str | None = None):
        if self.cell is not None:
            p = self.cell.paragraphs[-1] if not self.cell.paragraphs[-1].text and len(self.cell.paragraphs) == 1 else self.cell.add_paragraph()
        else:
            p = self.doc.add_paragraph(style=style)
        self.paragraph = p
        return p

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in VOID and self.skip:
            return
        if self.skip or tag in ("head", "style", "title") or a.get("id") in FRAMES:
            self.skip += 1
            self.stack.append((tag, a))
            return
        if tag not in VOID:
            self.stack.append((tag, a))
        if tag in HEADINGS:
            self.paragraph = self.doc.add_heading("", level=HEADINGS[tag])
        elif tag == "p" or (tag == "div" and "class" in a):
            if "cover" in a.get("class", ""):
                self.cover += 1
            style = "Title" if "title" in a.get("class", "").split() else "Subtitle" if "sub" in a.get("class", "").split() else None
            p = self._new_paragraph(style)
            if self.cover:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif tag == "table":
            self.table = self.doc.add_table(rows=0, cols=0)
            self.table.style = "Table Grid"
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.row.append((tag == "th", "num" in a.get("class", ""), []))
        elif tag == "span" and "missing" in a.get("class", ""):
            self.missing += 1
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()
        elif tag == "pdf:nextpage":
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif tag == "pdf:toc":
            _toc_field(self.doc.add_paragraph())
        elif tag == "img":
            p = self.paragraph if self.paragraph is not None and not self.paragraph.text else self._new_paragraph()
            png = png_of(a.get("src", ""))
            if png is None:
                p.add_run(a.get("alt") or "[image: see the PDF]").italic = True
            else:
                p.add_run().add_picture(io.BytesIO(png), width=Pt(float(a.get("width") or 460)))

    def handle_endtag(self, tag):
        if tag in VOID or not self.stack:
            return
        opened, a = self.stack.pop()
        if self.skip:
            self.skip -= 1
            return
        if opened in HEADINGS or opened == "p":
            self.paragraph = None
        elif opened == "div" and "cover" in a.get("class", ""):
            self.cover -= 1
        elif opened == "span" and "missing" in a.get("class", ""):
            self.missing -= 1
        elif opened == "tr" and self.row is not None:
            self._flush_row()
        elif opened == "table":
            self.table = None

    def _flush_row(self):
        cells = self.row
        self.row = None
        if not cells:
            return
        while len(self.table.columns) < len(cells):
            self.table.add_column(Cm(2))
        row = self.table.add_row()
        for i, (header, number, runs) in enumerate(cells):
            p = row.cells[i].paragraphs[0]
            if number:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for text, missing in runs:
                run = p.add_run(text)
                run.bold = header or missing
                if missing:
                    run.font.color.rgb = RED

    def handle_data(self, data):
        if self.skip:
            return
        text = " ".join(data.split())
        if not text:
            return
        if data[:1].isspace():
            text = " " + text
        if data[-1:].isspace():
            text += " "
        if self.row is not None and self.row:
            self.row[-1][2].append((text, bool(self.missing)))
            return
        if self.paragraph is None:
            self._new_paragraph()
        run = self.paragraph.add_run(text)
        if self.missing:
            run.bold = True
            run.font.color.rgb = RED


def html_to_docx(html: str, header: str, final: bool, cjk_font: str = WORD_CJK_FONT) -> bytes:
    doc = Document()
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        _east_asian(doc.styles[name], cjk_font)
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = header
    builder = _Builder(doc, header, final)
    builder.feed(html)
    builder.close()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
