"""Tree biomass by path (allometric, species group V × WD × BEF × (1 + R) × CF, Komiyama mangrove), diameter ranges
and per-species carbon fractions, each with a hand-computed value (docs/worked-examples.md)."""

from __future__ import annotations

import json
import math
from decimal import Decimal as D
from pathlib import Path

import numpy as np
import pytest

from methodologies import afforestation, mangrove
from workbench.domain.errors import UserError
from workbench.methodology import forestry as eq
from workbench.methodology import tree_biomass as tb

EXAMPLE = Path(__file__).parents[2] / "docs/examples/species_group.json"


def oak(**changes):
    row = {"key": "Quercus", "method": "volume_bef", "vol_a": "0.00006", "vol_b": "2", "vol_c": "1", "wood_density": "0.6",
           "bef": "1.4", "root_shoot": "0.25", "carbon_fraction": "0.48", "dbh_min": "5", "dbh_max": "21", "source": "test figures"}
    return {**row, **changes}


def test_the_species_group_path_by_hand():
    # V = 0.00006 × 20² × 15 = 0.36 m³; B_AG = 0.36 × 0.6 t/m³ × 1.4 × 1000 = 302.4 kg; B_BG = 0.25 × 302.4 = 75.6 kg
    assert tb.stem_volume_m3(0.00006, 2, 1, 20, 15) == pytest.approx(0.36)
    assert tb.volume_bef_above_kg(0.00006, 2, 1, 0.6, 1.4, 20, 15) == pytest.approx(302.4)
    equation = tb.TreeEquation("Quercus", "volume_bef", {"vol_a": 0.00006, "vol_b": 2, "vol_c": 1, "wood_density": 0.6, "bef": 1.4,
                                                          "root_shoot": 0.25}, 0.48, 5, 21)
    above, below = equation.biomass_kg(20, 15)
    assert (above, below) == pytest.approx((302.4, 75.6))
    # the carbon of that tree: (302.4 + 75.6) × 0.48 = 181.44 kg C
    assert (above + below) * equation.carbon_fraction == pytest.approx(181.44)


def test_komiyama_common_mangrove_equations_by_hand():
    # ρ = 0.6, D = 4 cm: 4^2.46 = 30.273845 → AGB 0.251 × 0.6 × 30.273845 = 4.559241 kg;
    # 0.6^0.899 = 0.631769, 4^2.22 = 21.705669 → BGB 0.199 × 0.631769 × 21.705669 = 2.728879 kg
    assert tb.komiyama_above_kg(0.6, 4) == pytest.approx(4.559241, abs=1e-6)
    assert tb.komiyama_below_kg(0.6, 4) == pytest.approx(2.728879, abs=1e-6)


def test_the_equations_take_numpy_arrays_and_give_the_per_tree_values():
    equation = tb.TreeEquation("Quercus", "volume_bef", {"vol_a": 0.00006, "vol_b": 2, "vol_c": 1, "wood_density": 0.6, "bef": 1.4,
                                                          "root_shoot": 0.25}, 0.48, 5, 21)
    above, below = equation.biomass_kg(np.array([20.0, 22.0, 18.0]), np.array([15.0, 15.0, 15.0]))
    assert list(above + below) == pytest.approx([378.0, 457.38, 306.18])
    assert list(tb.komiyama_above_kg(0.6, np.array([4.0, 5.0]))) == pytest.approx([tb.komiyama_above_kg(0.6, 4.0), tb.komiyama_above_kg(0.6, 5.0)])


