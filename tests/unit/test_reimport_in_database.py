"""A file overlapping stored readings is compared in the database (a temporary table joined with the stored
readings): new readings are added, equal ones left, differing ones refuse the file in file order — nothing stored."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select, text

from tests.cli_helpers import file_digest
from workbench.domain.errors import UserError
from workbench.services.demo.projects import create_demo_projects
from workbench.services.monitoring import meters, monitoring_import
from workbench.services.support.context import Actor
from workbench.services.support.tabular import MAX_ERRORS
from workbench.store.models_monitoring import ReadingRow

ON = Actor("tester", date(2026, 2, 1))


@pytest.fixture
def wind(ws):
    create_demo_projects(ws, ON)
    for serial in ("EXP-1", "EXP-2"):
        meters.add_meter(ws, ON, "VN-OFW-01", {"serial": serial, "role": "export", "accuracy_class": "0.2"})
    return ws


def _file(path, rows):
    path.write_text("meter,start,minutes,kwh\n" + "".join(f"{m},2025-01-01 {h:02d}:00,60,{e}\n" for m, h, e in rows), encoding="utf-8")
    return path


def _stored(ws):
    with ws.reading() as s:
        return sorted((r.meter_id, r.start, r.wh) for r in s.scalars(select(ReadingRow)))


def test_an_overlapping_file_adds_its_new_readings_and_leaves_the_equal_ones(wind, tmp_path):
    monitoring_import.import_readings(wind, ON, "VN-OFW-01", _file(tmp_path / "a.csv", [("EXP-1", 0, "1"), ("EXP-1", 1, "2"), ("EXP-2", 0, "3")]))
    _, report = monitoring_import.import_readings(wind, ON, "VN-OFW-01", _file(tmp_path / "b.csv", [
        ("EXP-1", 1, "2"), ("EXP-1", 2, "4"), ("EXP-2", 0, "3"), ("EXP-2", 1, "5"), ("EXP-2", 2, "6")]))
    assert (report.new, report.unchanged, report.meters) == (3, 2, {"EXP-1": 1, "EXP-2": 2})
    assert [(start.hour, wh) for _, start, wh in _stored(wind)] == [(0, 1000), (1, 2000), (2, 4000), (0, 3000), (1, 5000), (2, 6000)]


def test_differing_values_refuse_the_file_in_file_order_and_nothing_is_stored(wind, tmp_path):
    monitoring_import.import_readings(wind, ON, "VN-OFW-01", _file(tmp_path / "a.csv", [("EXP-1", 0, "1"), ("EXP-2", 3, "3")]))
    before = file_digest(wind)
    with pytest.raises(UserError) as refused:
        monitoring_import.import_readings(wind, ON, "VN-OFW-01", _file(tmp_path / "b.csv", [
            ("EXP-2", 3, "3.5"), ("EXP-1", 5, "9"), ("EXP-1", 0, "1.25")]))
    message = str(refused.value)
    assert "2 problem" in message
    assert message.index("meter EXP-2 at 2025-01-01 03:00:00 already holds 3000 Wh; the file says 3500 Wh") < \
           message.index("meter EXP-1 at 2025-01-01 00:00:00 already holds 1000 Wh; the file says 1250 Wh")
    assert file_digest(wind) == before


def test_a_whole_file_of_differing_values_stops_after_the_error_limit(wind, tmp_path):
    rows = [f"EXP-1,{datetime(2025, 1, 1 + i // 24, i % 24):%Y-%m-%d %H:%M},60,1\n" for i in range(MAX_ERRORS + 40)]
    (tmp_path / "a.csv").write_text("meter,start,minutes,kwh\n" + "".join(rows), encoding="utf-8")
    monitoring_import.import_readings(wind, ON, "VN-OFW-01", tmp_path / "a.csv")
    (tmp_path / "b.csv").write_text("meter,start,minutes,kwh\n" + "".join(r.replace(",60,1\n", ",60,2\n") for r in rows), encoding="utf-8")
    with pytest.raises(UserError) as refused:
        monitoring_import.import_readings(wind, ON, "VN-OFW-01", tmp_path / "b.csv")
    message = str(refused.value)
    assert f"{MAX_ERRORS + 1} problem" in message  # the first MAX_ERRORS readings and the note that it stopped there
    assert message.index("at 2025-01-01 00:00:00 already holds 1000 Wh") < message.index("at 2025-01-01 01:00:00 already holds 1000 Wh")


def test_the_temporary_table_is_gone_after_an_import_and_after_a_refusal(wind, tmp_path):
    monitoring_import.import_readings(wind, ON, "VN-OFW-01", _file(tmp_path / "a.csv", [("EXP-1", 0, "1")]))
    monitoring_import.import_readings(wind, ON, "VN-OFW-01", _file(tmp_path / "b.csv", [("EXP-1", 0, "1"), ("EXP-1", 1, "1")]))
    with pytest.raises(UserError):
        monitoring_import.import_readings(wind, ON, "VN-OFW-01", _file(tmp_path / "c.csv", [("EXP-1", 0, "7")]))
    monitoring_import.import_readings(wind, ON, "VN-OFW-01", _file(tmp_path / "d.csv", [("EXP-1", 1, "1"), ("EXP-1", 2, "1")]))
    with wind.reading() as s:
        if s.bind.dialect.name == "sqlite":
            assert s.execute(text("SELECT name FROM sqlite_temp_master")).all() == []
        else:
            assert s.execute(text("SELECT relname FROM pg_class WHERE relname = 'import_reading'")).all() == []


def test_files_longer_than_one_insert_statement_store_every_reading_once(wind, tmp_path):
    """17,345 quarter-hours — stored while read: one long statement of 15,000 rows (two parameters a row), two of
    1,000, one of 345 — then a file overlapping them by 16,345, compared and stored with four parameters a row (two
    long statements, two short, the rest): every reading stored once with its own value."""
    from workbench.services.monitoring.reading_store import SHORT_STATEMENT, rows_a_statement

    def quarters(first: int, count: int, path):
        path.write_text("meter,start,minutes,wh\n" + "".join(
            f"EXP-1,{datetime(2025, 1, 1) + (first + i) * (datetime(2025, 1, 1, 0, 15) - datetime(2025, 1, 1)):%Y-%m-%d %H:%M},15,{first + i}\n"
            for i in range(count)), encoding="utf-8")
        return path

    count = 2 * rows_a_statement(4) + 2 * SHORT_STATEMENT + 345
    assert (count, rows_a_statement(2)) == (17345, 15000)
    assert monitoring_import.import_readings(wind, ON, "VN-OFW-01", quarters(0, count, tmp_path / "a.csv"))[1].new == count
    _, report = monitoring_import.import_readings(wind, ON, "VN-OFW-01", quarters(1000, count, tmp_path / "b.csv"))
    assert (report.new, report.unchanged) == (1000, count - 1000)
    assert [wh for _, _, wh in _stored(wind)] == list(range(count + 1000))
