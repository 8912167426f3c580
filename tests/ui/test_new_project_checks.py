"""The new-project wizard says on the page what Finish would refuse (finding 17 of the X-window trial, issue 25): a
code already used, a BRI agreement neither chosen nor named (pointing at the name field below it); and its table of
methodologies no longer reads "yes" for a methodology whose own conditions are still open (solar thermal for a
wind farm)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.ui import wizard_steps
from tests.ui.test_main_window import open_window
from workbench.services.projects import projects
from workbench.services.support.context import Actor

WIND = {"code": "VN-WND-02", "title_en": "Ninh Thuan 200 MW onshore wind", "programme": "bri", "host_country": "VN", "sector": "energy"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_used_code_and_a_missing_agreement_are_said_on_the_first_page(qtbot, ws, lang):
    projects.create_project(ws, Actor("tester", date(2026, 2, 1)), {**WIND, "programme": "ccer", "host_country": "CN"})
    window = open_window(qtbot, ws, lang)
    wizard = window.start_new_project()
    qtbot.waitExposed(wizard)
    form = wizard.basics.form
    form.set(programme="bri")
    form.set(**{k: v for k, v in WIND.items() if k != "programme"})
    wizard_steps.next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.basics
    said = wizard_steps.problems(form)
    assert "VN-WND-02" in said["code"]  # not at Finish, three pages later
    form.set(code="VN-WND-03")
    wizard_steps.next_page(qtbot, wizard)
    said = wizard_steps.problems(form)
    assert list(said) == ["agreement"]
    assert ("尚未登记的协议（名称）" if lang == "zh" else "Agreement not recorded yet (its name)") in said["agreement"]
    wizard.grab().save(f"/tmp/forms/wizard-agreement-{lang}.png")
    form.set(agreement_name="China–Viet Nam MoU on carbon markets")
    wizard_steps.next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.parties
    assert [p.code for p in projects.list_projects(ws)] == ["VN-WND-02"]  # nothing written before Finish
    wizard.reject()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_methodology_whose_own_conditions_are_open_does_not_read_as_applying(qtbot, ws, lang):
    window = open_window(qtbot, ws, lang)
    wizard = window.start_new_project()
    qtbot.waitExposed(wizard)
    wizard.basics.form.set(programme="bri")
    wizard.basics.form.set(**{k: v for k, v in WIND.items() if k != "programme"}, agreement_name="China–Viet Nam MoU")
    wizard_steps.next_page(qtbot, wizard)
    wizard_steps.next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.dates
    wizard.dates.form.set(methodology_id="CCER-01-002-V01")
    verdicts = {wizard.verdicts.cell_text(r, 0).split(" · ")[0]: wizard.verdicts.cell_text(r, 1) for r in range(wizard.verdicts.rowCount())}
    solar = verdicts["CCER-01-001-V01"]
    row = next(r for r in range(wizard.verdicts.rowCount()) if wizard.verdicts.cell_text(r, 0).startswith("CCER-01-001"))
    assert wizard.verdicts.item(row, 1).toolTip() == solar  # cut short by its column, whole on hover
    assert solar.startswith("尚不确定，须证明：" if lang == "zh" else "Not known yet — only if shown: ")
    assert ("独立光热电站" if lang == "zh" else "Standalone concentrated solar power") in solar
    assert verdicts["CCER-14-001-V01"] == ("不适用" if lang == "zh" else "no")
    wizard.grab().save(f"/tmp/forms/wizard-verdicts-{lang}.png")
    wizard.reject()
