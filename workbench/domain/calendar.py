"""Working-day arithmetic (工作日) behind every procedural deadline.

The domain only knows the protocol; services inject a calendar built on the published holiday tables, tests
inject a fixed one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol


class WorkingCalendar(Protocol):
    """Working days of one jurisdiction (statutory holidays and make-up workdays 调休上班日)."""

    provisional_after: date
    """Last day the holiday data covers; answers after it count weekends only and are provisional."""

    def is_workday(self, day: date) -> bool: ...

    def add_workdays(self, start: date, n: int) -> date: ...


def add_workdays(calendar: WorkingCalendar, start: date, n: int) -> date:
    """The n-th working day after ``start`` (``start`` itself not counted); n=0 gives ``start``."""
    day = start
    remaining = n
    step = timedelta(days=1 if n >= 0 else -1)
    while remaining:
        day += step
        if calendar.is_workday(day):
            remaining -= 1 if n > 0 else -1
    return day


def is_provisional(calendar: WorkingCalendar, start: date, end: date) -> bool:
    """True when a span reaches past the end of the holiday data, so its end date may still move."""
    return max(start, end) > calendar.provisional_after


@dataclass
class FixedCalendar:
    """A calendar from explicit lists: weekends off, plus the given holidays and make-up workdays."""

    holidays: frozenset[date] = frozenset()
    makeup_workdays: frozenset[date] = frozenset()
    provisional_after: date = field(default=date(9999, 12, 31))

    def is_workday(self, day: date) -> bool:
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_workdays(self, start: date, n: int) -> date:
        return add_workdays(self, start, n)
