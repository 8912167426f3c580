"""Issuance facts for the stage guards: which periods are issued, which verified ones still wait, and which are
calculated and await verification."""

from __future__ import annotations

from sqlalchemy import func, select

from workbench.store.models_ledger import JointDecisionRow
from workbench.store.models_periods import AccountingPeriodRow

NAME = "issuance"


def provide(session, project, today) -> dict[str, tuple]:
    periods = session.scalars(select(AccountingPeriodRow).where(AccountingPeriodRow.project_id == project.id)).all()
    return {
        "issued_periods": tuple(p.number for p in periods if p.status == "issued"),
        "verified": tuple((p.number, p.start, p.end) for p in periods if p.status == "verified"),  # not yet issued
        "registration_decided": session.scalar(select(func.min(JointDecisionRow.decided_on)).where(  # the joint body's (BRI)
            JointDecisionRow.project_id == project.id, JointDecisionRow.kind == "registration")),
        "calculated": tuple(p.number for p in periods if p.status in ("draft", "reported") and p.vintages),  # awaiting verification
    }
