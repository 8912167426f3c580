"""The field workbook: export, fill offline, import back; the same numbers as a direct CSV import; bad workbooks change nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from tests.cli_helpers import file_digest, run_cli
from workbench.domain.errors import UserError
from workbench.services.monitoring import accounting, fieldbook, meters, monitoring_import, periods
from workbench.services.methodology import methodology
from workbench.services.support.context import Actor
from workbench.services.demo.projects import create_demo_projects
from workbench.store.workspace import open_workspace

ON = Actor("tester", date(2026, 1, 10))


def wind_with_meters(ws) -> None:
    create_demo_projects(ws, ON)
    methodology.set_parameter(ws, ON, "VN-OFW-01", "grid", "VN-National")
    meters.add_meter(ws, ON, "VN-OFW-01", {"serial": "EXP-1", "role": "export", "accuracy_class": "0.2", "calibrated_on": "2025-01-05",
                                           "calibration_error": "0.1"})
    meters.add_meter(ws, ON, "VN-OFW-01", {"serial": "IMP-1", "role": "import", "accuracy_class": "0.5"})
    periods.add_period(ws, ON, "VN-OFW-01", "2025-01-01", "2025-12-31")


READINGS = [("EXP-1" if i % 2 else "IMP-1", datetime(2025, 3, 1) + timedelta(hours=i // 2), 60, 1000 + 7 * i + 0.25 * (i % 4))
            for i in range(90)]


def test_a_filled_workbook_gives_the_same_result_as_the_same_readings_by_csv(ws, tmp_path):
    wind_with_meters(ws)
    book_path = fieldbook.export_workbook(ws, "VN-OFW-01", tmp_path / "field.xlsx", ON.today)
    book = load_workbook(book_path)
    assert book.sheetnames == ["Readings 读数", "Meters 计量表", "Read me 说明"]
    sheet = book["Readings 读数"]
    assert sheet["A1"].value.startswith("meter\n表号") and sheet.protection.sheet and sheet["E2"].protection.locked
    assert not sheet["D2"].protection.locked and sheet["E5"].value == '=IF(D5="","",SUM($D$2:D5))'
    assert any('"EXP-1,IMP-1"' in (v.formula1 or "") for v in sheet.data_validations.dataValidation)
    assert book["Meters 计量表"]["D3"].value == "not calibrated / 未检定"
    for row, (meter, start, minutes, kwh) in enumerate(READINGS, start=2):  # as a reader types them in Excel
        sheet.cell(row, 1, meter), sheet.cell(row, 2, start), sheet.cell(row, 3, minutes), sheet.cell(row, 4, kwh)
    book.save(book_path)

    _, report = monitoring_import.import_readings(ws, ON, "VN-OFW-01", book_path)
    assert (report.new, report.unchanged) == (90, 0)
    assert monitoring_import.import_readings(ws, ON, "VN-OFW-01", book_path)[1].new == 0  # again: nothing added
    by_workbook = accounting.calculate_period(ws, ON, "VN-OFW-01", 1).result["vintages"]

    other = open_workspace(tmp_path / "csv.sqlite")
    wind_with_meters(other)
    csv = tmp_path / "same.csv"
    csv.write_text("meter,start,minutes,kwh\n" + "".join(f"{m},{s:%Y-%m-%d %H:%M},{n},{k}\n" for m, s, n, k in READINGS))
    monitoring_import.import_readings(other, ON, "VN-OFW-01", csv)
    assert accounting.calculate_period(other, ON, "VN-OFW-01", 1).result["vintages"] == by_workbook
    other.close()


def test_bad_cells_are_listed_by_row_and_column_and_nothing_is_stored(ws, tmp_path):
    wind_with_meters(ws)
    path = fieldbook.export_workbook(ws, "VN-OFW-01", tmp_path / "field.xlsx", ON.today)
    book = load_workbook(path)
    sheet = book["Readings 读数"]
    sheet.append([])  # a blank row among the prepared ones is fine
    sheet.cell(2, 1, "EXP-1"), sheet.cell(2, 2, datetime(2025, 3, 1)), sheet.cell(2, 3, 60), sheet.cell(2, 4, 1200)
    sheet.cell(3, 1, "EXP-1"), sheet.cell(3, 2, "yesterday"), sheet.cell(3, 3, 60), sheet.cell(3, 4, 10)
    sheet.cell(4, 1, "EXP-1"), sheet.cell(4, 2, datetime(2025, 3, 1, 2)), sheet.cell(4, 3, 45), sheet.cell(4, 4, 10)
    sheet.cell(5, 1, "EXP-9"), sheet.cell(5, 2, datetime(2025, 3, 1, 3)), sheet.cell(5, 3, 60), sheet.cell(5, 4, "lots")
    book.create_sheet("notes").append(["anything"])  # extra sheets are ignored
    book.save(path)
    before = file_digest(ws)
    with pytest.raises(UserError) as refused:
        monitoring_import.import_readings(ws, ON, "VN-OFW-01", path)
    text = str(refused.value)
    assert "field.xlsx sheet 'Readings 读数' row 3, column start: 'yesterday' is not a date-time" in text
    assert "row 4, column minutes: '45' is not one of 15, 30, 60, 1440" in text
    assert "row 5, column kwh: 'lots' is not a number" in text
    assert file_digest(ws) == before


def test_fieldbook_through_the_cli(ws, tmp_path, capsys):
    wind_with_meters(ws)
    ws.close()
    out = tmp_path / "fb.xlsx"
    assert run_cli(capsys, "fieldbook", "export", "VN-OFW-01", "--out", out, "--db", ws.address).code == 0
    book = load_workbook(out)
    book["Readings 读数"].cell(2, 1, "EXP-1"), book["Readings 读数"].cell(2, 2, datetime(2025, 5, 1)), book["Readings 读数"].cell(2, 4, 3648000)
    book.save(out)
    dry = run_cli(capsys, "fieldbook", "import", "VN-OFW-01", out, "--dry-run", "--db", ws.address, "--format", "json").json()
    assert dry["readings"]["new"] == 1 and dry["readings"]["dry_run"] is True
    assert "Meter readings imported: 1 new reading(s) (EXP-1: 1), 0 already stored" in run_cli(capsys, "fieldbook", "import", "VN-OFW-01", out, "--db", ws.address).out
    csv = tmp_path / "logger.csv"
    csv.write_text("Zeit,Wirkarbeit kWh\n01.06.2025 00:00,5\n")
    assert run_cli(capsys, "monitoring", "import", "VN-OFW-01", csv, "--db", ws.address).code == 2
    assert run_cli(capsys, "monitoring", "mapping", "VN-OFW-01", "--set", "start=Zeit", "--set", "kwh=Wirkarbeit kWh", "--set",
                   "time_format=%d.%m.%Y %H:%M", "--set", "meter_serial=EXP-1", "--db", ws.address).code == 0
    assert "kwh = Wirkarbeit kWh" in run_cli(capsys, "monitoring", "mapping", "VN-OFW-01", "--db", ws.address).out
    assert "1 new reading(s) (EXP-1: 1)" in run_cli(capsys, "monitoring", "import", "VN-OFW-01", csv, "--db", ws.address).out
    assert run_cli(capsys, "monitoring", "mapping", "VN-OFW-01", "--clear", "--db", ws.address).out.startswith("no saved mapping for Meter readings")
    refused = run_cli(capsys, "fieldbook", "export", "GX-AR-01", "--out", tmp_path / "x.csv", "--db", ws.address)
    assert refused.code == 2 and "the field workbook is an .xlsx file" in refused.err
    refused = run_cli(capsys, "fieldbook", "import", "VN-OFW-01", csv, "--db", ws.address)
    assert refused.code == 2 and "is not a workbook" in refused.err
