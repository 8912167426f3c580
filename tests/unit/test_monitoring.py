"""Meter readings imported whole or not at all; accounting per vintage from them, rounded down."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from tests.cli_helpers import file_digest
from workbench.domain.errors import UserError
from workbench.services.monitoring import accounting, meters, monitoring, monitoring_import, periods
from workbench.services.methodology import methodology
from workbench.services.support.context import Actor
from workbench.services.demo.projects import create_demo_projects
from workbench.services.projects.projects import resolve


@pytest.fixture
def wind(ws):
    actor = Actor("tester", date(2026, 2, 1))
    create_demo_projects(ws, actor)
    methodology.set_parameter(ws, actor, "VN-OFW-01", "grid", "VN-National")
    meters.add_meter(ws, actor, "VN-OFW-01", {"serial": "EXP-1", "role": "export", "accuracy_class": "0.2",
                                              "calibrated_on": "2025-01-05", "calibration_error": "-0.1"})
    meters.add_meter(ws, actor, "VN-OFW-01", {"serial": "IMP-1", "role": "import", "accuracy_class": "0.5"})
    return actor


def write(path, rows, header="meter,start,minutes,kwh"):
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_file_with_one_bad_row_is_refused_whole_and_names_row_and_column(ws, wind, tmp_path):
    bad = write(tmp_path / "bad.csv", ["EXP-1,2025-01-01 00:00,60,100", "EXP-1,2025-01-01 01:00,60,lots", "EXP-1,2025-01-01 02:00,60,100"])
    before = file_digest(ws)
    with pytest.raises(UserError) as err:
        monitoring_import.import_readings(ws, wind, "VN-OFW-01", bad)
    assert f"{bad} row 3, column kwh: 'lots' is not a number" in str(err.value)
    assert file_digest(ws) == before


@pytest.mark.parametrize(
    "row, message",
    [
        ("EXP-1,2025-13-01 00:00,60,1", "column start: '2025-13-01 00:00' is not a date-time"),
        ("EXP-1,2025-01-01 00:00,7,1", "column minutes: '7' is not one of 15, 30, 60, 1440"),
        ("EXP-1,2025-01-01 00:00,60,-1", "column kwh: '-1' is out of range; expected zero to 10,000,000,000 kWh in one interval"),
        ("EXP-1,2025-01-01 00:00,60,1e400", "column kwh: '1e400' is out of range"),
        ("EXP-1,2025-01-01 00:00,60,0.0001", "has more precision than 1 Wh"),
        ("NOPE,2025-01-01 00:00,60,1", "unknown meter(s) NOPE"),
    ],
)
def test_each_kind_of_bad_value_is_named(ws, wind, tmp_path, row, message):
    with pytest.raises(UserError, match=message.replace("(", r"\(").replace(")", r"\)")):
        monitoring_import.import_readings(ws, wind, "VN-OFW-01", write(tmp_path / "x.csv", [row]))


def test_reimport_changes_nothing_and_a_changed_value_is_refused(ws, wind, tmp_path):
    good = write(tmp_path / "good.csv", ["EXP-1,2025-01-01 00:00,60,100.5", "IMP-1,2025-01-01 00:00,60,0.25"])
    change, report = monitoring_import.import_readings(ws, wind, "VN-OFW-01", good)
    assert report.new == 2 and change is not None
    again, report = monitoring_import.import_readings(ws, wind, "VN-OFW-01", good)
    assert again is None and report.unchanged == 2 and report.new == 0
    with pytest.raises(UserError, match="already holds 100,500 Wh; the file says 100,600 Wh"):
        monitoring_import.import_readings(ws, wind, "VN-OFW-01", write(tmp_path / "c.csv", ["EXP-1,2025-01-01 00:00,60,100.6"]))


def test_chinese_headers_mwh_and_xlsx_are_read(ws, wind, tmp_path):
    from openpyxl import Workbook

    write(tmp_path / "zh.csv", ["EXP-1,2025-02-01 00:00,60,1.5"], header="表号,时间,时长,电量(MWh)")
    book = Workbook()
    book.active.append(["meter", "timestamp", "kWh"])
    from datetime import datetime

    book.active.append(["EXP-1", datetime(2025, 2, 1, 1, 0), 2000])
    book.save(tmp_path / "r.xlsx")
    monitoring_import.import_readings(ws, wind, "VN-OFW-01", tmp_path / "zh.csv")
    monitoring_import.import_readings(ws, wind, "VN-OFW-01", tmp_path / "r.xlsx")
    (total,) = monitoring.summary(ws, "VN-OFW-01")
    assert total.wh == 1_500_000 + 2_000_000


def test_dry_run_writes_nothing(ws, wind, tmp_path):
    before = file_digest(ws)
    _, report = monitoring_import.import_readings(ws, wind, "VN-OFW-01", write(tmp_path / "d.csv", ["EXP-1,2025-01-01 00:00,60,1"]), dry_run=True)
    assert report.new == 1 and file_digest(ws) == before


def test_every_iso_form_of_a_start_is_stored_as_the_same_instant(ws, wind, tmp_path):
    from workbench.store.models_monitoring import ReadingRow

    rows = ["EXP-1,2025-01-01 00:15,15,1", "EXP-1,2025-01-01T00:30,15,1", "EXP-1,2025-W01-3T00:45,15,1",
            "EXP-1,2025-01-01 01:00:30,15,1", "EXP-1,2025-01-01,15,1"]
    monitoring_import.import_readings(ws, wind, "VN-OFW-01", write(tmp_path / "iso.csv", rows))
    with ws.reading() as s:
        starts = sorted(s.scalars(select(ReadingRow.start)).all())
    assert starts == [datetime(2025, 1, 1), datetime(2025, 1, 1, 0, 15), datetime(2025, 1, 1, 0, 30), datetime(2025, 1, 1, 0, 45),
                      datetime(2025, 1, 1, 1, 0, 30)]
    # the same instants written another way are the same readings
    again = ["EXP-1,2025-01-01T00:15,15,1", "EXP-1,2025-01-01 00:30:00,15,1", "EXP-1,2025-01-01 00:45,15,1"]
    assert monitoring_import.import_readings(ws, wind, "VN-OFW-01", write(tmp_path / "again.csv", again))[1].unchanged == 3


def test_period_accounting_applies_conservative_meter_errors_and_rounds_down(ws, wind, tmp_path):
    rows = [f"EXP-1,2025-03-01 {h:02d}:00,60,100000" for h in range(10)] + [f"IMP-1,2025-03-01 {h:02d}:00,60,50" for h in range(10)]
    monitoring_import.import_readings(ws, wind, "VN-OFW-01", write(tmp_path / "p.csv", rows))
    periods.add_period(ws, wind, "VN-OFW-01", "2025-01-01", "2025-12-31")
    change = accounting.calculate_period(ws, wind, "VN-OFW-01", 1)
    # export 10 × 100,000 kWh = 1,000 MWh; calibrated 2025-01-05 with −0.1 %, within class 0.2 and on time → no
    # correction (§7.3.4); import 10 × 50 kWh = 0.5 MWh; never calibrated → class 0.5 → 0.5 × 1.005 = 0.5025 MWh
    # EG_PJ = 999.4975 MWh × 0.6592 (Viet Nam example factor) = 659.2 − 0.5025 × 0.6592 = 658.868752 tCO2 → 658 t
    result = change.result["vintages"][2025]
    assert (result["reductions"], result["credited"]) == ("658.868752000", 658)
    assert [(c["meter"], c["case"], c["error"]) for c in result["corrections"]] == [("EXP-1", "calibrated", "0"),
                                                                                  ("IMP-1", "uncalibrated", "0.005")]
    (period,) = periods.list_periods(ws, "VN-OFW-01")
    assert period.vintages[0].reductions == D("658.868752000")


def test_periods_must_not_overlap_or_leave_the_crediting_period(ws, wind):
    periods.add_period(ws, wind, "VN-OFW-01", "2025-01-01", "2025-12-31")
    with pytest.raises(UserError, match="overlaps period 1"):
        periods.add_period(ws, wind, "VN-OFW-01", "2025-12-01", "2026-06-30")
    with pytest.raises(UserError, match="not inside the crediting period"):
        periods.add_period(ws, wind, "VN-OFW-01", "2034-06-01", "2035-06-30")


def test_a_deviation_over_10_percent_needs_an_explanation_in_the_report(ws, wind, tmp_path):
    from workbench.services.documents import documents

    methodology.set_parameter(ws, wind, "VN-OFW-01", "ex_ante_EG_MWh", "1331520")
    for declaration in ("decl.no_other_programme", "decl.no_green_certificate"):  # the report repeats them (its section G)
        methodology.set_parameter(ws, wind, "VN-OFW-01", declaration, "yes")
    rows = [f"EXP-1,2025-03-01 {h:02d}:00,60,100000" for h in range(10)] + ["IMP-1,2025-03-01 00:00,60,0"]  # both meters read
    monitoring_import.import_readings(ws, wind, "VN-OFW-01", write(tmp_path / "p.csv", rows))
    periods.add_period(ws, wind, "VN-OFW-01", "2025-01-01", "2025-12-31")
    accounting.calculate_period(ws, wind, "VN-OFW-01", 1)
    # 999 MWh actual against 1,331,520 MWh expected: far more than 10 % below the estimate
    missing = [m for m in documents.check(ws, "monitoring-report", "VN-OFW-01", date(2026, 2, 1), 1) if m.section.en != "Values to confirm"]
    assert [m.item.en.split(" in ")[0] for m in missing] == ["explanation of the -99.9 % deviation"]
    periods.explain_deviation(ws, wind, "VN-OFW-01", 1, 2025, "Only ten hours of 2025 were metered in this test period")
    # left: the DEMO grid edition the results rest on, a value to confirm
    assert [m.section.en for m in documents.check(ws, "monitoring-report", "VN-OFW-01", date(2026, 2, 1), 1)] == ["Values to confirm"] * 2


def test_monthly_totals_per_meter_for_the_chart(ws, wind, tmp_path):
    rows = ["EXP-1,2025-01-31 23:00,60,1000", "EXP-1,2025-02-01 00:00,60,2000", "EXP-1,2025-02-15 12:00,60,500",
            "IMP-1,2025-02-01 00:00,60,3", "EXP-1,2026-01-01 00:00,15,7"]
    monitoring_import.import_readings(ws, wind, "VN-OFW-01", write(tmp_path / "m.csv", rows))
    months = [(m.serial, m.role, m.year, m.month, m.wh) for m in monitoring.monthly(ws, "VN-OFW-01")]
    # by the interval's start: the 23:00 hour of 31 January counts in January; kWh → Wh
    assert months == [("EXP-1", "export", 2025, 1, 1_000_000), ("EXP-1", "export", 2025, 2, 2_500_000),
                      ("IMP-1", "import", 2025, 2, 3_000), ("EXP-1", "export", 2026, 1, 7_000)]
    # a period that starts and ends inside months counts only the intervals starting inside it, end day included
    with ws.reading() as s:
        project_id = resolve(s, "VN-OFW-01").id
        inside = [(t.serial, t.year, t.wh, t.readings, t.first, t.last) for t in monitoring.totals(s, project_id, date(2025, 2, 1), date(2025, 2, 15))]
        assert inside == [("EXP-1", 2025, 2_500_000, 2, datetime(2025, 2, 1), datetime(2025, 2, 15, 12)),
                          ("IMP-1", 2025, 3_000, 1, datetime(2025, 2, 1), datetime(2025, 2, 1))]
        assert [t.wh for t in monitoring.totals(s, project_id, date(2025, 2, 2), date(2025, 2, 14))] == []
        assert [(t.year, t.wh) for t in monitoring.totals(s, project_id, date(2025, 1, 31), date(2025, 12, 31))][:1] == [(2025, 3_500_000)]
