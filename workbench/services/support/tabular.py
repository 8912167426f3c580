"""Reading tables from CSV or XLSX for the importers: rows as text, headers found by alias or saved mapping,
and every problem gathered before one clear refusal (file, sheet, row, column, value, what is accepted)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import islice
from pathlib import Path

from workbench.domain.errors import UserError
from workbench.domain.progress import Steps
from workbench.domain.text import Joined, Text
from workbench.services.support.cell_values import date_time, number
from workbench.services.support.csv_blocks import Block, CsvFile
from workbench.services.support.spreadsheets import SPREADSHEETS, formula_without_value, open_workbook, sheet_names, sheet_rows

MAX_ERRORS = 200  # stop reading a hopeless file
SHOWN_ERRORS = 10
HEADER_SEARCH = 20  # title rows a metering-system report puts above its header: the header is looked for this far
NO_SAVED_VALUE = ("holds a formula whose result the file does not carry (it was written by a program, not saved by "
                  "Excel/WPS); open and save the file in Excel/WPS, then import it again")


@dataclass
class Table:
    """A file's rows as text, with where errors point; unpacks as ``(where, rows)``."""

    where: str
    rows: Iterator[list[str]]
    path: Path | None = None
    sheet: str | None = None  # a spreadsheet's sheet
    csv_file: CsvFile | None = None  # a CSV file, whose plain rows are split in bulk
    last_row: int = 0  # a sheet's last row; 0 for a CSV file, whose length is known once read

    def __iter__(self):
        return iter((self.where, self.rows))

    def blocks(self, first: int, size: int) -> Iterator[Block]:
        """The rows not yet read, in blocks of about ``size`` rows, numbered from ``first``."""
        if self.csv_file is not None:
            yield from self.csv_file.blocks(first, size)
            return
        while chunk := list(islice(self.rows, size)):
            yield Block(first, rows=chunk)
            first += len(chunk)

    def extent(self, rows_read: int) -> tuple[int, bool]:
        """The rows the table holds, for a progress bar once ``rows_read`` have been read: a sheet's exactly (True); a
        CSV file's estimated from the share of the file read so far (False)."""
        if self.csv_file is None:
            return self.last_row, True
        return self.csv_file.rows_estimated(rows_read), False

    def empty(self, row: int, column: int) -> str:
        """Why a needed cell at ``row`` (1-based), ``column`` (0-based) reads empty: a formula without a saved
        value, or plainly empty."""
        if self.sheet is not None and self.path is not None and formula_without_value(self.path, self.sheet, row, column):
            return NO_SAVED_VALUE
        return "empty"


def rows_read(steps: Steps, source: Table, row: int) -> None:
    """A step once ``source`` has been read up to ``row``: "row 20,000 of 50,000" for a sheet, "of about 50,000"
    for a CSV file (estimated from the share of the file read), else "row 20,000"."""
    total, exact = source.extent(row)
    if total <= 0:
        steps.step(Text("progress.rows_read", row=row))
    else:
        what = Text("progress.rows_read_of", row=row, total=total) if exact else Text("progress.rows_read_of_about", row=row, total=total)
        steps.step(what, min(row, total), total)


