"""A plot inventory's trees as float64 columns (CONTRACTS.md §6), and each plot's biomass from them in bulk.

The inventory comes as strata → plots → trees of text or Decimal values. Every value is read as ``forestry_calc``
reads it one by one (``_float``: a decimal number, finite, at least its minimum; a species the tables hold, its row
checked into a tree equation) — in bulk where every value is plain, else tree by tree in the inventory's order, so
a refusal names the first wrong value exactly as the per-tree reading does. The biomass of every tree then comes
from the shared per-tree equations of ``tree_biomass`` on numpy arrays, one call per species.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain
from operator import itemgetter
from typing import Any

import numpy as np

from workbench.domain.errors import UserError
from workbench.methodology.tree_biomass import TreeEquation

_PLAIN = {str, int, Decimal}  # what ``number`` reads (a float, a bool or None is refused there)


@dataclass
class Inventory:
    """Trees as columns: the index of each tree's species in ``kinds``, its DBH (cm) and height (m), and the index
    of its plot; each plot's area (m²) and the index of its stratum; each stratum's name and area (ha)."""

    kinds: list[str]  # species keys in the order they first appear
    tree_kind: np.ndarray
    dbh: np.ndarray
    height: np.ndarray
    tree_plot: np.ndarray
    plot_area: np.ndarray
    plot_stratum: np.ndarray
    strata: list[tuple[str, float]]


def read_inventory(strata: list, read_float: Callable[[Mapping[str, Any], str, str, float], float],
                   equation: Callable[[str, str], TreeEquation], after_stratum: Callable[[], object]) -> Inventory:
    """The inventory of ``strata``; ``read_float(values, symbol, where, minimum)`` reads one number, ``equation(kind,
    where)`` gives a species' tree equation (refusing an unknown species), ``after_stratum()`` checks what the
    calculation reads after each stratum's plots."""
    try:
        return _in_bulk(strata, read_float, equation, after_stratum)
    except (UserError, _NotPlain):
        return _tree_by_tree(strata, read_float, equation, after_stratum)


class _NotPlain(Exception):
    """Some value is not plain: read tree by tree for the exact refusal."""


def _stratum_name(stratum: Mapping[str, Any], index: int) -> str:
    return str(stratum.get("name") or f"stratum {index + 1}")


def _in_bulk(strata, read_float, equation, after_stratum) -> Inventory:
    names, plot_areas, plot_strata, trees = [], [], [], []
    for s_index, stratum in enumerate(strata):
        name = _stratum_name(stratum, s_index)
        names.append((name, read_float(stratum, "area_ha", f"stratum {name}", 0.0)))
        plots = stratum.get("plots") or []
        if len(plots) < 2:
            raise _NotPlain
        for plot in plots:
            plot_areas.append(read_float(plot, "area_m2", "", 1.0))
            plot_strata.append(s_index)
            trees.append(plot.get("trees") or [])
        after_stratum()
    counts = list(map(len, trees))
    flat = list(chain.from_iterable(trees))
    try:
        kinds_text = list(map(str, map(itemgetter("species"), flat))) if flat else []
        dbh, height = (_plain_floats(list(map(itemgetter(key), flat))) for key in ("dbh_cm", "height_m"))
    except (KeyError, TypeError, ValueError):
        raise _NotPlain from None
    if not (np.all(dbh >= 0.1) and np.all(height >= 0.0)):
        raise _NotPlain
    kinds = list(dict.fromkeys(kinds_text))
    for kind in kinds:
        equation(kind, "")
    index = {kind: i for i, kind in enumerate(kinds)}
    return Inventory(kinds, np.fromiter(map(index.__getitem__, kinds_text), dtype=np.intp, count=len(flat)), dbh, height,
                     np.repeat(np.arange(len(counts)), counts), np.array(plot_areas, dtype=np.float64),
                     np.array(plot_strata, dtype=np.intp), names)


def _plain_floats(values: list) -> np.ndarray:
    if not set(map(type, values)) <= _PLAIN:
        raise _NotPlain
    floats = np.fromiter(map(float, values), dtype=np.float64, count=len(values))  # a decimal text's float, or its Decimal's
    if not np.all(np.isfinite(floats)):
        raise _NotPlain  # infinite or NaN: ``number`` names it
    return floats


def _tree_by_tree(strata, read_float, equation, after_stratum) -> Inventory:
    """Every value read in the inventory's order, as the calculation reads them: the first wrong one is refused."""
    names, plot_areas, plot_strata, kinds, tree_kind, dbh, height, tree_plot = [], [], [], {}, [], [], [], []
    for s_index, stratum in enumerate(strata):
        name = _stratum_name(stratum, s_index)
        where = f"stratum {name}"
        names.append((name, read_float(stratum, "area_ha", where, 0.0)))
        plots = stratum.get("plots") or []
        if len(plots) < 2:
            raise UserError("error.forestry_calc.at_least_two_plots_are_needed", where=where)
        for p_index, plot in enumerate(plots):
            place = f"{where} plot {plot.get('id', p_index + 1)}"
            plot_areas.append(read_float(plot, "area_m2", place, 1.0))
            plot_strata.append(s_index)
            for t_index, tree in enumerate(plot.get("trees") or []):
                spot = f"{place} tree {t_index + 1}"
                kind = str(tree.get("species", ""))
                if kind not in kinds:
                    equation(kind, spot)
                    kinds[kind] = len(kinds)
                tree_kind.append(kinds[kind])
                dbh.append(read_float(tree, "dbh_cm", spot, 0.1))
                height.append(read_float(tree, "height_m", spot, 0.0))
                tree_plot.append(len(plot_areas) - 1)
        after_stratum()
    return Inventory(list(kinds), np.array(tree_kind, dtype=np.intp), np.array(dbh, dtype=np.float64), np.array(height, dtype=np.float64),
                     np.array(tree_plot, dtype=np.intp), np.array(plot_areas, dtype=np.float64), np.array(plot_strata, dtype=np.intp), names)


@dataclass
class TreeBiomass:
    """Each tree's above- and below-ground biomass (kg d.m.), interleaved as the per-tree sums add them (above, then
    below, tree after tree): sums over trees by ``np.bincount`` then add in the same order as a per-tree loop."""

    above: np.ndarray
    below: np.ndarray

    def interleaved(self, mask: np.ndarray) -> np.ndarray:
        both = np.empty(2 * int(mask.sum()))
        both[0::2], both[1::2] = self.above[mask], self.below[mask]
        return both


def tree_biomass(inventory: Inventory, equations: Mapping[str, TreeEquation]) -> TreeBiomass:
    """Biomass of every tree by its species' equation, one numpy call per species."""
    above, below = np.zeros(len(inventory.dbh)), np.zeros(len(inventory.dbh))
    for i, kind in enumerate(inventory.kinds):
        mask = inventory.tree_kind == i
        above[mask], below[mask] = equations[kind].biomass_kg(inventory.dbh[mask], inventory.height[mask])
    return TreeBiomass(above, below)


def sums_by(index: np.ndarray, biomass: TreeBiomass, mask: np.ndarray, size: int) -> np.ndarray:
    """Biomass of the masked trees summed by ``index`` (a plot, a species), each tree added above then below."""
    return np.bincount(np.repeat(index[mask], 2), weights=biomass.interleaved(mask), minlength=size)
