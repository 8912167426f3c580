"""The crediting-period rule of the project's methodology and the start of its first accounting period, for the guard
that shows a stored project breaking the rule."""

from __future__ import annotations

from sqlalchemy import func, select

from workbench.domain.crediting import CreditingFacts
from workbench.services.projects.projects import crediting_rule_of
from workbench.store.models_periods import AccountingPeriodRow

NAME = "crediting"


def provide(session, project, today) -> CreditingFacts:
    first = session.scalar(select(func.min(AccountingPeriodRow.start)).where(AccountingPeriodRow.project_id == project.id))
    return CreditingFacts(crediting_rule_of(project), first)
