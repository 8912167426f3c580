"""Long services report their steps and stop when asked (``domain.progress``): a stop taken at any step — while
reading, while storing, or after the last step just before the commit — leaves the workspace exactly as it was."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from tests.cli_helpers import file_digest
from workbench.domain.progress import QUIET, Cancelled, Step, Steps
from workbench.domain.text import Text
from workbench.services.demo.projects import create_demo_projects
from workbench.services.documents import documents
from workbench.services.monitoring import meters, monitoring_import
from workbench.services.sharing import packages
from workbench.services.support.context import Actor
from workbench.store.workspace import open_workspace

ON = Actor("tester", date(2026, 2, 1))
CODE = "VN-OFW-01"


def readings_file(path, rows: int, start: datetime = datetime(2025, 1, 1)):
    """``rows`` hourly readings of two export meters, as a metering system exports them."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("meter,start,minutes,kwh\n")
        for i in range(rows):
            fh.write(f"EXP-{1 + i % 2},{(start + timedelta(hours=i // 2)):%Y-%m-%d %H:%M},60,{1 + i % 7}.5\n")
    return path


@pytest.fixture
def wind(ws):
    create_demo_projects(ws, ON)
    for serial in ("EXP-1", "EXP-2"):
        meters.add_meter(ws, ON, CODE, {"serial": serial, "role": "export", "accuracy_class": "0.2"})
    return ws


def stopping_at(wanted, heard: list[Step]) -> Steps:
    """Steps that record every step and ask to stop at the first one ``wanted`` accepts."""
    def report(step: Step) -> None:
        heard.append(step)
        if wanted(step):
            steps.cancel()

    steps = Steps(report)
    return steps


def test_a_readings_import_reports_rows_read_and_stored_of_the_whole(wind, tmp_path):
    heard: list[Step] = []
    change, report = monitoring_import.import_readings(wind, ON, CODE, readings_file(tmp_path / "r.csv", 50_000), steps=Steps(heard.append))
    assert report.new == 50_000 and change is not None
    read = [s for s in heard if s.what.id.startswith("progress.rows_read")]
    stored = [s for s in heard if s.what.id == "progress.readings_stored"]
    assert read and read[-1].done == read[-1].total == 50_001  # the last data row is row 50,001 (after the header)
    # a step a statement: six of 7,500 rows (four parameters a row), then five of 1,000
    assert [s.done for s in stored] == [*range(0, 45_000, 7500), *range(45_000, 50_000, 1000)] and {s.total for s in stored} == {50_000}
    assert stored[1].what.en == "Storing readings: 7,500 of 50,000"
    assert stored[1].what.zh == "正在存储读数：7,500 / 50,000"
    first = read[0].what.params  # a CSV file's length is estimated from the share read
    assert read[0].what.en == f"Row {first['row']:,} of about {first['total']:,} read and checked" and 49_000 < first["total"] < 51_000


@pytest.mark.parametrize("where", ["reading", "storing", "before the commit"])
def test_a_readings_import_stopped_anywhere_stores_nothing(wind, tmp_path, where):
    monitoring_import.import_readings(wind, ON, CODE, readings_file(tmp_path / "first.csv", 4_000))
    before = file_digest(wind)
    wanted = {"reading": lambda s: s.what.id.startswith("progress.rows_read"),
              "storing": lambda s: s.what.id == "progress.readings_stored" and s.done >= 20_000,
              "before the commit": lambda s: s.what.id == "progress.readings_stored" and s.done == 49_000}[where]
    heard: list[Step] = []
    later = readings_file(tmp_path / "later.csv", 50_000, start=datetime(2025, 6, 1))
    with pytest.raises(Cancelled):
        monitoring_import.import_readings(wind, ON, CODE, later, steps=stopping_at(wanted, heard))
    assert file_digest(wind) == before  # not one reading, no audit entry
    if where == "before the commit":  # the stop came after the last step: write_action took it before committing
        assert heard[-1].done == 49_000


def test_quiet_steps_cannot_be_stopped():
    QUIET.cancel()
    QUIET.step(Text("progress.fieldbook.saving"))  # no Cancelled: the shared default is never stopped
    assert not QUIET.cancelled


def project_package(ws, tmp_path, rows: int):
    """The wind demo with ``rows`` readings, as a package."""
    monitoring_import.import_readings(ws, ON, CODE, readings_file(tmp_path / "r.csv", rows))
    return packages.export_package(ws, ON, CODE, tmp_path / "vn.ccerpkg")


def test_a_package_import_stopped_while_storing_leaves_the_other_workspace_as_it_was(wind, tmp_path):
    package = project_package(wind, tmp_path, 6_000)
    other = open_workspace(tmp_path / "other.sqlite")
    try:
        before = file_digest(other)
        heard: list[Step] = []
        with pytest.raises(Cancelled):
            packages.import_package(other, ON, package, steps=stopping_at(lambda s: s.what.id == "progress.package.rows_stored" and s.done >= 3000, heard))
        assert file_digest(other) == before
        assert [s.what.id for s in heard][:1] == ["progress.package.member_checked"]
        assert heard[-1].what.en.startswith("Storing records: 3,000 of ")
        _, report = packages.import_package(other, ON, package)  # the same package, not stopped, imports whole
        assert report.action == "created" and report.rows > 6_000
    finally:
        other.close()


