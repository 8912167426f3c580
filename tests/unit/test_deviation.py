"""The deviation from the PDD estimate split by cause, against hand-computed values (domain/deviation.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from workbench.domain.deviation import deviation_parts, generation_for_span


def test_the_solar_thermal_demo_year_is_explained_by_generation_and_the_gas_burned():
    # PDD: 152,000 MWh/yr × 0.6592 = 100,198.4 t, printed 100,198. 2025: 145,965.852 MWh × 0.6592 = 96,220.6896384 t, gas 701.2 t
    parts = deviation_parts(Decimal("145965.852"), Decimal("0.6592"), Decimal("701.2"), Decimal(0), Decimal(152000), Decimal("0.6592"),
                            Decimal(100198))
    assert parts.by_generation == Decimal("-3977.7103616")  # (145,965.852 − 152,000) × 0.6592
    assert parts.by_factor == 0 and parts.by_project_emissions == Decimal("-701.2") and parts.by_leakage == 0
    assert parts.by_rounding == Decimal("0.4")  # 100,198.4 printed as 100,198
    er = Decimal("145965.852") * Decimal("0.6592") - Decimal("701.2")
    assert parts.total == er - 100198 == Decimal("-4678.5103616")


def test_a_different_grid_factor_is_its_own_part_and_the_parts_add_up_to_the_difference():
    # estimate 100 MWh × 0.8 = 80 t; result 110 MWh × 0.7 − 3 − 1 = 73 t: +8 by generation, −11 by the factor, −4
    parts = deviation_parts(Decimal(110), Decimal("0.7"), Decimal(3), Decimal(1), Decimal(100), Decimal("0.8"), Decimal(80))
    assert (parts.by_generation, parts.by_factor, parts.by_project_emissions, parts.by_leakage) == (8, Decimal("-11.0"), -3, -1)
    assert parts.by_rounding == 0
    assert parts.total == Decimal(73) - 80


def test_the_expected_generation_of_a_span_is_pro_rated_to_the_days_of_its_year():
    crediting = (date(2025, 1, 1), date(2034, 12, 31))
    assert generation_for_span(Decimal(152000), 2025, date(2025, 1, 1), date(2025, 12, 31), *crediting) == 152000
    # 1 March – 31 December 2025 is 306 of 365 days; the crediting period starting on 1 July 2025 cuts it to 184
    assert generation_for_span(Decimal(365), 2025, date(2025, 3, 1), date(2025, 12, 31), *crediting) == 306
    assert generation_for_span(Decimal(365), 2025, date(2025, 3, 1), date(2025, 12, 31), date(2025, 7, 1), date(2034, 6, 30)) == 184
