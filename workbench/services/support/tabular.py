"""Reading tables from CSV or XLSX for the importers: rows as text, headers found by alias or saved mapping,
and every problem gathered before one clear refusal (file, sheet, row, column, value, what is accepted)."""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from workbench.domain.errors import UserError

# a number too large for a date in a date-formatted cell: openpyxl warns and reads the cell as an error value,
# which the importers then refuse with its sheet, row and column
warnings.filterwarnings("ignore", message=r"Cell .* is marked as a date", category=UserWarning)

MAX_ERRORS = 200  # stop reading a hopeless file
SHOWN_ERRORS = 10
MAX_ROWS = 2_000_000  # a sheet longer than this is refused before it is read into memory
MAX_CSV_BYTES = 512 * 2**20  # a CSV is read whole (to know its encoding): larger ones are refused


def cell_text(value) -> str:
    """A cell as the text a CSV would hold: dates in ISO form, whole numbers without a trailing '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def existing_file(path: str | Path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise UserError("no such file", where=str(path))
    return path


def workbook(path: Path):
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise UserError(f"cannot be read as an Excel workbook ({exc.__class__.__name__})", where=str(path))


def sheet_rows(path: Path, sheet) -> tuple[str, Iterator[list[str]]]:
    """A worksheet's rows as text, with where errors point. Formulas are read as their cached values."""
    where = f"{path} sheet {sheet.title!r}"
    if (sheet.max_row or 0) > MAX_ROWS:
        raise UserError(f"has {sheet.max_row:,} rows; at most {MAX_ROWS:,} are accepted in one file — split it", where=where)

    def cells() -> Iterator[list[str]]:
        for values in sheet.iter_rows(values_only=True):
            yield [cell_text(v) for v in values]

    return where, cells()


def table(path: Path, sheet_prefix: str) -> tuple[str, Iterator[list[str]]]:
    """The rows of a CSV file, or of a workbook's sheet whose name starts with ``sheet_prefix`` (else its first)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        book = workbook(path)
        sheet = next((w for w in book.worksheets if w.title.startswith(sheet_prefix)), book.worksheets[0])
        where, rows = sheet_rows(path, sheet)

        def closing() -> Iterator[list[str]]:
            yield from rows
            book.close()

        return where, closing()
    if suffix not in (".csv", ".txt"):
        raise UserError(f"file type {suffix or '(none)'} is not accepted; use .csv or .xlsx", where=str(path))
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise UserError(f"is {size / 2**20:,.1f} MiB; at most {MAX_CSV_BYTES / 2**20:,.1f} MiB are accepted in one file — split it", where=str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = path.read_text(encoding="gb18030")
        except UnicodeDecodeError:
            raise UserError("is neither UTF-8 nor GB18030 text", where=str(path))
    reader = csv.reader(io.StringIO(text, newline=""))

    def lines() -> Iterator[list[str]]:
        try:
            yield from reader
        except csv.Error as exc:
            raise UserError(f"is not well-formed CSV at line {reader.line_num} ({exc})", where=str(path))

    return str(path), lines()


def normal(title: str) -> str:
    """A header as compared: its first line (the field workbook puts the translation on a second), no spaces, lower case."""
    return title.strip().split("\n")[0].strip().lower().replace(" ", "")


def columns(header: list[str], aliases: Mapping[str, tuple[str, ...]], mapping: Mapping[str, str] | None = None) -> dict[str, int]:
    """Which column holds each field: a saved mapping's column title first, then the accepted aliases."""
    titles = [normal(h) for h in header]
    found: dict[str, int] = {}
    for name, names in aliases.items():
        wanted = ((normal(mapping[name]),) if mapping and mapping.get(name) else ()) + names
        index = next((titles.index(a) for a in wanted if a in titles), None)
        if index is not None:
            found[name] = index
    return found


def records(source: tuple[str, Iterator[list[str]]], aliases: Mapping[str, tuple[str, ...]], required: tuple[str, ...],
            filled: tuple[str, ...], mapping: Mapping[str, str] | None, errors: list[str]) -> Iterator[tuple[int, str, dict[str, str]]]:
    """(row number, where, field → text) for each row with any of the ``filled`` fields, after a header that names
    every ``required`` field; stops with a note after MAX_ERRORS problems."""
    where, rows = source
    try:
        header = next(rows)
    except StopIteration:
        raise UserError("is empty", where=where)
    cols = columns(header, aliases, mapping)
    missing = [n for n in required if n not in cols]
    if missing:
        raise UserError(f"header {header!r} lacks {', '.join(missing)}; accepted columns: "
                        + "; ".join(f"{k} ({'/'.join(v[1:])})" for k, v in aliases.items()), where=f"{where} row 1")
    width = max(cols.values()) + 1
    for number, cells in enumerate(rows, start=2):
        if len(errors) >= MAX_ERRORS:
            errors.append(f"{where}: stopped reading at row {number} after {MAX_ERRORS} problems")
            return
        cells = padded(cells, width)
        value = {name: cells[i].strip() for name, i in cols.items()}
        if any(value.get(n) for n in filled):
            yield number, f"{where} row {number}", value


def padded(cells: list[str], width: int) -> list[str]:
    return cells + [""] * (width - len(cells)) if len(cells) < width else cells


def decimal_cell(raw: str, place: str, column: str, errors: list[str], low: Decimal | None = None, high: Decimal | None = None,
                 accepted: str = "a number") -> Decimal | None:
    """A number within [low, high], or None with the problem added to ``errors``."""
    try:
        value = Decimal(raw.strip().replace(",", ""))
    except InvalidOperation:
        errors.append(f"{place}, column {column}: {raw.strip()!r} is not a number; expected {accepted}")
        return None
    if not value.is_finite() or (low is not None and value < low) or (high is not None and value > high):
        errors.append(f"{place}, column {column}: {raw.strip()!r} is out of range; expected {accepted}")
        return None
    return value


def date_cell(raw: str, place: str, column: str, errors: list[str]) -> date | None:
    text = raw.strip()
    try:
        return datetime.fromisoformat(text).date() if " " in text or "T" in text else date.fromisoformat(text)
    except ValueError:
        errors.append(f"{place}, column {column}: {text!r} is not a date; use YYYY-MM-DD")
        return None


def refuse_if(errors: list[str]) -> None:
    """One refusal listing the first problems and how many more there are; nothing has been stored."""
    if errors:
        shown = errors[:SHOWN_ERRORS]
        more = f" … and {len(errors) - SHOWN_ERRORS} more" if len(errors) > SHOWN_ERRORS else ""
        raise UserError(f"nothing imported, {len(errors)} problem(s): " + "; ".join(shown) + more)