def test_the_worked_species_group_example_flags_the_tree_outside_the_range_and_uses_the_row_cf():
    """docs/worked-examples.md, 'Species group — V × WD × BEF × (1 + R) × CF'."""
    (r,) = afforestation.calculate(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    # plots 756, 835.38 and 684.18 kg → 18.9, 20.8845, 17.1045 t/ha; mean 18.963; stock 44/12 × 0.48 × 10 × 18.963
    assert r.used["strata"]["Q"]["mean_t_per_ha"] == pytest.approx(18.963)
    assert r.used["tree_stock_tCO2"] == "333.749" and r.used["dead_wood_litter_tCO2"] == "6.675"
    assert r.used["uncertainty_90"] == pytest.approx(0.168096) and r.used["discount_share"] == 0.5
    assert r.reductions.quantize(D("0.000001")) == D("311.812012")
    assert [f.en for f in r.used["flags"]] == ["stratum Q: 1 tree(s) of Quercus outside the equation's diameter range 5–21 cm (DBH 22–22 cm): their "
                               "biomass is extrapolated; check the measurements or add an equation fitted on these diameters"]
    assert r.used["species"]["Quercus"].en.endswith("(user species) (confirm); volume_bef, diameter range 5–21 cm, CF 0.48")


def test_each_species_carbon_fraction_applies_to_its_own_biomass():
    # two plots of 400 m², each one oak of D 20, H 15 (378 kg, CF 0.48) and one fir of the DEMO row (CF 0.47 of the
    # methodology): fir D 10, H 8: 0.0533 × 10² × 8^0.8 = 5.33 × 5.278032 = 28.131911 kg × 1.246 = 35.052361 kg.
    # Oak 378 kg / 1000 / 0.04 = 9.45 t/ha; fir 35.052361 → 0.876309 t/ha. Stock on 1 ha:
    # 44/12 × 0.48 × 9.45 = 16.632 and 44/12 × 0.47 × 0.876309 = 1.510173 → 1.510: 18.142 tCO2
    trees = [{"species": "Quercus", "dbh_cm": "20", "height_m": "15"}, {"species": "Cunninghamia lanceolata", "dbh_cm": "10", "height_m": "8"}]
    (r,) = afforestation.calculate({"vintage": 2030, "species_table": [oak()], "strata": [
        {"name": "mixed", "area_ha": "1", "plots": [{"area_m2": "400", "trees": trees}, {"area_m2": "400", "trees": trees}]}]})
    assert r.used["tree_stock_tCO2"] == "18.142"


@pytest.mark.parametrize("change, message", [
    ({"wood_density": "600"}, "wood_density = 600 is outside 0.1–1.5 t/m³"),
    ({"carbon_fraction": "47"}, "carbon_fraction = 47 is outside 0.3–0.6"),
    ({"bef": ""}, "the volume_bef path needs bef"),
    ({"method": "guess"}, "method 'guess' is not a tree-biomass path"),
    ({"dbh_min": "30"}, "the diameter range 30–21 cm is empty"),
    ({"vol_a": "x"}, "vol_a = 'x' is not a number"),
])
def test_a_species_row_in_the_wrong_unit_or_incomplete_is_refused_naming_the_column(change, message):
    tree = {"species": "Quercus", "dbh_cm": "20", "height_m": "15"}
    with pytest.raises(UserError, match=message.replace("(", r"\(")) as caught:
        afforestation.calculate({"vintage": 2030, "species_table": [oak(**change)], "strata": [
            {"name": "Q", "area_ha": "1", "plots": [{"area_m2": "400", "trees": [tree]}] * 2}]})
    assert "species Quercus (test figures)" in str(caught.value)


def test_mangrove_genera_use_komiyama_with_their_wood_density():
    (row,) = mangrove.SPECIES.rows
    assert row.columns["method"] == "komiyama" and row.columns["demo"] == "yes"
    values = {"vintage": 2030, "years_since_planting": "5", "strata": [{"name": "M", "area_ha": "1", "plots": [
        {"area_m2": "100", "trees": [{"species": "Kandelia obovata", "dbh_cm": "4", "height_m": "2"}]}] * 2}]}
    (r,) = mangrove.calculate(values)
    # 7.288120 kg / 1000 / 0.01 ha = 0.728812 t/ha; 44/12 × 0.47 × 1 × 0.728812 = 1.256 tCO2
    assert r.used["tree_stock_tCO2"] == "1.256"
    assert math.isclose(eq.density_t_per_ha(7.288120, 100), 0.728812)


def test_growth_beyond_a_species_groups_own_bound_is_flagged_weighted_by_biomass():
    # the oak plots of the worked example hold 18.963 t d.m./ha one year after planting: beyond the group's own 15
    values = {**json.loads(EXAMPLE.read_text(encoding="utf-8")), "years_since_planting": "1"}
    values["species_table"] = [oak(growth_max="15", dbh_max="25")]
    (r,) = afforestation.calculate(values)
    assert [f.en for f in r.used["flags"]] == ["stratum Q: 19.0 t d.m./ha per year since planting is beyond the plausible 15 (the species groups' bounds "
                               "(Quercus 15) weighted by their biomass); check the inventory and the species coefficients"]
    # a mixed stratum: oak (bound 15) 378 kg and fir (no bound of its own: the methodology's 20) 35.052361 kg a plot:
    # (378 × 15 + 35.052361 × 20) / 413.052361 = 6,371.047220 / 413.052361 = 15.42 → flagged against 15.4;
    # the density 413.052361 kg / 0.04 ha = 10.326 t/ha in 0.5 years = 20.7 t/ha/yr
    trees = [{"species": "Quercus", "dbh_cm": "20", "height_m": "15"}, {"species": "Cunninghamia lanceolata", "dbh_cm": "10", "height_m": "8"}]
    (mixed,) = afforestation.calculate({"vintage": 2030, "years_since_planting": "0.5", "species_table": [oak(growth_max="15")], "strata": [
        {"name": "mixed", "area_ha": "1", "plots": [{"area_m2": "400", "trees": trees}, {"area_m2": "400", "trees": trees}]}]})
    assert mixed.used["flags"][0].zh.startswith("碳层 mixed：自造林以来平均每年 20.7 吨干物质/公顷，超出合理上限 15.4（各树种组的上限")
    assert mixed.used["flags"][0].en.startswith("stratum mixed: 20.7 t d.m./ha per year since planting is beyond the plausible 15.4 (the species "
                                             "groups' bounds (Quercus 15) weighted by their biomass)")
