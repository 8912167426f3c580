"""Editing and deleting records from the rows of the window: a site edited (and undone), a meter or party deleted —
refused, saying by what, while something still refers to it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.unit.test_ledger import measured_wind_period, verified_wind_period
from workbench.domain.errors import UserError
from workbench.services.demo.projects import create_demo_projects
from workbench.services.history.undo import describe, inverse
from workbench.services.issuance import ledger
from workbench.services.monitoring import meters
from workbench.services.projects import lifecycle, parties
from workbench.services.support.context import Actor

ON = Actor("tester", date(2026, 2, 1))


def sites(ws):
    return lifecycle.view_project(ws, "VN-OFW-01", ON.today).snapshot.sites


def test_a_site_is_edited_then_the_edit_is_undone(ws):
    create_demo_projects(ws, ON)
    site = sites(ws)[0]
    change = parties.update_site(ws, ON, "VN-OFW-01", site.id, {"water_depth_m": "33.5", "area_ha": "1.2"})
    assert (sites(ws)[0].water_depth_m, sites(ws)[0].area_ha) == (Decimal("33.5"), Decimal("1.2"))
    assert describe(change).in_lang("zh") == f"编辑场址 {site.name}"
    inverse(change)(ws, ON)
    assert (sites(ws)[0].water_depth_m, sites(ws)[0].area_ha) == (site.water_depth_m, site.area_ha)


def test_a_site_cannot_take_another_sites_name_or_lose_its_coordinates(ws):
    create_demo_projects(ws, ON)
    first = sites(ws)[0]
    parties.add_site(ws, ON, "VN-OFW-01", {"name": "Substation", "latitude": "10.800000", "longitude": "108.600000"})
    second = next(s for s in sites(ws) if s.name == "Substation")
    with pytest.raises(UserError) as named:
        parties.update_site(ws, ON, "VN-OFW-01", second.id, {"name": first.name})
    assert named.value.field == "name"
    with pytest.raises(UserError) as emptied:
        parties.update_site(ws, ON, "VN-OFW-01", second.id, {"latitude": ""})
    assert "Latitude" in str(emptied.value)
    assert next(s for s in sites(ws) if s.id == second.id).name == "Substation"


def test_a_meter_with_readings_is_kept_and_one_without_is_deleted(ws, tmp_path):
    actor = measured_wind_period(ws, tmp_path)
    with pytest.raises(UserError) as kept:
        meters.remove_meter(ws, actor, "VN-OFW-01", "EXP-1")
    assert "10 stored reading(s)" in str(kept.value) and "10 条读数" in kept.value.in_lang("zh")
    meters.add_meter(ws, actor, "VN-OFW-01", {"serial": "IMP-9", "role": "import", "accuracy_class": "0.5",
                                              "calibrated_on": "2025-01-05", "calibration_error": "0.1"})
    change = meters.remove_meter(ws, actor, "VN-OFW-01", "IMP-9")
    assert {e.entity for e in change.entities} == {"meter", "meter_calibration"}
    assert [m["serial"] for m in meters.list_meters(ws, "VN-OFW-01")] == ["EXP-1"]
    with pytest.raises(UserError):
        meters.remove_meter(ws, actor, "VN-OFW-01", "IMP-9")


def test_a_party_holding_issued_units_cannot_be_deleted(ws, tmp_path):
    actor = verified_wind_period(ws, tmp_path)
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20", "JC-2026-003")
    owner = next(p for p in lifecycle.view_project(ws, "VN-OFW-01", actor.today).snapshot.parties if p.role == "project_owner")
    with pytest.raises(UserError) as refused:
        parties.remove_party(ws, actor, "VN-OFW-01", owner.id)
    assert "holds unit block(s) #" in str(refused.value)
    assert owner.id in {p.id for p in lifecycle.view_project(ws, "VN-OFW-01", actor.today).snapshot.parties}
