"""Monitoring / accounting periods (监测期): inside the crediting period, never overlapping."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from workbench.domain.change import Change
from workbench.domain.dependants import refuse_if_used
from workbench.domain.errors import UserError
from workbench.domain.text import Text
from workbench.domain.vocabulary import PeriodStatus
from workbench.domain.periods import gaps
from workbench.services.monitoring.monitoring import month_totals
from workbench.services.support import fields as f
from workbench.services.support.context import Actor
from workbench.services.projects.projects import resolve
from workbench.services.support.records import entity, referring, row_fields
from workbench.services.support.write_action import Action, write_action
from workbench.store.conflicts import named
from workbench.store.models import ProjectRow
from workbench.store.models_periods import AccountingPeriodRow, VintageResultRow
from workbench.store.workspace import Workspace


def add_period(ws: Workspace, actor: Actor, project: int | str, start: Any, end: Any) -> Change:
    first, last = span(start, end)
    with write_action(ws, actor, "period.add") as act:
        p = resolve(act.session, project)
        act.project_id = p.id
        row = insert_period(act, p, first, last)
        act.result.update(id=row.id, number=row.number)
    return act.change


def span(start: Any, end: Any) -> tuple[date, date]:
    """An accounting period's first and last day, as given (refused when missing or the wrong way round)."""
    given = f.parse_record("period", start=start, end=end)
    first, last = given["start"], given["end"]
    if last < first:
        raise UserError("error.periods.end_is_before_start", field="period", last=last, first=first)
    return first, last


def insert_period(act: Action, p: ProjectRow, first: date, last: date) -> AccountingPeriodRow:
    """Add the next accounting period of ``p`` in the action: inside the crediting period, overlapping none."""
    s = act.session
    if not (p.crediting_start and p.crediting_end):
        raise UserError("error.periods.set_the_crediting_period_before_adding", field="period")
    if first < p.crediting_start or last > p.crediting_end:
        raise UserError("error.periods.is_not_inside_the_crediting_period", field="period", first=first, last=last, crediting_start=p.crediting_start, crediting_end=p.crediting_end)
    periods = s.scalars(select(AccountingPeriodRow).where(AccountingPeriodRow.project_id == p.id)).all()
    for other in periods:
        if first <= other.end and other.start <= last:
            raise UserError("error.periods.overlaps_period", field="period", first=first, last=last, number=other.number, start=other.start, end=other.end)
    row = AccountingPeriodRow(project_id=p.id, number=max((o.number for o in periods), default=0) + 1, start=first, end=last,
                              status="draft", created_at=act.actor.now())
    s.add(row)
    s.flush()
    act.created("accounting_period", row)
    return row


def remove_period(ws: Workspace, actor: Actor, project: int | str, number: int) -> Change:
    """Take back an accounting period just added and calculated (Edit › Undo): refused unless it is still a draft that
    nothing refers to (an engagement, a decision, an issuance, evidence); its results go with it."""
    with write_action(ws, actor, "period.remove") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        row = s.scalar(select(AccountingPeriodRow).where(AccountingPeriodRow.project_id == p.id, AccountingPeriodRow.number == int(number)))
        if row is None:
            raise UserError("error.accounting.no_accounting_period_in_this_project", field="period", ref=number)
        if row.status != PeriodStatus.DRAFT:
            raise UserError("error.periods.only_a_draft_is_taken_back", field="period", number=row.number, status=PeriodStatus(row.status))
        refuse_if_used(Text("ui.pickers.period", number=row.number),
                       [named("record", t) for t in referring(s, "accounting_period", row.id, frozenset({"vintage_result"}))], "period")
        for v in row.vintages:
            act.deleted("vintage_result", v, row_fields(v))
        act.deleted("accounting_period", row, row_fields(row))
        s.delete(row)
        act.label = Text("change.period.remove", subject=row.number)
    return act.change


def next_span(ws: Workspace, project: int | str) -> tuple[date | None, date | None]:
    """The span a next accounting period would naturally cover: from the day after the last period (or the crediting
    start) to the last day with meter readings after it, else a year on — never past the crediting end. (None, None)
    without a crediting period, or when its periods already cover all of it."""
    with ws.reading() as s:
        p = resolve(s, project)
        if not (p.crediting_start and p.crediting_end):
            return None, None
        ends = s.scalars(select(AccountingPeriodRow.end).where(AccountingPeriodRow.project_id == p.id)).all()
        first = max(ends) + timedelta(days=1) if ends else p.crediting_start
        if first > p.crediting_end:  # the periods already cover the whole crediting period
            return None, None
        read = [m.last.date() for m in month_totals(s, p.id, first, p.crediting_end)]
    return first, min(max(read) if read else year_on(first) - timedelta(days=1), p.crediting_end)


def year_on(day: date) -> date:
    """The same day a year later (29 February → 1 March)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 3, 1)


def list_periods(ws: Workspace, project: int | str) -> list[AccountingPeriodRow]:
    with ws.reading() as s:
        p = resolve(s, project)
        rows = s.scalars(select(AccountingPeriodRow).where(AccountingPeriodRow.project_id == p.id).order_by(AccountingPeriodRow.number)).all()
        for r in rows:
            r.vintages  # loaded while the session is open  # noqa: B018
        return list(rows)


def deviation_percent(result: VintageResultRow) -> Decimal | None:
    """Actual reductions against the PDD estimate for the vintage, in per cent (None without an estimate)."""
    if not result.ex_ante_estimate:
        return None
    return (result.reductions - result.ex_ante_estimate) / result.ex_ante_estimate * 100


def uncovered(ws: Workspace, project: int | str) -> list[tuple]:
    """The gaps between the start of crediting and the last accounting period (reported, not refused)."""
    with ws.reading() as s:
        p = resolve(s, project)
        spans = [(r.start, r.end) for r in s.scalars(select(AccountingPeriodRow).where(AccountingPeriodRow.project_id == p.id))]
        return gaps(p.crediting_start, spans)


def explain_deviation(ws: Workspace, actor: Actor, project: int | str, period: int | str, vintage: int, note: str) -> Change:
    """Record why a vintage's actual reductions deviate from the PDD estimate (needed above 10 % for the report)."""
    from workbench.services.monitoring.accounting import period_of

    if not note.strip():
        raise UserError("error.periods.the_explanation_is_empty", field="note")
    with write_action(ws, actor, "period.explain") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        row = period_of(s, p.id, period)
        result = next((v for v in row.vintages if v.vintage == int(vintage)), None)
        if result is None:
            raise UserError("error.periods.period_has_no_results_for_calculate", field="vintage", number=row.number, vintage=vintage)
        before = {"deviation_note": result.deviation_note}
        result.deviation_note = note.strip()
        act.add(entity("vintage_result", result, None if not before["deviation_note"] else before))
    return act.change
