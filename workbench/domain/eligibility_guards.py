"""Eligibility cut-off dates (DOMAIN.md §2): construction start and the first reductions, as dated data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workbench.domain.guards import GUARDS, GuardContext, ProjectSnapshot, Reason
from workbench.domain.project import Programme
from workbench.domain.stages import Stage
from workbench.domain.text import Bilingual


@dataclass(frozen=True)
class Cutoffs:
    construction_after: date | None
    reductions_after: date | None
    source: str


def within_cutoffs(snap: ProjectSnapshot, ctx: GuardContext) -> list[Reason]:
    cut: Cutoffs | None = snap.facts.get("eligibility")
    if cut is None:
        return []
    reasons = []
    dates = snap.header.dates
    if cut.construction_after and dates.construction_start and dates.construction_start <= cut.construction_after:
        reasons.append(Reason("construction-too-early", Bilingual(
            f"construction started {dates.construction_start}, not after {cut.construction_after} ({cut.source})",
            f"开工日期{dates.construction_start}不晚于{cut.construction_after}")))
    if cut.reductions_after and dates.crediting and dates.crediting.start <= cut.reductions_after:
        reasons.append(Reason("crediting-too-early", Bilingual(
            f"the crediting period starts {dates.crediting.start}; reductions count only after {cut.reductions_after} ({cut.source})",
            f"计入期开始于{dates.crediting.start};仅{cut.reductions_after}之后产生的减排量可计入")))
    return reasons


GUARDS.register(Programme.CCER, Stage.DESIGN, Stage.PDD_PUBLICITY)(within_cutoffs)