def existing_file(path: str | Path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise UserError("error.tabular.no_such_file", where=str(path))
    return path


def sheet_table(path: Path, book, name: str) -> Table:
    where, rows, last_row = sheet_rows(path, book, name)
    return Table(where, rows, path, name, last_row=last_row)


def pick_sheet(book, prefix: str) -> str | None:
    return next((n for n in sheet_names(book) if n.startswith(prefix)), None)


def table(path: Path, sheet_prefix: str) -> Table:
    """The rows of a CSV file, or of a spreadsheet's sheet whose name starts with ``sheet_prefix`` (else its first)."""
    suffix = path.suffix.lower()
    if suffix in SPREADSHEETS:
        book = open_workbook(path)
        names = sheet_names(book)
        if not names:
            raise UserError("error.tabular.holds_no_sheet", where=str(path))
        return sheet_table(path, book, pick_sheet(book, sheet_prefix) or names[0])
    if suffix not in (".csv", ".txt"):
        raise UserError("error.tabular.file_type_is_not_accepted_use", where=str(path), value=suffix or '(none)')
    csv_file = CsvFile(path)
    return Table(str(path), csv_file.rows(), path, csv_file=csv_file)


def find_header(source: Table, fits: Callable[[list[str]], bool]) -> tuple[list[str], int]:
    """The header row — the first of the first HEADER_SEARCH rows that ``fits`` (title rows above it are skipped) —
    and its row number; else the first non-empty row with number 0 (for the caller's refusal)."""
    first: list[str] | None = None
    for number_, cells in enumerate(source.rows, start=1):
        if fits(cells):
            return cells, number_
        if first is None and any(c.strip() for c in cells):
            first = cells
        if number_ >= HEADER_SEARCH:
            break
    if first is None:
        raise UserError("error.tabular.is_empty", where=source.where)
    return first, 0


def normal(title: str) -> str:
    """A header as compared: its first line (the field workbook puts the translation on a second), no spaces, lower
    case, full-width brackets as ASCII ones (``胸径（mm）`` is ``胸径(mm)``)."""
    return title.strip().split("\n")[0].strip().lower().replace(" ", "").replace("（", "(").replace("）", ")")


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


def records(source: Table, aliases: Mapping[str, tuple[str, ...]], required: tuple[str | tuple[str, ...], ...],
            filled: tuple[str, ...], mapping: Mapping[str, str] | None, errors: list[Text]) -> Iterator[tuple[int, Text, dict[str, str]]]:
    """(row number, where, field → text) for each row with any of the ``filled`` fields, after a header that names
    every ``required`` field (a tuple: one of its fields) — found below any title rows; stops with a note after
    MAX_ERRORS problems. An empty needed cell that holds a formula without a saved result is named so."""
    def lacking(cols: dict[str, int]) -> list[str]:
        return ["/".join(n) if isinstance(n, tuple) else n for n in required
                if not any(k in cols for k in (n if isinstance(n, tuple) else (n,)))]

    header, at = find_header(source, lambda cells: not lacking(columns(cells, aliases, mapping)))
    cols = columns(header, aliases, mapping)
    if not at:
        raise UserError("error.tabular.header_lacks", where=Text("where.file_row", file=source.where, row=1), header=header, lacking=", ".join(lacking(cols)),
                        accepted="; ".join(f"{k} ({'/'.join(v[1:])})" for k, v in aliases.items()))
    width = max(cols.values()) + 1
    for number_, cells in enumerate(source.rows, start=at + 1):
        if len(errors) >= MAX_ERRORS:
            errors.append(Text("import.stopped_reading", where=source.where, row=number_, count=MAX_ERRORS))
            return
        cells = padded(cells, width)
        value = {name: cells[i].strip() for name, i in cols.items()}
        if any(value.get(n) for n in filled):
            unsaved = [name for name in filled if name in cols and not value[name] and source.empty(number_, cols[name]) == NO_SAVED_VALUE]
            errors += [Text("import.no_saved_value", place=Text("where.file_row", file=source.where, row=number_),
                            column=header[cols[n]].strip().splitlines()[0]) for n in unsaved]
            if not unsaved:
                yield number_, Text("where.file_row", file=source.where, row=number_), value


def padded(cells: list[str], width: int) -> list[str]:
    return cells + [""] * (width - len(cells)) if len(cells) < width else cells


def decimal_cell(raw: str, place: Text, column: str, errors: list[Text], low: Decimal | None = None, high: Decimal | None = None,
                 accepted: Text | None = None) -> Decimal | None:
    """A number within [low, high], or None with the problem added to ``errors`` (``accepted`` says what fits)."""
    accepted = accepted or Text("import.accepted.a_number")
    try:
        value = number(raw)
    except InvalidOperation:
        errors.append(Text("import.not_a_number", place=place, column=column, value=raw.strip(), accepted=accepted))
        return None
    if not value.is_finite() or (low is not None and value < low) or (high is not None and value > high):
        errors.append(Text("import.out_of_range", place=place, column=column, value=raw.strip(), accepted=accepted))
        return None
    return value


def date_cell(raw: str, place: Text, column: str, errors: list[Text]) -> date | None:
    text = raw.strip()
    try:
        return date_time(text).date()
    except ValueError:
        errors.append(Text("import.not_a_date", place=place, column=column, value=text))
        return None


def refuse_if(errors: list[Text]) -> None:
    """One refusal listing the first problems and how many more there are; nothing has been stored."""
    if errors:
        more = [Text("import.and_more", count=len(errors) - SHOWN_ERRORS)] if len(errors) > SHOWN_ERRORS else []
        raise UserError("error.tabular.nothing_imported", count=len(errors), problems=Joined((*errors[:SHOWN_ERRORS], *more)))
