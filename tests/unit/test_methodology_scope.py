"""A methodology out of the project's scope says so plainly in `methodology check`: another sector, or another
technology than the methodology the project chose — never "applies once the evidence is given"."""

from __future__ import annotations

from tests.cli_helpers import run_cli


def test_offshore_wind_does_not_apply_to_a_desert_csp_plant_and_forestry_not_to_energy(tmp_path, capsys):
    db = tmp_path / "w.sqlite"
    created = run_cli(capsys, "--db", db, "project", "create", "--code", "MA-CSP-1", "--title-en", "Midelt CSP (test)",
                      "--programme", "bri", "--host-country", "MA", "--sector", "energy", "--methodology", "CCER-01-001",
                      "--methodology-version", "V01", "--agreement", "CN-MA MoU on the Belt and Road")
    assert created.code == 0, created.err
    site = run_cli(capsys, "--db", db, "site", "add", "MA-CSP-1", "--set", "name=Midelt field", "--set", "latitude=32.683611",
                   "--set", "longitude=-4.735278")  # a desert site: no distance to shore, no water depth
    assert site.code == 0, site.err
    checked = run_cli(capsys, "--db", db, "--format", "json", "methodology", "check", "MA-CSP-1")
    assert checked.code == 0, checked.err
    by_id = {r["methodology"]: r for r in checked.json()}
    wind = by_id["CCER-01-002-V01"]
    assert wind["applicable"] == "fail" and [c["key"] for c in wind["conditions"]] == ["scope"]  # no evidence asked for
    assert wind["conditions"][0]["explanation"]["en"] == ("this methodology is for Grid-connected offshore wind power generation; the project "
                                                          "is a Grid-connected solar thermal power generation project (it has chosen CCER-01-001-V01)")
    assert by_id["CCER-14-001-V01"]["conditions"][0]["explanation"]["en"].endswith("the project is in the Energy industries (renewable) sector")
    assert by_id["CCER-01-001-V01"]["applicable"] == "needs_evidence"  # its own methodology is checked condition by condition
    text = run_cli(capsys, "--db", db, "methodology", "check", "MA-CSP-1", "--methodology", "CCER-01-002")
    assert "does not apply: this methodology is for Grid-connected offshore wind power generation" in text.out
    assert "evidence" not in text.out
