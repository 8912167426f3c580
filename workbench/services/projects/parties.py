"""Parties and sites of a project (参与方与场址)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.change import Change
from workbench.domain.dependants import refuse_if_used
from workbench.domain.errors import NotFound, UserError, field_label
from workbench.domain import field_specs as fs
from workbench.domain.parties import Nationality, PartyRole
from workbench.domain.project import Programme
from workbench.domain.text import Bilingual, Text
from workbench.domain.vocabulary import DocumentKind, EngagementKind
from workbench.services.support import fields as f
from workbench.services.support.context import Actor
from workbench.services.projects.projects import resolve
from workbench.services.support.records import row_fields
from workbench.services.support.write_action import Action, write_action
from workbench.store.models import PartyRow, ProjectRow, SiteRow
from workbench.store.models_evidence import EvidenceRow
from workbench.store.models_ledger import AccountRow, BlockRow
from workbench.store.models_validation import EngagementRow
from workbench.store.conflicts import refuse_if_stale
from workbench.store.workspace import Workspace

PARTY_FIELDS = fs.flat(fs.PARTY)
SITE_FIELDS = fs.flat(fs.SITE)


def _check_party(row: PartyRow, programme: str) -> None:
    if not (row.name_en or row.name_zh):
        raise UserError("error.parties.a_party_needs_a_name_in", field="name_en")
    if row.nationality == Nationality.CHINESE and row.country != "CN":
        raise UserError("error.parties.a_chinese_party_is_registered_in", field="country", country=row.country)
    if programme == Programme.CCER and row.nationality != Nationality.CHINESE and row.role == PartyRole.PROJECT_OWNER:
        raise UserError("error.parties.the_owner_of_a_domestic_ccer", field="nationality")
    if row.participation_form and row.nationality != Nationality.CHINESE:
        raise UserError("error.parties.participation_forms_seed_000_table_3", field="participation_form")


def parse_party(values: dict[str, Any]) -> dict[str, Any]:
    """A party's fields parsed by their specs, every required one present."""
    parsed = f.parse_fields(values, PARTY_FIELDS, "party")
    for required in f.required(PARTY_FIELDS):
        if required not in parsed:
            raise UserError("error.parties.missing", field=required, required=field_label(required))
    return parsed


def insert_party(act: Action, project: ProjectRow, parsed: dict[str, Any]) -> PartyRow:
    """Add a party ``parse_party`` gave to ``project`` in the action, checked against the project's programme."""
    row = PartyRow(project_id=project.id, name_en="", name_zh="", contact="", participation_form=None)
    for name, value in parsed.items():
        setattr(row, name, value)
    _check_party(row, project.programme)
    act.session.add(row)
    act.session.flush()
    act.created("party", row)
    return row


def check_party(values: dict[str, Any], programme: str) -> None:
    """Refuse a party as ``add_party`` would, before any project holds it (the new-project wizard's parties)."""
    row = PartyRow(name_en="", name_zh="", contact="", participation_form=None)
    for name, value in parse_party(values).items():
        setattr(row, name, value)
    _check_party(row, programme)


def add_party(ws: Workspace, actor: Actor, project: int | str, values: dict[str, Any]) -> Change:
    parsed = parse_party(values)
    with write_action(ws, actor, "party.add") as act:
        p = resolve(act.session, project)
        act.project_id = p.id
        act.result["id"] = insert_party(act, p, parsed).id
    return act.change


def _party(s, project_id: int, party_id: int) -> PartyRow:
    row = s.get(PartyRow, party_id)
    if row is None or row.project_id != project_id:
        raise NotFound("error.parties.project_has_no_party", field="party", party_id=party_id)
    return row


def update_party(ws: Workspace, actor: Actor, project: int | str, party_id: int, values: dict[str, Any],
                 seen: int | None = None) -> Change:
    """Change a party's fields (refused when ``seen``, the version edited, is no longer the stored one)."""
    parsed = f.parse_fields(values, PARTY_FIELDS, "party")
    with write_action(ws, actor, "party.update") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        row = _party(s, p.id, party_id)
        refuse_if_stale(s, row, seen)
        before = row_fields(row)
        for name, value in parsed.items():
            setattr(row, name, value)
        _check_party(row, p.programme)
        act.updated("party", row, before)
    return act.change


# Final documents kept in the workspace that name a project's sites (every one names its parties).
NAME_SITES = ("pdd", "validation-package", "verification-package", "monitoring-report")


def _archived(s: Session, project_id: int, kinds: tuple[str, ...] | None = None) -> list[Text]:
    query = select(EvidenceRow).where(EvidenceRow.project_id == project_id, EvidenceRow.kind == "document").order_by(EvidenceRow.id)
    rows = s.scalars(query if kinds is None else query.where(EvidenceRow.document_kind.in_(kinds)))
    return [Text("dependant.archived_document", kind=DocumentKind(r.document_kind) if r.document_kind in set(DocumentKind) else r.document_kind,
                 name=r.name, on=r.added_on) for r in rows]


