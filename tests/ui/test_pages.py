"""Pages beyond the acceptance path: evidence, open risks on the Overview, the PDF font setting, the field workbook."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from tests.ui.test_main_window import open_window
from workbench.services.documents import evidence
from workbench.services.support.context import Actor
from workbench.services.demo.projects import create_demo_projects


def test_adding_and_deleting_evidence_through_the_page(qtbot, ws, monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_TODAY", "2025-03-03")
    create_demo_projects(ws, Actor("tester", date(2025, 3, 3)))
    window = open_window(qtbot, ws)
    page = window.page("EvidencePage")
    photo = tmp_path / "turbine-07.jpg"
    photo.write_bytes(b"\xff\xd8 photo of turbine 7")
    page.add.set(path=str(photo), note="nameplate")
    qtbot.mouseClick(page.add.button, Qt.MouseButton.LeftButton)
    assert page.files.rowCount() == 1 and page.feedback.text() == "turbine-07.jpg attached."
    assert (page.files.cell_text(0, 1), page.files.cell_text(0, 2), page.files.cell_text(0, 6)) == ("project", "turbine-07.jpg", "2035-03-03")

    file_id = page.files.key_at(0)
    delete = page.files.menu_for(0).actions()[2]  # the row's context menu: Delete
    assert delete.text() == "Delete"
    delete.trigger()
    dialog = window.findChild(QInputDialog, "confirmDeleteDialog")
    assert dialog is not None and dialog.isVisible() and "not before 2035-03-03" in dialog.labelText()
    dialog.reject()  # cancelling keeps the file
    assert page.files.rowCount() == 1
    page.ask_to_remove(file_id)
    dialog = [d for d in window.findChildren(QInputDialog, "confirmDeleteDialog") if d.isVisible()][0]
    dialog.setTextValue("duplicate of file 2")
    dialog.accept()
    assert page.files.rowCount() == 0 and evidence.list_files(ws, "VN-OFW-01") == []


def test_the_overview_lists_open_risks_of_the_current_stage_first(qtbot, ws, monkeypatch):
    from workbench.services.projects import risks

    actor = Actor("tester", date(2025, 3, 3))
    create_demo_projects(ws, actor)
    risks.preload(ws, actor, "VN-OFW-01")
    risks.update(ws, actor, "VN-OFW-01", "capital-flows", {"likelihood": "4", "impact": "5", "owner": "CFO"})
    risks.update(ws, actor, "VN-OFW-01", "dev-technology", {"status": "closed"})
    window = open_window(qtbot, ws)
    table = window.page("OverviewPage").risks
    assert table.rowCount() == 10  # eleven checklist items, one closed
    assert table.cell_text(0, 1) == "Project design (PDD drafting)" and table.cell_text(1, 1) == "Registered: implementation and monitoring" and table.cell_text(1, 3) == "20"


def test_a_risk_changed_by_a_colleague_after_the_page_showed_it_is_not_overwritten(qtbot, ws):
    from PySide6.QtWidgets import QMessageBox

    from workbench.services.projects import risks
    from workbench.store.workspace import open_workspace

    actor = Actor("tester", date(2025, 3, 3))
    create_demo_projects(ws, actor)
    risks.preload(ws, actor, "VN-OFW-01")
    window = open_window(qtbot, ws)
    page = window.page("RisksPage")
    colleague = open_workspace(ws.address)  # another desk on the same workspace
    risks.update(colleague, Actor("wang", date(2025, 3, 3)), "VN-OFW-01", "capital-flows", {"owner": "CFO Wang"})
    colleague.close()
    page.update_form.set(key="capital-flows", owner="Me", likelihood="2", impact="2")
    qtbot.mouseClick(page.update_form.button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(QMessageBox, "userErrorDialog")
    assert dialog is not None and "Risk" in dialog.text() and "changed by wang" in dialog.text() and "'CFO Wang'" in dialog.text()
    dialog.close()
    assert next(r for r in risks.register_of(ws, "VN-OFW-01") if r.key == "capital-flows").owner == "CFO Wang"
    window.show_selected()  # the page shows the current register again: now the edit goes through
    qtbot.mouseClick(page.update_form.button, Qt.MouseButton.LeftButton)
    assert next(r for r in risks.register_of(ws, "VN-OFW-01") if r.key == "capital-flows").owner == "Me"


def test_the_pdf_font_is_chosen_in_settings_and_bad_fonts_are_refused(qtbot, ws, tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from workbench.documents.fonts import find_cjk_font

    window = open_window(qtbot, ws)
    cff = tmp_path / "NotoSansCJK.otf"
    cff.write_bytes(b"OTTO" + b"\x00" * 64)
    window.set_font(str(cff))
    dialog = window.findChild(QMessageBox, "userErrorDialog")
    assert dialog is not None and "not a TrueType font" in dialog.text()
    assert QSettings().value("pdf/cjk_font") is None
    window.set_font(str(find_cjk_font()))
    assert QSettings().value("pdf/cjk_font") == str(find_cjk_font())


def test_the_field_workbook_is_exported_from_the_monitoring_page_and_imported_back(qtbot, ws, monkeypatch, tmp_path):
    from datetime import datetime

    from openpyxl import load_workbook

    from workbench.services.monitoring import meters

    monkeypatch.setenv("WORKBENCH_TODAY", "2025-03-03")
    create_demo_projects(ws, Actor("tester", date(2025, 3, 3)))
    meters.add_meter(ws, Actor("tester", date(2025, 3, 3)), "VN-OFW-01", {"serial": "EXP-1", "role": "export", "accuracy_class": "0.2"})
    window = open_window(qtbot, ws)
    page = window.page("MonitoringPage")
    assert page.fieldbook.title().startswith("Export field workbook")
    assert page.fieldbook.values()["out"].endswith("VN-OFW-01-field-workbook.xlsx")  # named after the project
    page.fieldbook.set(out=str(tmp_path / "fb.xlsx"))
    qtbot.mouseClick(page.fieldbook.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (tmp_path / "fb.xlsx").exists() and page.importer.path.text() != "", timeout=20000)
    book = load_workbook(tmp_path / "fb.xlsx")
    sheet = book["Readings 读数"]
    sheet.cell(2, 1, "EXP-1"), sheet.cell(2, 2, datetime(2025, 3, 1)), sheet.cell(2, 3, 60), sheet.cell(2, 4, 3648)
    book.save(tmp_path / "fb.xlsx")
    panel = page.importer
    assert panel.path.text() == str(tmp_path / "fb.xlsx") and panel.kind.currentData() == "fieldbook"
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)  # check first: a preview, nothing stored
    qtbot.waitUntil(lambda: panel.confirm.isEnabled(), timeout=20000)
    assert panel.preview.text() == "Meter readings: 1 new reading(s) (EXP-1: 1), 0 already stored" and page.totals.rowCount() == 0
    panel.path.setText(panel.path.text() + " ")  # another file (or kind) needs its own check
    assert not panel.confirm.isEnabled() and panel.preview.text() == ""
    panel.path.setText(str(tmp_path / "fb.xlsx"))
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.confirm.isEnabled(), timeout=20000)
    qtbot.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.totals.rowCount() == 1, timeout=20000)
    assert page.totals.cell_text(0, 4) == "3.648" and panel.status.text().startswith("Imported.")
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "adds nothing new" in panel.status.text(), timeout=20000)
    assert not panel.confirm.isEnabled()


def test_a_forestry_project_imports_plot_inventories_with_a_preview(qtbot, ws, monkeypatch, tmp_path):
    from tests.unit.test_field_data import inventory, parcels_with_strata, write_csv

    monkeypatch.setenv("WORKBENCH_TODAY", "2024-02-01")
    create_demo_projects(ws, Actor("tester", date(2024, 2, 1)))
    parcels_with_strata(ws, tmp_path)
    window = open_window(qtbot, ws)
    window.select_project("GX-AR-01")
    page = window.page("MonitoringPage")
    page.refresh()
    panel = page.importer
    assert [panel.kind.itemText(i) for i in range(panel.kind.count())] == ["Plot inventory", "Field workbook (every sheet)"]
    assert page.plots.isVisibleTo(page) and not page.totals.isVisibleTo(page) and not page.add_meter.isVisibleTo(page)
    write_csv(tmp_path / "plots.csv", inventory(7))
    panel.path.setText(str(tmp_path / "plots.csv"))
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.confirm.isEnabled(), timeout=20000)
    assert "6 new plot measurement(s) (fir-2021: 3, pine-2021: 3) of 6 with 30 tree(s)" in panel.preview.text()
    qtbot.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.plots.rowCount() == 2, timeout=20000)
    assert [page.plots.cell_text(0, c) for c in range(5)] == ["fir-2021", "2023-11-20", "3", "15", ""]
    page.add_period.set(start="2021-03-01", end="2023-12-31")
    qtbot.mouseClick(page.add_period.button, Qt.MouseButton.LeftButton)
    page.calculate.set(period="1")
    qtbot.mouseClick(page.calculate.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.plots.cell_text(0, 4) != "", timeout=20000)  # the sampling plan of the calculation
    from workbench.services.monitoring import field_data

    assert [page.plots.cell_text(r, 4) for r in range(2)] == [str(r["needed"]) for r in field_data.plot_summary(ws, "GX-AR-01")]
    plots = page.mapping.form("plots")  # a field per column, labelled: nothing typed as an internal key
    assert plots.isVisible() and plots.labels["dbh_cm"].text() == "Diameter at breast height (cm)"
    plots.set(dbh_cm="D130 (cm)", height_m="Ht")
    qtbot.mouseClick(plots.button, Qt.MouseButton.LeftButton)
    from workbench.services.monitoring import import_mappings

    assert import_mappings.get_mapping(ws, "GX-AR-01", "plots") == {"dbh_cm": "D130 (cm)", "height_m": "Ht"}
    page.invalidate()
    assert (plots.input("dbh_cm").value(), plots.input("height_m").value()) == ("D130 (cm)", "Ht")  # shown again as saved
    readings = page.mapping.form("readings")
    formats = [readings.input("time_format").itemText(i) for i in range(readings.input("time_format").count())]
    assert "31.01.2025 23:45" in formats  # how timestamps are written, chosen by example
    window.toggle_language()
    assert panel.kind.itemText(0) == "样地调查" and panel.import_button.text() == "检查文件"


def test_the_pdd_editor_saves_both_languages_as_typed_and_shows_each_sections_completeness(qtbot, ws):
    from workbench.services.documents import pdd

    create_demo_projects(ws, Actor("tester", date(2025, 3, 3)))
    window = open_window(qtbot, ws)
    window.select_project("VN-OFW-01")
    page = window.page("PddPage")
    window.tabs.setCurrentWidget(page)
    before = pdd.texts(ws, "VN-OFW-01")[("environment", "en")]
    en, zh = page.fields[("environment", "en")], page.fields[("environment", "zh")]
    en.setFocus()
    qtbot.keyClicks(en, "Noise at the nearest village stays under 45 dB(A).")
    qtbot.waitUntil(lambda: pdd.texts(ws, "VN-OFW-01")[("environment", "en")].startswith("Noise"), timeout=3000)  # no save button
    zh.setPlainText("最近村庄噪声低于45分贝。")
    zh.setFocus()
    en.setFocus()  # leaving the field saves at once
    assert pdd.texts(ws, "VN-OFW-01")[("environment", "zh")] == "最近村庄噪声低于45分贝。"
    rows = {page.sections.cell_text(r, 0): (page.sections.cell_text(r, 1), page.sections.cell_text(r, 2)) for r in range(page.sections.rowCount())}
    assert rows["Environmental impact"] == ("✔", "") and list(rows)[0] == "Project description"
    assert page.states["environment"].text() == "Written in: English, Chinese"
    window.undo_action.trigger()  # the Chinese text goes; the page follows the store
    assert zh.toPlainText() == "" and page.states["environment"].text().startswith("Written in: English —")
    window.undo_action.trigger()
    assert en.toPlainText() == before


def test_boundaries_import_in_a_worker_and_show_on_the_map_with_geodesic_areas(qtbot, ws, tmp_path):
    import json

    from PySide6.QtWidgets import QMessageBox

    from workbench.services.monitoring import site_import

    create_demo_projects(ws, Actor("tester", date(2025, 3, 3)))
    window = open_window(qtbot, ws)
    window.select_project("GX-AR-01")
    page = window.page("BoundaryPage")
    window.tabs.setCurrentWidget(page)
    square = [[108.0, 24.0], [108.001, 24.0], [108.001, 24.001], [108.0, 24.001], [108.0, 24.0]]
    features = [{"type": "Feature", "properties": {"name": n, "stratum": st},
                 "geometry": {"type": "Polygon", "coordinates": [[[x + dx, y] for x, y in square]]}}
                for n, st, dx in (("C1", "masson-2025", 0.0), ("C2", "eucalyptus-2025", 0.002))]
    good = tmp_path / "parcels.geojson"
    good.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": [{**features[0], "geometry": {"type": "Point", "coordinates": [108, 24]}}]}))
    page.import_file(str(bad))
    qtbot.waitUntil(lambda: page.import_button.isEnabled(), timeout=5000)
    dialog = window.findChild(QMessageBox, "userErrorDialog")
    assert dialog is not None and "holds no polygons (only C1 (Point))" in dialog.text() and page.parcels.rowCount() == 0
    dialog.close()
    page.import_file(str(good))
    qtbot.waitUntil(lambda: page.parcels.rowCount() == 2, timeout=5000)
    stored = {p.name: p.area_ha for p in site_import.parcels_of(ws, "GX-AR-01")}
    assert [page.parcels.cell_text(r, 0) for r in range(2)] == ["C1", "C2"]
    assert page.parcels.cell_text(0, 2) == f"{stored['C1']:.4f}" and "imported 2 parcel(s)" in page.status.text()
    assert page.total.text().startswith("Total by stratum: eucalyptus-2025 ")
    assert len([i for i in page.map.scene().items() if i.toolTip().startswith("C")]) == 2  # both parcels drawn
    whole = page.map.mapToScene(page.map.viewport().rect()).boundingRect()
    page.parcels.selectRow(1)  # choosing a parcel in the table zooms the map to it
    zoomed = page.map.mapToScene(page.map.viewport().rect()).boundingRect()
    assert zoomed.width() < whole.width() and zoomed.contains(page.map.outlines["C2"][0].sceneBoundingRect())
    assert page.map.outlines["C2"][0].pen().width() == 3 and page.map.outlines["C1"][0].pen().width() == 0


def test_the_monitoring_chart_draws_each_meters_monthly_energy(qtbot, ws, tmp_path):
    from workbench.services.monitoring import meters, monitoring_import

    actor = Actor("tester", date(2026, 2, 1))
    create_demo_projects(ws, actor)
    meters.add_meter(ws, actor, "VN-OFW-01", {"serial": "EXP-1", "role": "export", "accuracy_class": "0.2"})
    meters.add_meter(ws, actor, "VN-OFW-01", {"serial": "IMP-1", "role": "import", "accuracy_class": "0.5"})
    csv = tmp_path / "r.csv"
    csv.write_text("meter,start,minutes,kwh\nEXP-1,2025-01-10 00:00,60,1500\nEXP-1,2025-02-10 00:00,60,2500\nIMP-1,2025-02-10 00:00,60,4\n")
    monitoring_import.import_readings(ws, actor, "VN-OFW-01", csv)
    window = open_window(qtbot, ws)
    window.select_project("VN-OFW-01")
    page = window.page("MonitoringPage")
    qtbot.waitUntil(lambda: page.totals.rowCount() == 2, timeout=5000)  # aggregated in a worker
    chart = page.chart.chart()
    lines = {s.name(): [(p.x(), p.y()) for p in s.points()] for s in chart.series()}
    assert lines == {"EXP-1 (Export to the grid)": [(0.0, 1.5), (1.0, 2.5)], "IMP-1 (Import from the grid)": [(1.0, 0.004)]}
    assert chart.axes()[0].categories() == ["25-01", "25-02"]


def test_project_details_are_edited_on_the_overview_and_a_colleagues_change_is_not_overwritten(qtbot, ws):
    from PySide6.QtWidgets import QMessageBox

    from workbench.services.projects import lifecycle, projects
    from workbench.store.workspace import open_workspace

    create_demo_projects(ws, Actor("tester", date(2025, 3, 3)))
    window = open_window(qtbot, ws)
    window.select_project("GX-AR-01")
    form = window.page("OverviewPage").details
    assert form.values()["crediting_end"] == "2051-02-28" and form.values()["registry_account"] == "CCER-ACC-450000-0001"

    def header():
        return lifecycle.view_project(ws, "GX-AR-01", date(2025, 3, 3)).snapshot.header

    form.set(title_en="Hechi Afforestation (phase I)")
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert header().title_en == "Hechi Afforestation (phase I)" and header().dates.crediting.end == date(2051, 2, 28)
    colleague = open_workspace(ws.address)
    projects.update_project(colleague, Actor("wang", date(2025, 3, 3)), "GX-AR-01", {"title_zh": "河池造林一期"})
    colleague.close()
    form.set(title_zh="我的标题")
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(QMessageBox, "userErrorDialog")
    assert dialog is not None and "changed by wang" in dialog.text() and "河池造林一期" in dialog.text()
    dialog.close()
    assert header().title_zh == "河池造林一期"
    window.show_selected()  # the form shows what is stored now; the edit can be made again from there
    assert form.values()["project_start"] == "2021-03-01"  # the planting start the 667 m² rule follows sits with the other dates
    form.set(project_start="2021-04-15")
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert header().dates.project_start == date(2021, 4, 15)
    window.undo_action.trigger()
    assert header().dates.project_start == date(2021, 3, 1)
    assert form.values()["title_zh"] == "河池造林一期"
    window.undo_action.trigger()  # the own title edit is undone; the colleague's stays
    assert header().title_en == "Guangxi Hechi Barren Hills Afforestation Project (demo)" and header().title_zh == "河池造林一期"


def test_a_methodology_is_chosen_on_the_methodology_page_only_where_it_applies(qtbot, ws):
    from PySide6.QtWidgets import QMessageBox

    from workbench.services.projects import lifecycle

    create_demo_projects(ws, Actor("tester", date(2025, 3, 3)))
    window = open_window(qtbot, ws)
    window.select_project("GX-AR-01")
    page = window.page("MethodologyPage")
    verdicts = {page.verdicts.cell_text(r, 0): page.verdicts.cell_text(r, 2) for r in range(page.verdicts.rowCount())}
    assert verdicts["CCER-14-001-V01 ★"].startswith("yes") and verdicts["CCER-01-002-V01"] == "no"
    page.choose.set(methodology="CCER-01-002-V01")  # choosing it shows its check: ruled out, said plainly
    assert page.verdict.text().startswith("CCER-01-002-V01 does not apply to this project: ")
    qtbot.mouseClick(page.choose.button, Qt.MouseButton.LeftButton)
    shown = page.choose.problems["methodology"].text() if page.choose.problems["methodology"].isVisibleTo(page.choose) else \
        window.findChild(QMessageBox, "userErrorDialog").text()
    assert "CCER-01-002-V01 does not apply to this project" in shown
    page.choose.set(methodology="CCER-14-002-V01")
    qtbot.mouseClick(page.choose.button, Qt.MouseButton.LeftButton)
    header = lifecycle.view_project(ws, "GX-AR-01", date(2025, 3, 3)).snapshot.header  # needs evidence, fails nothing
    assert (header.methodology_id, header.methodology_version) == ("CCER-14-002", "V01")
    assert page.verdicts.cell_text(1, 0) == "CCER-14-002-V01 ★"
    window.undo_action.trigger()  # back to afforestation
    assert lifecycle.view_project(ws, "GX-AR-01", date(2025, 3, 3)).snapshot.header.methodology_id == "CCER-14-001"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_methodology_for_another_technology_says_plainly_it_does_not_apply(qtbot, ws, lang):
    """The offshore wind farm's page: the solar-thermal methodology is ruled out by what the project is, not left
    waiting for evidence; the conditions table shows that one reason and asks for nothing."""
    create_demo_projects(ws, Actor("tester", date(2025, 3, 3)))
    window = open_window(qtbot, ws, lang)
    window.select_project("VN-OFW-01")
    page = window.page("MethodologyPage")
    row = next(r for r in range(page.verdicts.rowCount()) if page.verdicts.cell_text(r, 0) == "CCER-01-001-V01")
    assert page.verdicts.cell_text(row, 2) == ("不适用" if lang == "zh" else "no")
    page.show_check("CCER-01-001-V01")
    assert page.verdict.text() == {
        "zh": "CCER-01-001-V01 不适用于本项目：本方法学适用于并网光热发电；本项目为并网海上风力发电项目（已选方法学 CCER-01-002-V01）",
        "en": "CCER-01-001-V01 does not apply to this project: this methodology is for Grid-connected solar thermal power generation; "
              "the project is a Grid-connected offshore wind power generation project (it has chosen CCER-01-002-V01)"}[lang]
    assert page.checks.rowCount() == 1 and not page.evidence_box.isVisibleTo(page)


def test_every_column_of_every_import_has_a_label_in_both_languages():
    from workbench.domain import catalogue
    from workbench.services.monitoring import field_data, import_mappings

    missing = [f"mapping.{kind}.{key}" for kind in field_data.IMPORTERS for key in import_mappings.fields_of(kind)
               for lang in ("en", "zh") if not catalogue.has(f"mapping.{kind}.{key}", lang)]
    assert missing == []
