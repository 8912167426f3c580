"""Afforestation ex-post over 1,000 plots and 100,000 trees (all strata) vs the same arithmetic vectorised in numpy."""

from __future__ import annotations

import random
from itertools import chain
from operator import itemgetter

import numpy as np

from benchmarks.common import Measure, best_of
from methodologies import afforestation

PLOTS, TREES_PER_PLOT, STRATA = 1000, 100, 10
SPECIES = ["Cunninghamia lanceolata", "Pinus massoniana", "Eucalyptus"]


def inventory(seed: int = 7) -> dict:
    rng = random.Random(seed)
    strata = []
    for s in range(STRATA):
        plots = []
        for p in range(PLOTS // STRATA):
            trees = [{"species": SPECIES[s % 3], "dbh_cm": f"{rng.uniform(5, 30):.1f}", "height_m": f"{rng.uniform(3, 20):.1f}"}
                     for _ in range(TREES_PER_PLOT)]
            plots.append({"id": f"S{s}P{p}", "area_m2": "400", "trees": trees})
        strata.append({"name": f"S{s}", "area_ha": "100", "plots": plots})
    return {"vintage": 2025, "strata": strata}


def floor_run(arrays) -> float:
    """Biomass per tree, per plot and per stratum, mean and variance, stock: the same steps on numpy arrays."""
    a, b, c, ratio, dbh, height, plot_index, stratum_of_plot = arrays
    tree = a * dbh ** b * height ** c
    plot_kg = np.bincount(plot_index, weights=tree * (1 + ratio))
    density = plot_kg / 1000 / 0.04
    total = 0.0
    for s in range(STRATA):
        d = density[stratum_of_plot == s]
        total += 44 / 12 * 0.47 * 100 * d.mean() + 0 * d.var(ddof=1)
    return total


def parsed(values: dict, species: dict[str, tuple[float, float, float, float]]):
    """The floor's arrays read from the inventory as given (its numbers are text): the least any calculation must do
    before its arithmetic — each DBH and height read as a float, each tree's species looked up (C-level maps)."""
    trees = list(chain.from_iterable(p["trees"] for s in values["strata"] for p in s["plots"]))
    index = {k: i for i, k in enumerate(species)}
    kinds = np.fromiter(map(index.__getitem__, map(itemgetter("species"), trees)), np.intp, len(trees))
    coefficients = np.array(list(species.values()))[kinds]
    counts = [len(p["trees"]) for s in values["strata"] for p in s["plots"]]
    return (*coefficients.T, *(np.fromiter(map(float, map(itemgetter(k), trees)), np.float64, len(trees)) for k in ("dbh_cm", "height_m")),
            np.repeat(np.arange(len(counts)), counts), np.repeat(np.arange(STRATA), PLOTS // STRATA))


def measures() -> list[Measure]:
    values = inventory()
    on = afforestation.SPECIES.rows[0].valid_from
    species = {k: tuple(float(afforestation.SPECIES.on(k, on).decimal(c)) for c in ("a", "b", "c", "root_shoot")) for k in SPECIES}
    arrays = parsed(values, species)
    floor = best_of(lambda: floor_run(arrays), repeat=5)
    reading = best_of(lambda: floor_run(parsed(values, species)), repeat=5)
    ours = best_of(lambda: afforestation.calculate(values), repeat=3)
    name = f"afforestation ex-post, {PLOTS:,} plots / {PLOTS * TREES_PER_PLOT:,} trees"
    return [Measure(name, ours, floor, goal_ratio=3.0, goal_abs_s=1.0,
                    note="ours: every value checked, trees as numpy columns; floor: numpy on arrays already parsed"),
            Measure(f"{name}, from the inventory as given", ours, reading, note="floor: the same numpy, after reading each tree's "
                    "numbers from the inventory's text (float per value) — what any calculation of this input does first")]
