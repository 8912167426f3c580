"""The forestry chain (CDM A/R tools behind CCER-14-001/002) with hand-computed values, and conservativeness."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from methodologies import afforestation, mangrove
from tests.cli_helpers import run_cli
from workbench.domain.errors import UserError
from workbench.methodology import forestry as eq
from workbench.methodology import tree_biomass as tb
from workbench.methodology.loader import get


def test_allometry_and_root_shoot():
    # 0.0533 × 20² × 15^0.8 = 21.32 × e^(0.8 × ln 15 = 2.166440) = 21.32 × 8.72716 = 186.06 kg (example Chinese-fir row)
    assert math.isclose(tb.allometric_above_kg(0.0533, 2.0, 0.8, 20, 15), 186.063, rel_tol=1e-4)
    # R = exp(−1.085 + 0.9256 × ln 100) / 100 = exp(3.177545) / 100 = 23.9886 / 100 (AR-TOOL14, Cairns et al.)
    assert math.isclose(eq.root_shoot_ratio(100), 0.239886, rel_tol=1e-4)


def test_plot_density_stock_and_uncertainty():
    # 500 kg of trees (above and below ground) on a 400 m² plot: 0.5 t / 0.04 ha = 12.5 t/ha
    assert eq.density_t_per_ha(500, 400) == pytest.approx(12.5)
    # 44/12 × 0.47 × 10 ha × 100 t/ha = 1,723.333 tCO2
    assert eq.stock_tco2(0.47, 10, 100) == D("1723.333")
    # plots 90 and 110 t/ha: mean 100, s² 200, SE 10, t(1 df) 6.314 → 63.14 % of the mean
    assert eq.uncertainty_90([90, 110]) == pytest.approx(0.6314)


@pytest.mark.parametrize("u, share", [(0.05, 0), (0.10, 0), (0.12, 0.25), (0.18, 0.5), (0.25, 0.75), (0.31, 1.0)])
def test_uncertainty_discount_table(u, share):
    assert eq.uncertainty_discount(u) == share


def test_discounted_change_and_sample_size():
    # 1,000 t change at 12 % uncertainty: 25 % of the uncertainty is deducted: 1,000 − 0.25 × 0.12 × 1,000 = 970
    assert eq.discounted_change(D(1000), 0.12) == D("970.000")
    # AR-TOOL03 with N = 10,000, one stratum, s = 20 t/ha, E = 10 t/ha, t = 1.645:
    # 10,000 × 2.706025 × 400 / (10,000 × 100 + 2.706025 × 400) = 10,824,100 / 1,001,082.41 = 10.81 → 11 plots
    assert eq.sample_size(10_000, [1.0], [20.0], 10.0) == 11


def test_the_sampling_plan_takes_t_for_its_own_plot_count_and_allocates_by_area_and_spread():
    # AR-TOOL03, docs/worked-examples.md: strata of 60 and 40 ha, 400 m² plots (N = 2,500), means 50 and 80 t/ha,
    # s 12 and 24 t/ha; E = 10 % × (0.6 × 50 + 0.4 × 80) = 6.2 t/ha; Σ w s = 16.8, Σ w s² = 316.8.
    # t = 1.645 gives 19.69 → at least 20; 20 plots (18 df, t 1.734) ask 21.86; 21 (19 df, t 1.729) ask 21.74;
    # 22 (20 df, t 1.725): 2,500 × 2.975625 × 282.24 / (2,500 × 38.44 + 2.975625 × 316.8) = 21.64 ≤ 22.
    # Stratum shares 22 × 7.2 / 16.8 = 9.43 → 10 and 22 × 9.6 / 16.8 = 12.57 → 13.
    assert eq.sample_plan([60, 40], 0.04, [50, 80], [12, 24], 0.10) == (22, [10, 13])
    # a tighter target asks for more plots; no spread measured yet asks for the two plots a variance needs
    assert eq.sample_plan([60, 40], 0.04, [50, 80], [12, 24], 0.05)[0] > 22
    assert eq.sample_plan([60, 40], 0.04, [50, 80], [0, 0], 0.10) == (4, [2, 2])


def plots(values):
    return [{"id": i, "area_m2": "400", "trees": [{"species": "Cunninghamia lanceolata", "dbh_cm": str(v), "height_m": "12"}] * 10}
            for i, v in enumerate(values)]


def inventory(dbhs, previous="0"):
    return {"vintage": 2030, "previous_stock": previous, "strata": [{"name": "fir", "area_ha": "100", "plots": plots(dbhs)}]}


def counted(counts, previous="0"):
    """Plots that differ only in their number of identical trees, so plot densities are proportional to the counts."""
    tree = {"species": "Cunninghamia lanceolata", "dbh_cm": "15", "height_m": "12"}
    return {"vintage": 2030, "previous_stock": previous, "strata": [
        {"name": "fir", "area_ha": "100", "plots": [{"area_m2": "400", "trees": [tree] * k} for k in counts]}]}


@settings(max_examples=40, deadline=None)
@given(spread=st.integers(0, 8), extra=st.integers(1, 8), previous=st.sampled_from(["0", "1000", "4000"]))
def test_more_plot_variance_never_raises_credited_removals(spread, extra, previous):
    # same total number of trees (so the same mean density and stock), more spread between plots
    (narrow,) = afforestation.calculate(counted([20 - spread, 20, 20 + spread, 20], previous))
    (wide,) = afforestation.calculate(counted([20 - spread - extra, 20, 20 + spread + extra, 20], previous))
    assert wide.used["tree_stock_tCO2"] == narrow.used["tree_stock_tCO2"]
    assert wide.used["uncertainty_90"] > narrow.used["uncertainty_90"]
    assert wide.reductions <= narrow.reductions


def test_mangrove_adds_soil_carbon_at_the_default_rate():
    values = {"vintage": 2030, "years_since_planting": "5", "strata": [
        {"name": "kandelia", "area_ha": "10", "plots": [{"area_m2": "100", "trees": [{"species": "Kandelia obovata", "dbh_cm": "6", "height_m": "3"}] * 30}] * 3}]}
    (r,) = mangrove.calculate(values)
    # 0.50 tC/ha/yr × 44/12 × 10 ha × 5 years = 91.667 tCO2
    assert r.used["soil_tCO2"] == "91.667"


def test_mangrove_soil_carbon_accrues_per_stratum_for_the_years_it_has_stood():
    """A stratum planted a year later accrues a year less (its own ``years_since_planting``), capped at SOC_years."""
    plots = [{"area_m2": "100", "trees": [{"species": "Kandelia obovata", "dbh_cm": "6", "height_m": "3"}] * 30}] * 3
    values = {"vintage": 2025, "years_since_planting": "4", "strata": [
        {"name": "flat", "area_ha": "17.29", "years_since_planting": "4", "plots": plots},
        {"name": "pond", "area_ha": "19.05", "years_since_planting": "3", "plots": plots},
        {"name": "old", "area_ha": "1", "years_since_planting": "25", "plots": plots}]}
    (r,) = mangrove.calculate(values)
    # 0.5 tC/ha/yr × 44/12 = 1.8333… tCO2/ha/yr: × 17.29 ha × 4 = 126.793; × 19.05 ha × 3 = 104.775; × 1 ha × 20 (the cap) = 36.667
    assert [(k, r.used["strata"][k]["soil_years"], r.used["strata"][k]["soil_tCO2"]) for k in ("flat", "pond", "old")] == [
        ("flat", 4.0, "126.793"), ("pond", 3.0, "104.775"), ("old", 20.0, "36.667")]
    assert r.used["soil_tCO2"] == "268.235" and (r.used["SOC_rate"], r.used["SOC_years"]) == (0.5, 20.0)


def test_unknown_species_and_one_plot_are_named():
    with pytest.raises(UserError, match="stratum fir plot 0 tree 1: unknown species 'Quercus'"):
        afforestation.calculate({"vintage": 2030, "strata": [{"name": "fir", "area_ha": "1", "plots": [
            {"id": 0, "area_m2": "400", "trees": [{"species": "Quercus", "dbh_cm": "10", "height_m": "8"}]}, {"area_m2": "400", "trees": []}]}]})
    with pytest.raises(UserError, match="at least two plots"):
        afforestation.calculate({"vintage": 2030, "strata": [{"name": "fir", "area_ha": "1", "plots": plots([10])}]})


def test_estimate_cli_for_afforestation(tmp_path, capsys):
    path = tmp_path / "forest.json"
    path.write_text(json.dumps(inventory([14, 15, 16, 15], previous="1000")))
    result = run_cli(capsys, "estimate", "CCER-14-001", "--input", path, "--format", "json")
    assert result.code == 0, result.err
    (vintage,) = result.json()["vintages"]
    assert vintage["year"] == 2030 and D(vintage["ER"]) > 0


def test_growth_table_interpolation_is_linear_and_holds_after_the_last_age():
    table = [(0, 0.0, 0.0), (5, 4.0, 2.0), (20, 8.0, 4.0)]
    assert eq.interpolate(table, 4) == pytest.approx((3.2, 1.6))  # 4/5 of the way from age 0 to age 5
    assert eq.interpolate(table, 10) == pytest.approx((4 + 4 * 5 / 15, 2 + 2 * 5 / 15))
    assert eq.interpolate(table, 35) == (8.0, 4.0)


def test_ex_ante_removals_of_a_mangrove_year_from_the_growth_table():
    # 1 ha of Kandelia obovata at 10,000 trees/ha planted in 2020. At the end of 2025 (age 5) the table gives DBH 4 cm;
    # at the end of 2024 (age 4) 3.2 cm. Komiyama et al. 2005 with the DEMO ρ = 0.6: 4^2.46 = 30.273845, 4^2.22 = 21.705669,
    # 0.6^0.899 = 0.631769: AGB 0.251 × 0.6 × 30.273845 = 4.559241 kg, BGB 0.199 × 0.631769 × 21.705669 = 2.728879 kg,
    # 7.288120 kg a tree; at 3.2 cm (17.485133, 13.226135): 2.633261 + 1.662815 = 4.296076 kg.
    # Stock = 44/12 × 0.47 × 1 ha × B × 10,000 / 1000: 125.599 t (2025), 74.036 t (2024);
    # dead wood and litter 2 %: 2.512 t and 1.481 t; soil 0.5 × 44/12 × 1 × 5 = 9.167 t and × 4 = 7.333 t.
    # Removals 2025 = (125.599 + 2.512) − (74.036 + 1.481) + (9.167 − 7.333) = 54.428 tCO2.
    (r,) = get("CCER-14-002").projection({"strata": [{"name": "M", "area_ha": "1", "species": "Kandelia obovata", "planted": "2020",
                                                      "density": "10000"}], "years": [2025]})
    assert r.reductions == D("54.428") and r.used["growth_table"].endswith("(confirm)")
    with pytest.raises(UserError, match="no growth table for Quercus|unknown species 'Quercus"):
        get("CCER-14-001").projection({"strata": [{"name": "A", "area_ha": "1", "species": "Quercus", "planted": "2020", "density": "1"}],
                                       "years": [2025]})


@pytest.mark.parametrize("construction, start, area, verdict", [
    (date(2019, 10, 1), date(2020, 3, 1), "0.05", "pass"),  # built in 2019 but started in 2020: 400 m² applies, 500 m² passes
    (date(2019, 1, 1), date(2019, 5, 1), "0.05", "fail"),  # started in 2019: 667 m² applies
    (date(2019, 1, 1), None, "0.05", "needs_evidence"),  # no project start: 500 m² is decided by it, so it is asked for
    (date(2019, 1, 1), None, "0.07", "pass"),  # 700 m² passes either rule
    (date(2021, 1, 1), None, "0.03", "fail"),  # 300 m² fails either rule
])
def test_the_667_square_metre_rule_follows_the_project_start_not_construction(construction, start, area, verdict):
    """CCER-14-001-V01 §2: contiguous parcels ≥ 400 m², ≥ 667 m² for projects *started* in 2019 or earlier — the
    project's own start field, never its construction or operation start."""
    from workbench.methodology.protocol import ApplicabilityInput, SiteFacts

    facts = ApplicabilityInput("ccer", "CN", "forestry", construction, construction, (SiteFacts("parcel 1", None, None, D(area)),),
                               project_start=start)
    (parcels,) = [c for c in get("CCER-14-001").conditions if c.key == "parcel_size"]
    assert parcels.evaluate(facts).verdict == verdict


