"""A species row (shipped, a workspace edition or given with an estimate) checked and turned into its tree equation.

Columns: ``method`` (allometric, volume_bef or komiyama; empty = allometric), the numbers the path needs
(``tree_biomass.NEEDS``), optional ``carbon_fraction`` (else the methodology's CF), ``dbh_min`` / ``dbh_max`` (the
diameter range the source states), ``growth_max`` (the group's plausible biomass growth, t d.m./ha/yr), ``source``. A row that lacks a number its path needs, gives one that is not a
number, or a number outside its plausible bounds is refused with the species, the column and what is accepted.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from workbench.domain.errors import UserError
from workbench.methodology import tree_biomass as tb
from workbench.reference import ReferenceRow


def method_of(columns: Mapping[str, str], where: str) -> str:
    method = (columns.get("method") or "").strip() or "allometric"
    if method not in tb.METHODS:
        raise UserError("error.species_rows.unknown_method", where=where, value=method, accepted=", ".join(tb.METHODS))
    return method


def numbers_of(columns: Mapping[str, str], where: str) -> dict[str, Decimal]:
    """The row's numbers as Decimals, checked against what its path needs and the plausible bounds."""
    method = method_of(columns, where)
    out: dict[str, Decimal] = {}
    for column in tb.NUMBERS:
        text = str(columns.get(column) if columns.get(column) is not None else "").strip()
        if not text:
            continue
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise UserError("error.species_rows.not_a_number", where=where, column=column, value=text)
        if not value.is_finite():
            raise UserError("error.species_rows.not_a_number", where=where, column=column, value=text)
        low, high, unit = tb.BOUNDS.get(column, (None, None, ""))
        if low is not None and not Decimal(str(low)) <= value <= Decimal(str(high)):
            raise UserError("error.species_rows.outside_bounds", where=where, column=column, value=text, low=low, high=high, unit=unit)
        out[column] = value
    missing = [c for c in tb.NEEDS[method] if c not in out]
    if missing:
        raise UserError("error.species_rows.path_needs", where=where, method=method, columns=", ".join(missing))
    if "dbh_min" in out and "dbh_max" in out and out["dbh_min"] >= out["dbh_max"]:
        raise UserError("error.species_rows.range_reversed", where=where, low=out["dbh_min"], high=out["dbh_max"])
    return out


def equation_of(row: ReferenceRow, default_cf: float) -> tb.TreeEquation:
    """The tree equation of a species row; its CF where the row gives one, else the methodology's ``default_cf``."""
    where = f"species {row.key} ({row.source})"
    numbers = numbers_of(row.columns, where)
    floats = {k: float(v) for k, v in numbers.items()}
    return tb.TreeEquation(row.key, method_of(row.columns, where), floats, floats.get("carbon_fraction", default_cf),
                           floats.get("dbh_min"), floats.get("dbh_max"), floats.get("growth_max"))
