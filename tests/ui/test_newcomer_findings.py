"""What the newcomer trial found on the pages: the Missing list is the chosen document's, wording follows the window's language
(written line, file dialogs), the guide counts the demo projects, a greyed Confirm and a refused final PDD say why and
where, and a meter's calibration overdue or missing stands out."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from tests.ui.test_main_window import open_window
from workbench.services.demo.projects import create_demo_projects
from workbench.services.support.context import Actor


def missing_rows(page) -> list[tuple[str, str]]:
    return [(page.missing.cell_text(r, 0), page.missing.cell_text(r, 1)) for r in range(page.missing.rowCount())]


def documents_page(qtbot, ws, monkeypatch):
    """The Documents page of the offshore wind demo at design, on 3 March 2025; returns (window, page)."""
    monkeypatch.setenv("WORKBENCH_TODAY", "2025-03-03")
    create_demo_projects(ws, Actor("tester", date(2025, 3, 3)))
    window = open_window(qtbot, ws)
    window.select_project("VN-OFW-01")
    page = window.page("DocumentsPage")
    window.tabs.setCurrentWidget(page)
    return window, page


def test_the_missing_list_follows_the_document_chosen(qtbot, ws, monkeypatch):
    window, page = documents_page(qtbot, ws, monkeypatch)
    assert ("Project description", "Project description text") in missing_rows(page)  # the PDD's, chosen by default

    page.form.input("kind").set_value("registration-application")
    assert missing_rows(page) == [("Validation", "a final validation report")]
    page.form.input("kind").set_value("validation-package")
    assert missing_rows(page) == [("Engagement", "VVB engaged for Validation")]
    page.form.input("kind").set_value("monitoring-report")  # no accounting period yet: the reason, not the PDD's list
    rows = missing_rows(page)
    assert len(rows) == 1 and rows[0][0].startswith("Monitoring report") and "choose it under Period or retirement" in rows[0][1]
    assert all("workbench " not in item and "--" not in item for _, item in rows)


def test_the_written_line_follows_the_language(qtbot, ws, monkeypatch, tmp_path):
    window, page = documents_page(qtbot, ws, monkeypatch)
    out = tmp_path / "risks.pdf"
    page.form.set(kind="risk-register", lang="en", out=str(out))
    qtbot.mouseClick(page.form.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text() != "", timeout=60000)
    assert page.status.text() == f"Written: {out}"
    window.toggle_language()
    assert page.status.text() == f"已生成：{out}"


def test_file_dialogs_name_their_files_in_the_windows_language(qtbot, ws, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: asked.append(a[3]) or ("", ""))
    window = open_window(qtbot, ws, lang="zh")
    window.page("BoundaryPage").choose_file()
    window.choose_workspace()
    window.choose_package_in()
    assert asked[0].startswith("边界文件 (*.geojson") and asked[1] == "工作区文件 (*.sqlite *.db)" and asked[2].startswith("项目包 (")


def test_the_user_guide_counts_the_demo_projects_it_adds(qtbot, ws, monkeypatch):
    from workbench.ui.help_dialogs import guide_html
    from workbench.ui.i18n import Language

    monkeypatch.setenv("WORKBENCH_TODAY", "2025-03-03")
    window = open_window(qtbot, ws)
    window.demo_action.trigger()
    qtbot.waitUntil(lambda: window.demo_action.isEnabled() and window.model.rowCount() > 0, timeout=120000)
    count = window.model.rowCount()
    assert f"puts {count} worked projects" in guide_html(Language("en")) and f"加入{count}个完整示例项目" in guide_html(Language("zh"))


def test_a_shipped_demo_edition_says_why_it_cannot_be_confirmed(qtbot, ws):
    window = open_window(qtbot, ws, lang="zh")
    page = window.page("ReferencePage")
    demo = next(r for r in range(page.editions.rowCount()) if page.editions.key_at(r) is None)  # the shipped VN-National DEMO edition
    page.editions.selectRow(demo)
    (confirm,) = page.editions.action_buttons
    assert not confirm.isEnabled() and "演示版本不是公开发布的数值" in confirm.toolTip() and "添加公开发布的版本" in page.feedback.text()
    page.editions.clearSelection()
    assert confirm.toolTip() == "" and page.feedback.text() == ""


def test_a_final_pdd_refused_for_values_to_confirm_says_where_they_are_confirmed(qtbot, ws, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from workbench.services.demo.demo import create_demo

    monkeypatch.setenv("WORKBENCH_TODAY", "2026-12-01")
    create_demo(ws, Actor("tester", date(2026, 12, 1)))  # the whole demo: the wind farm's PDD lacks only its DEMO grid factor's confirmation
    window = open_window(qtbot, ws)
    window.select_project("VN-OFW-01")
    page = window.page("DocumentsPage")
    window.tabs.setCurrentWidget(page)
    page.form.set(kind="pdd", lang="en", out=str(tmp_path / "pdd.pdf"), mode="final")
    qtbot.mouseClick(page.form.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "userErrorDialog") is not None, timeout=60000)
    text = window.findChild(QMessageBox, "userErrorDialog").text()
    assert text.startswith("Not final yet") and "(EF_grid,OM,y)" in text
    assert "on the Reference data page: select its edition, press Confirm" in text and "workbench " not in text


def test_the_meter_list_marks_a_calibration_overdue_or_missing(qtbot, ws, monkeypatch, tmp_path):
    from tests.unit.test_ledger import measured_wind_period
    from workbench.services.monitoring import meters

    actor = measured_wind_period(ws, tmp_path)  # EXP-1 calibrated 2025-01-05; today 2026-02-01
    meters.add_meter(ws, actor, "VN-OFW-01", {"serial": "IMP-1", "role": "import", "accuracy_class": "0.5"})
    monkeypatch.setenv("WORKBENCH_TODAY", "2026-02-01")
    window = open_window(qtbot, ws)
    window.select_project("VN-OFW-01")
    page = window.page("MonitoringPage")
    window.tabs.setCurrentWidget(page)
    due = {page.meters.cell_text(r, 0): page.meters.item(r, 4) for r in range(page.meters.rowCount())}
    assert due["EXP-1"].text() == "2026-01-05 — overdue" and due["EXP-1"].foreground().color().name() == "#b3261e"
    assert due["IMP-1"].text().startswith("no calibration recorded") and due["IMP-1"].foreground().color().name() == "#b3261e"
