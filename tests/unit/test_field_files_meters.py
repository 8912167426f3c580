"""Real metering-system, Excel/WPS and data-logger files (tests/data/cases/meters, copied from shared/cases): each
imports with its right value or is refused naming file, row, column and what to do, storing nothing."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.cli_helpers import file_digest, run_cli
from workbench.domain.errors import UserError
from workbench.services.demo.projects import create_demo_projects
from workbench.services.monitoring import import_mappings, meters, monitoring_import
from workbench.services.support.context import Actor
from workbench.store.models_monitoring import MeterRow, ReadingRow
from workbench.store.workspace import open_workspace

CASES = Path(__file__).parent.parent / "data" / "cases" / "meters"
ON = Actor("tester", date(2026, 2, 1))


@pytest.fixture
def vn(ws):
    create_demo_projects(ws, ON)
    for serial in ("VN-EXP-0001", "RS-EXP-1"):
        meters.add_meter(ws, ON, "VN-OFW-01", {"serial": serial, "role": "export", "accuracy_class": "0.2"})
    return ws


def stored(ws, serial: str) -> list[tuple[datetime, int, int]]:
    with ws.reading() as s:
        meter = s.scalar(select(MeterRow.id).where(MeterRow.serial == serial))
        return [(r.start, r.minutes, r.wh) for r in s.scalars(select(ReadingRow).where(ReadingRow.meter_id == meter).order_by(ReadingRow.start))]


QUARTERS = [(datetime(2026, 1, 5, 0, 15 * i), 15, 1_234_500) for i in range(4)]


@pytest.mark.parametrize("name", ["title-rows-above-header.csv", "thousands-separators.csv", "slash-dates.csv",
                                  "excel-serial-times.xlsx", "stale-sheet-dimension.xlsx"])
def test_reports_of_four_quarter_hours_import_with_their_energy(vn, name):
    """Title rows above the header, '1,234.5', '2026/1/5 0:15', Excel serial times, a stale sheet dimension: 4 rows of
    1,234.5 kWh each, every one of them stored."""
    _, report = monitoring_import.import_readings(vn, ON, "VN-OFW-01", CASES / name)
    assert report.new == 4
    assert stored(vn, "VN-EXP-0001") == QUARTERS


def test_a_days_last_interval_written_24_00_is_the_next_day_00_00(vn):
    monitoring_import.import_readings(vn, ON, "VN-OFW-01", CASES / "interval-ending-24-00.csv")
    assert [s for s, _, _ in stored(vn, "VN-EXP-0001")] == [
        datetime(2026, 1, 5, 23, 15), datetime(2026, 1, 5, 23, 30), datetime(2026, 1, 5, 23, 45), datetime(2026, 1, 6, 0, 0)]


def test_register_readings_become_interval_energy_times_the_multiplier_never_interval_energy(vn):
    """(10237.37 − 10234.56) kWh × 70,000 = 196,700 kWh per hour, 5 intervals from 6 readings (by hand)."""
    _, report = monitoring_import.import_readings(vn, ON, "VN-OFW-01", CASES / "register-readings-with-multiplier.csv")
    rows = stored(vn, "VN-EXP-0001")
    assert rows == [(datetime(2026, 2, 1, h), 60, 196_700_000) for h in range(5)]
    assert report.new == 5 and report.registers == {"roll-overs": 0, "meter replacements": 0}


def test_register_roll_over_and_meter_replacement(vn, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("表号,时间,正向有功总示值(kWh),倍率\n"
                    "VN-EXP-0001,2026-03-01 00:00,99999.50,100\n"
                    "VN-EXP-0001,2026-03-01 01:00,00001.25,100\n"  # rolled over: 1.75 kWh × 100
                    "VN-EXP-0001,2026-03-01 02:00,00003.25,100\n"  # 2 kWh × 100
                    "VN-EXP-0001,2026-03-01 03:00,00000.10,200\n"  # new meter, new multiplier: no energy for 02:00–03:00
                    "VN-EXP-0001,2026-03-01 04:00,00001.10,200\n", encoding="gb18030")  # 1 kWh × 200
    _, report = monitoring_import.import_readings(vn, ON, "VN-OFW-01", path)
    assert stored(vn, "VN-EXP-0001") == [(datetime(2026, 3, 1, 0), 60, 175_000), (datetime(2026, 3, 1, 1), 60, 200_000),
                                         (datetime(2026, 3, 1, 3), 60, 200_000)]
    assert report.registers == {"roll-overs": 1, "meter replacements": 1}


def test_a_missing_register_reading_is_refused_naming_both_rows(vn, tmp_path):
    path = tmp_path / "gap.csv"
    path.write_text("表号,时间,正向有功总示值(kWh),倍率\nVN-EXP-0001,2026-03-01 00:00,1,100\nVN-EXP-0001,2026-03-01 02:00,2,100\n"
                    "VN-EXP-0001,2026-03-01 02:00,3,100\n")
    before = file_digest(vn)
    with pytest.raises(UserError, match=r"gap.csv rows 2 and 3: meter VN-EXP-0001's register readings are 120 minutes apart"):
        monitoring_import.import_readings(vn, ON, "VN-OFW-01", path)
    assert file_digest(vn) == before


def test_a_formula_without_a_saved_value_says_to_open_and_save_the_file(vn):
    before = file_digest(vn)
    with pytest.raises(UserError) as refused:
        monitoring_import.import_readings(vn, ON, "VN-OFW-01", CASES / "formulas-without-saved-values.xlsx")
    assert ("formulas-without-saved-values.xlsx sheet 'Sheet' row 2, column 电量(kWh): holds a formula whose result the file "
            "does not carry") in str(refused.value)
    assert "open and save the file in Excel/WPS" in str(refused.value) and "is not a number" not in str(refused.value)
    assert file_digest(vn) == before


def test_utc_offsets_are_stored_as_local_standard_time_and_monitoring_list_works(tmp_path, capsys):
    db = tmp_path / "w.sqlite"
    ws = open_workspace(db)
    create_demo_projects(ws, ON)
    meters.add_meter(ws, ON, "VN-OFW-01", {"serial": "VN-EXP-0001", "role": "export", "accuracy_class": "0.2"})
    ws.close()
    assert run_cli(capsys, "--db", db, "monitoring", "import", "VN-OFW-01", CASES / "utc-offset-timestamps.csv").code == 0
    listed = run_cli(capsys, "--db", db, "--format", "json", "monitoring", "list", "VN-OFW-01")
    assert listed.code == 0 and "VN-EXP-0001" in listed.out
    ws = open_workspace(db)
    assert stored(ws, "VN-EXP-0001") == [(datetime(2026, 1, 10), 60, 25_000_000)]
    # the same instant written in UTC is the same interval: nothing new
    again = tmp_path / "utc.csv"
    again.write_text("meter,start,minutes,kwh\nVN-EXP-0001,2026-01-09T17:00Z,60,25000\n")
    import_mappings.set_mapping(ws, ON, "VN-OFW-01", "readings", {"time_zone": "Asia/Ho_Chi_Minh"})
    _, report = monitoring_import.import_readings(ws, ON, "VN-OFW-01", again)
    assert (report.new, report.unchanged) == (0, 1)
    ws.close()


def test_local_time_with_a_clock_change_needs_the_meters_time_zone(vn):
    path = CASES / "local-time-with-clock-change.csv"
    before = file_digest(vn)
    with pytest.raises(UserError, match=r"row 5: meter RS-EXP-1 at 2026-10-25 02:00:00 appears twice in the file; if the file is in "
                                         r"local time with a clock change, set the meters' time zone"):
        monitoring_import.import_readings(vn, ON, "VN-OFW-01", path)
    assert file_digest(vn) == before
    import_mappings.set_mapping(vn, ON, "VN-OFW-01", "readings", {"time_zone": "Europe/Belgrade"})
    _, report = monitoring_import.import_readings(vn, ON, "VN-OFW-01", path)
    # stored in Central European standard time (UTC+1): 00:00 and 01:00 summer time are 23:00 and 00:00, the two 02:00s 01:00 and 02:00
    assert [s for s, _, _ in stored(vn, "RS-EXP-1")] == [datetime(2026, 10, 24, 23), *(datetime(2026, 10, 25, h) for h in range(4))]


def test_an_hour_the_clocks_skipped_is_refused(vn, tmp_path):
    import_mappings.set_mapping(vn, ON, "VN-OFW-01", "readings", {"time_zone": "Europe/Belgrade"})
    path = tmp_path / "spring.csv"
    path.write_text("meter,start,minutes,kwh\nRS-EXP-1,2026-03-29 02:00,60,1\n")
    with pytest.raises(UserError, match=r"spring.csv row 2, column start: '2026-03-29 02:00' does not exist in time zone Europe/Belgrade"):
        monitoring_import.import_readings(vn, ON, "VN-OFW-01", path)


def test_a_time_zone_that_is_none_is_refused(vn):
    with pytest.raises(UserError, match=r"time_zone 'Mars/Olympus' is not a time zone; use an IANA name"):
        import_mappings.set_mapping(vn, ON, "VN-OFW-01", "readings", {"time_zone": "Mars/Olympus"})


def test_energy_implausible_for_the_declared_unit_names_the_likely_unit(vn, tmp_path):
    path = tmp_path / "mwh.csv"
    path.write_text("meter,start,minutes,电量(MWh)\nVN-EXP-0001,2026-01-05 00:00,15,25000000\n")
    with pytest.raises(UserError, match=r"mwh.csv row 2, column 电量\(MWh\): '25000000' is out of range.* the values look like kWh"):
        monitoring_import.import_readings(vn, ON, "VN-OFW-01", path)


def test_a_decimal_comma_is_not_read_as_thousands(vn, tmp_path):
    path = tmp_path / "comma.csv"
    path.write_text('meter,start,minutes,kwh\nVN-EXP-0001,2026-01-05 00:00,15,"1,5"\n')
    with pytest.raises(UserError, match=r"comma.csv row 2, column kwh: '1,5' is not a number; expected energy in kWh"):
        monitoring_import.import_readings(vn, ON, "VN-OFW-01", path)


def test_a_long_file_checked_in_bulk_gets_the_same_checks_row_by_row(vn, tmp_path):
    """Chunks of plain rows are checked column-wise: a bad value, a duplicate and an over-precise value far into a
    long file are still named by row, and a clean long file stores every reading exactly."""
    from datetime import timedelta

    lines = [f"VN-EXP-0001,{datetime(2025, 1, 1) + timedelta(minutes=15 * i):%Y-%m-%d %H:%M},15,{i % 997}.{i % 1000:03d}" for i in range(45_000)]
    clean = tmp_path / "clean.csv"
    clean.write_text("meter,start,minutes,kwh\n" + "\n".join(lines) + "\n")
    bad = list(lines)
    bad[30_000] = bad[30_000].replace(",15,", ",7,")
    bad[41_000] = bad[40_999]
    bad[44_000] = bad[44_000] + "5"
    broken = tmp_path / "broken.csv"
    broken.write_text("meter,start,minutes,kwh\n" + "\n".join(bad) + "\n")
    before = file_digest(vn)
    with pytest.raises(UserError) as refused:
        monitoring_import.import_readings(vn, ON, "VN-OFW-01", broken)
    text = str(refused.value)
    assert "broken.csv row 30002, column minutes: '7' is not one of 15, 30, 60, 1440" in text
    assert "broken.csv row 41002: meter VN-EXP-0001 at 2026-03-04 01:45:00 appears twice in the file" in text  # row 41001 written again
    assert "broken.csv row 44002, column kwh: '" in text and "has more precision than 1 Wh" in text
    assert file_digest(vn) == before
    _, report = monitoring_import.import_readings(vn, ON, "VN-OFW-01", clean)
    assert report.new == 45_000
    rows = stored(vn, "VN-EXP-0001")
    assert rows[44_999] == (datetime(2025, 1, 1) + timedelta(minutes=15 * 44_999), 15, (44_999 % 997) * 1000 + 44_999 % 1000)


def test_a_meter_is_corrected_keeping_its_readings_and_the_edit_is_undone(vn, tmp_path):
    """Serial, role, accuracy class and location corrected in one edit; its readings stay with it; undo puts every
    field back; a serial another meter has, or a fuel on an export meter, is refused with nothing changed."""
    from workbench.services.history.undo import describe, inverse

    path = tmp_path / "quarter.csv"
    path.write_text("meter,start,minutes,kwh\nVN-EXP-0001,2026-01-05 00:00,15,1\n", encoding="utf-8")
    monitoring_import.import_readings(vn, ON, "VN-OFW-01", path)
    change = meters.update_meter(vn, ON, "VN-OFW-01", "VN-EXP-0001", {"serial": "VN-EXP-0001A", "role": "import",
                                                                        "accuracy_class": "0.5S", "location": "substation bay 2"})
    listed = {m["serial"]: m for m in meters.list_meters(vn, "VN-OFW-01")}
    assert (listed["VN-EXP-0001A"]["role"], listed["VN-EXP-0001A"]["accuracy_class"], listed["VN-EXP-0001A"]["location"]) == (
        "import", "0.5S", "substation bay 2")
    assert stored(vn, "VN-EXP-0001A") == [(datetime(2026, 1, 5), 15, 1_000)]
    assert describe(change).in_lang("en") == "edit meter VN-EXP-0001A"
    for values, field in (({"serial": "RS-EXP-1"}, "serial"), ({"fuel": "diesel"}, "fuel"), ({"accuracy_class": "3"}, "accuracy_class")):
        with pytest.raises(UserError) as refused:
            meters.update_meter(vn, ON, "VN-OFW-01", "VN-EXP-0001A", values)
        assert refused.value.field == field
    inverse(change)(vn, ON)
    back = {m["serial"]: m for m in meters.list_meters(vn, "VN-OFW-01")}["VN-EXP-0001"]
    assert (back["role"], back["accuracy_class"], back["location"]) == ("export", "0.2", "")
    assert stored(vn, "VN-EXP-0001") == [(datetime(2026, 1, 5), 15, 1_000)]
