"""Issuance facts for the stage guards: which periods are issued, which verified ones still wait, and which are
calculated and await verification."""

from __future__ import annotations

from sqlalchemy import select

from workbench.services.issuance.act_dates import registration_decided
from workbench.store.models_periods import AccountingPeriodRow

NAME = "issuance"


def provide(session, project, today) -> dict[str, tuple]:
    periods = session.scalars(select(AccountingPeriodRow).where(AccountingPeriodRow.project_id == project.id)).all()
    return {
        "issued_periods": tuple(p.number for p in periods if p.status == "issued"),
        "verified": tuple((p.number, p.start, p.end) for p in periods if p.status == "verified"),  # not yet issued
        "registration_decided": registration_decided(session, project.id),  # the joint body's (BRI)
        "calculated": tuple(p.number for p in periods if p.status in ("draft", "reported") and p.vintages),  # awaiting verification
    }