def test_an_unknown_mangrove_genus_is_refused_naming_the_mangrove_methodology_to_add_it_to():
    with pytest.raises(UserError, match="species add --set methodology=CCER-14-002 --set species=Rhizophora stylosa"):
        mangrove.calculate({"vintage": 2030, "years_since_planting": "5", "strata": [{"name": "M", "area_ha": "1", "plots": [
            {"area_m2": "100", "trees": [{"species": "Rhizophora stylosa", "dbh_cm": "4", "height_m": "2"}]}] * 2}]})


def test_mangrove_data_carry_mangrove_species_and_labels_only():
    assert list(get("CCER-14-002").species) == ["Kandelia obovata"]
    assert "Kandelia obovata" not in get("CCER-14-001").species
    assert all("CCER-14-001" not in r.source for r in mangrove.PARAMETERS.rows)


def test_an_unknown_species_is_refused_saying_how_to_add_one_and_a_user_row_is_used(tmp_path, capsys):
    example = json.loads((Path(__file__).parents[2] / "docs/examples/afforestation.json").read_text(encoding="utf-8"))
    for plot in example["strata"][0]["plots"]:
        for tree in plot["trees"]:
            tree["species"] = "Cinnamomum camphora"
    path = tmp_path / "camphor.json"
    path.write_text(json.dumps(example), encoding="utf-8")
    refused = run_cli(capsys, "estimate", "CCER-14-001", "--input", path)
    assert refused.code == 2 and "unknown species 'Cinnamomum camphora'" in refused.err
    assert '"species_table"' in refused.err and "parameter set PROJECT species.Cinnamomum camphora.a" in refused.err
    assert "workbench species add --set methodology=CCER-14-001 --set species=Cinnamomum camphora" in refused.err
    chinese = run_cli(capsys, "--lang", "zh", "estimate", "CCER-14-001", "--input", path)
    assert chinese.code == 2 and "未知树种 'Cinnamomum camphora'" in chinese.err and "对整个工作区使用 'workbench species add" in chinese.err
    # the same coefficients as the Chinese fir example, given as the user's own row: the same result, cited as a user row
    example["species_table"] = [{"key": "Cinnamomum camphora", "a": "0.0533", "b": "2.0", "c": "0.8", "root_shoot": "0.246",
                                 "source": "test coefficients (not from a published table)"}]
    path.write_text(json.dumps(example), encoding="utf-8")
    out = run_cli(capsys, "estimate", "CCER-14-001", "--input", path, "--format", "json")
    assert out.code == 0, out.err
    assert out.json()["vintages"][0]["ER"].startswith("37.19790")
    assert out.json()["parameters_used"]["species"] == {"Cinnamomum camphora": "test coefficients (not from a published table) (user species) (confirm)"}


