"""Validation facts for the stage guards: engagements with their VVB, report state and open findings."""

from __future__ import annotations

from sqlalchemy import select

from workbench.domain.text import Bilingual
from workbench.domain.validation_guards import EngagementFact, OpenFinding
from workbench.store.models_periods import AccountingPeriodRow
from workbench.store.models_validation import EngagementRow, VvbRow

NAME = "validation"


def provide(session, project, today) -> tuple[EngagementFact, ...]:
    rows = session.scalars(select(EngagementRow).where(EngagementRow.project_id == project.id).order_by(EngagementRow.id))
    facts = []
    for e in rows:
        vvb = session.get(VvbRow, e.vvb_id)
        period = session.get(AccountingPeriodRow, e.period_id) if e.period_id else None
        facts.append(EngagementFact(
            e.id, e.kind, Bilingual.either(vvb.name_en, vvb.name_zh), e.report_status == "final",
            tuple(OpenFinding(f"{f.type}-{f.number}", f.text, f.id) for f in e.findings if f.status in ("open", "responded")),
            period.number if period else None,
            tuple(OpenFinding(f"{f.type}-{f.number}", f.text, f.id) for f in e.findings if f.type == "FAR" and f.status == "carried_forward"),
        ))
    return tuple(facts)
