"""The document model as a PDF, built directly on ReportLab's platypus in one pass.

Page furniture: a running header, "page x of y" in the footer and the table of contents' page numbers are drawn
when the last page is known (the canvas keeps each page until it is saved), so the document is laid out once;
headings of levels 1–2 are PDF outline entries and the contents' lines link to them; a draft carries a
watermark. Every glyph comes from the one embedded TrueType font. Bytes are identical for identical input
(ReportLab's invariant mode: fixed dates and document ids).
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepTogether, PageBreak, PageTemplate, Spacer

from workbench.documents import maps, model
from workbench.domain.progress import QUIET, Steps
from workbench.domain.text import Text
from workbench.documents.charts import drawing
from workbench.documents.flow import EndOfFloats, Figure, FloatingDocTemplate, keep_headings
from workbench.documents.paragraph import KinsokuParagraph
from workbench.documents.tables import tables

INK, BLUE, GREY, RED = HexColor("#1a1a1a"), HexColor("#123b5c"), HexColor("#555555"), HexColor("#b3261e")
MARGIN_X, MARGIN_Y = 2 * cm, 2.2 * cm
BODY_SIZE = 9.5
TOC_LEADING = 17.0


def styles(font: str) -> dict[str, ParagraphStyle]:
    def style(name, size, **kw):
        kw.setdefault("textColor", INK)
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=round(size * 1.45, 2), wordWrap="CJK", **kw)

    return {
        "body": style("body", BODY_SIZE, spaceAfter=4),
        "cover": style("cover", BODY_SIZE, alignment=TA_CENTER, spaceAfter=4),
        "note": style("note", 8, textColor=GREY, spaceAfter=3),
        "caption": style("caption", 8.5, spaceAfter=3),
        "title": style("title", 22, textColor=BLUE, alignment=TA_CENTER, spaceAfter=6),
        "sub": style("sub", 13, alignment=TA_CENTER, spaceBefore=4, spaceAfter=10),
        "h1": style("h1", 17, textColor=BLUE, spaceAfter=6),  # kept with what follows by flow.keep_headings
        "h2": style("h2", 12.5, textColor=BLUE, spaceBefore=14, spaceAfter=6),
        "h3": style("h3", 10.5, textColor=HexColor("#333333"), spaceBefore=8, spaceAfter=3),
        "cell": style("cell", BODY_SIZE),
        "cell-right": style("cell-right", BODY_SIZE, alignment=TA_RIGHT),
    }


SMALL = 0.8  # the English beneath a bilingual label, relative to the label's size


def markup(runs: tuple[model.Run, ...], size: float = BODY_SIZE) -> str:
    """ReportLab paragraph markup of plain runs: text escaped, line breaks kept, missing items in red, the English of
    a bilingual label smaller and grey."""
    out = []
    for run in runs:
        text = escape(run.text).replace("\n", "<br/>")
        if run.small:
            text = f'<font size="{size * SMALL:g}" color="#555555">{text}</font>'
        out.append(f'<font color="#b3261e">{text}</font>' if run.missing else text)
    return "".join(out)


class Heading(KinsokuParagraph):
    """A heading: an outline entry and a link target; level 2 is ruled underneath."""

    key = ""
    level = 0
    title = ""

    def draw(self):
        canv = self.canv
        if self.key:
            x, y = canv.absolutePosition(0, self.height + 4)
            canv.deferred_bookmarks.append((canv.getPageNumber(), self.key, x, y))
            canv.heading_pages[self.key] = canv.getPageNumber()
            if self.level <= 2:
                level = min(self.level - 1, canv.outline_level + 1)
                canv.addOutlineEntry(self.title, self.key, level)
                canv.outline_level = level
        super().draw()
        if self.level == 2:
            canv.setStrokeColor(BLUE)
            canv.setLineWidth(0.6)
            canv.line(0, -2, self.width, -2)


class Contents(Flowable):
    """The table of contents: one line per heading, its page number written once all pages are laid out."""

    def __init__(self, entries: list[tuple[str, int, str]], font: str):
        super().__init__()
        self.entries, self.font = entries, font

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, len(self.entries) * TOC_LEADING

    def split(self, availWidth, availHeight):
        fits = int(availHeight // TOC_LEADING)
        if fits <= 0 or fits >= len(self.entries):
            return [] if fits <= 0 else [self]
        return [Contents(self.entries[:fits], self.font), Contents(self.entries[fits:], self.font)]

    def draw(self):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        canv = self.canv
        y = len(self.entries) * TOC_LEADING - TOC_LEADING + 5
        for key, level, text in self.entries:
            size = 10.5 if level <= 1 else BODY_SIZE
            x = 0 if level <= 1 else 14
            size = min(size, size * (self.width - x - 36) / max(stringWidth(text, self.font, size), 1))  # a long line shrinks, clear of its page number
            canv.setFont(self.font, size)
            canv.setFillColor(INK)
            canv.drawString(x, y, text)
            start = x + stringWidth(text, self.font, size) + 6
            canv.setStrokeColor(GREY)
            canv.setDash(0.6, 2.4)
            canv.setLineWidth(0.6)
            if start < self.width - 30:
                canv.line(start, y + 1, self.width - 24, y + 1)
            canv.setDash()
            ax, ay = canv.absolutePosition(self.width, y)
            canv.deferred_numbers.append((canv.getPageNumber(), ax, ay, key, size))
            canv.linkRect("", key, (x, y - 3, self.width, y + size), relative=1)
            y -= TOC_LEADING


def _canvas_class(document: model.Document, font: str, steps: Steps):
    class DeferredCanvas(Canvas):
        """Keeps every page until the end, then writes the footer's "page x of y", the contents' numbers and the
        headings' link destinations (a destination names the page it is written on)."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.pages: list[dict] = []
            self.heading_pages: dict[str, int] = {}
            self.deferred_numbers: list[tuple[int, float, float, str, float]] = []
            self.deferred_bookmarks: list[tuple[int, str, float, float]] = []  # a destination needs its real page
            self.outline_level = -1

        def showPage(self):
            self.pages.append(dict(self.__dict__))
            steps.step(Text("progress.document.page_laid_out", page=len(self.pages)))
            self._startPage()

        def save(self):
            total = len(self.pages)
            for number, state in enumerate(self.pages, start=1):
                steps.step(Text("progress.document.page_written", page=number, total=total), number - 1, total)
                self.__dict__.update(state)
                self.setFont(font, 7.5)
                self.setFillColor(GREY)
                footer = document.footer.replace("{pages}", str(total)).replace("{page}", str(number))
                self.drawCentredString(A4[0] / 2, 0.8 * cm + 6, footer)
                for page, key, x, y in self.deferred_bookmarks:
                    if page == number:
                        self.bookmarkPage(key, fit="XYZ", left=x, top=y)
                for page, x, y, key, size in self.deferred_numbers:
                    if page == number:
                        self.setFont(font, size)
                        self.setFillColor(INK)
                        self.drawRightString(x, y, str(self.heading_pages.get(key, "")))
                Canvas.showPage(self)
            Canvas.save(self)

    return DeferredCanvas


