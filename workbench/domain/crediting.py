"""The crediting period rule of a methodology (计入期); ``crediting_guards`` shows a stored project breaking it.

Energy (CCER-01-002-V01 and CCER-01-001-V01 §5.2, read in full): the lifetime starts on the date of grid connection
and ends before decommissioning (§5.2.1); the crediting period is the time for which reductions may be registered,
**starting when the reductions the owner applies for were generated**, at most 10 years, and inside the lifetime
(§5.2.2). Forestry lengths are the methodology's data (e.g. 20–40 years, confirm), never code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from workbench.domain.fixes import Fix
from workbench.domain.guards import Reason
from workbench.domain.project import ProjectDates
from workbench.domain.publicity import years_after
from workbench.domain.text import Joined, Text


@dataclass(frozen=True)
class CreditingRule:
    """Bounds on the crediting period from the methodology's data: years (inclusive bounds of the length), whether
    it must lie inside a lifetime that starts at grid connection, and the source of those figures."""

    methodology: str
    max_years: int | None
    min_years: int | None = None
    inside_lifetime_from_grid_connection: bool = False
    source: Joined | None = None  # the sources of the bounds, each in English and Chinese

    def last_day(self, start: date, years: int) -> date:
        """The last day of a period of ``years`` years starting on ``start`` (2025-01-01 + 10 y → 2034-12-31)."""
        return years_after(start, years) - timedelta(days=1)

    def problems(self, dates: ProjectDates) -> list[Reason]:
        """What in ``dates`` breaks the rule, each as a reason naming the limit and its source; empty when fine."""
        crediting = dates.crediting
        if crediting is None:
            return []
        out = []
        cite = Text("cite.bracketed", source=self.source or self.methodology)
        if self.max_years is not None and crediting.end > self.last_day(crediting.start, self.max_years):
            latest = self.last_day(crediting.start, self.max_years)
            out.append(Reason("crediting-too-long", Text("crediting.the_crediting_period_is_longer_than", start=crediting.start, end=crediting.end, max_years=self.max_years, latest=latest, cite=cite), fix=Fix.CREDITING_PERIOD))
        if self.min_years is not None and crediting.end < self.last_day(crediting.start, self.min_years):
            out.append(Reason("crediting-too-short", Text("crediting.the_crediting_period_is_shorter_than", start=crediting.start, end=crediting.end, min_years=self.min_years, cite=cite), fix=Fix.CREDITING_PERIOD))
        if self.inside_lifetime_from_grid_connection:
            out += self._lifetime(dates, cite)
        return out

    def _lifetime(self, dates: ProjectDates, cite: Text) -> list[Reason]:
        crediting, connected = dates.crediting, dates.operation_start
        if connected is None:  # not connected yet: the lifetime cannot be placed, so there is nothing to check
            return []
        out = []
        if crediting.start < connected:
            out.append(Reason("crediting-before-lifetime", Text("crediting.the_crediting_period_starts_before_grid", start=crediting.start, connected=connected, cite=cite), fix=Fix.CREDITING_PERIOD))
        if dates.lifetime_years is not None:
            lifetime_end = self.last_day(connected, dates.lifetime_years)
            if crediting.end > lifetime_end:
                out.append(Reason("crediting-after-lifetime", Text("crediting.the_crediting_period_ends_after_the", end=crediting.end, lifetime_years=dates.lifetime_years, connected=connected, lifetime_end=lifetime_end, cite=cite), fix=Fix.CREDITING_PERIOD))
        return out


@dataclass(frozen=True)
class CreditingFacts:
    """What the crediting guard looks at besides the project's dates: its methodology's rule and the start of the
    first accounting period applied for (None before any)."""

    rule: CreditingRule | None
    first_period_start: date | None = None

    def problems(self, dates: ProjectDates) -> list[Reason]:
        out = self.rule.problems(dates) if self.rule else []
        crediting = dates.crediting
        if crediting and self.first_period_start and self.first_period_start > crediting.start:
            out.append(Reason("crediting-start-not-first-reductions", Text("crediting.the_crediting_period_starts_but_the", start=crediting.start, first_period_start=self.first_period_start), fix=Fix.CREDITING_PERIOD))
        return out
