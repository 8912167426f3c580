"""Working-day calendars built on the published holiday tables (CONTRACTS.md §4).

China: ``chinese_calendar`` (statutory holidays and make-up workdays 调休). Host countries: ``holidays``.
Beyond the published data only weekends count and answers are marked provisional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import chinese_calendar
from chinese_calendar import constants as cn_constants

from workbench.domain.calendar import WorkingCalendar, add_workdays


@dataclass
class ChinaCalendar:
    """Chinese statutory working days as published by the State Council General Office."""

    provisional_after: date = date(max(cn_constants.holidays).year, 12, 31)

    def is_workday(self, day: date) -> bool:
        if day > self.provisional_after or day.year < min(cn_constants.holidays).year:
            return day.weekday() < 5
        return chinese_calendar.is_workday(day)

    def add_workdays(self, start: date, n: int) -> date:
        return add_workdays(self, start, n)


@lru_cache(maxsize=64)
def _host_holidays(country: str, year: int) -> frozenset[date]:
    import holidays  # a tenth of a second to load: only when a host country's calendar is asked for

    return frozenset(holidays.country_holidays(country, years=year))


@dataclass
class HostCalendar:
    """A host country's public holidays; years after ``provisional_after`` may still gain substitute days."""

    country: str
    provisional_after: date

    def is_workday(self, day: date) -> bool:
        return day.weekday() < 5 and day not in _host_holidays(self.country, day.year)

    def add_workdays(self, start: date, n: int) -> date:
        return add_workdays(self, start, n)


@dataclass
class BothCalendar:
    """Working days of a bilateral procedure: a day counts only when it is a working day in both countries."""

    first: WorkingCalendar
    second: WorkingCalendar

    @property
    def provisional_after(self) -> date:
        return min(self.first.provisional_after, self.second.provisional_after)

    def is_workday(self, day: date) -> bool:
        return self.first.is_workday(day) and self.second.is_workday(day)

    def add_workdays(self, start: date, n: int) -> date:
        return add_workdays(self, start, n)


@lru_cache(maxsize=1)
def _supported_countries() -> frozenset[str]:
    """The country codes ``holidays`` has calendars for, from its registry: the same set as
    ``holidays.list_supported_countries()``, which imports every country's module to build it (a third of a second)."""
    import holidays

    return frozenset(code for names in holidays.registry.COUNTRIES.values() for code in names[1:] if code.isupper() and len(code) in (2, 3))


def host_supported(country: str) -> bool:
    return country in _supported_countries()


def calendar_for(programme: str, host_country: str, today: date) -> WorkingCalendar:
    """The calendar a project's deadlines count in: China's, or China's and the host's for BRI projects."""
    china = ChinaCalendar()
    if programme != "bri" or not host_supported(host_country):
        return china
    return BothCalendar(china, HostCalendar(host_country, date(today.year, 12, 31)))
