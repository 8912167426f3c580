"""Parties and sites of a project (参与方与场址)."""

from __future__ import annotations

from typing import Any

from workbench.domain.change import Change
from workbench.domain.errors import NotFound, UserError
from workbench.domain.parties import Nationality, ParticipationForm, PartyRole
from workbench.domain.project import Programme, coordinate
from workbench.services.support import fields as f
from workbench.services.support.context import Actor
from workbench.services.projects.projects import resolve
from workbench.services.support.records import entity, record, row_fields
from workbench.store.models import PartyRow, SiteRow
from workbench.store.conflicts import refuse_if_stale
from workbench.store.workspace import Workspace

PARTY_FIELDS = {
    "name_en": f.text,
    "name_zh": f.text,
    "role": f.choice(PartyRole),
    "nationality": f.choice(Nationality),
    "country": f.country,
    "participation_form": f.optional_choice(ParticipationForm),
    "contact": f.text,
}

SITE_FIELDS = {
    "name": f.text,
    "latitude": lambda v, field: coordinate(v, axis="latitude", where=field),
    "longitude": lambda v, field: coordinate(v, axis="longitude", where=field),
    "area_ha": f.optional_decimal,
    "distance_to_shore_km": f.optional_decimal,
    "water_depth_m": f.optional_decimal,
}


def _check_party(row: PartyRow, programme: str) -> None:
    if not (row.name_en or row.name_zh):
        raise UserError("a party needs a name in English or Chinese", where="name_en")
    if row.nationality == Nationality.CHINESE and row.country != "CN":
        raise UserError(f"a Chinese party is registered in CN, not {row.country}", where="country")
    if programme == Programme.CCER and row.nationality != Nationality.CHINESE and row.role == PartyRole.PROJECT_OWNER:
        raise UserError("the owner of a domestic CCER project is a Chinese entity", where="nationality")
    if row.participation_form and row.nationality != Nationality.CHINESE:
        raise UserError("participation forms (seed 000 table 3) describe Chinese parties only", where="participation_form")


def add_party(ws: Workspace, actor: Actor, project: int | str, values: dict[str, Any]) -> Change:
    parsed = f.parse_fields(values, PARTY_FIELDS, "party")
    for required in ("role", "nationality", "country"):
        if required not in parsed:
            raise UserError(f"missing {required}", where="party")
    with ws.transaction() as s:
        p = resolve(s, project)
        row = PartyRow(project_id=p.id, name_en="", name_zh="", contact="", participation_form=None)
        for name, value in parsed.items():
            setattr(row, name, value)
        _check_party(row, p.programme)
        s.add(row)
        s.flush()
        return record(s, Change("party.add", actor.name, actor.now(), p.id, entities=(entity("party", row, None),), result={"id": row.id}))


def _party(s, project_id: int, party_id: int) -> PartyRow:
    row = s.get(PartyRow, party_id)
    if row is None or row.project_id != project_id:
        raise NotFound(f"project has no party {party_id}", where="party")
    return row


def update_party(ws: Workspace, actor: Actor, project: int | str, party_id: int, values: dict[str, Any],
                 seen: int | None = None) -> Change:
    """Change a party's fields (refused when ``seen``, the version edited, is no longer the stored one)."""
    parsed = f.parse_fields(values, PARTY_FIELDS, "party")
    with ws.transaction() as s:
        p = resolve(s, project)
        row = _party(s, p.id, party_id)
        refuse_if_stale(s, row, seen)
        before = row_fields(row)
        for name, value in parsed.items():
            setattr(row, name, value)
        _check_party(row, p.programme)
        return record(s, Change("party.update", actor.name, actor.now(), p.id, entities=(entity("party", row, before),)))


def remove_party(ws: Workspace, actor: Actor, project: int | str, party_id: int) -> Change:
    with ws.transaction() as s:
        p = resolve(s, project)
        row = _party(s, p.id, party_id)
        before = row_fields(row)
        s.delete(row)
        return record(s, Change("party.remove", actor.name, actor.now(), p.id, entities=(entity("party", row, before, deleted=True),)))


def add_site(ws: Workspace, actor: Actor, project: int | str, values: dict[str, Any]) -> Change:
    parsed = f.parse_fields(values, SITE_FIELDS, "site")
    for required in ("name", "latitude", "longitude"):
        if not parsed.get(required):
            raise UserError(f"missing {required}", where="site")
    with ws.transaction() as s:
        p = resolve(s, project)
        if any(site.name == parsed["name"] for site in p.sites):
            raise UserError(f"the project already has a site named {parsed['name']!r}", where="name")
        row = SiteRow(project_id=p.id, **parsed)
        s.add(row)
        s.flush()
        return record(s, Change("site.add", actor.name, actor.now(), p.id, entities=(entity("site", row, None),), result={"id": row.id}))


def remove_site(ws: Workspace, actor: Actor, project: int | str, site_id: int) -> Change:
    with ws.transaction() as s:
        p = resolve(s, project)
        row = s.get(SiteRow, int(site_id))
        if row is None or row.project_id != p.id:
            raise NotFound(f"project has no site {site_id}", where="site")
        before = row_fields(row)
        s.delete(row)
        return record(s, Change("site.remove", actor.name, actor.now(), p.id, entities=(entity("site", row, before, deleted=True),)))
