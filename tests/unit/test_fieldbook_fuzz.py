"""Hostile field workbooks: wrong types, merged cells, formulas where values belong, extra and missing sheets,
oversized sheets. Each is either imported whole or refused with a clear error, and a refusal changes nothing."""

from __future__ import annotations

import shutil
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.cli_helpers import file_digest
from tests.unit.test_field_data import parcels_with_strata
from tests.unit.test_fieldbook import wind_with_meters
from workbench.domain.errors import UserError
from workbench.services.monitoring import field_data, fieldbook
from workbench.services.support import spreadsheets, text_files
from workbench.services.support.context import Actor
from workbench.services.demo.projects import create_demo_projects

ON = Actor("tester", date(2026, 1, 10))
CELLS = st.one_of(
    st.none(), st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),  # what a cell can hold st.integers(-10**6, 10**9), st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(), st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["=1/0", "=A2", "=SUM(D2:D3)", "#N/A", "EXP-1", "IMP-1", "1e400", "NaN", "-0", " 12 ", "１２"]),
)
EDITS = st.lists(st.tuples(st.integers(2, 12), st.integers(1, 5), CELLS), min_size=1, max_size=25)
MERGES = st.lists(st.tuples(st.integers(2, 12), st.integers(1, 4), st.integers(0, 2), st.integers(0, 1)), max_size=3)


def outcome(ws, path, kind="readings"):
    """Imported (and importing again adds nothing) or refused with nothing written; anything else fails the test."""
    before = file_digest(ws)
    try:
        _, reports = field_data.import_workbook(ws, ON, "VN-OFW-01" if kind == "readings" else "GX-AR-01", path)
    except UserError as refused:
        assert str(refused) and "Traceback" not in str(refused)
        assert file_digest(ws) == before
        return "refused"
    again = field_data.import_workbook(ws, ON, "VN-OFW-01" if kind == "readings" else "GX-AR-01", path)[1]
    assert again[kind].new == 0
    return "imported"


@pytest.fixture(autouse=True)
def short_workbooks(monkeypatch):
    """Fewer prepared rows keep each generated workbook quick to write and read; the checks are the same."""
    monkeypatch.setattr(fieldbook, "ROWS", 40)


@pytest.fixture
def template(ws, tmp_path):
    wind_with_meters(ws)
    return fieldbook.export_workbook(ws, "VN-OFW-01", tmp_path / "template.xlsx", ON.today)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS, merges=MERGES, extra=st.booleans())
def test_any_edit_of_the_readings_sheet_is_imported_whole_or_refused_cleanly(ws, template, tmp_path, edits, merges, extra):
    path = tmp_path / "fuzz.xlsx"
    shutil.copy(template, path)
    book = load_workbook(path)
    sheet = book["Readings 读数"]
    for row, col, value in edits:
        sheet.cell(row, col, value)
    for row, col, down, right in merges:
        if down or right:
            sheet.merge_cells(start_row=row, start_column=col, end_row=row + down, end_column=col + right)
    if extra:
        book.create_sheet("Readings (old)").append(["meter", "start", "kwh"])  # a second sheet with a similar name: the first wins
    book.save(path)
    assert outcome(ws, path) in ("imported", "refused")


def test_a_formula_where_a_value_belongs_is_named(ws, template, tmp_path):
    book = load_workbook(template)
    sheet = book["Readings 读数"]
    sheet.cell(2, 1, "EXP-1"), sheet.cell(2, 2, datetime(2025, 3, 1)), sheet.cell(2, 3, 60), sheet.cell(2, 4, "=100*2")
    book.save(tmp_path / "f.xlsx")
    before = file_digest(ws)
    with pytest.raises(UserError, match=r"sheet 'Readings 读数' row 2, column kwh: holds a formula whose result the file does not carry .*"
                                        r"open and save the file in Excel/WPS"):
        field_data.import_workbook(ws, ON, "VN-OFW-01", tmp_path / "f.xlsx")
    assert file_digest(ws) == before


def test_merged_cells_carry_their_value_to_every_row_they_cover(ws, template, tmp_path):
    book = load_workbook(template)
    sheet = book["Readings 读数"]
    for row in (2, 3):
        sheet.cell(row, 1, "EXP-1"), sheet.cell(row, 2, datetime(2025, 3, 1, row)), sheet.cell(row, 3, 60), sheet.cell(row, 4, 5)
    sheet.merge_cells("A2:A3")
    book.save(tmp_path / "m.xlsx")
    _, reports = field_data.import_workbook(ws, ON, "VN-OFW-01", tmp_path / "m.xlsx")
    assert reports["readings"].meters == {"EXP-1": 2}


def test_a_workbook_without_any_known_sheet_and_an_oversized_sheet_are_refused(ws, template, tmp_path, monkeypatch):
    book = load_workbook(template)
    book["Readings 读数"].title = "Sheet1"
    book.save(tmp_path / "renamed.xlsx")
    with pytest.raises(UserError, match=r"has no sheet this project's field data goes in; expected one named 'Readings…'"):
        field_data.import_workbook(ws, ON, "VN-OFW-01", tmp_path / "renamed.xlsx")
    book = load_workbook(template)
    sheet = book["Readings 读数"]
    sheet.cell(3000, 1, "EXP-1")
    book.save(tmp_path / "long.xlsx")
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 2500)
    with pytest.raises(UserError, match=r"long.xlsx sheet 'Readings 读数': has 3,000 rows; at most 2,500 are accepted in one file"):
        field_data.import_workbook(ws, ON, "VN-OFW-01", tmp_path / "long.xlsx")
    (tmp_path / "big.csv").write_text("meter,start,kwh\n" + "EXP-1,2025-01-01 00:00,1\n" * 200)
    monkeypatch.setattr(text_files, "MAX_TEXT_BYTES", 1024)
    with pytest.raises(UserError, match=r"big.csv: is 0.0 MiB; at most 0.0 MiB are accepted in one file — split it"):
        field_data.import_file(ws, ON, "VN-OFW-01", tmp_path / "big.csv")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UserError, match="cannot be read as a spreadsheet"):
        field_data.import_workbook(ws, ON, "VN-OFW-01", tmp_path / "broken.xlsx")


PLOT_CELLS = st.one_of(CELLS, st.sampled_from(["F1", "fir-2021", "Pinus massoniana", "杉木", "400", "12.5", "2023-11-20"]))


@pytest.fixture
def forest_template(ws, tmp_path):
    create_demo_projects(ws, ON)
    parcels_with_strata(ws, tmp_path)
    return fieldbook.export_workbook(ws, "GX-AR-01", tmp_path / "plots-template.xlsx", ON.today)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(2, 8), st.integers(1, 10), PLOT_CELLS), min_size=1, max_size=30))
def test_any_edit_of_the_plots_sheet_is_imported_whole_or_refused_cleanly(ws, forest_template, tmp_path, edits):
    path = tmp_path / "plots.xlsx"
    shutil.copy(forest_template, path)
    book = load_workbook(path)
    sheet = book["Plots 样地"]
    for row, col, value in edits:
        sheet.cell(row, col, value)
    book.save(path)
    assert outcome(ws, path, "plots") in ("imported", "refused")
