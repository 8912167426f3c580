"""Afforestation ex-post over 1,000 plots and 100,000 trees (all strata) vs the same arithmetic vectorised in numpy."""

from __future__ import annotations

import random

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


def measures() -> list[Measure]:
    values = inventory()
    rows = [(afforestation.SPECIES.on(t["species"], afforestation.SPECIES.rows[0].valid_from), float(t["dbh_cm"]), float(t["height_m"]), pi, si)
            for si, s in enumerate(values["strata"]) for p in s["plots"] for pi in [int(p["id"].split("P")[1]) + si * (PLOTS // STRATA)]
            for t in p["trees"]]
    arrays = (np.array([float(r[0].decimal("a")) for r in rows]), np.array([float(r[0].decimal("b")) for r in rows]),
              np.array([float(r[0].decimal("c")) for r in rows]), np.array([float(r[0].decimal("root_shoot")) for r in rows]),
              np.array([r[1] for r in rows]), np.array([r[2] for r in rows]), np.array([r[3] for r in rows]),
              np.array([s for s in range(STRATA) for _ in range(PLOTS // STRATA)]))
    floor = best_of(lambda: floor_run(arrays), repeat=5)
    ours = best_of(lambda: afforestation.calculate(values), repeat=3)
    return [Measure(f"afforestation ex-post, {PLOTS:,} plots / {PLOTS * TREES_PER_PLOT:,} trees", ours, floor, goal_ratio=3.0, goal_abs_s=1.0,
                    note="ours: every value checked and traced per tree; floor: numpy on arrays already parsed")]
