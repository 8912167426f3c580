"""Equations of CCER-01-002-V01, grid-connected offshore wind (并网海上风力发电), as DOMAIN.md §3 gives them.

All quantities are Decimal: MWh, tCO2/MWh and tCO2e. Nothing is rounded here; crediting rounds down later.
"""

from __future__ import annotations

from decimal import Decimal


def corrected_export(eg_export: Decimal, error: Decimal) -> Decimal:
    """Conservative export: ``EG_export × (1 − error)`` — a meter error never adds generation (CCER-01-002-V01,
    monitoring of revenue meters)."""
    return eg_export * (1 - error)


def corrected_import(eg_import: Decimal, error: Decimal) -> Decimal:
    """Conservative import: ``EG_import × (1 + error)`` (CCER-01-002-V01, monitoring of revenue meters)."""
    return eg_import * (1 + error)


def net_generation(eg_export: Decimal, eg_import: Decimal) -> Decimal:
    """``EG_PJ,y = EG_export,y − EG_import,y`` (MWh) at the grid connection point (CCER-01-002-V01)."""
    return eg_export - eg_import


def combined_margin(ef_om: Decimal, ef_bm: Decimal, w_om: Decimal, w_bm: Decimal) -> Decimal:
    """``EF_grid,CM,y = w_OM × EF_grid,OM,y + w_BM × EF_grid,BM,y`` (tCO2/MWh), weights as data (CDM TOOL07 form)."""
    return w_om * ef_om + w_bm * ef_bm


def baseline_emissions(eg_pj: Decimal, ef_cm: Decimal) -> Decimal:
    """``BE_y = EG_PJ,y × EF_grid,CM,y`` (tCO2) (CCER-01-002-V01)."""
    return eg_pj * ef_cm


def emission_reductions(be: Decimal, pe: Decimal, le: Decimal) -> Decimal:
    """``ER_y = BE_y − PE_y − LE_y``; for offshore wind ``PE_y = LE_y = 0`` (CCER-01-002-V01)."""
    return be - pe - le
