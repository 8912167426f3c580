"""Public comment periods (公示期) and decision deadlines counted in working days (DOMAIN.md §2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from workbench.domain.calendar import WorkingCalendar, add_workdays, is_provisional
from workbench.domain.text import Text


@dataclass(frozen=True)
class Deadline:
    """A period that starts on one day and ends on another, with whether the end may still move."""

    starts: date
    ends: date
    provisional: bool
    rule: Text  # the rule that sets the period, worded in the user's language

    def passed(self, today: date) -> bool:
        return today > self.ends


def workday_period(calendar: WorkingCalendar, start: date, workdays: int) -> Deadline:
    """A period of ``workdays`` working days counted from the day after ``start``; ends on the last of them."""
    end = add_workdays(calendar, start, workdays)
    return Deadline(start, end, is_provisional(calendar, start, end), Text("deadline_rule.working_days", days=workdays))


def calendar_day_period(start: date, days: int) -> Deadline:
    """A period of ``days`` calendar days, the first being ``start`` (validation and verification ≤ 100 days)."""
    return Deadline(start, start + timedelta(days=days - 1), False, Text("deadline_rule.days", days=days))


def years_after(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def application_window(period_start: date, years: int) -> Deadline:
    """The last day an accounting period starting on ``period_start`` can be applied for: it must lie within
    the ``years`` before the application (DOMAIN.md §2, step 8)."""
    return Deadline(period_start, years_after(period_start, years), False, Text("deadline_rule.within_years", years=years))
