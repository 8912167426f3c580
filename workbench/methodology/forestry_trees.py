"""A plot inventory's trees as float64 columns (CONTRACTS.md §6), and each plot's biomass from them in bulk.

The inventory comes as strata → plots → trees of text or Decimal values — each plot's trees a list of
``{"species", "dbh_cm", "height_m"}`` or, as a workspace holds them, columns ``{"species": [...], "dbh_cm": [...],
"height_m": [...]}`` whose numbers may be float64 arrays already (``tree_columns``). Every value is read as ``forestry_calc``
reads it one by one (``_float``: a decimal number, finite, at least its minimum; a species the tables hold, its row
checked into a tree equation) — in bulk where every value is plain, else tree by tree in the inventory's order, so
a refusal names the first wrong value exactly as the per-tree reading does. The biomass of every tree then comes
from the shared per-tree equations of ``tree_biomass`` on numpy arrays, one call per species.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
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
    """Trees as columns: the index of each tree's species in ``kinds`` (``codes``: each tree's, or each plot's where
    ``plot_species`` — every plot of one species, as a plantation's are), its DBH (cm) and height (m); each plot's
    number of trees, area (m²) and the index of its stratum; each stratum's name and area (ha). Plots come stratum
    after stratum and trees plot after plot (as the inventory lists them), so a stratum's plots and trees are
    slices."""

    kinds: list[str]  # species keys in the order they first appear
    codes: np.ndarray
    dbh: np.ndarray
    height: np.ndarray
    plot_trees: np.ndarray
    plot_area: np.ndarray
    plot_stratum: np.ndarray
    strata: list[tuple[str, float]]
    plot_species: bool = False

    @cached_property
    def tree_kind(self) -> np.ndarray:
        """Each tree's species index in ``kinds``."""
        return np.repeat(self.codes, self.plot_trees) if self.plot_species else self.codes

    @cached_property
    def plot_start(self) -> np.ndarray:
        """The index of each plot's first tree, and the number of trees after the last: shape (plots + 1,)."""
        return np.concatenate(([0], np.cumsum(self.plot_trees)))

    def tree_plot(self) -> np.ndarray:
        """Each tree's plot index."""
        return np.repeat(np.arange(len(self.plot_trees)), self.plot_trees)

    def stratum_plots(self, index: int) -> slice:
        start, stop = np.searchsorted(self.plot_stratum, [index, index + 1])
        return slice(int(start), int(stop))

    def stratum_trees(self, index: int) -> slice:
        plots = self.stratum_plots(index)
        return slice(int(self.plot_start[plots.start]), int(self.plot_start[plots.stop]))


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


COLUMNS = ("species", "dbh_cm", "height_m")


def tree_columns(species: list[str], dbh_cm: np.ndarray, height_m: np.ndarray) -> dict[str, Any]:
    """A plot's trees as columns: species keys, and DBH (cm) and height (m) as float64 arrays of the same length."""
    return {"species": species, "dbh_cm": dbh_cm, "height_m": height_m}


def _numbers(parts: list) -> np.ndarray:
    """One numeric column from each plot's part: float64 arrays joined, else every value read as text or Decimal."""
    if set(map(type, parts)) == {np.ndarray}:
        try:  # float64 only (no cast), and 1-D: a 0-D part is refused, a 2-D one gives a 2-D result
            joined = np.concatenate(parts, dtype=np.float64, casting="no")
        except (TypeError, ValueError):
            raise _NotPlain from None
        if joined.ndim == 1:
            return joined
        raise _NotPlain
    return _plain_floats(list(chain.from_iterable(parts)))