def _on_page(document: model.Document, font: str):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def draw(canv, doc):
        canv.saveState()
        if document.draft:
            canv.setFont(font, 60)
            canv.setFillColor(HexColor("#e4e4e4"))
            canv.drawCentredString(A4[0] / 2, A4[1] - 13 * cm, document.draft)
        width = A4[0] - 2 * MARGIN_X
        size = min(7.5, 7.5 * width / max(stringWidth(document.header, font, 7.5), 1))
        canv.setFont(font, size)
        canv.setFillColor(GREY)
        canv.drawString(MARGIN_X, A4[1] - 0.9 * cm - 10, document.header)
        canv.setStrokeColor(HexColor("#999999"))
        canv.setLineWidth(0.4)
        canv.line(MARGIN_X, A4[1] - 0.9 * cm - 14, A4[0] - MARGIN_X, A4[1] - 0.9 * cm - 14)
        canv.restoreState()

    return draw


def story(document: model.Document, font: str) -> list[Flowable]:
    """The flowables of the document: paragraphs, headings, tables, figures, contents, page breaks. A chart or a
    map is a figure, with the note right after a map as its caption; headings are kept with what follows them
    (flow.py); what the template keeps together stays on one page when it fits on one."""
    s = styles(font)
    width = A4[0] - 2 * MARGIN_X
    keys = {id(h): f"h{i}" for i, h in enumerate(document.headings())}

    def paragraph(runs, style):
        return KinsokuParagraph(markup(runs, style.fontSize), style)

    out: list[Flowable] = []
    captions = document.captions()
    figure_keys = {caption: f"f{n}" for n, caption in enumerate(sorted(captions))}

    def caption_of(index):
        """The caption paragraph of the figure at ``index`` (styled as the template styled it) and its key."""
        if index + 1 not in captions:
            return None, ""
        caption = document.blocks[index + 1]
        return paragraph(caption.runs, s[caption.style]), figure_keys[index + 1]
    starts: dict[int, int] = {}
    for index, block in enumerate(document.blocks):
        starts[index] = len(out)
        if index in captions:
            continue
        if isinstance(block, model.Para):
            if block.style == "title":  # a frame drops the space before its first flowable: the cover's is a spacer
                out.append(Spacer(1, 4 * cm))
            out.append(paragraph(block.runs, s.get(block.style, s["body"])))
        elif isinstance(block, model.Heading):
            style = s[f"h{block.level}"]
            sub = f'<br/><font size="{style.fontSize * SMALL:g}">{escape(block.sub)}</font>' if block.sub else ""
            h = Heading(escape(block.title) + sub, style)
            h.key, h.level, h.title = keys[id(block)], block.level, block.text
            out.append(h)
        elif isinstance(block, model.Table):
            out += tables(block, width, font, BODY_SIZE, s["cell"].leading, paragraph, s["cell"], s["cell-right"])
        elif isinstance(block, model.Chart):
            out.append(Figure(drawing(block.categories, block.series, font), *caption_of(index)))
        elif isinstance(block, model.Map):
            out.append(Figure(maps.drawing(block.spec, font), *caption_of(index)))
        elif isinstance(block, model.Contents):
            later = [b for b in document.blocks[index + 1:] if isinstance(b, model.Heading) and b.level <= 2]
            out.append(Contents([(keys[id(h)], h.level, h.text) for h in later], font))
        elif isinstance(block, model.Figures):
            out.append(Contents([(figure_keys[c], 1, document.blocks[c].text) for c in sorted(captions) if c > index], font))
        elif isinstance(block, model.PageBreak):
            out.append(PageBreak())
    starts[len(document.blocks)] = len(out)
    for first, end in reversed(document.keeps):
        out[starts[first]:starts[end]] = [KeepTogether(out[starts[first]:starts[end]])]
    return keep_headings(out, width) + [EndOfFloats()]


def build(document: model.Document, font: str, steps: Steps = QUIET) -> bytes:
    """PDF bytes of the document, every glyph in ``font`` (a registered TrueType font name); each page laid out and
    written is a step of ``steps`` ("page 3"), where a stop raises ``domain.progress.Cancelled``."""
    buffer = io.BytesIO()
    doc = FloatingDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_Y, bottomMargin=MARGIN_Y,
                          title=document.header, invariant=1, lang=document.language,
                          initialFontName=font, initialFontSize=BODY_SIZE)  # no page refers to an unembedded Helvetica
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_on_page(document, font))])
    doc.build(story(document, font), canvasmaker=_canvas_with_date(_canvas_class(document, font, steps), document.dated))
    return buffer.getvalue()


def _canvas_with_date(canvas_class, dated):
    """``canvas_class`` whose file's creation and modification dates (PDF /CreationDate, /ModDate) are ``dated``, the
    date of the act the document records; still invariant: the same document gives the same bytes."""
    if dated is None:
        return canvas_class

    class Dated(canvas_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.setDateFormatter(lambda *_: f"D:{dated:%Y%m%d}000000+00'00'")

    return Dated
