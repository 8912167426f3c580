"""The afforestation calculation on numpy columns gives what a per-tree loop over the same shared tree equations gives
(to the Decimal at stratum totals, and the same flags), and refuses the first wrong value as that loop reads them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from methodologies import afforestation
from workbench.domain.errors import UserError
from workbench.methodology import forestry as eq
from workbench.methodology.forestry_calc import with_user_species
from workbench.methodology.species_rows import equation_of

USER_SPECIES = [  # a species-group row with its own CF and diameter range, and an allometric one with another CF
    {"key": "group-b", "method": "volume_bef", "vol_a": "0.00006", "vol_b": "1.9", "vol_c": "0.9", "wood_density": "0.45",
     "bef": "1.4", "root_shoot": "0.24", "carbon_fraction": "0.5", "dbh_min": "5", "dbh_max": "20", "source": "test group"},
    {"key": "allo-c", "a": "0.05", "b": "2.2", "c": "0.6", "root_shoot": "0.2", "carbon_fraction": "0.45", "dbh_max": "25",
     "source": "test allometry"},
]
KINDS = ["Cunninghamia lanceolata", "Pinus massoniana", "group-b", "allo-c"]
trees = st.lists(st.tuples(st.sampled_from(KINDS), st.decimals(min_value=Decimal("1"), max_value=Decimal("40"), places=1),
                           st.decimals(min_value=Decimal("1.3"), max_value=Decimal("25"), places=1)), max_size=6)
plots = st.lists(st.tuples(st.sampled_from(["400", "600", "666.7"]), trees), min_size=2, max_size=5)
strata = st.lists(st.tuples(st.sampled_from(["10", "55.5", "100"]), plots), min_size=1, max_size=3)


def _values(drawn) -> dict:
    return {"vintage": 2025, "years_since_planting": "3", "species_table": USER_SPECIES, "strata": [
        {"name": f"S{s}", "area_ha": area, "plots": [
            {"id": f"P{p}", "area_m2": plot_area, "trees": [{"species": k, "dbh_cm": str(d), "height_m": str(h)} for k, d, h in plot_trees]}
            for p, (plot_area, plot_trees) in enumerate(plot_list)]} for s, (area, plot_list) in enumerate(drawn)]}


def _per_tree(values) -> dict[str, tuple[str, float, float]]:
    """The reference: every tree through its equation one by one, added as the calculation adds them."""
    on = afforestation.PARAMETERS.rows[0].valid_from
    cf = float(afforestation.PARAMETERS.on("CF", on).decimal("value"))
    table = with_user_species(afforestation.SPECIES, values, on)
    out = {}
    for stratum in values["strata"]:
        by_cf: dict[float, list[float]] = {}
        densities = []
        for p_index, plot in enumerate(stratum["plots"]):
            plot_kg: dict[float, float] = {}
            for tree in plot["trees"]:
                equation = equation_of(table.on(tree["species"], on), cf)
                above, below = equation.biomass_kg(float(tree["dbh_cm"]), float(tree["height_m"]))
                plot_kg[equation.carbon_fraction] = plot_kg.get(equation.carbon_fraction, 0.0) + (above + below)
            for c in plot_kg.keys() | by_cf.keys():
                by_cf.setdefault(c, [0.0] * p_index).append(eq.density_t_per_ha(plot_kg.get(c, 0.0), float(plot["area_m2"])))
            densities.append(eq.density_t_per_ha(sum(plot_kg.values()), float(plot["area_m2"])))
        area = float(stratum["area_ha"])
        stock = sum((eq.stock_tco2(c, area, sum(d) / len(d)) for c, d in sorted(by_cf.items())), Decimal(0))
        mean, variance = eq.mean_and_variance(densities)
        out[stratum["name"]] = (str(stock), round(mean, 6), round(variance, 6))
    return out


@settings(max_examples=60, deadline=None)
@given(strata)
def test_stratum_totals_equal_a_per_tree_loops_to_the_decimal(drawn):
    values = _values(drawn)
    (result,) = afforestation.calculate(values)
    got = {name: (s["tree_stock_tCO2"], s["mean_t_per_ha"], s["variance"]) for name, s in result.used["strata"].items()}
    assert got == _per_tree(values)
    outside = sum(1 for s in values["strata"] for p in s["plots"] for t in p["trees"]
                  if (t["species"] == "group-b" and not 5 <= float(t["dbh_cm"]) <= 20) or (t["species"] == "allo-c" and float(t["dbh_cm"]) > 25))
    flagged = sum(int(f.en.split(": ")[1].split(" tree(s)")[0]) for f in result.used.get("flags", []) if "outside the equation" in f.en)
    assert flagged == outside


def _inventory(bad_tree: dict | None = None, at: tuple[int, int, int] = (1, 0, 2)) -> dict:
    values = {"vintage": 2025, "strata": [{"name": f"S{s}", "area_ha": "10", "plots": [
        {"id": f"P{p}", "area_m2": "400", "trees": [{"species": "Pinus massoniana", "dbh_cm": "12.5", "height_m": "9"} for _ in range(4)]}
        for p in range(3)]} for s in range(2)]}
    if bad_tree is not None:
        s, p, t = at
        values["strata"][s]["plots"][p]["trees"][t] = {"species": "Pinus massoniana", "dbh_cm": "12.5", "height_m": "9", **bad_tree}
    return values


@pytest.mark.parametrize(("bad", "message"), [
    ({"dbh_cm": 12.5}, "stratum S1 plot P0 tree 3: dbh_cm must be given as a decimal"),
    ({"dbh_cm": "0.05"}, "stratum S1 plot P0 tree 3: dbh_cm 0.05 must be at least 0.1"),
    ({"height_m": "NaN"}, "stratum S1 plot P0 tree 3: height_m"),
    ({"height_m": ""}, "stratum S1 plot P0 tree 3: missing parameter height_m"),
    ({"species": "Quercus"}, "stratum S1 plot P0 tree 3"),
])
def test_a_wrong_value_is_refused_naming_its_stratum_plot_and_tree(bad, message):
    with pytest.raises(UserError) as refused:
        afforestation.calculate(_inventory(bad))
    assert message in str(refused.value)


def test_the_first_wrong_value_in_the_inventorys_order_is_the_one_named():
    values = _inventory({"dbh_cm": "x"}, at=(1, 2, 0))
    values["strata"][1]["plots"][0]["trees"][1]["height_m"] = True  # earlier in the inventory: named first
    with pytest.raises(UserError, match="stratum S1 plot P0 tree 2: height_m"):
        afforestation.calculate(values)


def _as_columns(values: dict) -> dict:
    """The inventory as a period calculation hands it over (``field_data.tree_table``): each plot's trees as columns,
    DBH and height float64 read from their text."""
    import numpy as np

    from workbench.methodology.forestry_trees import tree_columns

    def columns(trees):
        return tree_columns([t["species"] for t in trees], *(np.array([float(t[k]) for t in trees], dtype=np.float64)
                                                             for k in ("dbh_cm", "height_m")))

    return {**values, "strata": [{**s, "plots": [{**p, "trees": columns(p["trees"])} for p in s["plots"]]} for s in values["strata"]]}


@settings(max_examples=40, deadline=None)
@given(strata)
def test_trees_given_as_float64_columns_give_the_result_of_the_text_inventory(drawn):
    values = _values(drawn)
    (text,), (columns,) = afforestation.calculate(values), afforestation.calculate(_as_columns(values))
    assert (columns.baseline, columns.project_emissions, columns.leakage, columns.reductions, columns.used) == \
           (text.baseline, text.project_emissions, text.leakage, text.reductions, text.used)


def test_tree_columns_of_different_lengths_are_refused_naming_the_plot():
    import numpy as np

    values = _as_columns(_values([("10", [("400", [("allo-c", Decimal("12.5"), Decimal("9.1"))]), ("400", [])])]))
    values["strata"][0]["plots"][0]["trees"]["height_m"] = np.array([9.1, 8.0])
    with pytest.raises(UserError, match=r"stratum S0 plot P0: the trees' columns \(species, dbh_cm, height_m\) must all be given and "
                                        r"be equally long: species 1, dbh_cm 1, height_m 2"):
        afforestation.calculate(values)


def test_a_wrong_value_in_float64_columns_is_refused_as_in_text():
    import numpy as np

    values = _as_columns(_values([("10", [("400", [("allo-c", Decimal("12.5"), Decimal("9.1"))]), ("400", [])])]))
    values["strata"][0]["plots"][0]["trees"]["dbh_cm"] = np.array([0.05])
    with pytest.raises(UserError, match=r"stratum S0 plot P0 tree 1.*dbh_cm"):
        afforestation.calculate(values)


def test_plots_of_mixed_species_give_a_per_tree_loops_totals():
    """Species alternating tree by tree (more runs than one call each is worth): biomass by a mask per species."""
    kinds = ["Cunninghamia lanceolata", "group-b", "allo-c", "Pinus massoniana"]
    drawn = [("55.5", [("400", [(kinds[(p + t) % 4], Decimal(5 + (7 * t + p) % 30), Decimal(3 + t % 15)) for t in range(60)])
                       for p in range(3)])]
    values = _values(drawn)
    (result,) = afforestation.calculate(values)
    assert {name: (s["tree_stock_tCO2"], s["mean_t_per_ha"], s["variance"]) for name, s in result.used["strata"].items()} == _per_tree(values)


def test_plots_each_of_one_species_alternating_give_a_per_tree_loops_totals():
    """Every plot of one species (coded per plot), the species changing plot by plot: runs of plots give the trees of
    each call, and past 64 runs a mask per species does — either way the per-tree loop's totals."""
    kinds = ["Cunninghamia lanceolata", "group-b", "allo-c", "Pinus massoniana"]
    for plots in (5, 70):
        drawn = [("55.5", [("400", [(kinds[p % 4], Decimal(5 + (7 * t + p) % 30), Decimal(3 + t % 15)) for t in range(1 + p % 3)])
                           for p in range(plots)])]
        values = _values(drawn)
        (result,) = afforestation.calculate(_as_columns(values))
        assert {name: (s["tree_stock_tCO2"], s["mean_t_per_ha"], s["variance"]) for name, s in result.used["strata"].items()} == \
               _per_tree(values)