def _in_bulk(strata, read_float, equation, after_stratum) -> Inventory:
    names, plot_areas, plot_counts, trees = [], [], [], []
    for s_index, stratum in enumerate(strata):
        name = _stratum_name(stratum, s_index)
        names.append((name, read_float(stratum, "area_ha", f"stratum {name}", 0.0)))
        plots = stratum.get("plots") or []
        if len(plots) < 2:
            raise _NotPlain
        plot_areas += [plot.get("area_m2") for plot in plots]
        plot_counts.append(len(plots))
        trees += [plot.get("trees") or [] for plot in plots]
        after_stratum()
    columnar = [type(t) is dict for t in trees]
    try:
        areas = _plain_floats(plot_areas)
        if all(columnar):
            species, dbh_parts, height_parts = zip(*map(itemgetter(*COLUMNS), trees))
            counts = list(map(len, species))
            if counts != list(map(len, dbh_parts)) or counts != list(map(len, height_parts)):
                raise _NotPlain
            kinds, codes, plot_species = _species_codes(species, counts)
            dbh, height = _numbers(list(dbh_parts)), _numbers(list(height_parts))
        elif any(columnar):
            raise _NotPlain
        else:
            flat = list(chain.from_iterable(trees))
            counts = list(map(len, trees))
            kinds, codes, one_species = _species_codes([list(map(itemgetter("species"), flat))], [len(flat)])
            codes, plot_species = np.repeat(codes, len(flat)) if one_species else codes, False
            dbh, height = (_plain_floats(list(map(itemgetter(key), flat))) for key in ("dbh_cm", "height_m"))
    except (KeyError, TypeError, ValueError, AttributeError):
        raise _NotPlain from None
    if not (_finite_from(areas, 1.0) and _finite_from(dbh, 0.1) and _finite_from(height, 0.0)):
        raise _NotPlain  # infinite, NaN or below its minimum: read tree by tree, the first such value is named
    for kind in kinds:
        equation(kind, "")
    return Inventory(kinds, codes, dbh, height, np.array(counts, dtype=np.intp), areas,
                     np.repeat(np.arange(len(strata)), plot_counts), names, plot_species)


def _species_codes(parts, counts: list[int]) -> tuple[list[str], np.ndarray, bool]:
    """The species keys in the order they first appear, and the codes: each part's index among them when every part
    is of one species (a plantation plot's; True), else each tree's (False); ``counts``: the length of each part."""
    index: dict[str, int] = {}
    uniform = []  # each part's one code, or None
    for part in parts:
        if type(part) is list and part and part.count(part[0]) == len(part):
            uniform.append(index.setdefault(str(part[0]), len(index)))
        else:
            uniform.append(None)
            for kind in map(str, part):
                index.setdefault(kind, len(index))
    if None not in uniform:
        return list(index), np.array(uniform, dtype=np.intp), True
    codes = [np.full(n, code, dtype=np.intp) if code is not None else
             np.fromiter(map(index.__getitem__, map(str, part)), dtype=np.intp, count=n)
             for part, code, n in zip(parts, uniform, counts)]
    return list(index), np.concatenate(codes) if codes else np.zeros(0, dtype=np.intp), False


def _plain_floats(values: list) -> np.ndarray:
    if not set(map(type, values)) <= _PLAIN:
        raise _NotPlain
    return np.fromiter(map(float, values), dtype=np.float64, count=len(values))  # a decimal text's float, or its Decimal's


def _finite_from(values: np.ndarray, minimum: float) -> bool:
    """Whether every value is finite and at least ``minimum`` (a NaN makes the smallest NaN), without a temporary."""
    return not len(values) or bool(values.min() >= minimum and values.max() < np.inf)


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
            for t_index, tree in enumerate(_tree_list(plot.get("trees") or [], place)):
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
                     np.bincount(np.array(tree_plot, dtype=np.intp), minlength=len(plot_areas)), np.array(plot_areas, dtype=np.float64),
                     np.array(plot_strata, dtype=np.intp), names)


def _tree_list(trees, place: str) -> list:
    """A plot's trees one by one: columns turned into ``{"species", "dbh_cm", "height_m"}`` (a float64 as its shortest
    text, which reads back as the same float), refused when a column is missing or they differ in length."""
    if not isinstance(trees, Mapping):
        return trees
    missing = [key for key in COLUMNS if key not in trees]
    lengths = {key: len(trees[key]) for key in COLUMNS if key not in missing}
    if missing or len(set(lengths.values())) > 1:
        raise UserError("error.forestry_calc.tree_columns_differ", where=place, columns=", ".join(COLUMNS),
                        lengths=", ".join(f"{k} {n}" for k, n in lengths.items()), missing=", ".join(missing) or "-")
    as_text = [list(map(float.__repr__, c.tolist())) if isinstance(c, np.ndarray) else c for c in (trees[key] for key in COLUMNS)]
    return [dict(zip(COLUMNS, values)) for values in zip(*as_text)]


