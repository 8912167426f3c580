"""A CSV file's rows as the ``csv`` module reads them, and after the header in blocks split in bulk.

A long readings export is plain text: no quotes, one field count on every line. Such a block of lines is split
with two ``str`` operations into one flat list of cells instead of a Python call per row — exactly the cells
``csv.reader`` would give, since without quotes, NUL characters or lone carriage returns the default dialect
only splits at commas and line ends. A block with any of those is read with ``csv.reader`` instead, from there to
the end of the file, so a quoted field running across a block boundary is read whole.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, repeat
from operator import itemgetter
from pathlib import Path

from workbench.domain.errors import UserError
from workbench.services.support.text_files import open_text_file

BLOCK_CHARS = 1 << 20  # about 28,000 readings of a typical export a block


@dataclass
class Block:
    """Consecutive rows of a table, the first of them row ``first`` (1-based): a flat list of cells, ``width`` of
    them a row, when every row has the same number of cells; else the rows as lists."""

    first: int
    cells: list[str] | None = None
    width: int = 0
    rows: list[list[str]] | None = None

    def __len__(self) -> int:
        return len(self.cells) // self.width if self.cells is not None else len(self.rows)

    def columns(self, indices: tuple[int, ...]) -> list[list[str]] | None:
        """The cells of each column in ``indices``, or None when some row is too short to have them all."""
        if self.cells is not None:
            if max(indices) >= self.width:
                return None
            return [self.cells[i::self.width] for i in indices]
        if min(map(len, self.rows)) <= max(indices):
            return None
        return [list(map(itemgetter(i), self.rows)) for i in indices]

    def numbered(self) -> Iterator[tuple[int, list[str]]]:
        """(row number, cells) for each row."""
        if self.rows is not None:
            return enumerate(self.rows, start=self.first)
        w = self.width
        return enumerate((self.cells[i:i + w] for i in range(0, len(self.cells), w)), start=self.first)


class CsvFile:
    """One CSV file: ``rows`` as ``csv.reader`` gives them (for the header search), then ``blocks`` for the rest."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stream = open_text_file(path)
        self.reader = csv.reader(self.stream)
        self.size = path.stat().st_size
        self.chars_read = 0  # by ``blocks``: with the rows read, how long the file is estimated to be
        self.at_end = False

    def rows_estimated(self, rows_read: int) -> int:
        """The rows the file holds, estimated from ``rows_read`` and the share of the file read (characters against
        bytes: the same for the ASCII of a meter export, near enough for the Chinese of its header); 0 when not known
        (the rest of a file with quoted fields is read by ``csv.reader``, which does not say how far it got)."""
        if self.at_end:
            return rows_read
        if not self.chars_read:
            return 0
        return max(rows_read, round(rows_read * self.size / self.chars_read))

    def rows(self) -> Iterator[list[str]]:
        """The rows from the first; the file is closed at its end (left earlier, ``blocks`` reads on from there)."""
        yield from self._checked(self.reader, 0)
        self.stream.close()

    def _checked(self, reader, lines_before: int) -> Iterator[list[str]]:
        try:
            yield from reader
        except csv.Error as exc:
            raise UserError("error.tabular.is_not_well_formed_csv_at", where=str(self.path), line_num=lines_before + reader.line_num, exc=exc)

    def blocks(self, first: int, rows_per_block: int) -> Iterator[Block]:
        """The rows after those ``rows`` has given, from row number ``first``."""
        try:
            lines_done = self.reader.line_num
            while raw := self.stream.read(BLOCK_CHARS):
                self.at_end = len(raw) < BLOCK_CHARS
                raw += self.stream.readline()  # to the end of a line
                self.chars_read += len(raw)
                block = raw.replace("\r\n", "\n") if "\r" in raw else raw
                lines = block.split("\n")
                if lines[-1] == "":
                    lines.pop()
                if '"' in block or "\r" in block or "\0" in block or max(map(len, lines), default=0) > csv.field_size_limit():
                    rows = self._checked(csv.reader(chain(io.StringIO(raw, newline=""), self.stream)), lines_done)
                    self.chars_read = 0
                    yield from _row_blocks(rows, first, rows_per_block)
                    return
                lines_done += len(lines)
                end = len(lines)
                while end and not lines[end - 1]:  # blank lines at the end of the file are rows too, but not plain ones
                    end -= 1
                counts = set(map(str.count, lines[:end], repeat(",")))
                if len(counts) == 1 and "" not in lines[:end]:  # a blank line is a row of no cells, not of one empty cell
                    yield Block(first, cells=",".join(lines[:end]).split(","), width=counts.pop() + 1)
                else:
                    end = 0
                if end < len(lines):
                    yield Block(first + end, rows=[line.split(",") if line else [] for line in lines[end:]])
                first += len(lines)
        finally:
            self.stream.close()


def _row_blocks(rows: Iterator[list[str]], first: int, size: int) -> Iterator[Block]:
    while True:
        chunk = [row for _, row in zip(range(size), rows)]
        if not chunk:
            return
        yield Block(first, rows=chunk)
        first += len(chunk)