def test_growth_beyond_the_plausible_is_flagged_not_changed():
    example = json.loads((Path(__file__).parents[2] / "docs/examples/afforestation.json").read_text(encoding="utf-8"))
    (quiet,) = afforestation.calculate({**example, "years_since_planting": "1"})
    # mean 2.170515 t d.m./ha in 0.1 year = 21.7 t/ha/yr, beyond the bound of 20: flagged, the figure unchanged
    (loud,) = afforestation.calculate({**example, "years_since_planting": "0.1"})
    assert "flags" not in quiet.used and loud.reductions == quiet.reductions
    assert [f.en for f in loud.used["flags"]] == ["stratum A: 21.7 t d.m./ha per year since planting is beyond the plausible 20 (Workbench plausibility "
                                  "bound, not a methodology value: a stratum whose biomass per year since planting exceeds it is flagged, "
                                  "never changed; set it from the growth data the PDD relies on); check the inventory and the species coefficients"]


def test_no_shipped_species_coefficient_passes_for_a_published_one():
    """The species tables of CCER-14-001/002 were not read: every shipped row is a DEMO row and results say so."""
    for m in (afforestation, mangrove):
        assert {r.columns["demo"] for r in m.SPECIES.rows} == {"yes"} and all(r.source.startswith("DEMO:") for r in m.SPECIES.rows)
    example = json.loads((Path(__file__).parents[2] / "docs/examples/afforestation.json").read_text(encoding="utf-8"))
    (r,) = afforestation.calculate(example)
    assert r.used["species"]["Cunninghamia lanceolata"].en.endswith("(confirm) (DEMO coefficients — not from the methodology)")
