"""CCER-01-002-V01 offshore wind: equations with hand-computed values, conservativeness, bad input, CLI."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from methodologies.offshore_wind import calculate
from workbench.methodology import grid_power as eq
from tests.cli_helpers import run_cli
from workbench.domain.errors import UserError
from workbench.methodology import grid_factors
from workbench.reference import parse_rows


def test_meter_corrections_are_conservative():
    # 1000 MWh exported through a class 0.5 meter: 1000 × (1 − 0.005) = 995; imported 10 × 1.005 = 10.05
    assert eq.corrected_export(D("1000"), D("0.005")) == D("995.000")
    assert eq.corrected_import(D("10"), D("0.005")) == D("10.050")


def test_net_generation_combined_margin_baseline_and_reductions():
    assert eq.net_generation(D("800000"), D("120")) == D("799880")
    # 0.5 × 0.9419 + 0.5 × 0.4819 = 0.47095 + 0.24095 = 0.71190 (North China grid, six-grid edition)
    assert eq.combined_margin(D("0.9419"), D("0.4819"), D("0.5"), D("0.5")) == D("0.71190")
    # TOOL07 wind weights: 0.75 × 0.9419 + 0.25 × 0.4819 = 0.706425 + 0.120475 = 0.826900
    assert eq.combined_margin(D("0.9419"), D("0.4819"), D("0.75"), D("0.25")) == D("0.826900")
    # 799880 MWh × 0.7119 tCO2/MWh = 569434.572 tCO2
    assert eq.baseline_emissions(D("799880"), D("0.71190")) == D("569434.5720")
    assert eq.emission_reductions(D("569434.572"), D("0"), D("0")) == D("569434.572")


def test_worked_example_with_meter_errors():
    # export 1,331,520 MWh, class 0.2 meter (0.002): 1331520 × 0.998 = 1328856.96
    # import 1,200 MWh, class 0.5 meter (0.005): 1200 × 1.005 = 1206
    # EG_PJ = 1328856.96 − 1206 = 1327650.96; EF_CM = 0.6592 (Viet Nam example, OM = BM)
    # BE = 1327650.96 × 0.6592 = 875187.512832
    (result,) = calculate({"EF_OM": "0.6592", "EF_BM": "0.6592", "vintages": [
        {"year": 2025, "EG_export": "1331520", "EG_import": "1200", "export_error": "0.002", "import_error": "0.005"}]})
    assert result.used["EG_PJ"] == D("1327650.96")
    assert result.reductions == D("875187.512832")


@settings(max_examples=50, deadline=None)
@given(
    export=st.decimals(min_value=1000, max_value=2_000_000, places=3),
    imported=st.decimals(min_value=0, max_value=999, places=3),
    e1=st.decimals(min_value=0, max_value=D("0.05"), places=4),
    bump=st.decimals(min_value=0, max_value=D("0.05"), places=4),
)
def test_a_larger_meter_error_never_raises_reductions(export, imported, e1, bump):
    def er(err):
        (r,) = calculate({"EF_OM": "0.8", "EF_BM": "0.4", "vintages": [
            {"year": 2025, "EG_export": str(export), "EG_import": str(imported), "export_error": str(err), "import_error": str(err)}]})
        return r.reductions

    assert er(e1 + bump) <= er(e1)


@pytest.mark.parametrize(
    "vintage, message",
    [
        ({"year": 2025, "EG_export": "-5", "EG_import": "0"}, "vintage 2025: EG_export -5 MWh is negative"),
        ({"year": 2026, "EG_export": "100", "EG_import": "200"}, "vintage 2026: EG_import 200 MWh is larger than EG_export 100 MWh"),
        ({"year": 2027, "EG_import": "1"}, "vintage 2027: missing parameter EG_export"),
        ({"year": 2028, "EG_export": "abc"}, "vintage 2028: EG_export 'abc' is not a decimal number"),
    ],
)
def test_bad_inputs_name_the_parameter_and_vintage(vintage, message):
    with pytest.raises(UserError) as err:
        calculate({"EF_OM": "0.9", "EF_BM": "0.5", "vintages": [vintage]})
    assert str(err.value) == message


def test_missing_grid_factor_is_named():
    with pytest.raises(UserError, match="missing parameter EF_BM"):
        calculate({"EF_OM": "0.9", "vintages": [{"year": 2025, "EG_export": "1"}]})


def test_estimate_cli_gives_the_contract_shape(tmp_path, capsys):
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"EF_OM": "0.9419", "EF_BM": "0.4819", "vintages": [{"year": 2025, "EG_export": "800000", "EG_import": "120"}]}))
    result = run_cli(capsys, "estimate", "CCER-01-002", "--input", path, "--format", "json")
    assert result.code == 0, result.err
    out = result.json()
    assert out["vintages"] == [{"year": 2025, "BE": "569434.57200", "PE": "0", "LE": "0", "ER": "569434.57200"}]
    assert out["total_ER"] == "569434.57200" and out["parameters_used"]["EF_CM"] == "0.71190"
    bad = run_cli(capsys, "estimate", "CCER-99-999", "--input", path)
    assert bad.code == 2 and "unknown methodology" in bad.err


def test_grid_factor_edition_rule_per_stage():
    editions = parse_rows(grid_factors.TABLE, "key,edition,data_year,ef_om,ef_bm,unit,source,valid_from\n"
                          "CN-North,2019 edition (test figures),2019,0.9419,0.4819,tCO2/MWh,test,2020-12-29\n", origin="t",
                          overridden=True, decimal_columns=("ef_om", "ef_bm", "data_year"))
    north = grid_factors.pick("CN-North", "pdd", date(2025, 1, 1), None, editions)
    assert (north.ef_om, north.ef_bm, north.overridden) == (D("0.9419"), D("0.4819"), True)
    with pytest.raises(UserError, match="no edition"):
        grid_factors.pick("CN-North", "verification", date(2025, 1, 1), vintage=2018, overrides=editions)
    with pytest.raises(UserError, match="known grids"):
        grid_factors.pick("Atlantis", "pdd", date(2025, 1, 1))


def test_a_user_edition_from_csv_wins_for_its_year(ws, actor, tmp_path, capsys):
    csv = tmp_path / "vn2024.csv"
    csv.write_text(
        "key,edition,data_year,ef_om,ef_bm,unit,source,valid_from,valid_to,confirm\n"
        "VN-National,Viet Nam 2024 (host authority),2024,0.7000,0.5000,tCO2/MWh,MONRE decision (user entered),2025-05-01,,no\n"
    )
    from workbench.services.methodology import methodology
    from workbench.services.projects.projects import create_project

    pid = create_project(ws, actor, {"code": "W", "title_en": "W", "programme": "bri", "host_country": "VN", "sector": "energy", "agreement": "A"}).result["id"]
    methodology.set_parameter(ws, actor, pid, "grid", "VN-National")
    methodology.import_grid_edition(ws, actor, csv)
    verification = methodology.grid_factor_for(ws, pid, "verification", date(2025, 6, 1), vintage=2024)
    assert verification.ef_om == D("0.7000") and verification.overridden
    older = methodology.grid_factor_for(ws, pid, "verification", date(2025, 6, 1), vintage=2023)
    assert older.ef_om == D("0.6592")
    bad = tmp_path / "bad.csv"
    bad.write_text("key,edition,data_year,ef_om,ef_bm,unit,source,valid_from\nX,e,2024,zero,1,t,s,2025-01-01\n")
    with pytest.raises(UserError, match="line 2: column ef_om value 'zero' is not a decimal number"):
        methodology.import_grid_edition(ws, actor, bad)
