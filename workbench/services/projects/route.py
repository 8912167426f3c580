"""The project's route through its procedure: each stage done, current, next or later, and for the current and
the next stage what stands between the project and moving on (the navigator's spine, 阶段导航)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from workbench.domain.fixes import Fix
from workbench.domain.guards import StageRecord
from workbench.domain.rules import GUARDS
from workbench.domain.stages import Direction, Stage, transitions_from
from workbench.domain.text import Text
from workbench.services.projects.lifecycle import NextMove, ProjectView, context_for, view_project
from workbench.services.projects.projects import resolve
from workbench.store.workspace import Workspace

DONE, CURRENT, NEXT, LATER = "done", "current", "next", "later"
PUBLISHES = {Stage.PDD_PUBLICITY: (Text("route.render_pdd"), Fix.RENDER_PDD)}
"""The document a move into a publicity stage makes public (the PDD is published for 20 working days of comment,
DOMAIN.md §2): the navigator offers to render it beside the move, whether or not anything blocks the move."""


@dataclass(frozen=True)
class StageStep:
    """One stage of the procedure with its status (``DONE`` … ``LATER``); ``moves`` are the forward moves out of
    it with the reasons each is blocked (only for the current and the next stage; for the next one, as they would
    stand if the project entered it today)."""

    stage: Stage
    status: str
    moves: tuple[NextMove, ...] = ()

    def prepare(self) -> list[tuple[Text, Fix]]:
        """What to prepare for the moves out of this stage: the document a publicity stage ahead publishes."""
        return [PUBLISHES[m.transition.target] for m in self.moves if m.transition.target in PUBLISHES]


def next_stage(view: ProjectView) -> Stage | None:
    """The stage the procedure leads to from the current one: the first forward move that does not close it."""
    forward = [m.transition.target for m in view.next_moves if m.transition.direction is Direction.FORWARD]
    return next((s for s in forward if s is not Stage.CLOSED), forward[0] if forward else None)


def route(ws: Workspace, ref: int | str, today: date) -> tuple[ProjectView, list[StageStep]]:
    """The project's view and its route: every stage of its procedure in order, with status and the moves ahead.

    Stages before the current one in the procedure's order are done (a project moved back shows the stages it
    left as later again)."""
    view = view_project(ws, ref, today)
    snap, ahead = view.snapshot, next_stage(view)
    current = view.stages.index(snap.stage)
    forward = tuple(m for m in view.next_moves if m.transition.direction is Direction.FORWARD)
    steps = []
    for i, stage in enumerate(view.stages):
        if stage == snap.stage:
            steps.append(StageStep(stage, CURRENT, forward))
        elif stage == ahead:
            steps.append(StageStep(stage, NEXT, _moves_from(ws, view, stage, today)))
        else:
            steps.append(StageStep(stage, DONE if i < current else LATER))
    return view, steps


def _moves_from(ws: Workspace, view: ProjectView, stage: Stage, today: date) -> tuple[NextMove, ...]:
    """The forward moves out of ``stage`` and their reasons, for the project as it is with ``stage`` entered today."""
    snap = view.snapshot
    entered = replace(snap, stage=stage, stage_since=today, history=(*snap.history, StageRecord(snap.stage, stage, today, "")))
    with ws.reading() as s:
        context = context_for(resolve(s, view.id), today)
    return tuple(NextMove(t, GUARDS.reasons(entered, context, t.target)) for t in transitions_from(snap.header.programme, stage)
                 if t.direction is Direction.FORWARD)
