"""Afforestation ex-post over 1,000 plots and 100,000 trees (all strata) vs the same arithmetic vectorised in numpy;
and reading those trees from a workspace vs sqlite3 and float() on the same file."""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from datetime import date
from decimal import Decimal
from itertools import chain
from operator import itemgetter
from pathlib import Path

import numpy as np

from benchmarks.common import Measure, best_of_each
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


def as_columns(values: dict) -> dict:
    """The same inventory as a period calculation hands it over (``field_data.tree_table``): each plot's trees as
    columns, DBH and height float64 arrays read once from their text."""
    from workbench.methodology.forestry_trees import tree_columns

    def columns(trees: list[dict]) -> dict:
        return tree_columns([t["species"] for t in trees], *(np.array([float(t[k]) for t in trees]) for k in ("dbh_cm", "height_m")))

    return {**values, "strata": [{**s, "plots": [{**p, "trees": columns(p["trees"])} for p in s["plots"]]} for s in values["strata"]]}


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


def calculation_measures() -> list[Measure]:
    values = inventory()
    columns = as_columns(values)
    on = afforestation.SPECIES.rows[0].valid_from
    species = {k: tuple(float(afforestation.SPECIES.on(k, on).decimal(c)) for c in ("a", "b", "c", "root_shoot")) for k in SPECIES}
    arrays = parsed(values, species)
    assert afforestation.calculate(values)[0].used == afforestation.calculate(columns)[0].used  # one result either way
    ours, floor = best_of_each([lambda: afforestation.calculate(columns), lambda: floor_run(arrays)], repeat=25)
    ours_cpu, floor_cpu = best_of_each([lambda: afforestation.calculate(columns), lambda: floor_run(arrays)], repeat=25, clock=time.process_time)
    ours_text, reading = best_of_each([lambda: afforestation.calculate(values), lambda: floor_run(parsed(values, species))], repeat=5)
    name = f"afforestation ex-post, {PLOTS:,} plots / {PLOTS * TREES_PER_PLOT:,} trees"
    return [Measure(name, ours, floor, goal_ratio=3.0, goal_abs_s=1.0,
                    note="ours: every value checked, trees as float64 columns as a period calculation reads them from the workspace"
                         " (field_data.tree_table), Decimal at stratum totals; floor: numpy on arrays already parsed; best of 25, in turn"),
            Measure(f"{name}, CPU time", ours_cpu, floor_cpu,
                    note="the same, as CPU time of this process (user + system, best of 25 in turn): what a loaded machine leaves out"),
            Measure(f"{name}, from an inventory of text", ours_text, reading,
                    note="ours and floor from per-tree text (JSON input): each DBH and height read as float first")]


def reading_measure(tmp: Path) -> Measure:
    """Reading the 100,000 trees of the latest measurement from a workspace, as a period calculation does."""
    from benchmarks.data import ACTOR, wind_workspace  # noqa: F401 - the demo projects hold the forestry one
    from workbench.services.demo.projects import create_demo_projects
    from workbench.services.monitoring.field_data import latest_plots, tree_table
    from workbench.services.projects.projects import resolve
    from workbench.store.models_inventory import SamplePlotRow, TreeRow
    from workbench.store.workspace import open_workspace

    path = tmp / "forest.sqlite"
    ws = open_workspace(path)
    create_demo_projects(ws, ACTOR)
    values = inventory()
    with ws.transaction() as s:
        project = resolve(s, "GX-AR-01").id
        rows = [SamplePlotRow(project_id=project, code=f"B{p['id']}", stratum=st["name"], area_m2=Decimal(p["area_m2"]),
                              measured_on=date(2025, 6, 1)) for st in values["strata"] for p in st["plots"]]
        s.add_all(rows)
        s.flush()
        trees = [{"plot_id": row.id, "tag": f"{i:04d}", "species": t["species"], "dbh_cm": Decimal(t["dbh_cm"]), "height_m": Decimal(t["height_m"])}
                 for row, p in zip(rows, (p for st in values["strata"] for p in st["plots"])) for i, t in enumerate(p["trees"])]
        s.execute(TreeRow.__table__.insert(), trees)

    def ours():
        with ws.reading() as s:
            return tree_table(s, latest_plots(s, project, trees=False))

    def floor():
        con = sqlite3.connect(path)
        rows = con.execute("SELECT plot_id, species, dbh_cm, height_m FROM tree_measurement ORDER BY plot_id, tag").fetchall()
        con.close()
        return [np.fromiter(map(float, map(itemgetter(k), rows)), np.float64, len(rows)) for k in (2, 3)]

    assert sum(len(t["species"]) for t in ours().values()) >= PLOTS * TREES_PER_PLOT
    taken = best_of_each([ours, floor], repeat=5)
    measure = Measure(f"forestry inventory read from the workspace, {PLOTS * TREES_PER_PLOT:,} trees", *taken, goal_ratio=2.0,
                      note="ours: latest plots + one query of the tree columns, DBH and height as float64 (field_data.tree_table);"
                           " floor: sqlite3 fetchall of the same columns + float() per value")
    ws.close()
    return measure


def measures() -> list[Measure]:
    with tempfile.TemporaryDirectory() as tmp:
        return [*calculation_measures(), reading_measure(Path(tmp))]