def _party_dependants(s: Session, row: PartyRow) -> list[Text]:
    held = s.scalars(select(BlockRow.id).join(AccountRow, BlockRow.account_id == AccountRow.id)
                     .where(AccountRow.party_id == row.id).order_by(BlockRow.id)).all()
    return ([Text("dependant.units_held", blocks=", ".join(f"#{b}" for b in held))] if held else []) + _archived(s, row.project_id)


def _site_dependants(s: Session, row: SiteRow) -> list[Text]:
    engagements = s.scalars(select(EngagementRow).where(EngagementRow.project_id == row.project_id).order_by(EngagementRow.id))
    sampled = [Text("dependant.site_sample", kind=EngagementKind(e.kind), started=e.started_on) for e in engagements
               if row.name in [n.strip() for n in e.sampled_sites.split(",")]]
    return sampled + _archived(s, row.project_id, NAME_SITES)


def party_dependants(ws: Workspace, project: int | str, party_id: int) -> list[Text]:
    """What refers to a party, each said in words (units held in its account, archived documents naming it); a party
    is deleted only when this is empty (``remove_party`` refuses with the same list)."""
    with ws.reading() as s:
        return _party_dependants(s, _party(s, resolve(s, project).id, party_id))


def site_dependants(ws: Workspace, project: int | str, site_id: int) -> list[Text]:
    """What refers to a site: engagements whose site-visit sample names it, archived documents that list the sites."""
    with ws.reading() as s:
        return _site_dependants(s, _site(s, resolve(s, project).id, site_id))


def remove_party(ws: Workspace, actor: Actor, project: int | str, party_id: int) -> Change:
    """Delete a party; refused while anything refers to it (``party_dependants``, named in the refusal)."""
    with write_action(ws, actor, "party.remove") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        row = _party(s, p.id, party_id)
        refuse_if_used(Bilingual.either(row.name_en, row.name_zh), _party_dependants(s, row), "party")
        before = row_fields(row)
        s.delete(row)
        act.deleted("party", row, before)
    return act.change


def parse_site(values: dict[str, Any]) -> dict[str, Any]:
    """A site's fields parsed by their specs, every required one given."""
    parsed = f.parse_fields(values, SITE_FIELDS, "site")
    for required in f.required(SITE_FIELDS):
        if not parsed.get(required):
            raise UserError("error.parties.missing", field=required, required=field_label(required))
    return parsed


def insert_site(act: Action, project: ProjectRow, parsed: dict[str, Any]) -> SiteRow:
    """Add a site ``parse_site`` gave to ``project`` in the action; a second site of the same name is refused."""
    if any(site.name == parsed["name"] for site in project.sites):
        raise UserError("error.parties.the_project_already_has_a_site", field="name", parsed=parsed['name'])
    row = SiteRow(**parsed)
    project.sites.append(row)
    act.session.flush()
    act.created("site", row)
    return row


def add_site(ws: Workspace, actor: Actor, project: int | str, values: dict[str, Any]) -> Change:
    parsed = parse_site(values)
    with write_action(ws, actor, "site.add") as act:
        p = resolve(act.session, project)
        act.project_id = p.id
        act.result["id"] = insert_site(act, p, parsed).id
    return act.change


def update_site(ws: Workspace, actor: Actor, project: int | str, site_id: int, values: dict[str, Any]) -> Change:
    """Change a site's fields; a field left out keeps its value, an optional one given empty is cleared."""
    parsed = f.parse_fields(values, SITE_FIELDS, "site")
    for required in f.required(SITE_FIELDS):
        if required in parsed and not parsed[required]:
            raise UserError("error.parties.missing", field=required, required=field_label(required))
    with write_action(ws, actor, "site.update") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        row = _site(s, p.id, site_id)
        if any(site.name == parsed.get("name") and site.id != row.id for site in p.sites):
            raise UserError("error.parties.the_project_already_has_a_site", field="name", parsed=parsed["name"])
        before = row_fields(row)
        for name, value in parsed.items():
            setattr(row, name, value)
        act.updated("site", row, before)
    return act.change


def _site(s, project_id: int, site_id: int) -> SiteRow:
    row = s.get(SiteRow, int(site_id))
    if row is None or row.project_id != project_id:
        raise NotFound("error.parties.project_has_no_site", field="site", site_id=site_id)
    return row


def remove_site(ws: Workspace, actor: Actor, project: int | str, site_id: int) -> Change:
    """Delete a site; refused while anything refers to it (``site_dependants``, named in the refusal)."""
    with write_action(ws, actor, "site.remove") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        row = _site(s, p.id, site_id)
        refuse_if_used(row.name, _site_dependants(s, row), "site")
        before = row_fields(row)
        s.delete(row)
        act.deleted("site", row, before)
    return act.change
