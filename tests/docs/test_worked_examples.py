"""The worked examples of docs/worked-examples.md: each input file through `workbench estimate` gives the
numbers the hand calculation there prints."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli

DOCS = Path(__file__).parents[2] / "docs"
CASES = [  # methodology, input, ER to the places the document prints, a figure the document states along the way
    ("CCER-01-002", "offshore_wind", D("569434.572"), "BE = 799,880 × 0.7119 = **569,434.572 t**"),
    ("CCER-01-001", "solar_thermal", D("101738.4217216992"), "PE = 10.2 × 3.0959096373… = **31.5782783008 t**"),
    ("CCER-14-001", "afforestation", D("37.197903"), "**ER = 38.153 − 0.955097 = 37.197903 tCO2**"),
    ("CCER-14-001", "species_group", D("311.812012"), "**ER = 340.424 − 28.611988 = 311.812012 tCO2**"),
    ("CCER-14-002", "mangrove", D("48.621786"), "**ER = 11.954786 + 36.667 = 48.621786 tCO2**"),
]


@pytest.mark.parametrize("methodology, name, er, stated", CASES)
def test_the_worked_example_reproduces_the_hand_calculation(capsys, methodology, name, er, stated):
    doc = (DOCS / "worked-examples.md").read_text(encoding="utf-8")
    assert f"`{name}.json`" in doc and stated in doc
    out = run_cli(capsys, "estimate", methodology, "--input", DOCS / "examples" / f"{name}.json", "--format", "json").json()
    (vintage,) = out["vintages"]
    places = -er.as_tuple().exponent
    assert D(vintage["ER"]).quantize(D(1).scaleb(-places)) == er and f"{er:,}" in doc


def test_the_sampling_plans_of_the_document_are_what_the_tool_gives(capsys):
    from workbench.methodology.forestry import sample_plan

    doc = (DOCS / "worked-examples.md").read_text(encoding="utf-8")
    assert "**3 plots needed**" in doc and "**n = 22**" in doc and "→ **10**" in doc and "→ **13**" in doc
    out = run_cli(capsys, "estimate", "CCER-14-001", "--input", DOCS / "examples" / "afforestation.json", "--format", "json").json()
    assert out["parameters_used"]["sampling"]["strata"]["A"] == {"measured": "3", "needed": "3", "short": "0"}
    assert sample_plan([60, 40], 0.04, [50, 80], [12, 24], 0.10) == (22, [10, 13])
