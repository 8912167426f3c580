"""Readings checked in bulk are checked as row by row: the CSV blocks split with ``str`` operations hold the cells
``csv.reader`` reads, and a file parsed in blocks gives the readings and the refusals the row-by-row checks give
(hypothesis, bounded, over files mixing plain rows with every kind of near miss)."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from workbench.services.monitoring.monitoring_import import _RowParser, _columns, parse_readings
from workbench.services.support import csv_blocks
from workbench.services.support.tabular import find_header, table

BOUNDED = settings(max_examples=80, deadline=None)


def _written(text: str, encoding: str = "utf-8") -> Path:
    path = Path(tempfile.mkdtemp()) / "r.csv"
    path.write_bytes(text.encode(encoding))
    return path


lines = st.lists(st.text(alphabet=st.sampled_from(list('ab,1.-: "\r\x00表')), max_size=12), max_size=30)


@BOUNDED
@given(lines, st.sampled_from(["\n", "\r\n"]), st.booleans(), st.integers(min_value=1, max_value=40))
@example(["", "1"], "\n", False, 1)  # a blank line among one-cell rows is a row of no cells
def test_blocks_hold_the_cells_csv_reader_reads(body, newline, last_newline, block_chars):
    text = "h1,h2\n" + newline.join(body) + (newline if last_newline and body else "")
    path = _written(text)
    with path.open(encoding="utf-8", newline="") as fh:
        expected = list(csv.reader(fh))[1:]
    csv_blocks.BLOCK_CHARS, saved = block_chars, csv_blocks.BLOCK_CHARS  # small blocks: many block boundaries
    try:
        source = csv_blocks.CsvFile(path)
        next(source.rows())
        got = [numbered for block in source.blocks(2, 7) for numbered in block.numbered()]
    finally:
        csv_blocks.BLOCK_CHARS = saved
    assert got == list(enumerate(expected, start=2))


meters = st.sampled_from(["EXP-1", "EXP-2", " EXP-1", ""])
starts = st.sampled_from(["2025-01-01 00:00", "2025-01-01 00:15", "2024-02-29 23:45", "2025-02-29 00:00", "2025-13-01 00:00",
                          "2025-01-01 24:00", "2025-01-01 23:60", "2025-1-01 00:00", "2025/01/01 00:30", "2025-01-01T00:45",
                          "2025-01-01 00:30+07:00", "２０２５-01-01 00:00", "x", ""])
minutes = st.sampled_from(["15", "60", "", " 15", "20", "1440"])
energies = st.sampled_from(["0", "1234.5", "1234.567", "1234.5678", ".5", "5.", "1.2.3", "-1", "1e3", "inf", "nan", "١٢", "",
                            "9999999999", "10000000000.001", "99999999999999999999", "0000000000001.5", "12 kWh"])
rows = st.lists(st.tuples(meters, starts, minutes, energies), min_size=1, max_size=25)


def _row_by_row(path: Path):
    """The reference: every row through the row checks."""
    source = table(path, "Readings")
    header, at = find_header(source, lambda cells: _columns(cells, {}) is not None)
    cols, unit = _columns(header, {})
    parser = _RowParser(source, {}, cols, unit, header)
    for number_, cells in enumerate(source.rows, start=at + 1):
        parser.row(number_, cells)
    return parser.finish()


@BOUNDED
@given(rows, st.sampled_from(["wh", "kwh", "mwh"]), st.integers(min_value=1, max_value=60))
def test_a_file_read_in_blocks_gives_the_readings_and_refusals_row_by_row_checks_give(body, unit, block_chars):
    path = _written(f"meter,start,minutes,{unit}\n" + "".join(f"{m},{t},{n},{e}\n" for m, t, n, e in body))
    csv_blocks.BLOCK_CHARS, saved = block_chars, csv_blocks.BLOCK_CHARS
    try:
        bulk, bulk_errors = parse_readings(path)
    finally:
        csv_blocks.BLOCK_CHARS = saved
    each, each_errors = _row_by_row(path)
    assert bulk_errors == each_errors
    assert (bulk.serials, list(bulk.meter), list(bulk.minutes), list(bulk.whs), bulk.stamps, list(bulk.rows)) == \
           (each.serials, list(each.meter), list(each.minutes), list(each.whs), each.stamps, list(each.rows))


def test_a_plain_file_is_read_in_bulk_not_row_by_row(monkeypatch):
    """The bulk path is taken for a plain export (else the equivalence above would hold trivially)."""
    path = _written("meter,start,minutes,kwh\n" + "".join(f"EXP-1,2025-01-01 {h:02d}:00,60,{h}.125\n" for h in range(24)))
    monkeypatch.setattr(_RowParser, "row", lambda *a: (_ for _ in ()).throw(AssertionError("read row by row")))
    parsed, errors = parse_readings(path)
    assert errors == [] and list(parsed.whs) == [h * 1000 + 125 for h in range(24)]
