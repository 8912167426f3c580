"""The Monitoring page shows the §7.3.4 corrections each calculated period applied, span by span (issue 26: "the
corrections applied shown per meter and span in `period calculate`, the GUI and the monitoring report")."""

from __future__ import annotations

from tests.ui.test_main_window import open_window
from tests.unit.test_meter_corrections import wind  # noqa: F401  (the fixture: a late export-meter calibration)
from workbench.services.monitoring import accounting


def test_the_monitoring_page_lists_each_correction_span_in_both_languages(qtbot, ws, wind):  # noqa: F811
    accounting.calculate_period(ws, wind, "VN-OFW-01", 1)
    window = open_window(qtbot, ws)
    window.select_project("VN-OFW-01")
    page = window.page("MonitoringPage")
    page.refresh()
    table = page.corrections
    assert table.isVisibleTo(page) and table.rowCount() == 5
    late = [table.cell_text(1, c) for c in range(table.columnCount())]
    assert late == ["1", "2025", "EXP-A (Export to the grid)", "2025-03-01 – 2025-03-10", "10", "calibrated late: the delay counts as not calibrated",
                    "0.50 %", "1,000", "995"]
    assert table.item(1, 8).toolTip() == "995.000"  # the full figure behind the rounded one
    window.toggle_language()
    assert table.cell_text(1, 5) == "延迟校准：延迟时段按未校准处理" and table.horizontalHeaderItem(3).text() == "时段"


def test_a_project_without_calculated_corrections_shows_no_empty_table(qtbot, ws, wind):  # noqa: F811
    window = open_window(qtbot, ws)
    window.select_project("VN-OFW-01")
    page = window.page("MonitoringPage")
    page.refresh()
    assert not page.corrections.isVisibleTo(page)
