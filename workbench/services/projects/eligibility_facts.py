"""The programme's eligibility cut-off dates in force, for the eligibility guard."""

from __future__ import annotations

from datetime import date

from workbench.domain.eligibility_guards import Cutoffs
from workbench.domain.text import Text
from workbench.reference import load_table

NAME = "eligibility"


def provide(session, project, today) -> Cutoffs | None:
    if project.programme != "ccer":
        return None
    table = load_table("eligibility_cutoffs")
    construction = table.on("ccer.construction_after", today)
    reductions = table.on("ccer.reductions_after", today)
    source = Text("cite.to_confirm", source=construction.cited) if construction.confirm or reductions.confirm else construction.cited
    return Cutoffs(date.fromisoformat(construction.columns["date"]), date.fromisoformat(reductions.columns["date"]), source)
