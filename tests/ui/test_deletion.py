"""Deleting from the rows: a record others refer to is refused before anything is done, the dialog listing what refers
to it (the list the service enforces); another is deleted only once the user confirms."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from tests.ui.test_main_window import open_window
from tests.unit.test_ledger import verified_wind_period
from workbench.services.issuance import ledger
from workbench.services.monitoring import meters
from workbench.services.projects import lifecycle, parties
from workbench.services.validation import validation


def dialog(window, kind, name: str):
    shown = [d for d in window.findChildren(kind, name) if d.isVisible()]
    assert len(shown) == 1, f"{name}: {len(shown)} shown"
    return shown[0]


def row_of(table, text: str) -> int:
    return next(r for r in range(table.rowCount()) if text in table.cell_text(r, 0))


def test_deleting_a_record_others_refer_to_is_refused_before_acting_and_lists_them(qtbot, ws, tmp_path, monkeypatch):
    actor = verified_wind_period(ws, tmp_path)
    monkeypatch.setenv("WORKBENCH_TODAY", str(actor.today))
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20", "JC-2026-003")
    snap = lifecycle.view_project(ws, "VN-OFW-01", actor.today).snapshot
    owner = next(p for p in snap.parties if p.role == "project_owner")
    engagement = validation.engagements_of(ws, "VN-OFW-01")[0]
    closed = validation.raise_finding(ws, actor, engagement.id, "CL", "Grid connection date").result["id"]
    validation.respond(ws, actor, closed, "Commissioning certificate, p. 2")
    validation.close(ws, actor, closed)
    mistaken = validation.raise_finding(ws, actor, engagement.id, "CL", "Raised twice by mistake").result["id"]
    validation.sample_sites(ws, actor, engagement.id)
    window = open_window(qtbot, ws, "zh")

    page = window.page("PartiesPage")
    page.parties.menu_for(row_of(page.parties, owner.name_zh)).actions()[1].trigger()  # Delete
    refused = dialog(window, QMessageBox, "deleteRefused")
    assert "其账户持有的减排量区块 #" in refused.text() and owner.name_zh in refused.text()
    refused.accept()
    page.sites.menu_for(0).actions()[1].trigger()
    refused = dialog(window, QMessageBox, "deleteRefused")
    assert "现场访问抽样" in refused.text(), refused.text()
    refused.accept()
    assert parties.party_dependants(ws, "VN-OFW-01", owner.id) and len(lifecycle.view_project(ws, "VN-OFW-01", actor.today).snapshot.parties) == len(snap.parties)

    adviser = parties.add_party(ws, actor, "VN-OFW-01", {"name_en": "Adviser", "role": "consultant", "nationality": "third_party",
                                                         "country": "FR"}).result["id"]
    page.invalidate()
    page.parties.menu_for(row_of(page.parties, "Adviser")).actions()[1].trigger()
    confirm = dialog(window, QMessageBox, "confirmDelete")
    assert "Adviser" in confirm.text()
    qtbot.mouseClick(confirm.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)  # No keeps it
    assert adviser in {p.id for p in lifecycle.view_project(ws, "VN-OFW-01", actor.today).snapshot.parties}
    page.parties.menu_for(row_of(page.parties, "Adviser")).actions()[1].trigger()
    qtbot.mouseClick(dialog(window, QMessageBox, "confirmDelete").button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: adviser not in {p.id for p in lifecycle.view_project(ws, "VN-OFW-01", actor.today).snapshot.parties})

    mon = window.page("MonitoringPage")
    mon.meters.menu_for(row_of(mon.meters, "EXP-1")).actions()[1].trigger()
    refused = dialog(window, QMessageBox, "deleteRefused")
    assert "已存的 10 条读数" in refused.text()
    refused.accept()
    assert [m["serial"] for m in meters.list_meters(ws, "VN-OFW-01")] == ["EXP-1"]

    val = window.page("ValidationPage")
    keys = [val.findings.key_at(r) for r in range(val.findings.rowCount())]
    withdraw = [a.text() for a in val.findings.menu_for(0).actions()].index("撤回")
    val.findings.menu_for(keys.index(closed)).actions()[withdraw].trigger()
    refused = dialog(window, QMessageBox, "deleteRefused")
    assert "该发现已于" in refused.text()
    refused.accept()
    val.findings.menu_for(keys.index(mistaken)).actions()[withdraw].trigger()
    ask = dialog(window, QInputDialog, "confirmDelete")
    assert "撤回原因" in ask.labelText()
    ask.setTextValue("重复提出")
    ask.accept()
    qtbot.waitUntil(lambda: mistaken not in {x.id for e in validation.engagements_of(ws, "VN-OFW-01") for x in e.findings})
    assert closed in {x.id for e in validation.engagements_of(ws, "VN-OFW-01") for x in e.findings}