@dataclass
class TreeBiomass:
    """Each tree's biomass ``B_AG + B_BG`` (kg d.m.), a float64 array of shape (trees,), tree after tree: the amount a
    plot adds up tree after tree."""

    tree: np.ndarray


def tree_biomass(inventory: Inventory, equations: Mapping[str, TreeEquation]) -> TreeBiomass:
    """Biomass of every tree by its species' equation, above plus below ground, one numpy call per run of trees of
    one species (plots of one species come in few runs), or per species where they are mixed."""
    tree = np.empty(len(inventory.dbh))
    for part, kind in _species_parts(inventory):
        above, below = equations[kind].biomass_kg(inventory.dbh[part], inventory.height[part])
        if isinstance(part, slice):
            np.add(above, below, out=tree[part])
        else:
            tree[part] = above + below
    return TreeBiomass(tree)


def _species_parts(inventory: Inventory, most_runs: int = 64) -> list[tuple[slice | np.ndarray, str]]:
    """(trees, species key) covering every tree once: slices of runs of one species when there are at most
    ``most_runs``, else a boolean mask per species."""
    kind = inventory.codes
    if not len(kind):
        return []
    starts = np.flatnonzero(kind[1:] != kind[:-1]) + 1
    if len(starts) < most_runs:
        bounds = [0, *starts.tolist(), len(kind)]
        trees = inventory.plot_start[bounds].tolist() if inventory.plot_species else bounds  # runs of plots: their trees
        return [(slice(a, b), inventory.kinds[kind[i]]) for i, a, b in zip(bounds, trees, trees[1:])]
    return [(inventory.tree_kind == i, key) for i, key in enumerate(inventory.kinds)]


def sums(index: np.ndarray, biomass: TreeBiomass, size: int) -> np.ndarray:
    """Every tree's biomass summed by ``index`` (a plot, a stratum and species), tree after tree — as a per-tree loop
    adds them (``np.bincount`` adds its weights in order)."""
    return np.bincount(index, weights=biomass.tree, minlength=size)


def plot_sums(inventory: Inventory, biomass: TreeBiomass, column_of_kind: list[int], columns: int) -> np.ndarray:
    """Every plot's biomass (kg d.m.) in ``columns`` columns, shape (plots, columns): each species' trees added into
    the column ``column_of_kind`` gives it (one per carbon fraction), in one pass over the trees."""
    size = len(inventory.plot_area) * columns
    if columns == 1:
        return sums(inventory.tree_plot(), biomass, size).reshape(-1, 1)
    index = inventory.tree_plot() * columns + np.array(column_of_kind, dtype=np.intp)[inventory.tree_kind]
    return sums(index, biomass, size).reshape(-1, columns)


def outside_range(inventory: Inventory, ranges: list[tuple[float | None, float | None]]) -> np.ndarray | None:
    """Whether each tree's DBH lies outside the diameter range of its species' equation (``ranges``: each species'
    (min, max) in cm, None where unstated), as a boolean array; None when no species states a range."""
    if all(low is None and high is None for low, high in ranges):
        return None
    low = np.array([-np.inf if low is None else low for low, _ in ranges])[inventory.tree_kind]
    high = np.array([np.inf if high is None else high for _, high in ranges])[inventory.tree_kind]
    return (inventory.dbh < low) | (inventory.dbh > high)


def species_present(inventory: Inventory, stratum: int) -> list[int]:
    """The species (indices into ``kinds``, ascending) among the trees of the stratum of index ``stratum``."""
    codes = inventory.codes[inventory.stratum_plots(stratum) if inventory.plot_species else inventory.stratum_trees(stratum)]
    return np.flatnonzero(np.bincount(codes, minlength=len(inventory.kinds))).tolist()


def species_sums(inventory: Inventory, biomass: TreeBiomass, trees: slice, present: list[int]) -> dict[int, float]:
    """The biomass (kg d.m.) of each species of ``present`` among the trees of the slice ``trees``, the species in the
    order they are first met there, each summed tree after tree as ``sums`` adds."""
    kinds = inventory.tree_kind[trees]
    kg = sums(kinds, TreeBiomass(biomass.tree[trees]), len(inventory.kinds))
    first = [int(np.argmax(kinds == k)) for k in present] if len(present) > 1 else [0] * len(present)
    return {k: float(kg[k]) for _, k in sorted(zip(first, present))}
