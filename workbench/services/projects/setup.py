"""A new project set up in one action (新建项目): the project with its parties and sites, checked whole and written
together — one audit entry, one step to undo — and taken back the same way while nothing else was recorded on it."""

from __future__ import annotations

from typing import Any

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual, Text
from workbench.services.projects import parties, projects
from workbench.services.support.context import Actor
from workbench.services.support.records import entity, referring, row_fields
from workbench.services.support.write_action import write_action
from workbench.store.conflicts import named
from workbench.store.workspace import Workspace

OWN = frozenset({"project", "party", "site", "stage_event"})  # what a set-up project holds before anyone works on it


def _each(kind: str, given: list[dict[str, Any]], fn) -> list[Any]:
    """``fn(index)`` for each item given; a refusal says which one (``Party 2 (Huaxia …)``) besides the field and
    what is accepted."""
    done = []
    for index, values in enumerate(given):
        try:
            done.append(fn(index))
        except UserError as exc:
            exc.where = Text(f"setup.{kind}_n", number=index + 1, name=_name(values))
            raise
    return done


def _name(values: dict[str, Any]) -> Bilingual:
    return Bilingual.either(str(values.get("name_en") or values.get("name") or ""), str(values.get("name_zh") or values.get("name") or ""))


def setup_project(ws: Workspace, actor: Actor, project: dict[str, Any], party_values: list[dict[str, Any]],
                  site_values: list[dict[str, Any]], *, project_id: int | None = None) -> Change:
    """Create a project in the design stage with its parties and sites (``{field: text}`` each, as the project,
    party and site specs read them) as one action: everything is checked — the project's dates against its
    methodology's crediting rule, each party against the programme, each site's coordinates — before anything is
    written, and nothing is written if any of it is refused (the refusal names the party or site by number and name).

    ``project_id``: the id to give the project when it is still free (set up again after its set-up was taken
    back, so that the edits recorded for it find it). Returns the Change listing the project, parties and sites
    created; its result holds ``id`` and ``code``.
    """
    parsed = projects.parse_new(project)
    party_rows = _each("party", party_values, lambda i: parties.parse_party(party_values[i]))
    site_rows = _each("site", site_values, lambda i: parties.parse_site(site_values[i]))
    with write_action(ws, actor, "project.setup") as act:
        row = projects.insert_project(act, parsed, project_id)
        _each("party", party_values, lambda i: parties.insert_party(act, row, party_rows[i]))
        _each("site", site_values, lambda i: parties.insert_site(act, row, site_rows[i]))
        act.label = Text("change.project.setup", subject=row.code)
    return act.change


def discard_project(ws: Workspace, actor: Actor, project: int | str) -> Change:
    """Take back a project just set up (Edit › Undo): the project, its parties, sites and stage record are deleted.

    Refused while the project holds anything else (meters, parameters, documents …): undoing the set-up must never
    take later work with it. Returns the Change holding every deleted row's values (from which ``setup_again``
    restores the project)."""
    with write_action(ws, actor, "project.discard") as act:
        s = act.session
        row = projects.resolve(s, project)
        act.project_id = row.id
        held = [named("record", table) for table in referring(s, "project", row.id, OWN)]
        if held:
            raise UserError("error.setup.project_holds_more", field="project", code=row.code, held=held)
        before = row_fields(row)
        for party in row.parties:
            act.deleted("party", party, row_fields(party))
        for site in row.sites:
            act.deleted("site", site, row_fields(site))
        s.delete(row)
        act.entities.insert(0, entity("project", row, before, deleted=True))
        act.label = Text("change.project.discard", subject=row.code)
    return act.change


def setup_again(ws: Workspace, actor: Actor, discarded: Change) -> Change:
    """Set a discarded project up again from the values its discarding recorded (Edit › Redo)."""
    values = {e.entity: e.before for e in discarded.entities if e.entity == "project"}["project"]
    project = {k: values[k] for k in projects.PROJECT_FIELDS if k in values and values[k] not in (None, "")}
    if values.get("agreement_id") is not None or values.get("agreement_unmatched"):
        project["agreement"] = str(values["agreement_id"]) if values.get("agreement_id") is not None else values["agreement_unmatched"]
    pick = lambda v, keys: {k: v[k] for k in keys if v.get(k) not in (None, "")}  # noqa: E731
    party_values = [pick(e.before, parties.PARTY_FIELDS) for e in discarded.entities if e.entity == "party"]
    site_values = [pick(e.before, parties.SITE_FIELDS) for e in discarded.entities if e.entity == "site"]
    return setup_project(ws, actor, project, party_values, site_values, project_id=values.get("id"))
