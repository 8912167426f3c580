"""The wizards for the multi-step acts, driven as a user does: each page checked before the next, Cancel leaving
nothing behind, Finish writing everything as one action (one audit entry, one step in Edit › Undo), and a
service's refusal shown next to its field on the page that holds it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox, QWizard
from sqlalchemy import func, select

from tests.ui import wizard_steps
from tests.ui.test_main_window import open_window
from tests.unit.test_ledger import verified_wind_period
from workbench.services.demo.projects import create_demo_projects
from workbench.services.issuance import ledger
from workbench.services.methodology import methodology
from workbench.services.monitoring import meters, monitoring_import, periods
from workbench.services.projects import lifecycle
from workbench.services.support.context import Actor
from workbench.services.validation import validation
from workbench.store.models import AuditRow, ProjectRow

TODAY = date(2026, 2, 1)
PROJECT = {"code": "CN-PV-09", "title_en": "Golmud 50 MW PV", "title_zh": "格尔木50兆瓦光伏电站", "programme": "ccer", "host_country": "CN",
           "sector": "energy", "methodology_id": "CCER-01-001-V01", "construction_start": "2025-05-01", "operation_start": "2026-01-01",
           "crediting_start": "2026-01-01", "crediting_end": "2035-12-31"}
OWNER = {"name_en": "Golmud Solar Co.", "name_zh": "格尔木光伏有限公司", "role": "project_owner", "nationality": "chinese", "country": "CN"}
SITE = {"name": "Array A", "latitude": "36.402100", "longitude": "94.903300", "area_ha": "80"}


def audit_actions(ws) -> list[str]:
    with ws.reading() as s:
        return list(s.scalars(select(AuditRow.action).order_by(AuditRow.id)))


def projects_held(ws) -> int:
    with ws.reading() as s:
        return s.scalar(select(func.count()).select_from(ProjectRow))


def no_error(window) -> None:
    dialog = window.findChild(QMessageBox, "userErrorDialog")
    assert dialog is None or not dialog.isVisible(), dialog.text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_new_project_wizard_checks_each_page_and_finishes_as_one_undo_step(qtbot, ws, monkeypatch, tmp_path, lang):
    monkeypatch.setenv("WORKBENCH_TODAY", str(TODAY))
    window = open_window(qtbot, ws, lang)
    zh = lang == "zh"
    wizard = window.start_new_project()
    qtbot.waitExposed(wizard)
    wizard.grab().save(str(tmp_path / f"wizard-{lang}.png"))
    wizard_steps.next_page(qtbot, wizard)  # nothing filled: every problem of the page at once
    assert wizard.currentPage() is wizard.basics
    assert set(wizard_steps.problems(wizard.basics.form)) == {"code", "host_country", "sector"}
    wizard.basics.form.set(programme="ccer")
    assert "agreement" in wizard.basics.form.hidden  # a domestic project has no bilateral agreement
    wizard.basics.form.set(**{k: v for k, v in PROJECT.items() if k in wizard.basics.form.inputs})
    wizard_steps.next_page(qtbot, wizard)
    # a foreign owner of a domestic CCER project is refused next to its field, and not listed
    wizard_steps.add_to_list(qtbot, wizard.parties, {**OWNER, "nationality": "host", "country": "VN"})
    assert list(wizard_steps.problems(wizard.parties.form)) in (["nationality"], ["country"]) and wizard.parties.table.rowCount() == 0
    wizard_steps.add_to_list(qtbot, wizard.parties, {"name_en": "Adviser added by mistake", "role": "consultant", "nationality": "chinese",
                                                     "country": "CN"})
    wizard.parties.table.selectRow(0)
    wizard_steps.press_button(qtbot, wizard.parties.table.action_buttons[0])  # the row's Remove
    wizard_steps.add_to_list(qtbot, wizard.parties, OWNER)
    assert wizard.parties.table.rowCount() == 1 and wizard.parties.form.values() == {}
    wizard_steps.next_page(qtbot, wizard)
    wizard.dates.form.set(**{**{k: v for k, v in PROJECT.items() if k in wizard.dates.form.inputs}, "crediting_end": "2037-12-31"})
    wizard_steps.next_page(qtbot, wizard)  # twelve years: the methodology's crediting rule refuses, on this page
    assert wizard.currentPage() is wizard.dates and wizard.dates.problem.text() != ""
    wizard.dates.form.set(crediting_end=PROJECT["crediting_end"])
    wizard_steps.next_page(qtbot, wizard)
    assert "distance_to_shore_km" in wizard.sites.form.hidden  # asked of offshore wind farms only
    wizard_steps.add_to_list(qtbot, wizard.sites, SITE)
    wizard.grab().save(str(tmp_path / f"wizard-sites-{lang}.png"))
    wizard_steps.finish(qtbot, wizard)
    no_error(window)
    assert not wizard.isVisible() and projects_held(ws) == 1 and audit_actions(ws) == ["project.setup"]
    snap = lifecycle.view_project(ws, "CN-PV-09", TODAY).snapshot
    assert (len(snap.parties), [s.name for s in snap.sites], snap.header.methodology_id) == (1, ["Array A"], "CCER-01-001")
    assert window.undo_action.text() == ("撤销：新建项目 CN-PV-09" if zh else "Undo: set up project CN-PV-09")
    window.undo_action.trigger()  # one step takes back the project, its party and its site
    assert projects_held(ws) == 0 and window.model.rowCount() == 0


def test_cancel_leaves_nothing_and_a_refusal_on_finish_goes_back_to_its_field(qtbot, ws, monkeypatch):
    monkeypatch.setenv("WORKBENCH_TODAY", str(TODAY))
    window = open_window(qtbot, ws)
    wizard_steps.new_project(qtbot, window, PROJECT, [OWNER], [SITE])
    assert projects_held(ws) == 1
    wizard = window.start_new_project()
    wizard.basics.form.set(**{k: v for k, v in PROJECT.items() if k in wizard.basics.form.inputs})
    wizard_steps.next_page(qtbot, wizard)
    wizard_steps.add_to_list(qtbot, wizard.parties, OWNER)
    wizard.reject()  # Cancel
    assert projects_held(ws) == 1 and audit_actions(ws) == ["project.setup"]
    wizard = wizard_steps.new_project(qtbot, window, PROJECT, [OWNER], [SITE])  # the same code again
    assert wizard.isVisible() and wizard.currentPage() is wizard.basics  # taken back to the field the service refused
    assert "CN-PV-09" in wizard_steps.problems(wizard.basics.form)["code"] and projects_held(ws) == 1


def test_a_vvb_is_recorded_and_engaged_in_one_action_by_the_engagement_wizard(qtbot, ws, monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_TODAY", str(TODAY))
    create_demo_projects(ws, Actor("tester", TODAY))
    validation.add_vvb(ws, Actor("tester", TODAY), {"name_en": "Forest Only VVB", "scopes": "forestry"})
    window = open_window(qtbot, ws, "zh")
    before = audit_actions(ws)
    wizard = wizard_steps.open_from(qtbot, window, "VN-OFW-01", "ValidationPage", "start_engagement")
    choices = [wizard.vvb.form.input("vvb").itemText(i) for i in range(wizard.vvb.form.input("vvb").count())]
    assert "Forest Only VVB" in choices and choices[-1] == "尚未登记的机构…"
    wizard.vvb.form.set(vvb="new")
    wizard_steps.next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.vvb and "name_en" in wizard_steps.problems(wizard.vvb.form)  # a new VVB needs a name
    wizard.vvb.form.set(name_en="China Quality Certification Centre", name_zh="中国质量认证中心", scopes="energy")
    wizard_steps.next_page(qtbot, wizard)
    assert "period" in wizard.terms.form.hidden  # a validation covers no accounting period
    wizard.terms.form.set(team="王芳")
    wizard.grab().save(str(tmp_path / "engagement-zh.png"))
    wizard_steps.finish(qtbot, wizard)  # one member is too few: refused next to the team, nothing recorded
    assert wizard.isVisible() and "team" in wizard_steps.problems(wizard.terms.form) and audit_actions(ws) == before
    wizard.terms.form.set(team="王芳, 李强")
    wizard_steps.finish(qtbot, wizard)
    no_error(window)
    assert not wizard.isVisible() and audit_actions(ws) == [*before, "engagement.add"]
    engaged = validation.engagements_of(ws, "VN-OFW-01")
    assert [(e.kind, e.team) for e in engaged] == [("validation", "王芳、李强")]
    assert [v.name_zh for v in validation.list_vvbs(ws)][-1] == "中国质量认证中心"
    assert window.undo_action.text() == "撤销：委托 中国质量认证中心"
    window.undo_action.trigger()  # one step takes back the engagement and the VVB recorded with it
    assert validation.engagements_of(ws, "VN-OFW-01") == [] and "中国质量认证中心" not in [v.name_zh for v in validation.list_vvbs(ws)]


def test_the_period_wizard_proposes_the_span_and_adds_and_calculates_in_one_action(qtbot, ws, monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_TODAY", str(TODAY))
    actor = Actor("tester", TODAY)
    create_demo_projects(ws, actor)
    methodology.set_parameter(ws, actor, "VN-OFW-01", "grid", "VN-National")
    meters.add_meter(ws, actor, "VN-OFW-01", {"serial": "EXP-1", "role": "export", "accuracy_class": "0.2", "calibrated_on": "2025-01-05",
                                              "calibration_error": "0"})
    csv = tmp_path / "readings.csv"
    csv.write_text("meter,start,minutes,kwh\n" + "".join(f"EXP-1,2025-03-{d:02d} 00:00,1440,100000\n" for d in range(1, 11)))
    monitoring_import.import_readings(ws, actor, "VN-OFW-01", csv)
    window = open_window(qtbot, ws, "zh")
    before = audit_actions(ws)
    wizard = wizard_steps.open_from(qtbot, window, "VN-OFW-01", "MonitoringPage", "start_period")
    crediting = lifecycle.view_project(ws, "VN-OFW-01", TODAY).snapshot.header.dates.crediting
    assert wizard.span.form.values() == {"start": str(crediting.start), "end": "2025-03-10"}  # to the last day with readings
    wizard_steps.next_page(qtbot, wizard)
    assert wizard.readings.rowCount() == 1 and wizard.readings.cell_text(0, 0) == "EXP-1" and wizard.readings.cell_text(0, 3) == "1,000"
    wizard.grab().save(str(tmp_path / "period-zh.png"))
    wizard._busy(True)  # as while Finish's calculation runs: closing the wizard would not stop it, so it cannot close
    wizard.reject()
    assert wizard.isVisible() and not wizard.button(QWizard.WizardButton.CancelButton).isEnabled()
    wizard._busy(False)
    wizard_steps.finish(qtbot, wizard)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=30000)
    no_error(window)
    (period,) = periods.list_periods(ws, "VN-OFW-01")
    assert (period.end, [v.credited for v in period.vintages]) == (date(2025, 3, 10), [659])  # 1,000 MWh × 0.6592
    assert audit_actions(ws) == [*before, "period.open"]
    assert window.undo_action.text() == "撤销：新建并计算第 1 核算期"
    window.undo_action.trigger()  # one step takes back the period and its results
    assert periods.list_periods(ws, "VN-OFW-01") == []


def test_the_issuance_wizard_shows_the_split_and_issues_the_verified_period(qtbot, ws, monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_TODAY", str(TODAY))
    verified_wind_period(ws, tmp_path)
    window = open_window(qtbot, ws, "zh")
    wizard = wizard_steps.open_from(qtbot, window, "VN-OFW-01", "LedgerPage", "start_issuance")
    assert wizard.period.form.values()["period"] == "1"  # the only verified period is chosen already
    assert (wizard.credited.cell_text(0, 0), wizard.credited.cell_text(0, 1)) == ("2025", "659")
    wizard_steps.next_page(qtbot, wizard)
    wizard.decision.form.set(decision_on="2023-12-31", decision_ref="JC-2026-003")
    assert "2023-12-31" in wizard.shares.text()  # no allocation in force that day: said before anything is issued
    assert wizard.split.rowCount() == 0
    wizard.decision.form.set(decision_on="2025-06-01")  # before the period ends: refused on the page, in Chinese
    assert not wizard.decision.validatePage()
    assert wizard.decision.problem.text().startswith("决定日期：2025-06-01早于第1核算期结束（2025-12-31）。")
    wizard.decision.form.set(decision_on="2026-01-20")
    assert wizard.shares.text() == "按当日有效的分配方案：第三方占总量 10 %；其余部分中国登记系统占 50 %，东道国登记系统占 50 %。"
    # the tonnes each registry will hold, as issuing splits them: 659 → third party 66 (in the China registry), 593 → 297 + 296
    assert [wizard.split.cell_text(0, c) for c in range(4)] == ["2025", "363", "296", "66"]
    assert wizard.split.horizontalHeaderItem(3).text() == "其中第三方（在中国登记系统，吨）"
    wizard.grab().save(str(tmp_path / "issuance-zh.png"))
    wizard_steps.finish(qtbot, wizard)
    no_error(window)
    assert not wizard.isVisible()
    lines = {(x.registry, x.holder): x.quantity for x in ledger.ledger(ws, "VN-OFW-01")}
    assert sum(lines.values()) == 659 and lines[("VN", "Binh Thuan Renewable Energy JSC")] == 296
    assert sum(q for (registry, _holder), q in lines.items() if registry == "CN") == 363  # as the wizard showed


def test_the_new_project_wizard_offers_the_agreements_of_the_host_country_chosen(qtbot, ws):
    ledger.add_agreement(ws, Actor("tester", TODAY), "China–Viet Nam MoU", "VN")
    ledger.add_agreement(ws, Actor("tester", TODAY), "China–Morocco MoU", "MA")
    window = open_window(qtbot, ws, "en")
    wizard = window.start_new_project()
    qtbot.waitExposed(wizard)
    form = wizard.basics.form
    offered = lambda: [form.input("agreement").itemText(i) for i in range(form.input("agreement").count()) if form.input("agreement").itemText(i)]  # noqa: E731
    form.set(programme="bri")
    assert offered() == ["China–Viet Nam MoU", "China–Morocco MoU"]  # no host chosen yet: every agreement
    form.set(host_country="MA")
    assert offered() == ["China–Morocco MoU"]
    wizard.reject()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_redo_after_taking_back_a_new_project_sets_it_up_again_and_selects_it(qtbot, ws, monkeypatch, lang):
    from workbench.services.projects import projects

    monkeypatch.setenv("WORKBENCH_TODAY", str(TODAY))
    projects.create_project(ws, Actor("tester", TODAY), {"code": "AA-OLD-1", "title_en": "Already here", "programme": "ccer",
                                                         "host_country": "CN", "sector": "energy"})
    window = open_window(qtbot, ws, lang)
    wizard_steps.new_project(qtbot, window, PROJECT, [OWNER], [SITE])
    made = window.selected_project()
    assert window.model.rows[window.table.currentIndex().row()].code == "CN-PV-09"
    window.undo_action.trigger()
    assert projects_held(ws) == 1 and window.model.rows[0].code == "AA-OLD-1" and window.selected_project() == window.model.rows[0].id
    redo = "重做：新建项目 CN-PV-09" if lang == "zh" else "Redo: set up project CN-PV-09"
    assert window.redo_action.isEnabled() and window.redo_action.text() == redo  # not the history of the project the list selected
    window.redo_action.trigger()
    assert projects_held(ws) == 2 and window.selected_project() == made  # back, under its own id, and shown
    assert lifecycle.view_project(ws, "CN-PV-09", TODAY).snapshot.sites[0].name == "Array A"
    assert window.undo_action.text() == ("撤销：新建项目 CN-PV-09" if lang == "zh" else "Undo: set up project CN-PV-09")
    window.undo_action.trigger()
    window.run(lambda w, actor, project: projects.update_project(w, actor, project, {"title_en": "Renamed"}))  # work on the one selected
    assert window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    assert window.undo_action.text().endswith("AA-OLD-1") and projects_held(ws) == 1
