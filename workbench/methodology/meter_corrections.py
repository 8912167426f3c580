"""Conservative meter corrections by time span (数据精度控制与校正), CCER-01-002-V01 §7.3.4 and CCER-01-001-V01 §7.3.4.

The published text (read in full, see DOMAIN.md §3): when a meter is not calibrated, calibrated late, or found
beyond its accuracy requirement, the data *of that time span* are treated conservatively —

- calibrated on time but beyond the accuracy requirement: reading × (1 ∓ |actual basic error|);
- not calibrated: reading × (1 ∓ the maximum permissible error of the accuracy class);
- calibrated late: the days of the delay are treated as not calibrated.

Export (上网电量) takes the minus sign, import (下网电量) and fuel consumption (化石燃料消耗量, CCER-01-001-V01
§7.3.4 c) the plus sign. Calibration is yearly (§7.3.2.1), so one is due 12 months after the previous one. A meter
calibrated on time and found within its class gets no correction.

The text does not say where the "beyond the class" span starts. ``BeyondClassFrom`` is that setting: from the
previous passing calibration (the default, conservative: nothing after the last good check is trusted) or from the
failing calibration itself. It ends at the next passing calibration (recalibration) or, for a replaced meter, at
the end of its readings. Spans are half-open day ranges ``[start, end)``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from workbench.domain.labels import LabelledEnum
from workbench.domain.text import Text

DUE_MONTHS = 12  # §7.3.2.1: calibrated every year


class Case(LabelledEnum):
    """Which §7.3.4 case applies to a span of days (or to a fuel delivery measured without a registered meter)."""

    CALIBRATED = "calibrated"  # on time and within the class: no correction
    BEYOND_CLASS = "beyond_class"  # calibrated on time, error beyond the class: × (1 ∓ |actual error|)
    UNCALIBRATED = "uncalibrated"  # no calibration before the span: × (1 ∓ class limit)
    LATE = "late"  # calibration overdue: the delay counts as uncalibrated
    DELIVERY = "delivery"  # a fuel delivery without a registered meter: its own metered error, or none (an invoice)


class BeyondClassFrom(StrEnum):
    """Where the span of a calibration found beyond the class starts (the text is silent: a confirmable setting)."""

    PREVIOUS_PASS = "previous_pass"
    FAILED_CALIBRATION = "failed_calibration"


@dataclass(frozen=True)
class Calibration:
    """One calibration record of a meter: the day, the error found (signed, %), and the verdict."""

    on: date
    error_percent: Decimal
    passed: bool


@dataclass(frozen=True)
class Span:
    """Days ``[start, end)`` of one meter under one case; ``error`` is the fraction applied (0 for no correction)."""

    start: date
    end: date
    case: Case
    error: Decimal
    why: Text  # the case's grounds, worded when shown (traces keep it as text.stored)

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the 29th–31st fall back to the month's last day (2024-02-29 + 12 → 2025-02-28)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_after(calibration: Calibration) -> date:
    """The day the next calibration is due: 12 months after this one (§7.3.2.1 '每年')."""
    return add_months(calibration.on, DUE_MONTHS)


def spans(calibrations: list[Calibration], class_limit_percent: Decimal, start: date, end: date,
          beyond_from: BeyondClassFrom = BeyondClassFrom.PREVIOUS_PASS) -> list[Span]:
    """The §7.3.4 case of every day from ``start`` to ``end`` (inclusive), merged into spans, in order.

    ``calibrations`` may be in any order; ``class_limit_percent`` is the accuracy class's maximum permissible error
    in % (0.5 for class 0.5 and 0.5S). The spans cover ``[start, end + 1 day)`` without gaps.
    """
    records = sorted(calibrations, key=lambda c: c.on)
    limit = class_limit_percent / 100
    failing = _failing_spans(records, beyond_from)
    out: list[Span] = []
    day = start
    while day <= end:
        case, error, why = _case_on(day, records, limit, failing)
        if out and out[-1].case == case and out[-1].error == error and out[-1].why == why and out[-1].end == day:
            last = out[-1]
            out[-1] = Span(last.start, day + timedelta(days=1), case, error, why)
        else:
            out.append(Span(day, day + timedelta(days=1), case, error, why))
        day += timedelta(days=1)
    return out


def _failing_spans(records: list[Calibration], beyond_from: BeyondClassFrom) -> list[tuple[date, date | None, Decimal, Text]]:
    """(start, end or None for open, |error| fraction, why) per run of failing calibrations before a recalibration."""
    out = []
    i = 0
    while i < len(records):
        if records[i].passed:
            i += 1
            continue
        run = [records[i]]
        j = i + 1
        while j < len(records) and not records[j].passed:
            run.append(records[j])
            j += 1
        previous_pass = next((r for r in reversed(records[:i]) if r.passed), None)
        begin = previous_pass.on if beyond_from is BeyondClassFrom.PREVIOUS_PASS and previous_pass else run[0].on
        until = records[j].on if j < len(records) else None
        worst = max(run, key=lambda r: abs(r.error_percent))
        shown = {"on": worst.on.isoformat(), "error": worst.error_percent, "begin": begin.isoformat(), "until": until.isoformat() if until else ""}
        if begin != run[0].on:
            why = Text("meter_span.beyond_class_from_pass", **shown) if until else Text("meter_span.beyond_class_from_pass_open", **shown)
        else:
            why = Text("meter_span.beyond_class", **shown) if until else Text("meter_span.beyond_class_open", **shown)
        out.append((begin, until, abs(worst.error_percent) / 100, why))
        i = j
    return out


def _case_on(day: date, records: list[Calibration], limit: Decimal, failing) -> tuple[Case, Decimal, Text]:
    before = [r for r in records if r.on <= day]
    if not before:
        return Case.UNCALIBRATED, limit, Text("meter_span.uncalibrated")
    last = before[-1]
    due = due_after(last)
    if day >= due:
        following = next((r.on for r in records if r.on > day), None)
        return Case.LATE, limit, (Text("meter_span.late", due=due.isoformat(), last=last.on.isoformat(), made=following.isoformat()) if following
                                  else Text("meter_span.late_not_made", due=due.isoformat(), last=last.on.isoformat()))
    for begin, until, error, why in failing:
        if begin <= day and (until is None or day < until):
            return Case.BEYOND_CLASS, error, why
    return Case.CALIBRATED, Decimal(0), Text("meter_span.calibrated", last=last.on.isoformat(), due=due.isoformat())


def corrected(amount: Decimal, error: Decimal, sign: int) -> Decimal:
    """``amount × (1 + sign × error)``: sign −1 for export, +1 for import and fuel consumption (§7.3.4 a–c)."""
    return amount * (1 + sign * error)
