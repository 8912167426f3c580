"""The guard that keeps a project whose crediting period breaks its methodology's rule from moving on (计入期)."""

from __future__ import annotations

from workbench.domain.crediting import CreditingFacts
from workbench.domain.guards import GUARDS, GuardContext, ProjectSnapshot, Reason
from workbench.domain.project import Programme
from workbench.domain.stages import PROCEDURES, Direction, Stage


def crediting_rules_kept(snap: ProjectSnapshot, ctx: GuardContext) -> list[Reason]:
    """A project whose crediting period breaks its methodology's rule (stored before the rule was enforced, or
    under another methodology) opens fine but cannot move on until the period is corrected; so does one whose first
    accounting period starts after its crediting period (which starts when the reductions applied for were generated)."""
    facts: CreditingFacts | None = snap.facts.get("crediting")
    return facts.problems(snap.header.dates) if facts else []


for _programme in (Programme.CCER, Programme.BRI):
    for _move in PROCEDURES[_programme]:
        if _move.direction is Direction.FORWARD and _move.target is not Stage.CLOSED:
            GUARDS.register(_programme, _move.source, _move.target)(crediting_rules_kept)
