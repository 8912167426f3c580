"""Why a grid-power vintage's reductions differ from the PDD's estimate for the same span (偏差说明): the difference
split into its causes, so the monitoring report explains a deviation with figures (the CDM monitoring-report form
E.5–E.6, "comparison of actual emission reductions with estimates in the registered PDD" and the remarks on the
difference, which the CCER accounting report follows; DOMAIN.md §6).

The PDD's estimate of a grid-power project is ``EG_est × EF_est`` (services.methodology ``ex_ante``: expected net
generation × the PDD-stage combined margin, no import, no fuel), printed in whole tonnes (``ER_est``,
estimate_table.estimate_for_span), and the result is ``ER = EG_PJ × EF_CM − PE − LE`` (CCER-01-002-V01 /
CCER-01-001-V01 equations (1)–(3)). So, exactly,

    ER − ER_est = (EG_PJ − EG_est) × EF_est      generation
                + EG_PJ × (EF_CM − EF_est)       grid emission factor
                − PE − LE                        project emissions and leakage (the estimate counts none)
                + (EG_est × EF_est − ER_est)     the estimate's rounding to whole tonnes

Tonnes and MWh are Decimal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from workbench.domain.estimate_table import days_in_year, days_inside


@dataclass(frozen=True)
class DeviationParts:
    """ER − ER_est split by cause (tCO2e), and what each part rests on (MWh, tCO2/MWh)."""

    generation_estimate: Decimal  # EG_est, MWh, for the span
    generation: Decimal  # EG_PJ, MWh
    factor_estimate: Decimal  # EF_est, tCO2/MWh
    factor: Decimal  # EF_CM applied, tCO2/MWh
    by_generation: Decimal
    by_factor: Decimal
    by_project_emissions: Decimal  # −PE
    by_leakage: Decimal  # −LE
    by_rounding: Decimal  # EG_est × EF_est − ER_est

    @property
    def total(self) -> Decimal:
        return self.by_generation + self.by_factor + self.by_project_emissions + self.by_leakage + self.by_rounding


def generation_for_span(annual: Decimal, year: int, start: date, end: date, crediting_start: date, crediting_end: date) -> Decimal:
    """The PDD's expected net generation (MWh/yr) for the days of ``year`` in ``start``–``end`` inside the crediting
    period, pro rata to the days of the year (the pro-rating of ``estimate_table.estimate_for_span``)."""
    inside = days_inside(year, max(start, crediting_start), min(end, crediting_end))
    return annual * Decimal(inside) / Decimal(days_in_year(year))


def deviation_parts(generation: Decimal, factor: Decimal, project_emissions: Decimal, leakage: Decimal,
                    generation_estimate: Decimal, factor_estimate: Decimal, estimate: Decimal) -> DeviationParts:
    """The difference between a vintage's reductions and the PDD's estimate ``estimate`` (tCO2e, as printed) of the
    same span, by cause (module docstring), from what the estimate rests on (MWh, tCO2/MWh)."""
    return DeviationParts(generation_estimate=generation_estimate, generation=generation, factor_estimate=factor_estimate, factor=factor,
                          by_generation=(generation - generation_estimate) * factor_estimate,
                          by_factor=generation * (factor - factor_estimate),
                          by_project_emissions=-project_emissions, by_leakage=-leakage,
                          by_rounding=generation_estimate * factor_estimate - estimate)
