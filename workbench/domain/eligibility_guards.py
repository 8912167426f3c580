"""Eligibility cut-off dates (DOMAIN.md §2): construction start and the first reductions, as dated data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workbench.domain.fixes import Fix
from workbench.domain.guards import GUARDS, GuardContext, ProjectSnapshot, Reason
from workbench.domain.project import Programme
from workbench.domain.stages import Stage
from workbench.domain.text import Bilingual, Text


@dataclass(frozen=True)
class Cutoffs:
    construction_after: date | None
    reductions_after: date | None
    source: Bilingual | Text  # the cut-offs' source, each language its own wording


def within_cutoffs(snap: ProjectSnapshot, ctx: GuardContext) -> list[Reason]:
    cut: Cutoffs | None = snap.facts.get("eligibility")
    if cut is None:
        return []
    reasons = []
    dates = snap.header.dates
    if cut.construction_after and dates.construction_start and dates.construction_start <= cut.construction_after:
        reasons.append(Reason("construction-too-early", Text("eligibility_guards.construction_started_not_after", construction_start=dates.construction_start, construction_after=cut.construction_after, source=cut.source), fix=Fix.CONSTRUCTION_START))
    if cut.reductions_after and dates.crediting and dates.crediting.start <= cut.reductions_after:
        reasons.append(Reason("crediting-too-early", Text("eligibility_guards.the_crediting_period_starts_reductions_count", start=dates.crediting.start, reductions_after=cut.reductions_after, source=cut.source), fix=Fix.CREDITING_PERIOD))
    return reasons


GUARDS.register(Programme.CCER, Stage.DESIGN, Stage.PDD_PUBLICITY)(within_cutoffs)
