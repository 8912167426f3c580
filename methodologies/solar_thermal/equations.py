"""Project emissions of CCER-01-001-V01, grid-connected solar thermal (并网光热发电): auxiliary fossil fuel."""

from __future__ import annotations

from decimal import Decimal

def emission_coefficient(ncv_gj_per_unit: Decimal, carbon_content_tc_per_gj: Decimal, oxidation_percent: Decimal) -> Decimal:
    """``COEF_i = NCV_i × CC_i × OF_i × 44/12`` (tCO2 per unit of fuel), CCER-01-001-V01 §6.4 equation (5), in the units
    it publishes: NCV in GJ per unit (t or 10^4 Nm3), CC in tC/GJ, OF in % (hence ÷ 100).

    Multiplied out first and divided once by 1,200, so the only inexact step is the last division.
    """
    return ncv_gj_per_unit * carbon_content_tc_per_gj * oxidation_percent * 44 / 1200


def corrected_fuel(consumption: Decimal, error: Decimal) -> Decimal:
    """Fuel consumption corrected up, ``FC × (1 + error)``: a meter error never lowers project emissions."""
    return consumption * (1 + error)


def project_emissions(fuels: list[tuple[Decimal, Decimal]]) -> Decimal:
    """``PE_y = Σ_i FC_i,y × COEF_i`` over (corrected consumption, coefficient) pairs (tCO2)."""
    return sum((fc * coef for fc, coef in fuels), Decimal(0))
