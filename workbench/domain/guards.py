"""Stage guards: registered functions that say why a move is blocked (CONTRACTS.md §4).

A guard is ``(snapshot, context) -> list[Reason]``; an empty list lets the move happen. Guards are kept in
a registry keyed by transition so each capability registers its own rules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from workbench.domain.calendar import WorkingCalendar
from workbench.domain.errors import UserError
from workbench.domain.fixes import Fix
from workbench.domain.parties import Party
from workbench.domain.project import Programme, ProjectHeader, Site
from workbench.domain.sourced import SourcedValue
from workbench.domain.stages import Stage, Transition, find_transition, transitions_from
from workbench.domain.text import Bilingual, Text


@dataclass(frozen=True)
class Reason:
    """Why a move is blocked, in both languages, with a stable code for tests and tools and the fix key of what
    clears it (``workbench.domain.fixes.Fix``; the GUI takes the user to the form that does it)."""

    code: str
    text: Bilingual
    fix: Fix = field(kw_only=True)
    due: date | None = None  # when the reason lapses by itself (end of a period), if it does
    subject: str = ""  # the record it is about (a finding's or engagement's id), for the fix's form to start on
    provisional: bool = False  # the date depends on holiday data not yet published


@dataclass(frozen=True)
class StageRecord:
    """One stage change (when, who, why, evidence)."""

    source: Stage | None
    target: Stage
    on: date
    actor: str
    reason: str | Text = ""  # what the user typed, or a catalogue message the workbench wrote ("project created")
    evidence: str = ""


@dataclass(frozen=True)
class ProjectSnapshot:
    """What guards may look at: a read-only picture of one project, built by services."""

    header: ProjectHeader
    stage: Stage
    stage_since: date
    parties: tuple[Party, ...] = ()
    sites: tuple[Site, ...] = ()
    history: tuple[StageRecord, ...] = ()
    registry_account: str = ""
    facts: Mapping[str, object] = field(default_factory=dict)
    """Facts other capabilities contribute (findings, engagements, periods), keyed by their module."""

    def entered(self, stage: Stage) -> date | None:
        """The last time the project entered ``stage``."""
        dates = [r.on for r in self.history if r.target == stage]
        return max(dates) if dates else None


@dataclass(frozen=True)
class GuardContext:
    """What guards need besides the project: today, the working calendar and the procedure thresholds."""

    today: date
    calendar: WorkingCalendar
    thresholds: Mapping[str, SourcedValue]

    def threshold(self, key: str) -> SourcedValue:
        try:
            return self.thresholds[key]
        except KeyError:
            raise UserError("error.guards.no_reference_value_in_force_on", key=key, today=self.today) from None


Guard = Callable[[ProjectSnapshot, GuardContext], list[Reason]]


class GuardRegistry:
    """Guards by (procedure, source stage, target stage)."""

    def __init__(self) -> None:
        self._guards: dict[tuple[str, Stage, Stage], list[Guard]] = {}

    def register(self, programme: str, source: Stage, target: Stage) -> Callable[[Guard], Guard]:
        if find_transition(Programme(programme), source, target) is None:
            raise ValueError(f"no transition {source} -> {target} in the {programme} procedure")

        def add(fn: Guard) -> Guard:
            self._guards.setdefault((str(programme), source, target), []).append(fn)
            return fn

        return add

    def guards_for(self, programme: str, source: Stage, target: Stage) -> list[Guard]:
        return list(self._guards.get((str(programme), source, target), ()))

    def reasons(self, snapshot: ProjectSnapshot, context: GuardContext, target: Stage) -> list[Reason]:
        programme = snapshot.header.programme
        if find_transition(programme, snapshot.stage, target) is None:
            allowed = [t.target for t in transitions_from(programme, snapshot.stage)]
            return [
                Reason(
                    "no-such-transition",
                    Text("guards.the_procedure_has_no_move_from", stage=snapshot.stage, target=target, allowed=allowed),
                    fix=Fix.PROCEDURE,
                )
            ]
        found: list[Reason] = []
        for guard in self.guards_for(programme, snapshot.stage, target):
            found.extend(guard(snapshot, context))
        return found

    def next_moves(self, snapshot: ProjectSnapshot, context: GuardContext) -> list[tuple[Transition, list[Reason]]]:
        """Every move the procedure allows from the current stage, with the reasons each is blocked."""
        programme = snapshot.header.programme
        return [(t, self.reasons(snapshot, context, t.target)) for t in transitions_from(programme, snapshot.stage)]


GUARDS = GuardRegistry()
"""The registry every capability adds its guards to; ``workbench.domain.rules`` imports them all."""
