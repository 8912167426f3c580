"""The project's stage: what it is, what could come next and why not, and moving it (阶段)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.domain.guards import GuardContext, ProjectSnapshot, Reason, StageRecord
from workbench.domain.parties import Nationality, ParticipationForm, Party, PartyRole
from workbench.domain.project import Site
from workbench.domain.rules import GUARDS
from workbench.domain.stages import Stage, Transition, stages_of
from workbench.domain.text import Bilingual, Text, line_text, stored_line
from workbench.reference import thresholds_on
from workbench.services.issuance import issuance_facts
from workbench.services.methodology.project_inputs import add_stage_evidence, remove_stage_evidence, stage_evidence_of
from workbench.services.projects import crediting_facts, eligibility_facts
from workbench.services.support.context import Actor
from workbench.services.validation import validation_facts
from workbench.services.projects.projects import header_of, resolve
from workbench.services.projects.tasks import Task, tasks_of
from workbench.services.support.records import row_fields
from workbench.services.support.write_action import write_action
from workbench.services.support.working_calendar import calendar_for
from workbench.store.models import ProjectRow, StageEventRow
from workbench.store.workspace import Workspace

FactProvider = Callable[[Session, ProjectRow, date], Any]

# Every capability that gives the stage guards facts is listed here: a new one is added by name, so renaming a
# file cannot silently drop its guards' facts.
FACT_MODULES = (crediting_facts, eligibility_facts, validation_facts, issuance_facts)


def fact_providers() -> dict[str, FactProvider]:
    """What each capability adds to the snapshot for its guards: the modules listed in ``FACT_MODULES``,
    each with ``NAME`` and ``provide(session, project_row, today)``."""
    return {m.NAME: m.provide for m in FACT_MODULES}


def snapshot_of(session: Session, row: ProjectRow, today: date) -> ProjectSnapshot:
    parties = tuple(
        Party(
            p.name_en,
            p.name_zh,
            PartyRole(p.role),
            Nationality(p.nationality),
            p.country,
            ParticipationForm(p.participation_form) if p.participation_form else None,
            p.contact,
            p.id,
        )
        for p in row.parties
    )
    sites = tuple(
        Site(s.name, s.latitude, s.longitude, s.id, s.area_ha, s.distance_to_shore_km, s.water_depth_m) for s in row.sites
    )
    shown = stage_evidence_of(session, row.id)
    history = tuple(
        StageRecord(Stage(e.source) if e.source else None, Stage(e.target), e.on, e.actor, line_text(e.reason), shown.get(e.id, ""))
        for e in row.stage_events
    )
    facts = {name: provide(session, row, today) for name, provide in fact_providers().items()}
    return ProjectSnapshot(
        header_of(session, row), Stage(row.stage), row.stage_since, parties, sites, history, row.registry_account, facts
    )


def context_for(row: ProjectRow, today: date) -> GuardContext:
    return GuardContext(today, calendar_for(row.programme, row.host_country, today), thresholds_on(today))


@dataclass(frozen=True)
class NextMove:
    transition: Transition
    reasons: list[Reason]

    @property
    def allowed(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class ProjectView:
    """A project as the Overview and ``project show`` present it."""

    id: int
    snapshot: ProjectSnapshot
    stages: list[Stage]
    next_moves: list[NextMove]
    version: int = 1  # what an edit made from this view is based on (team mode refuses it once outdated)
    tasks: tuple[Task, ...] = ()  # references still to settle (``tasks.tasks_of``)


def view_project(ws: Workspace, ref: int | str, today: date) -> ProjectView:
    with ws.reading() as s:
        row = resolve(s, ref)
        snap = snapshot_of(s, row, today)
        moves = [NextMove(t, r) for t, r in GUARDS.next_moves(snap, context_for(row, today))]
        return ProjectView(row.id, snap, stages_of(snap.header.programme), moves, row.version, tuple(tasks_of(s, row)))


class Blocked(UserError):
    """A stage move the rules do not allow yet; carries every reason."""

    def __init__(self, target: Stage, reasons: list[Reason]) -> None:
        self.reasons = reasons
        why = Bilingual("; ".join(r.text.en for r in reasons), "；".join(r.text.zh for r in reasons))
        super().__init__("error.lifecycle.blocked", stage=target, reasons=why)


def advance(
    ws: Workspace, actor: Actor, ref: int | str, target: str, reason: str | Text = "", evidence: str = ""
) -> Change:
    """Move the project to ``target`` if the procedure allows it and no guard objects. A CCER project moves to
    Registered with the registry's registration reference as ``evidence`` (the registry registers and publishes the
    project, Measures art. 15; a BRI project's registration is the joint body's recorded decision, registration_guards)."""
    try:
        stage = Stage(target)
    except ValueError:
        raise UserError("error.lifecycle.is_not_a_stage_stages_are", field="stage", target=target, value=', '.join(s.value for s in Stage))
    now = actor.now()
    with write_action(ws, actor, "stage.advance", reason=reason) as act:
        s = act.session
        row = resolve(s, ref)
        act.project_id = row.id
        snap = snapshot_of(s, row, actor.today)
        reasons = GUARDS.reasons(snap, context_for(row, actor.today), stage)
        if reasons:
            raise Blocked(stage, reasons)
        if stage is Stage.REGISTERED and row.programme == "ccer" and not evidence.strip():
            raise UserError("error.lifecycle.registration_reference_needed", field="registration_reference")
        before = row_fields(row)
        event = StageEventRow(
            project_id=row.id, source=row.stage, target=stage.value, on=actor.today, at=now, actor=actor.name, reason=stored_line(reason)
        )
        row.stage = stage.value
        row.stage_since = actor.today
        row.updated_at = now
        s.add(event)
        s.flush()
        act.updated("project", row, before)
        act.created("stage_event", event)
        if evidence.strip():
            add_stage_evidence(act, row.id, event.id, evidence)
        act.result["stage"] = stage.value
    return act.change


def take_back(ws: Workspace, actor: Actor, ref: int | str, event_id: int, since: Any) -> Change:
    """Undo a stage move (Edit › Undo): the project returns to the stage it left, since ``since`` (the day it had
    entered it), and the move's record and reference are removed. Refused once the project has moved on since."""
    with write_action(ws, actor, "stage.take_back") as act:
        s = act.session
        row = resolve(s, ref)
        act.project_id = row.id
        event = s.get(StageEventRow, int(event_id))
        latest = max(row.stage_events, key=lambda e: (e.at, e.id), default=None)
        if event is None or latest is None or latest.id != event.id or row.stage != event.target or event.source is None:
            raise UserError("error.lifecycle.moved_on_since", field="stage", stage=Stage(row.stage))
        before = row_fields(row)
        row.stage, row.stage_since, row.updated_at = event.source, since if isinstance(since, date) else date.fromisoformat(str(since)), actor.now()
        for reference in remove_stage_evidence(s, event.id):
            act.deleted("evidence_reference", *reference)
        act.deleted("stage_event", event, row_fields(event))
        s.delete(event)
        s.flush()
        act.updated("project", row, before)
        act.result["stage"] = row.stage
    return act.change
