"""Monitoring gaps are said, not passed over (newcomer trial): a meter's calibration past due is on the Calendar, and a
revenue meter without a single reading in a period stops its calculation instead of counting as zero."""

from __future__ import annotations

from datetime import date

import pytest

from tests.cli_helpers import file_digest
from tests.unit.test_ledger import measured_wind_period
from workbench.domain.errors import UserError
from workbench.services.monitoring import accounting, meters, monitoring_import, periods
from workbench.services.projects import deadlines


def test_a_calibration_past_due_is_overdue_on_the_calendar(ws, tmp_path):
    actor = measured_wind_period(ws, tmp_path)  # EXP-1 calibrated 2025-01-05: due again 2026-01-05
    (item,) = [i for i in deadlines.deadlines(ws, "VN-OFW-01", date(2026, 2, 1)) if i.key == "calibration-EXP-1"]
    assert (item.due, item.status, item.starts) == (date(2026, 1, 5), "overdue", date(2025, 1, 5))
    assert item.title.in_lang("zh") == "计量表 EXP-1 校准到期" and "§7.3.2.1" in item.rule.in_lang("en")
    soon = [i for i in deadlines.deadlines(ws, "VN-OFW-01", date(2025, 12, 1)) if i.key == "calibration-EXP-1"]
    assert soon[0].status == "upcoming" and actor


def test_a_revenue_meter_without_readings_in_the_period_stops_the_calculation(ws, tmp_path):
    actor = measured_wind_period(ws, tmp_path)
    meters.add_meter(ws, actor, "VN-OFW-01", {"serial": "IMP-1", "role": "import", "accuracy_class": "0.5",
                                              "calibrated_on": "2025-01-05", "calibration_error": "0"})
    before = file_digest(ws)
    with pytest.raises(UserError) as refused:
        accounting.calculate_period(ws, actor, "VN-OFW-01", 1)
    assert "IMP-1 have no readings between 2025-01-01 and 2025-12-31" in refused.value.in_lang("en")
    assert "计量表 IMP-1 在 2025-01-01 至 2025-12-31 之间没有读数" in refused.value.in_lang("zh")
    assert file_digest(ws) == before
    csv = tmp_path / "imports.csv"
    csv.write_text("meter,start,minutes,kwh\nIMP-1,2025-03-01 00:00,60,12\n")
    monitoring_import.import_readings(ws, actor, "VN-OFW-01", csv)
    accounting.calculate_period(ws, actor, "VN-OFW-01", 1)  # with its readings, the period is calculated
    assert periods.list_periods(ws, "VN-OFW-01")[0].vintages
