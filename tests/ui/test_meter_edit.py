"""A meter registered with a wrong serial, role or class is corrected from its row's Edit action, and undone."""

from __future__ import annotations

from datetime import date

import pytest

from tests.ui.test_main_window import open_window
from tests.ui.test_morocco_csp import User
from workbench.domain.vocabulary import MeterRole
from workbench.services.demo.projects import create_demo_projects
from workbench.services.monitoring import meters
from workbench.services.support.context import Actor


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_meter_is_edited_from_its_row_and_undone(qtbot, ws, monkeypatch, lang):
    monkeypatch.setenv("WORKBENCH_TODAY", "2026-02-01")
    actor = Actor("tester", date(2026, 2, 1))
    create_demo_projects(ws, actor)
    meters.add_meter(ws, actor, "VN-OFW-01", {"serial": "EXP-1", "role": "import", "accuracy_class": "0.5", "calibrated_on": "2025-12-01",
                                              "calibration_error": "0.1"})
    window = open_window(qtbot, ws, lang)
    window.select_project("VN-OFW-01")
    user = User(qtbot, window)
    page = user.go("MonitoringPage")
    row = next(r for r in range(page.meters.rowCount()) if page.meters.cell_text(r, 0) == "EXP-1")
    page.meters.run_action(0, row)  # Edit
    form = page.add_meter
    assert form.values()["accuracy_class"] == "0.5" and not form.labels["calibrated_on"].isVisibleTo(form)  # calibrations are recorded one by one
    user.type(form, "serial", "EXP-01")
    user.pick(form, "role", MeterRole.EXPORT)
    user.type(form, "accuracy_class", "0.2S")
    user.type(form, "location", "step-up substation bay 1")
    user.submit(form)
    user.no_error()
    assert [page.meters.cell_text(0, c) for c in range(3)] == ["EXP-01", window.lang.pick(MeterRole.EXPORT), "0.2S"]
    assert page.meters.cell_text(0, 3) == "2025-12-01"  # its calibration stays with it
    assert form.editing is None and form.labels["calibrated_on"].isVisibleTo(form)  # back to adding
    assert window.undo_action.text() == ("撤销：编辑计量表 EXP-01" if lang == "zh" else "Undo: edit meter EXP-01")
    window.undo_action.trigger()
    assert [(m["serial"], m["role"], m["accuracy_class"], m["location"]) for m in meters.list_meters(ws, "VN-OFW-01")] == [("EXP-1", "import", "0.5", "")]
