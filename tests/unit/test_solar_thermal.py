"""CCER-01-001-V01 solar thermal: fuel project emissions with hand-computed values."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from methodologies.solar_thermal import calculate
from methodologies.solar_thermal import equations as eq
from workbench.domain.errors import UserError


def test_emission_coefficient_of_natural_gas():
    # in the units CCER-01-001-V01 §6.4 publishes: 389.31 GJ/10^4 Nm3 × 0.0153 tC/GJ × 99 % × 44/12
    # = 5.956443 tC × 0.99 = 5.89687857 tC × 3.6666… = 21.62188809 tCO2 per 10^4 Nm3
    coef = eq.emission_coefficient(D("389.31"), D("0.0153"), D("99"))
    assert coef.quantize(D("0.00000001")) == D("21.62188809")


def test_a_csp_vintage_nets_fuel_emissions_and_corrects_fuel_up():
    # BE: 200,000 MWh × (0.5 × 0.8042 + 0.5 × 0.2135) = 200,000 × 0.50885 = 101,770 t (South China grid)
    # COEF diesel: 42.652 × 0.0202 = 0.8615704; × 98 = 84.4338992; × 44 = 3,715.0915648; ÷ 1,200 = 3.0959096373 t/t
    # PE: 10 t × (1 + 0.02) = 10.2 t × 3.0959096373 = 31.578278 t
    (r,) = calculate({"EF_OM": "0.8042", "EF_BM": "0.2135", "vintages": [
        {"year": 2025, "EG_export": "200000", "EG_import": "0", "fuels": [{"fuel": "diesel", "FC": "10", "error": "0.02"}]}]})
    assert r.baseline == D("101770.00000")
    assert r.project_emissions.quantize(D("0.000001")) == D("31.578278")
    assert r.reductions == r.baseline - r.project_emissions


def test_more_fuel_error_never_raises_reductions():
    def er(error: str) -> D:
        (r,) = calculate({"EF_OM": "0.8", "EF_BM": "0.4", "vintages": [
            {"year": 2025, "EG_export": "1000", "fuels": [{"fuel": "natural_gas", "FC": "3", "error": error}]}]})
        return r.reductions

    assert er("0.03") < er("0.01") < er("0")


def test_unknown_fuel_and_negative_consumption_are_named():
    with pytest.raises(UserError, match=r"vintage 2025 fuels\[0\]: unknown fuel 'coal'"):
        calculate({"EF_OM": "0.8", "EF_BM": "0.4", "vintages": [{"year": 2025, "EG_export": "1", "fuels": [{"fuel": "coal", "FC": "1"}]}]})
    with pytest.raises(UserError, match=r"vintage 2025 fuels\[0\]: FC -1 t is negative"):
        calculate({"EF_OM": "0.8", "EF_BM": "0.4", "vintages": [{"year": 2025, "EG_export": "1", "fuels": [{"fuel": "diesel", "FC": "-1"}]}]})


def test_a_csp_plant_must_declare_its_mwh_unique_before_it_applies():
    from methodologies.solar_thermal import METHODOLOGY
    from workbench.methodology.protocol import ApplicabilityInput, Verdict

    facts = ApplicabilityInput("ccer", "CN", "energy", None, None, (), evidence={"csp_metering": "SLD-7", "grid_connection": "PPA-9"})
    verdicts = {c.key: c.evaluate(facts) for c in METHODOLOGY.conditions}
    assert verdicts["unique"].verdict == Verdict.NEEDS_EVIDENCE
    assert "the same MWh earn no tradable green electricity certificate" in verdicts["unique"].explanation.en
    declared = ApplicabilityInput("ccer", "CN", "energy", None, None, (), {"no_other_programme": True, "no_green_certificate": True},
                                  {"csp_metering": "SLD-7", "grid_connection": "PPA-9"})
    assert all(c.evaluate(declared).verdict == Verdict.PASS for c in METHODOLOGY.conditions)


def test_fuel_figures_are_taken_in_the_published_units_and_demo_defaults_say_so():
    (r,) = calculate({"EF_OM": "0.8", "EF_BM": "0.4", "vintages": [{"year": 2025, "EG_export": "1000", "fuels": [{"fuel": "diesel", "FC": "1"}]}]})
    assert r.used["fuel.diesel"]["units"] == "NCV GJ/unit, CC tC/GJ, OF %" and "DEMO figures" in r.used["fuel.diesel"]["source"].en
    with pytest.raises(UserError, match="OF 0.98 is not a percentage"):
        calculate({"EF_OM": "0.8", "EF_BM": "0.4", "vintages": [{"year": 2025, "EG_export": "1000",
                                                                  "fuels": [{"fuel": "diesel", "FC": "1", "OF": "0.98"}]}]})
    with pytest.raises(UserError, match="CC 20.2 is not in tC/GJ"):
        calculate({"EF_OM": "0.8", "EF_BM": "0.4", "vintages": [{"year": 2025, "EG_export": "1000",
                                                                  "fuels": [{"fuel": "diesel", "FC": "1", "CC": "20.2"}]}]})
