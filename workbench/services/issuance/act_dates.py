"""The dated acts an issuance decision follows (domain/act_order.py): the accounting period's end, the project's
registration, the final verification report of the period and the issuance application, as the workspace records
them. An act the workspace has no record of is left out (a workspace that does not track the stages)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.domain.act_order import DatedAct
from workbench.domain.text import Text
from workbench.store.models import ProjectRow, StageEventRow
from workbench.store.models_ledger import JointDecisionRow
from workbench.store.models_periods import AccountingPeriodRow
from workbench.store.models_validation import EngagementRow


def _entered(s: Session, project: ProjectRow, stage: str):
    return s.scalar(select(func.max(StageEventRow.on)).where(StageEventRow.project_id == project.id, StageEventRow.target == stage))


def registration_decided(s: Session, project_id: int):
    """The day of the joint body's registration decision (BRI), the first if several are recorded; None without one."""
    return s.scalar(select(func.min(JointDecisionRow.decided_on)).where(JointDecisionRow.project_id == project_id,
                                                                      JointDecisionRow.kind == "registration"))


def registered_on(s: Session, project: ProjectRow):
    """The joint body's registration decision (BRI), else the day the project moved to Registered; None if neither."""
    moved = select(func.min(StageEventRow.on)).where(StageEventRow.project_id == project.id, StageEventRow.target == "registered")
    return registration_decided(s, project.id) or s.scalar(moved)


def before_issuance(s: Session, project: ProjectRow, period: AccountingPeriodRow) -> list[DatedAct]:
    """The acts, in procedure order, that an issuance decision for ``period`` cannot precede."""
    acts = [DatedAct(Text("act_order.period_end", number=period.number), period.end)]
    registered = registered_on(s, project)
    if registered is not None:
        acts.append(DatedAct(Text("act_order.registration"), registered))
    verified = s.scalar(select(func.max(EngagementRow.final_on)).where(EngagementRow.project_id == project.id, EngagementRow.kind == "verification",
                                                                     EngagementRow.period_id == period.id))
    if verified is not None:
        acts.append(DatedAct(Text("act_order.verification_report", number=period.number), verified))
    applied = _entered(s, project, "issuance_requested")
    if applied is not None:
        acts.append(DatedAct(Text("act_order.application"), applied))
    return acts


def before_registration(s: Session, project: ProjectRow) -> list[DatedAct]:
    """The acts a registration decision cannot precede: the final validation report and the registration application."""
    acts = []
    validated = s.scalar(select(func.max(EngagementRow.final_on)).where(EngagementRow.project_id == project.id, EngagementRow.kind == "validation"))
    if validated is not None:
        acts.append(DatedAct(Text("act_order.validation_report"), validated))
    applied = _entered(s, project, "registration_requested")
    if applied is not None:
        acts.append(DatedAct(Text("act_order.registration_application"), applied))
    return acts
