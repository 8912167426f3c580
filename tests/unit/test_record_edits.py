"""Editing and deleting records from the rows of the window: a site edited (and undone), a meter or party deleted —
refused, saying by what, while something still refers to it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.unit.test_ledger import measured_wind_period, verified_wind_period
from workbench.domain.errors import UserError
from workbench.domain.text import Text
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
    assert "EXP-1 cannot be deleted while these refer to it: 10 stored readings" in str(kept.value)
    assert "已存的 10 条读数" in kept.value.in_lang("zh")
    assert meters.meter_dependants(ws, "VN-OFW-01", "EXP-1") == [Text("dependant.readings", count="10")]  # what the window shows first
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
    assert "cannot be deleted while these refer to it: unit blocks #" in str(refused.value)
    assert [d.id for d in parties.party_dependants(ws, "VN-OFW-01", owner.id)] == ["dependant.units_held"]
    assert owner.id in {p.id for p in lifecycle.view_project(ws, "VN-OFW-01", actor.today).snapshot.parties}


def test_a_site_in_a_site_visit_sample_or_an_archived_document_is_kept_saying_by_what(ws, tmp_path):
    """What the window lists before offering Delete is what the service refuses with; a site nothing refers to goes."""
    from workbench.services.documents import documents
    from workbench.services.validation import validation

    create_demo_projects(ws, ON)
    vvb = validation.add_vvb(ws, ON, {"name_en": "VVB One"}).result["id"]
    engagement = validation.engage(ws, ON, "VN-OFW-01", vvb, "validation", "Li Wei, Zhang Min").result["id"]
    sampled = validation.sample_sites(ws, ON, engagement).result["sites"]
    site = next(s for s in sites(ws) if s.name == sampled[0])
    spare = parties.add_site(ws, ON, "VN-OFW-01", {"name": "Spare yard", "latitude": "10.700000", "longitude": "108.500000"}).result["id"]
    assert parties.site_dependants(ws, "VN-OFW-01", spare) == []  # added after the sample was drawn
    assert [d.id for d in parties.site_dependants(ws, "VN-OFW-01", site.id)] == ["dependant.site_sample"]
    documents.render(ws, "validation-package", "VN-OFW-01", "en", tmp_path / "package.pdf", ON.today, final=True, archive=ON)
    named = parties.site_dependants(ws, "VN-OFW-01", site.id)
    assert [d.id for d in named] == ["dependant.site_sample", "dependant.archived_document"]
    with pytest.raises(UserError) as refused:
        parties.remove_site(ws, ON, "VN-OFW-01", site.id)
    assert refused.value.field == "site" and str(refused.value).startswith(f"Site: {site.name} cannot be deleted while these refer to it: ")
    assert "the site-visit sample of the Validation engagement started on 2026-02-01; the final " in str(refused.value)
    assert "现场访问抽样；2026-02-01 归档的正式" in refused.value.in_lang("zh")
    assert site.id in {s.id for s in sites(ws)}
    assert parties.site_dependants(ws, "VN-OFW-01", spare) == [named[1]]  # the archived package lists every site
