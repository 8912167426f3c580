"""A new project set up with its parties and sites as one action: one audit entry, all or nothing, one step to undo
and redo — and no undo once other work rests on the project."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from workbench.domain.errors import UserError
from workbench.services.history.undo import describe, inverse
from workbench.services.methodology import methodology
from workbench.services.projects import lifecycle, projects, setup
from workbench.services.support.context import Actor
from workbench.store.models import AuditRow, PartyRow, ProjectRow, SiteRow

ON = Actor("tester", date(2026, 2, 10))
PROJECT = {"code": "CN-PV-09", "title_en": "Golmud 50 MW PV", "title_zh": "格尔木50兆瓦光伏电站", "programme": "ccer", "host_country": "CN",
           "sector": "energy", "construction_start": "2025-05-01", "operation_start": "2026-01-01", "crediting_start": "2026-01-01",
           "crediting_end": "2035-12-31"}
OWNER = {"name_en": "Golmud Solar Co.", "name_zh": "格尔木光伏有限公司", "role": "project_owner", "nationality": "chinese", "country": "CN"}
CONSULTANT = {"name_en": "Qinghai Carbon Advisory", "role": "consultant", "nationality": "chinese", "country": "CN"}
SITES = [{"name": "Array A", "latitude": "36.402100", "longitude": "94.903300", "area_ha": "80"},
         {"name": "Array B", "latitude": "36.410000", "longitude": "94.920000"}]


def counts(ws) -> tuple[int, int, int, int]:
    with ws.reading() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (ProjectRow, PartyRow, SiteRow, AuditRow))


def actions(ws) -> list[str]:
    with ws.reading() as s:
        return list(s.scalars(select(AuditRow.action).order_by(AuditRow.id)))


def test_a_project_is_set_up_with_its_parties_and_sites_as_one_audited_action(ws):
    change = setup.setup_project(ws, ON, PROJECT, [OWNER, CONSULTANT], SITES)
    assert counts(ws) == (1, 2, 2, 1)  # one audit entry for the whole set-up
    assert [e.entity for e in change.entities] == ["project", "party", "party", "site", "site"]
    assert describe(change).in_lang("zh") == "新建项目 CN-PV-09" and describe(change).in_lang("en") == "set up project CN-PV-09"
    snap = lifecycle.view_project(ws, "CN-PV-09", ON.today).snapshot
    assert [p.name_zh for p in snap.parties] == ["格尔木光伏有限公司", ""] and [s.name for s in snap.sites] == ["Array A", "Array B"]
    assert actions(ws) == ["project.setup"]


def test_a_refused_party_or_site_leaves_nothing_and_says_which_one(ws):
    foreign_owner = {**OWNER, "nationality": "host", "country": "VN"}  # a domestic CCER project's owner is Chinese
    with pytest.raises(UserError) as refused:
        setup.setup_project(ws, ON, PROJECT, [CONSULTANT, foreign_owner], SITES)
    assert refused.value.in_lang("en").startswith("Party 2 (Golmud Solar Co.)") and refused.value.field == "nationality"
    assert refused.value.in_lang("zh").startswith("参与方 2（格尔木光伏有限公司）")
    with pytest.raises(UserError) as refused:
        setup.setup_project(ws, ON, PROJECT, [OWNER], [SITES[0], {"name": "Array C", "latitude": "96.1", "longitude": "94.9"}])
    assert refused.value.in_lang("en") == "Site 2 (Array C): Latitude 96.1 is outside -90..90 decimal degrees"
    with pytest.raises(UserError) as refused:  # two sites of one name: refused inside the action, rolled back
        setup.setup_project(ws, ON, PROJECT, [OWNER], [SITES[0], SITES[0]])
    assert refused.value.in_lang("en").startswith("Site 2 (Array A)")
    with pytest.raises(UserError) as refused:  # the crediting period breaks the methodology's rule (≤ 10 years)
        setup.setup_project(ws, ON, {**PROJECT, "methodology_id": "CCER-01-001", "crediting_end": "2037-12-31"}, [OWNER], SITES)
    assert refused.value.field == "crediting_period"
    assert counts(ws) == (0, 0, 0, 0)


def test_the_set_up_is_undone_and_redone_as_one_step(ws):
    change = setup.setup_project(ws, ON, PROJECT, [OWNER, CONSULTANT], SITES)
    discarded = inverse(change)(ws, ON)
    assert counts(ws)[:3] == (0, 0, 0) and describe(discarded).in_lang("en") == "take back the set-up of project CN-PV-09"
    again = inverse(discarded)(ws, ON)
    assert counts(ws)[:3] == (1, 2, 2) and again.action == "project.setup"
    assert again.project_id == change.project_id  # under its own id: the edits recorded for it find it
    snap = lifecycle.view_project(ws, "CN-PV-09", ON.today).snapshot
    assert str(snap.header.dates.crediting.end) == "2035-12-31" and [str(s.area_ha) for s in snap.sites] == ["80", "None"]
    assert actions(ws) == ["project.setup", "project.discard", "project.setup"]


def test_the_set_up_is_not_taken_back_once_other_work_rests_on_the_project(ws):
    change = setup.setup_project(ws, ON, PROJECT, [OWNER], SITES)
    methodology.set_parameter(ws, ON, "CN-PV-09", "ex_ante_EG_MWh", "80000", "feasibility study")
    with pytest.raises(UserError) as refused:
        inverse(change)(ws, ON)
    assert refused.value.id == "error.setup.project_holds_more" and "CN-PV-09" in refused.value.in_lang("en")
    projects.update_project(ws, ON, "CN-PV-09", {"title_en": "Golmud PV"})
    assert counts(ws)[:3] == (1, 1, 2)
