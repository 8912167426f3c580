"""The PDD's ex-ante table: partial years pro-rated by days, each year rounded down, a total that adds up, the
annual average over the crediting period's length; the estimate for an accounting period's own span."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal as D

from workbench.domain.estimate_table import Length, estimate_for_span, estimate_table, year_share
from workbench.services.demo import forest
from workbench.services.demo.projects import create_demo_projects
from workbench.services.methodology import methodology
from workbench.services.projects.projects import resolve
from workbench.services.support.context import Actor


@dataclass
class Year:
    year: int
    baseline: D
    project_emissions: D
    leakage: D
    reductions: D
    used: dict | None = None


def test_a_crediting_period_ending_in_february_counts_59_of_365_days_of_that_year():
    assert year_share(2051, date(2021, 3, 1), date(2051, 2, 28)) == D(59) / D(365)
    assert year_share(2021, date(2021, 3, 1), date(2051, 2, 28)) == D(306) / D(365)
    assert year_share(2024, date(2024, 7, 1), date(2030, 1, 1)) == D(184) / D(366)  # leap year: 1 July–31 December
    assert year_share(2040, date(2021, 3, 1), date(2039, 12, 31)) == 0


def test_each_year_rounded_down_the_total_is_the_sum_of_the_rounded_years_and_the_average_over_the_length():
    # 1,000.9 t/yr expected; crediting 2025-03-01–2027-02-28: 306/365, 365/365, 59/365 of the years
    start, end = date(2025, 3, 1), date(2027, 2, 28)
    years = [Year(y, D("1000.9") * year_share(y, start, end), D("0.2") * year_share(y, start, end), D(0),
                  D("1000.7") * year_share(y, start, end)) for y in (2025, 2026, 2027)]
    table = estimate_table(years, start, end)
    # by hand: 1000.7 × 306/365 = 838.942…, 1000.7, 1000.7 × 59/365 = 161.756…; baseline 839.109…, 1000.9, 161.788…
    assert [(r.year, r.days, r.year_days, r.baseline, r.project_emissions, r.reductions) for r in table.rows] == [
        (2025, 306, 365, 839, 1, 838), (2026, 365, 365, 1000, 1, 1000), (2027, 59, 365, 161, 1, 161)]
    assert table.total.reductions == 838 + 1000 + 161 == 1999
    assert table.length == Length(2, 0, 0)
    assert table.annual_average == 999  # 1,999 / 2 years, rounded down


def test_lengths_of_crediting_periods():
    assert Length.between(date(2021, 3, 1), date(2051, 2, 28)) == Length(30, 0, 0)
    assert Length.between(date(2025, 1, 1), date(2034, 12, 31)) == Length(10, 0, 0)
    assert Length.between(date(2025, 1, 31), date(2025, 2, 27)) == Length(0, 0, 28)
    assert Length.between(date(2025, 7, 15), date(2030, 1, 14)) == Length(4, 6, 0)
    assert Length(4, 6, 0).in_years == D("4.5")


def test_the_estimate_for_a_span_spreads_each_year_over_its_credited_days():
    start, end = date(2021, 3, 1), date(2051, 2, 28)
    years = [Year(2021, D(0), D(0), D(0), D(306)), Year(2022, D(0), D(0), D(0), D(730)), Year(2023, D(0), D(0), D(0), D(365))]
    # a five-year style span 2021-03-01–2023-06-30: all of 2021, all of 2022, 181 of 365 days of 2023
    assert estimate_for_span(years, start, end, date(2021, 3, 1), date(2023, 6, 30)) == D(306) + D(730) + D(181)
    # a span starting before the crediting period counts only the credited days
    assert estimate_for_span(years, start, end, date(2021, 1, 1), date(2021, 3, 31)) == D(31)


def test_the_estimate_for_a_span_adds_up_from_the_rows_the_pdd_prints():
    """The mangrove demo's five years: the PDD prints 0, 81, 325, 698 and 1,159 (each year rounded down); the report
    compares with their sum, 2,263 — not 2,265 from the unrounded years (the mismatch a reviewer found)."""
    start, end = date(2021, 4, 1), date(2061, 3, 31)
    unrounded = (D(0), D("81.9"), D("325.8"), D("698.4"), D("1159.6"))  # sum 2,265.7
    years = [Year(2021 + k, D(0), D(0), D(0), v) for k, v in enumerate(unrounded)]
    printed = [r.reductions for r in estimate_table(years, start, end).rows]
    assert printed == [0, 81, 325, 698, 1159]
    assert estimate_for_span(years, start, end, date(2021, 4, 1), date(2025, 12, 31)) == D(2263) == sum(printed)
    # part of a year: the printed 1,159 × 181/365 = 574.7…, rounded down
    assert estimate_for_span(years, start, end, date(2025, 1, 1), date(2025, 6, 30)) == D(574)


def test_the_forestry_demo_pro_rates_its_first_and_last_year(ws):
    actor = Actor("tester", date(2026, 2, 1))
    created = {c.result["code"]: c.result["id"] for c in create_demo_projects(ws, actor) if c.action == "project.create"}
    forest.extend_demo(ws, actor, created)  # the parcels and the planting plan
    with ws.reading() as s:
        row = resolve(s, "GX-AR-01")
        assert (row.crediting_start, row.crediting_end) == (date(2021, 3, 1), date(2051, 2, 28))
        years = {v.year: v for v in methodology.ex_ante(s, row, actor.today)}
    # the projection's full-year removals for 2051 are scaled by 59/365 (recorded in what the year used)
    assert years[2051].used["share_of_year"] == str(D(59) / D(365))
    assert "share_of_year" not in years[2030].used
    table = estimate_table(sorted(years.values(), key=lambda v: v.year), date(2021, 3, 1), date(2051, 2, 28))
    assert table.rows[-1].days == 59 and table.total.reductions == sum(r.reductions for r in table.rows)
    assert table.annual_average == table.total.reductions // 30
