"""The date a document carries: the day of the act it records, not the day it is rendered.

A PDD is dated the day its (latest) version went to public comment (项目设计文件公示; 2023 Measures art. 12), a registration
application the day it was filed, a validation or verification package the day the VVB's work began, a monitoring
report the day it was published or handed to the verifier after its period ended (art. 17), an issuance application
the day it was filed after that verification, an allocation statement the issuance decision's day and a retirement
certificate the retirement's day. Until the act has happened (a draft being written), the document is dated ``today``
— never before the end of the period a monitoring report covers. A stage move's day is the one recorded with it
(``StageEventRow.on``), which the user gives when the move is back-dated.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.stages import Stage
from workbench.store.models import ProjectRow, StageEventRow
from workbench.store.models_periods import AccountingPeriodRow
from workbench.store.models_validation import EngagementRow

# The stage a document kind's act moves the project into (the first such move on or after ``not_before`` counts).
ACT_STAGES = {
    "pdd": (Stage.PDD_PUBLICITY,),
    "registration-application": (Stage.REGISTRATION_REQUESTED,),
    "monitoring-report": (Stage.REPORT_PUBLICITY, Stage.VERIFICATION),
    "issuance-application": (Stage.ISSUANCE_REQUESTED,),
}


def entered_on(s: Session, project_id: int, stages, not_before: date | None = None) -> date | None:
    """The day the project moved into one of ``stages``: the first such move on or after ``not_before`` (a period's
    end), or without it the latest (a PDD published again after a return to design carries its new day); None."""
    query = select(StageEventRow.on).where(StageEventRow.project_id == project_id,
                                           StageEventRow.target.in_([str(x) for x in stages]))
    if not_before is not None:
        return s.scalar(query.where(StageEventRow.on >= not_before).order_by(StageEventRow.on, StageEventRow.id).limit(1))
    return s.scalar(query.order_by(StageEventRow.id.desc()).limit(1))  # the moves in the order they were made


def _engagement_start(s: Session, project_id: int, kind: str, period_id: int | None) -> date | None:
    query = select(EngagementRow.started_on).where(EngagementRow.project_id == project_id, EngagementRow.kind == kind)
    if period_id is not None:
        query = query.where(EngagementRow.period_id == period_id)
    return s.scalar(query.order_by(EngagementRow.id.desc()).limit(1))


def document_date(s: Session, row: ProjectRow, kind: str, today: date, context: dict) -> date:
    """The date ``kind`` carries for ``row`` (see the module docstring); ``context`` is the document's context (its
    period, issuance or retirement), read for the dates it already holds."""
    period = context.get("period")
    period_row = s.scalar(select(AccountingPeriodRow).where(AccountingPeriodRow.project_id == row.id,
                                                           AccountingPeriodRow.number == period["number"])) if period else None
    if kind == "allocation-statement":
        return date.fromisoformat(context["issuance"]["decision_on"])
    if kind == "retirement-certificate":
        return date.fromisoformat(context["retirement"]["on"])
    if kind in ("validation-package", "verification-package"):
        return _engagement_start(s, row.id, kind.split("-")[0], period_row.id if period_row else None) or today
    not_before = period_row.end if period_row is not None else None
    on = entered_on(s, row.id, ACT_STAGES[kind], not_before) if kind in ACT_STAGES else None
    if on is None and kind == "monitoring-report" and period_row is not None:
        on = _engagement_start(s, row.id, "verification", period_row.id)
    if on is not None:
        return on
    return max(today, not_before) if not_before is not None else today


def stage_before(s: Session, project_id: int, day: date) -> str | None:
    """The stage the project was in just before ``day`` (the last move made before it): what a monitoring report
    dated ``day`` describes as the implementation status, not the stage the project has reached since."""
    return s.scalar(select(StageEventRow.target).where(StageEventRow.project_id == project_id, StageEventRow.on < day)
                    .order_by(StageEventRow.id.desc()).limit(1))  # the last move made (a back-dated one among them)
