"""Decisions of a cooperation agreement's joint management body (联合管理机构决定): registration, issuance, allocation."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.act_order import REGISTRATION_ORDER, check_decision_date
from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.services.issuance import act_dates
from workbench.services.support import fields as f
from workbench.services.monitoring.accounting import period_of
from workbench.services.support.context import Actor
from workbench.services.projects.projects import resolve
from workbench.services.support.write_action import Action, write_action
from workbench.store.models import ProjectRow
from workbench.store.models_ledger import AgreementRow, JointDecisionRow
from workbench.store.workspace import Workspace



def agreement_of(s: Session, project: ProjectRow) -> AgreementRow:
    if project.programme != "bri":
        raise UserError("error.decisions.project_is_a_domestic_ccer_project", field="project", code=project.code)
    if project.agreement_id is None:
        raise UserError("error.decisions.project_names_agreement_which_is_not", field="agreement", code=project.code, agreement_unmatched=project.agreement_unmatched)
    return s.get(AgreementRow, project.agreement_id)


def decide(act: Action, project: ProjectRow, kind: str, decided_on: date, reference: str, period_id: int | None = None,
           note: str = "") -> JointDecisionRow:
    """Record a decision as part of the action ``act`` (its ``result`` gets the decision's ``id``); the same decision
    recorded twice is kept once."""
    s, actor = act.session, act.actor
    agreement = agreement_of(s, project)
    same = s.scalar(select(JointDecisionRow).where(JointDecisionRow.project_id == project.id, JointDecisionRow.kind == kind,
                                                  JointDecisionRow.decided_on == decided_on, JointDecisionRow.reference == reference,
                                                  JointDecisionRow.period_id == period_id))
    if same is not None:
        act.unchanged(id=same.id)
        return same
    row = JointDecisionRow(agreement_id=agreement.id, project_id=project.id, kind=kind, decided_on=decided_on, reference=reference,
                           period_id=period_id, note=note, created_at=actor.now())
    s.add(row)
    s.flush()
    act.created("joint_decision", row)
    act.result["id"] = row.id
    return row


def add_decision(ws: Workspace, actor: Actor, project: int | str, kind: str, decided_on: Any, reference: str, period: Any = None,
                 note: str = "") -> Change:
    """Record a decision of the joint management body (kind, date, reference, period, note parsed by the decision's
    field specs; a reference is required here, where a user records one)."""
    given = f.parse_record("decision", kind=kind, decided_on=decided_on, reference=reference, period=period, note=note)
    kind, on, reference, period, note = given["kind"], given["decided_on"], given["reference"], given["period"], given["note"]
    if not reference:
        raise UserError("error.decisions.give_the_decision_s_reference_number", field="reference")
    if on > actor.today:
        raise UserError("error.decisions.the_decision_date_is_after_today", field="decided_on", on=on, today=actor.today)
    with write_action(ws, actor, "decision.add") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        chosen = period_of(s, p.id, period) if period not in (None, "") else None
        period_id = chosen.id if chosen is not None else None
        if kind == "issuance" and period_id is None:
            raise UserError("error.decisions.an_issuance_decision_names_the_accounting", field="period")
        if kind == "registration":  # in the procedure's order (domain/act_order.py)
            check_decision_date(on, actor.today, act_dates.before_registration(s, p), "decided_on", REGISTRATION_ORDER)
        elif kind == "issuance":
            check_decision_date(on, actor.today, act_dates.before_issuance(s, p, chosen), "decided_on")
        decide(act, p, kind, on, reference.strip(), period_id, note.strip())
    return act.change


def decisions_of(ws: Workspace, project: int | str) -> list[JointDecisionRow]:
    with ws.reading() as s:
        p = resolve(s, project)
        return list(s.scalars(select(JointDecisionRow).where(JointDecisionRow.project_id == p.id).order_by(JointDecisionRow.decided_on, JointDecisionRow.id)))
