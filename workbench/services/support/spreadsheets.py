"""Spreadsheets (.xlsx, .xlsm, .xls, .ods) read with python-calamine: every row the sheet holds, whatever its
declared dimension says; merged cells carry their value into every cell they cover; a cell left empty because it
holds a formula without a saved result is told from an empty cell (calamine reads both as '') by looking at the
formula with openpyxl, only on that path.

``open_workbook`` is the one place a spreadsheet file is opened, so a resource guard can sit in front of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from workbench.domain.errors import UserError
from workbench.services.support.file_guards import guard_input

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")
MAX_ROWS = 2_000_000  # a sheet longer than this is refused before it is read


def cell_text(value) -> str:
    """A cell as the text a CSV would hold: dates in ISO form, whole numbers without a trailing '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


def open_workbook(path: Path):
    """The workbook, or a refusal naming the file when it is not one."""
    from python_calamine import CalamineWorkbook

    guard_input(path)  # sizes, zip expansion and the shared-strings table bounded before calamine expands anything
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # noqa: BLE001 - calamine raises its own kinds for a damaged or foreign file
        raise UserError("error.spreadsheets.cannot_be_read_as_a_spreadsheet", where=str(path), error_kind=exc.__class__.__name__, value=str(exc)[:120])


def sheet_names(book) -> list[str]:
    return list(book.sheet_names)


def sheet_rows(path: Path, book, name: str) -> tuple[str, Iterator[list[str]], int]:
    """A sheet's rows as text (row i of the iterator is the sheet's row i + 1), with where errors point and the
    number of its last row."""
    where = f"{path} sheet {name!r}"
    try:
        sheet = book.get_sheet_by_name(name)
    except Exception as exc:  # noqa: BLE001 - a damaged sheet part
        raise UserError("error.spreadsheets.cannot_be_read", where=where, error_kind=exc.__class__.__name__, value=str(exc)[:120])
    last_row = sheet.end[0] + 1 if sheet.end else 0
    if last_row > MAX_ROWS:
        raise UserError("error.spreadsheets.has_rows_at_most_are_accepted", where=where, last_row=last_row, MAX_ROWS=MAX_ROWS)
    lead = [""] * (sheet.start[1] if sheet.start else 0)  # calamine leaves out empty leading columns: put them back
    merged = sheet.merged_cell_ranges or []

    def rows() -> Iterator[list[str]]:
        fill: dict[tuple[int, int], str] = {}
        for index, values in enumerate(sheet.iter_rows()):
            cells = lead + [cell_text(v) for v in values]
            for (r0, c0), (r1, c1) in merged:
                if r0 <= index <= r1:
                    if index == r0:
                        fill[(r0, c0)] = cells[c0] if 0 <= c0 < len(cells) else ""
                    cells += [""] * (c1 + 1 - len(cells))
                    for c in range(c0, c1 + 1):
                        cells[c] = cells[c] or fill[(r0, c0)]
            yield cells

    return where, rows(), last_row


def formula_without_value(path: Path, sheet: str, row: int, column: int) -> bool:
    """Whether the cell at ``row`` (1-based) and ``column`` (0-based) holds a formula, whose result the file does not
    carry (calamine read it as empty). Looked up with openpyxl only when a needed cell is empty."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=False)
        try:
            ws = book[sheet]
            ws.reset_dimensions()  # the declared dimension may be stale
            values = next(ws.iter_rows(min_row=row, max_row=row, min_col=column + 1, max_col=column + 1, values_only=True), ())
        finally:
            book.close()
    except Exception:  # noqa: BLE001 - only a better message is at stake; the plain refusal stands
        return False
    return bool(values) and isinstance(values[0], str) and values[0].startswith("=")
