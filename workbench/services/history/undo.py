"""Undo and redo of edits, derived from the ``Change`` each action returned (CONTRACTS.md §3).

``inverse(change)`` gives the action that takes an edit back; the inverse of what that action returns does the
edit again (so a row added back gets its new id right). Stage moves and an issuance whose units have not moved are
taken back too. Actions that cannot be taken back this way (imports, transfers, retirements) return None: the GUI does not
offer to undo them, and the audit log keeps them either way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from workbench.domain.change import Change
from workbench.domain.text import Text, line_text
from workbench.services.issuance import issuance_undo, ledger
from workbench.services.methodology import methodology, project_inputs
from workbench.services.monitoring import accounting, meters, periods
from workbench.services.projects import lifecycle, parties, projects, setup
from workbench.services.support.context import Actor
from workbench.services.validation import validation
from workbench.services.support.records import plain
from workbench.services.support.write_action import label_of
from workbench.store.conflicts import EditConflict, last_change, named
from workbench.store.schema import Base
from workbench.store.workspace import Workspace

Action = Callable[[Workspace, Actor], Change]

PARTY_KEYS = tuple(parties.PARTY_FIELDS)
SITE_KEYS = tuple(parties.SITE_FIELDS)


def _values(fields: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: fields[k] for k in keys if fields.get(k) not in (None, "")}


def _left_as_it_was(ws: Workspace, change: Change) -> None:
    """Refuse to take an edit back when someone changed its rows since (team mode): undo must not overwrite them."""
    with ws.reading() as s:
        for e in change.entities:
            if e.after is None:  # the edit deleted the row: adding it back overwrites nothing
                continue
            keys = list(e.changed_fields()) if e.before is not None else list(e.after)
            table = Base.metadata.tables[e.entity]
            row = s.execute(select(table).where(table.c.id == e.entity_id)).mappings().first()
            if row is None or any(plain(row[k]) != e.after[k] for k in keys if k in row):
                refused = "conflict.undo_deleted" if row is None else "conflict.undo_changed"
                raise EditConflict(Text(refused, record=named("record", e.entity), number=e.entity_id, by=last_change(s, e.entity, e.entity_id)))


def describe(change: Change) -> Text:
    """What an edit did, for the Edit menu: the label its action gave it (``write_action``), else one derived from
    its first entity (``write_action.label_of``)."""
    return change.label or label_of(change)


def inverse(change: Change) -> Action | None:
    action = _inverse(change)
    if action is None:
        return None

    def guarded(ws: Workspace, actor: Actor) -> Change:
        _left_as_it_was(ws, change)
        return action(ws, actor)

    return guarded


def _inverse(change: Change) -> Action | None:
    if not change.entities:
        return None
    e = change.entities[0]
    pid = change.project_id
    if change.action in ("project.create", "project.setup"):
        return lambda ws, actor: setup.discard_project(ws, actor, pid)
    if change.action == "project.discard":
        return lambda ws, actor: setup.setup_again(ws, actor, change)
    if change.action == "period.open":
        return lambda ws, actor: periods.remove_period(ws, actor, pid, change.result["period"])
    if change.action == "period.remove":
        span = next(x.before for x in change.entities if x.entity == "accounting_period")
        return lambda ws, actor: accounting.open_and_calculate(ws, actor, pid, span["start"], span["end"])
    if change.action == "stage.advance":
        event = next(x for x in change.entities if x.entity == "stage_event")
        left = next(x.before for x in change.entities if x.entity == "project")
        return lambda ws, actor: lifecycle.take_back(ws, actor, pid, event.entity_id, left["stage_since"])
    if change.action == "stage.take_back":
        event = next(x.before for x in change.entities if x.entity == "stage_event")
        reference = next((x.before["reference"] for x in change.entities if x.entity == "evidence_reference"), "")
        return lambda ws, actor: lifecycle.advance(ws, actor, pid, event["target"], line_text(event["reason"]), reference)
    if change.action == "issuance":
        return lambda ws, actor: issuance_undo.withdraw_issuance(ws, actor, change)
    if change.action == "issuance.withdraw":
        again = change.result
        return lambda ws, actor: ledger.issue(ws, actor, pid, again["period"], again["decision_on"], again["decision_ref"])
    if change.action == "engagement.add":
        engaged = next(x.entity_id for x in change.entities if x.entity == "engagement")
        recorded = next((x.entity_id for x in change.entities if x.entity == "vvb"), None)
        return lambda ws, actor: validation.withdraw_engagement(ws, actor, engaged, recorded)
    if change.action == "engagement.withdraw":
        return lambda ws, actor: validation.engage_again(ws, actor, change)
    if change.action == "project.update":
        back = {k: before for k, (before, _after) in e.changed_fields().items()}
        if "agreement_id" in back or "agreement_unmatched" in back:  # the agreement is set by its id, or by the name still unmatched
            back.pop("agreement_id", None), back.pop("agreement_unmatched", None)
            back["agreement"] = str(e.before["agreement_id"]) if e.before["agreement_id"] is not None else e.before["agreement_unmatched"]
        return lambda ws, actor: projects.update_project(ws, actor, pid, back, "undo")
    if change.action == "party.add":
        return lambda ws, actor: parties.remove_party(ws, actor, pid, e.entity_id)
    if change.action == "party.remove":
        return lambda ws, actor: parties.add_party(ws, actor, pid, _values(e.before, PARTY_KEYS))
    if change.action == "party.update":
        back = {k: before for k, (before, _after) in e.changed_fields().items()}
        return lambda ws, actor: parties.update_party(ws, actor, pid, e.entity_id, back)
    if change.action == "site.add":
        return lambda ws, actor: parties.remove_site(ws, actor, pid, e.entity_id)
    if change.action == "site.update":
        back = {k: before for k, (before, _after) in e.changed_fields().items()}
        return lambda ws, actor: parties.update_site(ws, actor, pid, e.entity_id, back)
    if change.action == "site.remove":
        return lambda ws, actor: parties.add_site(ws, actor, pid, _values(e.before, SITE_KEYS))
    if change.action == "meter.update":
        back = meters.edit_values(e.before, set(e.changed_fields()))
        return lambda ws, actor: meters.update_meter(ws, actor, pid, e.after["serial"], back)
    if change.action == "parameter.set":
        if e.before is None:
            return lambda ws, actor: methodology.delete_parameter(ws, actor, pid, e.after["key"])
        return lambda ws, actor: methodology.set_parameter(ws, actor, pid, e.before["key"], e.before["value"], e.before["source"])
    if change.action == "parameter.delete":
        return lambda ws, actor: methodology.set_parameter(ws, actor, pid, e.before["key"], e.before["value"], e.before["source"])
    if change.action in INPUT_ACTIONS and e.entity in INPUT_NAMES:
        name = INPUT_NAMES[e.entity](e.after or e.before)
        if e.before is None:
            return lambda ws, actor: project_inputs.remove_input(ws, actor, pid, name)
        value = INPUT_VALUES[e.entity](e.before)
        return lambda ws, actor: project_inputs.set_input(ws, actor, pid, name, value, e.before["source"])
    return None


INPUT_ACTIONS = ("declaration.set", "evidence_reference.set", "pdd_text.set", "project_input.remove")
INPUT_NAMES = {"project_declaration": lambda v: f"decl.{v['key']}", "evidence_reference": lambda v: f"evidence.{v['condition']}",
               "pdd_text": lambda v: f"text.{v['section']}.{v['lang']}"}
"""A declaration, evidence reference or PDD text named the way ``parameter set`` names it, from its recorded values."""
INPUT_VALUES = {"project_declaration": lambda v: v["answer"], "evidence_reference": lambda v: v["reference"], "pdd_text": lambda v: v["body"]}
