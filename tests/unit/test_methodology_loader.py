"""The methodology index: each id names the package that holds it, so one methodology loads alone."""

from __future__ import annotations

import subprocess
import sys

import pytest

import methodologies
from workbench.domain.errors import UserError
from workbench.methodology.loader import all_methodologies, get


def test_the_index_names_every_package_found_by_its_methodologys_id():
    found = {m.id: m for m in all_methodologies().values()}
    assert set(methodologies.PACKAGES) == set(found)
    for methodology_id, package in methodologies.PACKAGES.items():
        assert sys.modules[f"methodologies.{package}"].METHODOLOGY is found[methodology_id]


@pytest.mark.parametrize("asked", ["CCER-01-002", "ccer-01-002-v01", " CCER-01-002-V01 "])
def test_a_methodology_by_its_id_or_full_id_loads_its_package_alone(asked):
    code = ("import sys; from workbench.methodology.loader import get; m = get(%r);"
            " print(m.full_id, sorted(n for n in sys.modules if n.startswith('methodologies.') and n.count('.') == 1))" % asked)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["CCER-01-002-V01", "['methodologies.offshore_wind']"]


@pytest.mark.parametrize("asked", ["CCER-01-002-V09", "CCER-99-001", "wind"])
def test_an_unknown_id_or_version_is_refused_naming_the_known_ones(asked):
    with pytest.raises(UserError, match="CCER-01-001, CCER-01-002, CCER-14-001, CCER-14-002"):
        get(asked)
