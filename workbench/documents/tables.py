"""Tables of the document model as ReportLab tables: column widths from content, headings repeated on every page.

Column widths follow the automatic table layout of CSS 2.1 §17.5.2.2: each column wants its widest line and needs
its widest unbreakable piece (linebreak.segments); when the wanted widths fit they are stretched to the full width,
otherwise each column gets its need plus a share of the rest in proportion to how much more it wants. A width
the template fixes (``width="32%"``) is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Table, TableStyle

from workbench.documents import model
from workbench.documents.linebreak import segments

PAD = 3.0
SIGN_HEIGHT = 85.0  # 3 cm: room for a handwritten signature and a company seal (公章) beside it
CHUNK = 60  # body rows per ReportLab table: splitting a table copies its remaining cells' styles on every page
GRID = HexColor("#7a8a99")
HEAD = HexColor("#e6edf3")


def _need(rows: Sequence[Sequence[model.Cell]], columns: list[int], measure: Callable[[str], float]) -> dict[int, float]:
    """Per column, the width of its widest unbreakable piece plus padding (only cells wider than that are split)."""
    need = {j: 0.0 for j in columns}
    for row in rows:
        for j, cell in enumerate(row):
            if j in need and measure(cell.text) + 2 * PAD > need[j]:
                need[j] = max(need[j], max((measure(s) for s in segments(cell.text)), default=0.0) + 2 * PAD)
    return need


def _want(rows: Sequence[Sequence[model.Cell]], columns: list[int], measure: Callable[[str], float]) -> dict[int, float]:
    """Per column, the width of its widest line plus padding."""
    want = {j: 0.0 for j in columns}
    for row in rows:
        for j, cell in enumerate(row):
            if j in want:
                want[j] = max(want[j], max((measure(line) for line in cell.text.split("\n")), default=0.0) + 2 * PAD)
    return want


def column_widths(rows: Sequence[Sequence[model.Cell]], available: float, measure: Callable[[str], float], heads: int = 0) -> list[float]:
    """Widths in points, summing to ``available``; ``measure(text)`` is a line's width in the table's font. A fixed
    width narrower than a word of its column is widened to that word. The first ``heads`` rows (column headings)
    fit on one line when there is room, and otherwise wrap: then they count for what a column needs, not wants."""
    columns = max((len(r) for r in rows), default=0)
    fixed: dict[int, float] = {}
    for row in rows:
        for j, cell in enumerate(row):
            if cell.width is not None and j not in fixed:
                fixed[j] = cell.width * available
    for j, need in _need(rows, list(fixed), measure).items():
        fixed[j] = max(fixed[j], min(need, available / 2))
    free = [j for j in range(columns) if j not in fixed]
    rest = max(available - sum(fixed.values()), 0.0)
    want = _want(rows[heads:] or rows, free, measure)
    headed = {j: max(w, _want(rows[:heads], [j], measure)[j]) for j, w in want.items()}
    if sum(headed.values()) <= rest:  # the headings fit on one line too
        want = headed
    else:  # a heading wraps, but not inside a word
        want = {j: max(w, _need(rows[:heads], [j], measure)[j]) for j, w in want.items()}
    total_want = sum(want.values())
    widths = dict(fixed)
    if free and total_want <= rest:
        for j in free:
            widths[j] = want[j] + (rest - total_want) * (want[j] / total_want if total_want else 1 / len(free))
    elif free:
        need = _need(rows, free, measure)
        want = {j: max(want[j], need[j]) for j in free}
        total_need = sum(need.values())
        if total_need >= rest:
            for j in free:
                widths[j] = need[j] * rest / total_need
        else:
            spare = sum(want[j] - need[j] for j in free)
            for j in free:
                widths[j] = need[j] + (rest - total_need) * ((want[j] - need[j]) / spare if spare else 1 / len(free))
    return [widths[j] for j in range(columns)]


def tables(table: model.Table, available: float, font: str, size: float, leading: float,
           paragraph: Callable[[tuple[model.Run, ...], ParagraphStyle], object], left: ParagraphStyle, right: ParagraphStyle) -> list[Table]:
    """The model table as one or more ReportLab tables of at most ``CHUNK`` body rows, each with the heading row.

    A cell whose text fits its column on one line is drawn as a string (fast); others become paragraphs broken by
    our line breaking. ``paragraph(runs, style)`` makes such a paragraph.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    rows = table.rows
    columns = max(len(r) for r in rows)
    heads = table.header_rows
    measured: dict[str, float] = {}  # sizing and the string-or-paragraph choice measure the same texts

    def measure(text: str) -> float:
        w = measured.get(text)
        if w is None:
            w = measured[text] = stringWidth(text, font, size)
        return w

    widths = column_widths(rows, available, measure, heads)
    body = rows[heads:]
    number_columns = {j for j in range(columns) if body and all(len(r) > j and r[j].number for r in body)}
    head_columns = {j for j in range(columns) if body and all(len(r) > j and r[j].header for r in body)}

    def content(cell: model.Cell, j: int):
        text = cell.text
        if any(r.missing or r.small for r in cell.runs) or "\n" in text or measure(text) > widths[j] - 2 * PAD:
            return paragraph(cell.runs, right if cell.number else left)
        return text

    base = [("FONT", (0, 0), (-1, -1), font, size, leading), ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *[(side, (0, 0), (-1, -1), PAD) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")],
            *[("ALIGN", (j, heads), (j, -1), "RIGHT") for j in number_columns],
            *[("BACKGROUND", (j, heads), (j, -1), HEAD) for j in head_columns]]
    if heads:
        base.append(("BACKGROUND", (0, 0), (-1, 0), HEAD))
        base += [("ALIGN", (j, 0), (j, 0), "RIGHT") for j, c in enumerate(rows[0]) if c.number]
    out = []
    for first in range(0, max(len(body), 1), CHUNK):
        chunk = body[first:first + CHUNK]
        data = [[content(c, j) for j, c in enumerate(r)] + [""] * (columns - len(r)) for r in (*rows[:heads], *chunk)]
        commands = list(base)
        for i, row in enumerate(chunk, start=heads):
            commands += [("ALIGN", (j, i), (j, i), "RIGHT") for j, c in enumerate(row) if c.number and j not in number_columns]
            commands += [("BACKGROUND", (j, i), (j, i), HEAD) for j, c in enumerate(row) if c.header and j not in head_columns]
        heights = [SIGN_HEIGHT if any(c.sign for c in r) else None for r in (*rows[:heads], *chunk)]
        out.append(Table(data, colWidths=widths, rowHeights=heights, style=TableStyle(commands), repeatRows=heads, splitInRow=1,
                         hAlign="LEFT"))
    out[0].spaceBefore, out[-1].spaceAfter = 4, 8
    return out
