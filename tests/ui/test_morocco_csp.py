"""Issue 24's case, as a consultant sets it up: a 100 MW CSP plant in Morocco under the BRI cooperation, with only
clicks, pickers and typed names and texts — in Chinese, then in English — and a switch of project in the middle of
a form that never writes to the other project."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QFileDialog, QLabel, QMessageBox

from tests.ui import wizard_steps
from tests.ui.test_main_window import open_window
from workbench.domain.parties import Nationality, PartyRole
from workbench.domain.project import Programme, Sector
from workbench.domain.text import Text
from workbench.domain.vocabulary import MeterRole
from workbench.services.demo.projects import create_demo_projects
from workbench.services.documents.evidence import list_files
from workbench.services.monitoring import meters
from workbench.services.projects import lifecycle
from workbench.services.support.context import Actor
from workbench.ui.fields import ChoiceInput, CountryInput, DateInput

CODE = "MA-CSP-01"
TEXTS = {
    "zh": {"title": "摩洛哥米德勒特100兆瓦光热电站", "owner": "华夏光热能源有限公司", "host": "摩洛哥太阳能开发公司", "site": "米德勒特集热场",
           "country": "摩洛哥", "china": "中国", "agreement": "中摩一带一路自愿减排合作协议", "evidence": "单线图 SLD-MA-01 及计量表清单"},
    "en": {"title": "Midelt 100 MW Concentrated Solar Power Plant", "owner": "Huaxia Solar Thermal Energy Co., Ltd.",
           "host": "Moroccan Solar Development SA", "site": "Midelt solar field", "country": "Morocco", "china": "China",
           "agreement": "China–Morocco BRI emission reduction cooperation agreement",
           "evidence": "Single-line diagram SLD-MA-01 and meter list"},
}


class User:
    """What a user does with the window: type, pick from a list by what it shows, press buttons."""

    def __init__(self, qtbot, window) -> None:
        self.qtbot, self.window, self.lang = qtbot, window, window.lang

    def go(self, page: str):
        return self.window.page(page)

    def type(self, form, key: str, text: str) -> None:
        widget = form.inputs[key]
        target = widget.lineEdit() if isinstance(widget, QComboBox) else getattr(widget, "edit", widget)
        target.clear()
        self.keys(target, text)

    def keys(self, target, text: str) -> None:
        """Typed keys; Chinese comes as an input method commits it (QTest types ASCII only)."""
        target.setFocus()
        if text.isascii():
            self.qtbot.keyClicks(target, text)
            return
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(target, event)

    def pick(self, form, key: str, shown) -> None:
        """Choose the item that reads ``shown`` (a label in the GUI's language, or part of a record's text)."""
        combo = form.inputs[key]
        assert isinstance(combo, ChoiceInput)
        text = self.lang.pick(shown) if callable(getattr(shown, "in_lang", None)) else str(shown)
        items = [combo.itemText(i) for i in range(combo.count())]
        matches = [i for i, item in enumerate(items) if text in item]
        assert matches, f"{text!r} is not offered: {items}"
        combo.setCurrentIndex(matches[0])

    def date(self, form, key: str, day: str) -> None:
        widget = form.inputs[key]
        assert isinstance(widget, DateInput)
        widget.edit.setDate(QDate.fromString(day, "yyyy-MM-dd"))  # as picked in the calendar

    def press(self, button) -> None:
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def tick(self, box: QCheckBox) -> None:
        self.qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on the box, not past its label

    def submit(self, form) -> None:
        self.press(form.button)

    def problems(self, form) -> dict[str, str]:
        return {k: label.text() for k, label in form.problems.items() if label.isVisibleTo(form)}

    def no_error(self) -> None:
        dialog = self.window.findChild(QMessageBox, "userErrorDialog")
        assert dialog is None or not dialog.isVisible(), dialog.text()


def readings(path: Path) -> Path:
    lines = ["meter,start,minutes,kwh"]
    for d in range(31):
        day = date(2026, 1, 1).toordinal() + d
        lines.append(f"EXP-01,{date.fromordinal(day)} 00:00,1440,620000")
        lines.append(f"IMP-01,{date.fromordinal(day)} 00:00,1440,1500")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_morocco_csp_case_is_set_up_with_clicks_pickers_and_typed_names(qtbot, ws, tmp_path, monkeypatch, lang):
    monkeypatch.setenv("WORKBENCH_TODAY", "2026-02-10")
    create_demo_projects(ws, Actor("tester", date(2026, 2, 10)))
    window = open_window(qtbot, ws, lang)
    user, t = User(qtbot, window), TEXTS[lang]

    # --- the new project, in the wizard: every problem of a page at once, next to its field, in the user's language ---
    wizard = window.start_new_project()
    qtbot.waitExposed(wizard)
    form = wizard.basics.form
    user.type(form, "title_en", "Midelt CSP")
    wizard_steps.next_page(qtbot, wizard)
    problems = user.problems(form)
    assert set(problems) == {"code", "host_country", "sector"} and problems["code"] == ("必填" if lang == "zh" else "Required")
    host = form.inputs["host_country"]
    assert isinstance(host, CountryInput) and host.findData("CN") < 0 and host.findData("MA") >= 0  # China is never a BRI host
    user.type(form, "code", CODE)
    assert set(user.problems(form)) == {"host_country", "sector"}  # a problem goes once its field is changed
    user.type(form, "title_en", TEXTS["en"]["title"])
    user.type(form, "title_zh", TEXTS["zh"]["title"])
    user.pick(form, "programme", Programme.BRI)
    user.type(form, "host_country", t["country"])  # the name, as the user knows it
    user.pick(form, "sector", Sector.ENERGY)
    wizard_steps.next_page(qtbot, wizard)
    assert list(user.problems(form)) == ["agreement"]  # a BRI project names its bilateral agreement
    user.type(form, "agreement_name", t["agreement"])  # not recorded yet: kept on the project until it is
    wizard_steps.next_page(qtbot, wizard)
    wizard_steps.next_page(qtbot, wizard)  # parties are added on their page below
    dates = wizard.dates.form
    methodologies = [dates.inputs["methodology_id"].itemText(i) for i in range(dates.inputs["methodology_id"].count())]
    assert sum(1 for m in methodologies if m.startswith("CCER-")) == 4  # every installed methodology is offered
    user.pick(dates, "methodology_id", "CCER-01-001")
    for key, day in (("construction_start", "2024-03-01"), ("operation_start", "2026-01-01"), ("crediting_start", "2026-01-01"),
                     ("crediting_end", "2035-12-31")):
        user.date(dates, key, day)
    wizard_steps.next_page(qtbot, wizard)
    wizard_steps.finish(qtbot, wizard)
    user.no_error()
    assert not wizard.isVisible()
    ledger = user.go("LedgerPage")  # the agreement recorded now links the project waiting for it
    user.type(ledger.agreement, "name", t["agreement"])
    user.type(ledger.agreement, "host", t["country"])
    user.date(ledger.agreement, "signed_on", "2023-10-17")
    user.submit(ledger.agreement)
    user.no_error()
    header = lifecycle.view_project(ws, CODE, date(2026, 2, 10)).snapshot.header
    assert (header.host_country, header.methodology_id, str(header.dates.crediting.end)) == ("MA", "CCER-01-001", "2035-12-31")
    assert header.agreement_id is not None and header.agreement == t["agreement"]
    assert CODE in window.lifecycle.title.text()

    # --- parties: a Chinese owner and the Moroccan co-developer ------------------------------------------------------
    parties = user.go("PartiesPage")
    add = parties.add_party
    user.type(add, "name_en", TEXTS["en"]["owner"])
    user.type(add, "name_zh", TEXTS["zh"]["owner"])
    user.pick(add, "role", PartyRole.PROJECT_OWNER)
    user.pick(add, "nationality", Nationality.CHINESE)
    user.type(add, "country", t["china"])
    user.submit(add)
    user.no_error()
    owner = t["owner"]
    assert window.undo_action.text() == ("撤销：添加参与方 " if lang == "zh" else "Undo: add party ") + owner
    assert owner in parties.feedback.text()

    # a switch of project in the middle of a form: asked first; discarded, the form empties and nothing reaches the other project
    user.type(add, "name_en", TEXTS["en"]["host"])
    user.pick(add, "role", PartyRole.CO_DEVELOPER)
    vn_parties = len(lifecycle.view_project(ws, "VN-OFW-01", date(2026, 2, 10)).snapshot.parties)
    window.select_project("VN-OFW-01")
    asked = window.findChild(QMessageBox, "unsavedChanges")
    user.press(next(b for b in asked.buttons() if asked.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole))
    assert add.values() == {} and parties.feedback.text() == ""
    assert ledger.feedback.text() == ""  # every page's word about the other project's last action goes too
    user.submit(add)
    assert set(user.problems(add)) == {"role", "nationality", "country"}
    assert len(lifecycle.view_project(ws, "VN-OFW-01", date(2026, 2, 10)).snapshot.parties) == vn_parties
    assert window.undo_action.text() in ("&Undo", "撤销(&U)", "撤销")  # the Morocco edits are not undone from here
    window.select_project(CODE)
    assert window.undo_action.text().endswith(owner)  # and its history is back with it

    user.type(add, "name_en", TEXTS["en"]["host"])
    user.type(add, "name_zh", TEXTS["zh"]["host"])
    user.pick(add, "role", PartyRole.CO_DEVELOPER)
    user.pick(add, "nationality", Nationality.HOST)
    user.type(add, "country", t["country"])
    user.submit(add)
    user.no_error()
    assert parties.parties.rowCount() == 2

    # --- the site: a CSP plant is not asked for distance to shore; numbers are read as typed, or refused in words ----
    site = parties.add_site
    assert {"distance_to_shore_km", "water_depth_m"} <= site.hidden
    user.type(site, "name", t["site"])
    user.type(site, "latitude", "32.680412")
    user.type(site, "longitude", "-4.739820")
    user.type(site, "area_ha", "3,5")
    user.submit(site)
    assert "3,5" in user.problems(site)["area_ha"]
    user.type(site, "area_ha", "1,370")  # thousands grouped as copied from a report
    user.submit(site)
    user.no_error()
    stored = lifecycle.view_project(ws, CODE, date(2026, 2, 10)).snapshot.sites
    assert [(s.name, str(s.area_ha)) for s in stored] == [(t["site"], "1370")]
    parties.sites.selectRow(0)
    user.press(parties.sites.action_buttons[0])  # the row's Edit: the form holds the site
    assert site.editing is not None and site.values()["name"] == t["site"]
    user.type(site, "area_ha", "1,400")
    user.submit(site)
    user.no_error()
    assert str(lifecycle.view_project(ws, CODE, date(2026, 2, 10)).snapshot.sites[0].area_ha) == "1400" and site.editing is None
    assert window.undo_action.text() == ("撤销：编辑场址 " if lang == "zh" else "Undo: edit site ") + t["site"]
    user.type(add, "name_en", "Temporary adviser")  # added by mistake, deleted from its row
    user.pick(add, "role", PartyRole.CONSULTANT)
    user.pick(add, "nationality", Nationality.THIRD_PARTY)
    user.type(add, "country", "FR")
    user.submit(add)
    user.no_error()
    row = next(r for r in range(parties.parties.rowCount()) if parties.parties.cell_text(r, 0) == "Temporary adviser")
    menu = parties.parties.menu_for(row)
    assert [a.text() for a in menu.actions()] == (["编辑", "删除"] if lang == "zh" else ["Edit", "Delete"])
    menu.actions()[1].trigger()
    confirm = window.findChild(QMessageBox, "confirmDelete")  # asked first: nothing refers to the adviser
    assert confirm.isVisible() and "Temporary adviser" in confirm.text()
    user.press(confirm.button(QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(lambda: parties.parties.rowCount() == 2)

    # --- the methodology check: conditions with verdicts, evidence, declarations as tick boxes ------------------------
    method = user.go("MethodologyPage")
    assert "CCER-01-001" in method.verdict.text()
    evidence = method.evidence_rows["csp_metering"]  # the single-line diagram itself, attached right here
    sld = tmp_path / f"{t['evidence']}.pdf"
    sld.write_bytes(b"%PDF-1.4 single-line diagram SLD-MA-01: gross and net meters")
    user.press(evidence.attach)
    chooser = window.findChild(QFileDialog, "conditionEvidenceDialog")
    assert chooser.isVisible()
    chooser.selectFile(str(sld))
    chooser.accept()
    qtbot.waitUntil(lambda: evidence.reference.text().startswith(f"{sld.name} · SHA-256 "))
    assert sld.name in method.feedback.text() and [f.name for f in list_files(ws, CODE)] == [sld.name]
    for tick in method.declarations.findChildren(QCheckBox):
        user.tick(tick)
        assert tick.isChecked()
    grid = method.evidence_rows["grid_connection"]
    user.keys(grid.reference, "PPA ONEE-2025-031")
    user.press(grid.save)
    user.no_error()
    verdicts = {method.checks.cell_text(r, 0): method.checks.cell_text(r, 1) for r in range(method.checks.rowCount())}
    met = "符合" if lang == "zh" else "Met"
    assert list(verdicts.values()) == [met, met, met], verdicts
    forestry = next(r for r in range(method.verdicts.rowCount()) if method.verdicts.cell_text(r, 0).startswith("CCER-14-001"))
    assert method.verdicts.cell_text(forestry, 2) == ("不适用" if lang == "zh" else "no")  # forestry fails plainly for an energy plant
    assert method.parameters.rowCount() >= 4

    # --- Morocco's grid: a dated, sourced edition added on the Reference data page, then chosen for the estimate ------
    reference = user.go("ReferencePage")
    edition = reference.add
    user.type(edition, "grid", "MA-National")
    user.type(edition, "edition", "ONEE 2024")
    user.type(edition, "data_year", "2023")
    user.type(edition, "ef_om", "0.7021")
    user.type(edition, "ef_bm", "0.6412")
    user.type(edition, "source", "ONEE grid emission factor note 2024, table 2")
    user.date(edition, "published", "2024-06-30")
    user.submit(edition)
    user.no_error()
    row = next(r for r in range(reference.editions.rowCount()) if reference.editions.cell_text(r, 0) == "MA-National")
    assert reference.editions.cell_text(row, 3) == "0.702" and reference.editions.item(row, 3).toolTip() == "0.7021"  # rounded to read
    method = user.go("MethodologyPage")
    user.pick(method.inputs, "grid", "MA-National")
    user.type(method.inputs, "ex_ante_EG_MWh", "370,000")  # as copied from the feasibility study
    user.submit(method.inputs)
    user.no_error()
    with ws.reading() as s:
        from workbench.services.methodology.methodology import parameters_of
        from workbench.services.projects.projects import resolve

        params = parameters_of(s, resolve(s, CODE).id)
    assert (params["grid"], params["ex_ante_EG_MWh"]) == ("MA-National", "370000")
    assert method.inputs.inputs["ex_ante_EG_MWh"].text() == "370,000"  # shown grouped, as typed

    # --- meters and a month of readings, checked then imported in a worker ------------------------------------------
    mon = user.go("MonitoringPage")
    for serial, role in (("EXP-01", MeterRole.EXPORT), ("IMP-01", MeterRole.IMPORT)):
        user.type(mon.add_meter, "serial", serial)
        user.pick(mon.add_meter, "role", role)
        user.type(mon.add_meter, "accuracy_class", "0.2S")
        user.date(mon.add_meter, "calibrated_on", "2025-12-15")
        user.type(mon.add_meter, "calibration_error", "0.1")
        user.submit(mon.add_meter)
        user.no_error()
    assert mon.meters.rowCount() == 2 and [m["serial"] for m in meters.list_meters(ws, CODE)] == ["EXP-01", "IMP-01"]
    panel = mon.importer
    panel.path.setText(str(readings(tmp_path / "midelt-2026-01.csv")))
    user.press(panel.import_button)
    qtbot.waitUntil(lambda: panel.confirm.isEnabled(), timeout=20000)
    user.press(panel.confirm)
    bar = window.progress.bars()[0]
    said = bar.parent().findChild(QLabel, "opText").text()
    assert window.progress.isVisible() and said == window.lang.pick(Text("ui.import_panel.importing"))  # the work says what it does
    window.select_project("VN-OFW-01")  # moving on while it runs: the readings still go to Morocco
    qtbot.waitUntil(lambda: not window.progress.rows, timeout=20000)
    assert meters.list_meters(ws, "VN-OFW-01") == []
    window.select_project(CODE)
    qtbot.waitUntil(lambda: mon.totals.rowCount() == 2, timeout=20000)
    exported = next(r for r in range(2) if mon.totals.cell_text(r, 0) == "EXP-01")
    assert mon.totals.cell_text(exported, 4) == "19,220"  # 31 days × 620,000 kWh, grouped

    # --- the PDD, written where proposed, named after the project; replacing it asks first ---------------------------
    docs = user.go("DocumentsPage")
    out = Path(docs.form.input("out").value())
    assert out.name == f"{CODE}-pdd-zh.pdf"
    user.pick(docs.form, "lang", "中文" if lang == "zh" else "Chinese")
    user.submit(docs.form)
    qtbot.waitUntil(lambda: docs.form.button.isEnabled() and out.exists(), timeout=60000)
    user.no_error()
    assert docs.preview.findChildren(QLabel) and str(out) in docs.status.text()
    widths = [page.pixmap().width() for page in docs.preview.findChildren(QLabel)]
    assert max(widths) <= max(docs.viewport().width(), 200), widths  # scaled to the page: the form stays in view
    user.submit(docs.form)
    confirm = window.findChild(QMessageBox, "confirmOverwrite")
    assert confirm is not None and confirm.isVisible() and str(out) in confirm.text()
    before = out.stat().st_mtime_ns
    user.press(confirm.button(QMessageBox.StandardButton.No))
    assert out.stat().st_mtime_ns == before
    window.grab().save(str(tmp_path / f"morocco-{lang}.png"))