def test_a_package_replacing_a_project_stopped_mid_way_keeps_the_project_here(wind, tmp_path):
    """Replacing deletes the project here and inserts the package's in one transaction: stopped in between, the
    project here is back as it was."""
    package = project_package(wind, tmp_path, 6_000)
    meters.add_meter(wind, ON, CODE, {"serial": "EXP-3", "role": "export", "accuracy_class": "0.2"})  # now it differs
    before = file_digest(wind)
    with pytest.raises(Cancelled):
        packages.import_package(wind, ON, package, take="incoming",
                                steps=stopping_at(lambda s: s.what.id == "progress.package.rows_stored" and s.done >= 2000, []))
    assert file_digest(wind) == before
    assert [m["serial"] for m in meters.list_meters(wind, CODE)] == ["EXP-1", "EXP-2", "EXP-3"]


def test_a_render_stopped_at_a_page_leaves_no_file(wind, tmp_path):
    heard: list[Step] = []
    out = tmp_path / "pdd.pdf"
    with pytest.raises(Cancelled):
        documents.render(wind, "pdd", CODE, "zh", out, ON.today, steps=stopping_at(lambda s: s.what.id == "progress.document.page_laid_out" and "3" in s.what.en, heard))
    assert not out.exists() and list(tmp_path.glob("*.part")) == [] and list(tmp_path.glob(".pdd.pdf*")) == []
    assert [s.what.en for s in heard if s.what.id == "progress.document.page_laid_out"] == ["Page 1 laid out", "Page 2 laid out", "Page 3 laid out"]
    assert heard[-1].what.zh == "已排版第 3 页"
    documents.render(wind, "pdd", CODE, "zh", out, ON.today, steps=Steps(heard.append))
    written = [s for s in heard if s.what.id == "progress.document.page_written"]
    assert out.exists() and written and written[-1].done == written[-1].total - 1


def test_a_period_calculation_stopped_keeps_the_period_as_it_was(wind, tmp_path):
    from workbench.services.methodology import methodology
    from workbench.services.monitoring import accounting, periods

    methodology.set_parameter(wind, ON, CODE, "grid", "VN-National")
    monitoring_import.import_readings(wind, ON, CODE, readings_file(tmp_path / "r.csv", 2 * 24 * 400))  # 400 days
    periods.add_period(wind, ON, CODE, date(2025, 1, 1), date(2025, 12, 31))
    before = file_digest(wind)
    heard: list[Step] = []
    with pytest.raises(Cancelled):
        accounting.calculate_period(wind, ON, CODE, 1, steps=stopping_at(lambda s: s.what.id == "progress.calculation.vintage", heard))
    assert file_digest(wind) == before
    assert [s.what.en for s in heard] == ["Reading meter EXP-1 (1 of 2)", "Reading meter EXP-2 (2 of 2)", "Calculating vintage 2025"]
    change = accounting.calculate_period(wind, ON, CODE, 1, steps=Steps(heard.append))
    assert change.result["period"] == 1 and file_digest(wind) != before


def test_a_spreadsheet_of_readings_reports_rows_of_its_exact_length(wind, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["meter", "start", "minutes", "kwh"])
    for i in range(3_000):
        sheet.append([f"EXP-{1 + i % 2}", f"{datetime(2025, 1, 1) + timedelta(hours=i // 2):%Y-%m-%d %H:%M}", 60, 2.5])
    book.save(tmp_path / "readings.xlsx")
    heard: list[Step] = []
    _, report = monitoring_import.import_readings(wind, ON, CODE, tmp_path / "readings.xlsx", steps=Steps(heard.append))
    read = [s for s in heard if s.what.id.startswith("progress.rows_read")]
    assert report.new == 3_000 and read[-1].what.en == "Row 3,001 of 3,001 read and checked" and read[-1].done == read[-1].total


def test_a_plot_inventory_import_stopped_while_reading_stores_nothing(ws, tmp_path):
    from tests.unit.test_field_data import parcels_with_strata, write_csv
    from workbench.services.monitoring import field_data

    create_demo_projects(ws, ON)
    parcels_with_strata(ws, tmp_path)
    trees = [(f"F{p}", "fir-2021", 400, "0.0005", "0.0005", date(2023, 11, 20), f"T{t}", "Cunninghamia lanceolata", "12.5", "8.5")
             for p in range(120) for t in range(100)]  # 12,000 trees in 120 plots
    write_csv(tmp_path / "plots.csv", trees)
    before = file_digest(ws)
    heard: list[Step] = []
    with pytest.raises(Cancelled):
        field_data.import_file(ws, ON, "GX-AR-01", tmp_path / "plots.csv", "plots", steps=stopping_at(lambda s: s.what.id.startswith("progress.rows_read"), heard))
    assert file_digest(ws) == before
    assert heard[-1].what.en == "Row 5,000 read and checked"  # a CSV read row by row does not say how long it is
    _, report = field_data.import_file(ws, ON, "GX-AR-01", tmp_path / "plots.csv", "plots")
    assert (report.new, report.trees) == (120, 12_000)


def test_a_package_export_or_a_field_workbook_stopped_leaves_no_file(wind, tmp_path):
    from workbench.services.monitoring import fieldbook

    monitoring_import.import_readings(wind, ON, CODE, readings_file(tmp_path / "r.csv", 2_000))
    heard: list[Step] = []
    with pytest.raises(Cancelled):
        packages.export_package(wind, ON, CODE, tmp_path / "vn.ccerpkg", steps=stopping_at(lambda s: s.what.id == "progress.package.member_written", heard))
    assert heard[-1].what.en.startswith("Writing part 1 of ")
    with pytest.raises(Cancelled):
        fieldbook.export_workbook(wind, CODE, tmp_path / "field.xlsx", ON.today, steps=stopping_at(lambda s: s.what.id == "progress.fieldbook.sheets", []))
    assert [p.name for p in tmp_path.iterdir() if "ccerpkg" in p.name or "field" in p.name] == []  # neither file, nor a temporary of either
