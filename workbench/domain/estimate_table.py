"""The PDD's ex-ante estimate as a registry reads it (减排量事前估算表): one row per vintage (calendar year) with the
days of the crediting period inside it, each year in whole tonnes, a total row and the annual average.

Rules (CDM PDD form section B.6.4 / B.7, the structure the CCER PDD guideline follows; DOMAIN.md §6):
- a year only partly inside the crediting period counts the days inside it over the days of that year
  (a crediting period ending on 28 February counts 59/365 of that year);
- each year is rounded to whole tonnes the conservative way: reductions and baseline emissions down, project
  emissions and leakage up (the same rule as crediting, ``accounting.credited``);
- the total is the sum of the rounded years, so the printed column adds up;
- the annual average is the total over the length of the crediting period in years, rounded down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal


def days_in_year(year: int) -> int:
    return (date(year + 1, 1, 1) - date(year, 1, 1)).days


def days_inside(year: int, start: date, end: date) -> int:
    """Days of calendar ``year`` inside ``start``–``end`` (both inclusive); 0 when they do not meet."""
    first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
    return max((last - first).days + 1, 0)


def year_share(year: int, start: date, end: date) -> Decimal:
    """The part of calendar ``year`` inside ``start``–``end``, exact: 59/365 for 1 January–28 February 2051."""
    return Decimal(days_inside(year, start, end)) / Decimal(days_in_year(year))


@dataclass(frozen=True)
class Length:
    """A period's length in whole years, months and days (2021-03-01–2051-02-28: 30 years, 0 months, 0 days)."""

    years: int
    months: int
    days: int

    @classmethod
    def between(cls, start: date, end: date) -> Length:
        after = end + timedelta(days=1)  # the end day is inside the period
        months = (after.year - start.year) * 12 + after.month - start.month
        if after.day < start.day:
            months -= 1
        anchor_year, anchor_month = start.year + (start.month - 1 + months) // 12, (start.month - 1 + months) % 12 + 1
        anchor_day = min(start.day, days_in_month(anchor_year, anchor_month))
        return cls(months // 12, months % 12, (after - date(anchor_year, anchor_month, anchor_day)).days)

    @property
    def in_years(self) -> Decimal:
        """Years as a number for the average: whole months count twelfths, left-over days 365ths."""
        return Decimal(self.years) + Decimal(self.months) / 12 + Decimal(self.days) / 365


def days_in_month(year: int, month: int) -> int:
    return ((date(year + month // 12, month % 12 + 1, 1)) - date(year, month, 1)).days


def down(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


def up(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_CEILING))


@dataclass(frozen=True)
class EstimateRow:
    """One vintage in whole tonnes; ``days``/``year_days`` is the part of the year inside the crediting period."""

    year: int
    days: int
    year_days: int
    baseline: int
    project_emissions: int
    leakage: int
    reductions: int


@dataclass(frozen=True)
class EstimateTable:
    rows: tuple[EstimateRow, ...]
    length: Length

    @property
    def total(self) -> EstimateRow:
        """The sum of the rounded years (the row a reader adds up)."""
        rows = self.rows
        return EstimateRow(0, sum(r.days for r in rows), sum(r.year_days for r in rows), sum(r.baseline for r in rows),
                           sum(r.project_emissions for r in rows), sum(r.leakage for r in rows), sum(r.reductions for r in rows))

    @property
    def annual_average(self) -> int:
        """Total reductions over the crediting period's length in years, rounded down (whole tonnes per year)."""
        years = self.length.in_years
        return down(Decimal(self.total.reductions) / years) if years else 0


def estimate_table(vintages, start: date, end: date) -> EstimateTable:
    """The table of ``vintages`` (objects with ``year``, ``baseline``, ``project_emissions``, ``leakage``,
    ``reductions`` in tCO2e, already pro-rated to the days of the crediting period ``start``–``end`` in each year)."""
    rows = tuple(EstimateRow(v.year, days_inside(v.year, start, end), days_in_year(v.year), down(v.baseline), up(v.project_emissions),
                             up(v.leakage), down(max(v.reductions, Decimal(0)))) for v in vintages)
    return EstimateTable(rows, Length.between(start, end))


def estimate_for_span(vintages, crediting_start: date, crediting_end: date, span_start: date, span_end: date) -> Decimal:
    """The PDD's estimate for ``span_start``–``span_end`` (an accounting period or a vintage's part of it), in whole
    tCO2e: each year as the PDD's ex-ante table prints it (whole tonnes, rounded the conservative way by
    :func:`estimate_table`), spread evenly over that year's days in the crediting period, summed over the span's days
    and rounded down. One rule for the PDD, the monitoring report and ``period list``: a span of whole PDD years is
    exactly the sum of the rows the PDD prints (the mangrove demo's 2021–2025: 0 + 81 + 325 + 698 + 1,159 = 2,263,
    not the 2,265.76 of the unrounded years), so a reader can add the report's figure up from the registered PDD
    (CDM PDD form B.6.4, the table's total being the sum of its rounded years). A five-year forestry period is
    compared with five years of estimate, not one."""
    total = Decimal(0)
    for v in vintages:
        credited_days = days_inside(v.year, crediting_start, crediting_end)
        inside = days_inside(v.year, max(span_start, crediting_start), min(span_end, crediting_end))
        if credited_days and inside:
            total += down(max(v.reductions, Decimal(0))) * Decimal(inside) / Decimal(credited_days)
    return Decimal(down(total))
