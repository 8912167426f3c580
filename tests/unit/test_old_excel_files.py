"""Old Excel 97–2003 workbooks (.xls, BIFF8; tests/data/xls, written by LibreOffice): readings and plots import as
from .xlsx, with typed date-time and number cells and Chinese headers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest
from sqlalchemy import select

from workbench.services.demo.projects import create_demo_projects
from workbench.services.monitoring import field_data, meters
from workbench.services.support.context import Actor
from workbench.store.models_inventory import SamplePlotRow, TreeRow
from workbench.store.models_monitoring import ReadingRow

XLS = Path(__file__).parent.parent / "data" / "xls"
ON = Actor("tester", date(2026, 2, 1))


@pytest.fixture
def demo(ws):
    create_demo_projects(ws, ON)
    return ws


@pytest.mark.parametrize("name", ["readings-excel97.xls", "plots-excel97.xls"])
def test_the_files_are_real_biff_workbooks_not_renamed_xlsx(name):
    assert (XLS / name).read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # the OLE2 compound file of Excel 97–2003


def test_readings_from_an_xls_workbook_are_stored_with_their_times_and_energy(demo):
    """Four quarter-hours of 1,234.5 kWh; the first at midnight, a date-time cell with no time of day."""
    meters.add_meter(demo, ON, "VN-OFW-01", {"serial": "VN-EXP-0001", "role": "export", "accuracy_class": "0.2"})
    _, report = field_data.import_file(demo, ON, "VN-OFW-01", XLS / "readings-excel97.xls", kind="readings")
    assert report.new == 4
    with demo.reading() as s:
        rows = s.execute(select(ReadingRow.start, ReadingRow.minutes, ReadingRow.wh).order_by(ReadingRow.start)).all()
    assert [tuple(r) for r in rows] == [(datetime(2026, 1, 5, 0, 15 * i), 15, 1_234_500) for i in range(4)]


def test_plots_from_an_xls_workbook_are_stored_without_the_dead_tree(demo):
    _, report = field_data.import_file(demo, ON, "GX-AR-01", XLS / "plots-excel97.xls", kind="plots")
    assert (report.plots, report.trees, report.dead) == (2, 3, 1)
    with demo.reading() as s:
        rows = s.execute(select(SamplePlotRow.code, SamplePlotRow.stratum, SamplePlotRow.measured_on, TreeRow.tag, TreeRow.dbh_cm, TreeRow.height_m)
                         .join(TreeRow, TreeRow.plot_id == SamplePlotRow.id).order_by(SamplePlotRow.code, TreeRow.tag)).all()
    assert [(c, st, d, t, D(dbh), D(h)) for c, st, d, t, dbh, h in rows] == [
        ("P1", "fir-2021", date(2025, 11, 20), "1", D("10.2"), D("8.1")),
        ("P2", "fir-2021", date(2025, 11, 20), "1", D("11"), D("8.4")),
        ("P2", "fir-2021", date(2025, 11, 20), "2", D("13.9"), D("9.6"))]
