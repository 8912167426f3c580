"""Where headings and figures land on the page, so that a page never ends on a heading and never on a white gap.

- A heading is not kept with the whole of what follows (ReportLab's keepWithNext moves a table that does not fit
  to the next page and leaves the rest of this one empty): a conditional page break before it asks only for room
  for the heading and the first lines of what follows — three lines of a paragraph, a table's heading row and two
  of its rows. Consecutive headings count together.
- A figure (a drawing with its caption) that does not fit in the rest of the page floats to the top of the next
  one while the text after it fills this page, as a typesetter floats figures. Floats keep their order and never
  pass a page break, a level-1 heading or the end of the document.
"""

from __future__ import annotations

from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, PageBreak, Table

from workbench.documents.paragraph import KinsokuParagraph

FIRST_LINES = 3  # of a paragraph, kept with the heading above it
FIRST_ROWS = 2  # of a table below its heading row
FIGURE_GAP = 4.0  # between a drawing and its caption


class Figure(Flowable):
    """A drawing with its caption (a paragraph, or None) as one unbreakable block."""

    def __init__(self, drawing: Flowable, caption: Flowable | None = None, key: str = ""):
        super().__init__()
        self.drawing, self.caption, self.key = drawing, caption, key  # key: where the list of figures links to
        self.floated = False  # set once it has floated: it is placed where it comes next
        self.spaceBefore, self.spaceAfter = 6, 8

    def wrap(self, availWidth, availHeight):
        _, self.drawing_height = self.drawing.wrap(availWidth, availHeight)
        self.caption_height = self.caption.wrap(availWidth, availHeight)[1] + FIGURE_GAP if self.caption else 0.0
        self.width, self.height = availWidth, self.drawing_height + self.caption_height
        return self.width, self.height

    def draw(self):
        if self.key:  # the page the list of figures prints, and the destination its line links to
            x, y = self.canv.absolutePosition(0, self.height)
            self.canv.deferred_bookmarks.append((self.canv.getPageNumber(), self.key, x, y))
            self.canv.heading_pages[self.key] = self.canv.getPageNumber()
        self.drawing.drawOn(self.canv, 0, self.caption_height)
        if self.caption:
            self.caption.drawOn(self.canv, 0, 0)


class EndOfFloats(Flowable):
    """Placed last in a story: figures still floating are set before it."""

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        pass


def _level(f: Flowable) -> int:
    return getattr(f, "level", 0) if isinstance(f, KinsokuParagraph) else 0


def _first_part(f: Flowable | None, width: float) -> float:
    """The height of what must follow a heading on its page: the first lines of a paragraph, the first rows of a
    table, a whole figure or drawing."""
    if f is None or isinstance(f, PageBreak):
        return 0.0
    if isinstance(f, Table):
        f.wrap(width, 1e6)
        return sum(f._rowHeights[:f.repeatRows + FIRST_ROWS]) + f.getSpaceBefore()
    height = f.wrap(width, 1e6)[1]
    if isinstance(f, KinsokuParagraph):
        return min(height, FIRST_LINES * f.style.leading) + f.getSpaceBefore()
    if hasattr(f, "entries"):  # the contents
        return min(height, height * FIRST_LINES / max(len(f.entries), 1))
    return height + f.getSpaceBefore()


def keep_headings(flowables: list[Flowable], width: float) -> list[Flowable]:
    """The story with a conditional page break before each run of headings (``level`` > 0) asking for room for them
    and the first part of what follows; a figure after them may float, so the text after the figure counts."""
    out: list[Flowable] = []
    i = 0
    while i < len(flowables):
        if not _level(flowables[i]):
            out.append(flowables[i])
            i += 1
            continue
        j = i
        need = 0.0
        while j < len(flowables) and _level(flowables[j]):
            h = flowables[j]
            need += h.wrap(width, 1e6)[1] + h.getSpaceBefore() + h.getSpaceAfter()
            j += 1
        k = j
        while k < len(flowables) and isinstance(flowables[k], Figure) and k + 1 < len(flowables) \
                and isinstance(flowables[k + 1], (Table, KinsokuParagraph)) and not _level(flowables[k + 1]):
            k += 1
        need += _first_part(flowables[k] if k < len(flowables) else None, width)
        space = CondPageBreak(need)
        space.before_level = _level(flowables[i])
        out.append(space)
        out += flowables[i:j]
        i = j
    return out


class FloatingDocTemplate(BaseDocTemplate):
    """A document template whose figures float (see the module's docstring). The rest of a paragraph or table
    split at the end of a page comes first on the next page: floats wait until it is placed, then come if they fit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.floating: list[Figure] = []
        self._rest: Flowable | None = None  # the part of a split flowable still to place
        self._resume = False  # that part was just placed at the top of a page

    def _fits(self, f: Flowable) -> bool:
        frame = self.frame
        room = frame._y - frame._y1p - (0 if frame._atTop else f.getSpaceBefore())
        return f.wrapOn(self.canv, frame._getAvailableWidth(), room)[1] <= room

    def _flush(self, flowables: list[Flowable], forced: bool) -> None:
        for f in self.floating:
            f.floated = forced  # a forced float is placed where it comes; otherwise it may float on again
        flowables[0:0] = self.floating
        self.floating = []

    def handle_flowable(self, flowables):
        if flowables is self._hanging or self.frame is None:  # the template's own actions between pages
            return super().handle_flowable(flowables)
        first = flowables[0]
        top = self.frame._atTop
        if self.floating:
            if isinstance(first, (PageBreak, EndOfFloats)) or getattr(first, "before_level", 0) == 1 or (top and first is not self._rest):
                self._flush(flowables, forced=True)
            elif self._resume:
                self._flush(flowables, forced=False)
        self._resume = False
        first = flowables[0]
        if isinstance(first, Figure) and not first.floated and not self.frame._atTop and (self.floating or not self._fits(first)):
            self.floating.append(flowables.pop(0))
            return
        following = flowables[1] if len(flowables) > 1 else None
        continuing = top and first is self._rest
        super().handle_flowable(flowables)
        if flowables and flowables[0] is not first and flowables[0] is not following:
            self._rest = flowables[0]  # split: the rest goes on the next page
        self._resume = continuing and not (flowables and flowables[0] is self._rest)
