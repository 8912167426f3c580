"""Every procedural deadline of a project, from its stage history and engagements (期限), and ICS export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from workbench.domain.lifecycle_guards import publicity_key
from workbench.domain.project import Programme
from workbench.domain.publicity import Deadline, application_window, calendar_day_period, workday_period
from workbench.domain.stages import Stage
from workbench.domain.text import Bilingual, Text
from workbench.domain.vocabulary import EngagementKind
from workbench.methodology import meter_corrections as mc
from workbench.reference import thresholds_on
from workbench.services.support.output_files import output_path, write_bytes
from workbench.services.projects.projects import resolve
from workbench.services.support.working_calendar import calendar_for
from workbench.store.models_monitoring import MeterRow
from workbench.store.models_periods import AccountingPeriodRow
from workbench.store.models_validation import EngagementRow
from workbench.store.workspace import Workspace

SOON = timedelta(days=5)


@dataclass(frozen=True)
class DueItem:
    key: str
    title: Bilingual
    starts: date
    due: date
    provisional: bool
    rule: str
    done: bool
    status: str  # done | overdue | due-soon | upcoming


def _status(deadline: Deadline, done: bool, today: date) -> str:
    if done:
        return "done"
    if today > deadline.ends:
        return "overdue"
    return "due-soon" if deadline.ends - today <= SOON else "upcoming"


def deadlines(ws: Workspace, project: int | str, today: date) -> list[DueItem]:
    with ws.reading() as s:
        p = resolve(s, project)
        programme = Programme(p.programme)
        calendar = calendar_for(p.programme, p.host_country, today)
        items: list[DueItem] = []
        events = list(p.stage_events)

        def entered_and_left(stage: Stage) -> list[tuple[date, bool]]:
            out = []
            for i, e in enumerate(events):
                if e.target == stage.value:
                    left = any(later.source == stage.value for later in events[i + 1:])
                    out.append((e.on, left))
            return out

        def add(key: str, title: Bilingual, deadline: Deadline, done: bool) -> None:
            items.append(DueItem(key, title, deadline.starts, deadline.ends, deadline.provisional, deadline.rule, done, _status(deadline, done, today)))

        thresholds = thresholds_on(today)
        publicity = [(Stage.PDD_PUBLICITY, "pdd", Text("deadlines.pdd_public_comment_ends"))]
        if programme is Programme.CCER:
            publicity.append((Stage.REPORT_PUBLICITY, "report", Text("deadlines.accounting_report_public_comment_ends")))
        for stage, what, title in publicity:
            days = thresholds[publicity_key(programme, what)].as_int
            for on, left in entered_and_left(stage):
                add(f"{what}-publicity-{on}", title, workday_period(calendar, on, days), left)
        for stage, key, title in (
            (Stage.REGISTRATION_REQUESTED, "registration_decision", Text("deadlines.registration_decision_due")),
            (Stage.ISSUANCE_REQUESTED, "issuance_decision", Text("deadlines.issuance_decision_due")),
        ):
            days = thresholds[f"{programme}.{key}_workdays"].as_int
            for on, left in entered_and_left(stage):
                add(f"{key}-{on}", title, workday_period(calendar, on, days), left)
        for e in s.scalars(select(EngagementRow).where(EngagementRow.project_id == p.id).order_by(EngagementRow.id)):
            days = thresholds[f"{programme}.{e.kind}_max_days"].as_int
            title = Text("deadlines.report_due", kind=EngagementKind(e.kind), number=e.id)
            add(f"{e.kind}-{e.id}", title, calendar_day_period(e.started_on, days), e.report_status == "final")
        years = thresholds[f"{programme}.accounting_window_years"].as_int
        for period in s.scalars(select(AccountingPeriodRow).where(AccountingPeriodRow.project_id == p.id).order_by(AccountingPeriodRow.number)):
            title = Text("deadlines.apply_for_issuance_of_accounting_period", number=period.number, start=period.start, end=period.end)
            add(f"apply-period-{period.number}", title, application_window(period.start, years), period.status == "issued")
        for meter in s.scalars(select(MeterRow).where(MeterRow.project_id == p.id, MeterRow.calibrated_on.is_not(None)).order_by(MeterRow.serial)):
            due = mc.add_months(meter.calibrated_on, mc.DUE_MONTHS)  # the latest calibration makes the next one due
            add(f"calibration-{meter.serial}", Text("deadlines.meter_calibration_due", serial=meter.serial),
                Deadline(meter.calibrated_on, due, False, Text("deadlines.calibration_yearly")), False)
        return sorted(items, key=lambda i: (i.done, i.due))


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def export_ics(items: list[DueItem], code: str, out: str | Path, stamp: datetime, *, force: bool = False) -> Path:
    """An RFC 5545 calendar of all-day events, one per open deadline, with stable UIDs (an existing file replaced
    only with ``force``)."""
    out = output_path(out, force=force)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CCER Workbench//Deadlines//EN", "CALSCALE:GREGORIAN"]
    for item in items:
        if item.done:
            continue
        mark = " (provisional)" if item.provisional else ""
        lines += [
            "BEGIN:VEVENT",
            f"UID:{code}-{item.key}@ccer-workbench",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{item.due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{item.due + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(f'{code}: {item.title.en} / {item.title.zh}{mark}')}",
            f"DESCRIPTION:{_ics_text(f'{item.rule} from {item.starts}; status {item.status}')}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return write_bytes(out, ("\r\n".join(lines) + "\r\n").encode("utf-8"))
