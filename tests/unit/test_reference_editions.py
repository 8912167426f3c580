"""Grid-factor editions a user enters are used everywhere a shipped one is: a BRI project outside China gets its
baseline from the host country's edition (here Morocco, CSP), confirmed by a named person against a named source."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal as D

import pytest

from tests.cli_helpers import run_cli
from workbench.domain.errors import UserError
from workbench.methodology import grid_factors
from workbench.reference import parse_rows

EDITION = ["grid=MA-National", "edition=Morocco national grid factors 2022 (test figures)", "data_year=2022", "ef_om=0.7200",
           "ef_bm=0.6000", "source=test figures entered by hand, not a published table", "published=2024-06-01"]


def cli(capsys, db, *args):
    result = run_cli(capsys, "--db", db, "--format", "json", *args)
    assert result.code == 0, result.err
    return result.json()


def test_a_morocco_csp_project_gets_its_baseline_from_a_user_entered_host_country_edition(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORKBENCH_TODAY", "2026-02-01")
    db = tmp_path / "w.sqlite"
    cli(capsys, db, "project", "create", "--code", "MA-CSP-01", "--title-en", "Noor-type CSP plant (test)", "--programme", "bri",
        "--host-country", "MA", "--sector", "energy", "--agreement", "China–Morocco cooperation (test)", "--methodology", "CCER-01-001",
        "--methodology-version", "V01", "--construction-start", "2022-01-01", "--operation-start", "2024-07-01", "--lifetime", "25",
        "--crediting-start", "2025-01-01", "--crediting-end", "2034-12-31")
    unknown = run_cli(capsys, "--db", db, "parameter", "set", "MA-CSP-01", "grid", "MA-National")
    assert unknown.code == 2 and "unknown grid 'MA-National'" in unknown.err and "grid-factor add" in unknown.err
    added = cli(capsys, db, "grid-factor", "add", *[x for pair in EDITION for x in ("--set", pair)])
    cli(capsys, db, "parameter", "set", "MA-CSP-01", "grid", "MA-National")
    shown = cli(capsys, db, "grid-factor", "show", "MA-CSP-01", "--stage", "verification", "--vintage", "2025")
    assert (shown["ef_om"], shown["ef_bm"], shown["overridden"], shown["confirm"]) == ("0.7200", "0.6000", True, True)
    cli(capsys, db, "meter", "add", "MA-CSP-01", "--set", "serial=MA-EXP-1", "--set", "role=export", "--set", "accuracy_class=0.2S",
        "--set", "calibrated_on=2024-12-15", "--set", "calibration_error=0.1")
    days = [date.fromordinal(date(2025, 6, 1).toordinal() + i) for i in range(10)]
    (tmp_path / "r.csv").write_text("meter,start,minutes,kwh\n" + "".join(f"MA-EXP-1,{d} 00:00,1440,500000\n" for d in days))
    cli(capsys, db, "monitoring", "import", "MA-CSP-01", tmp_path / "r.csv")
    cli(capsys, db, "period", "add", "MA-CSP-01", "--start", "2025-01-01", "--end", "2025-12-31")
    result = cli(capsys, db, "period", "calculate", "MA-CSP-01", "1")
    # 10 d × 500 MWh = 5,000 MWh, calibrated on time within class 0.2S → no correction; EF_CM = 0.5 × 0.72 + 0.5 × 0.60
    # = 0.66 tCO2/MWh; BE = 3,300 t; no auxiliary fuel → PE = 0; ER = 3,300 t
    assert (D(result["vintages"]["2025"]["reductions"]), result["vintages"]["2025"]["credited"]) == (D("3300"), 3300)
    listed = cli(capsys, db, "grid-factor", "list")
    (mine,) = [r for r in listed if r["grid"] == "MA-National"]
    assert (mine["id"], mine["origin"], mine["confirm"], mine["confirmed"]) == (added["id"], "user", True, "")
    cli(capsys, db, "grid-factor", "confirm", str(added["id"]), "--source", "ONEE note 2024, table 3, p. 12")
    (mine,) = [r for r in cli(capsys, db, "grid-factor", "list") if r["grid"] == "MA-National"]
    assert mine["confirm"] is False and re.fullmatch(r"tester on \d{4}-\d\d-\d\d against ONEE note 2024, table 3, p\. 12", mine["confirmed"])
    assert "confirmed by tester" in run_cli(capsys, "--db", db, "grid-factor", "show", "MA-CSP-01").out
    # the edition travels with the project's package: the receiver gets the same factors, confirmation and result
    cli(capsys, db, "package", "export", "MA-CSP-01", "--out", tmp_path / "ma.zip")
    other = tmp_path / "other.sqlite"
    cli(capsys, other, "package", "import", tmp_path / "ma.zip")
    (theirs,) = [r for r in cli(capsys, other, "grid-factor", "list") if r["grid"] == "MA-National"]
    assert (theirs["ef_om"], theirs["ef_bm"], theirs["confirmed"]) == ("0.7200", "0.6000", mine["confirmed"])
    assert D(cli(capsys, other, "period", "calculate", "MA-CSP-01", "1")["vintages"]["2025"]["reductions"]) == D("3300")
    cli(capsys, other, "package", "import", tmp_path / "ma.zip", "--take", "incoming")
    assert len([r for r in cli(capsys, other, "grid-factor", "list") if r["grid"] == "MA-National"]) == 1  # not stored twice


def test_the_verification_stage_takes_year_y_only_if_published_when_the_report_was_uploaded():
    rows = parse_rows(grid_factors.TABLE, "key,edition,data_year,ef_om,ef_bm,unit,source,valid_from\n"
                      "MA-National,2022 edition,2022,0.72,0.60,tCO2/MWh,test,2024-06-01\n"
                      "MA-National,2025 edition,2025,0.70,0.58,tCO2/MWh,test,2026-05-01\n", origin="t", overridden=True,
                      decimal_columns=("ef_om", "ef_bm", "data_year"))
    # report uploaded 2026-03-02, before the 2025 edition was published: the latest earlier year
    assert grid_factors.pick("MA-National", "verification", date(2026, 3, 2), 2025, rows).data_year == 2022
    assert grid_factors.pick("MA-National", "verification", date(2026, 6, 1), 2025, rows).data_year == 2025
    assert grid_factors.pick("MA-National", "pdd", date(2026, 6, 1), None, rows).data_year == 2025
    assert grid_factors.pick("MA-National", "validation", date(2025, 1, 1), None, rows).data_year == 2022


def test_a_grid_edition_with_missing_or_implausible_figures_is_refused(ws, actor):
    from workbench.services.methodology import reference_editions

    values = dict(pair.split("=", 1) for pair in EDITION)
    with pytest.raises(UserError, match="missing source, published"):
        reference_editions.add_grid_edition(ws, actor, {k: v for k, v in values.items() if k not in ("source", "published")})
    with pytest.raises(UserError, match="ef_om 720 tCO2/MWh is outside 0..2"):
        reference_editions.add_grid_edition(ws, actor, {**values, "ef_om": "720"})
    reference_editions.add_grid_edition(ws, actor, values)
    with pytest.raises(UserError, match="already has edition"):
        reference_editions.add_grid_edition(ws, actor, values)
    with pytest.raises(UserError, match="say which published document"):
        reference_editions.confirm_grid_edition(ws, actor, 1, " ")


def test_no_shipped_grid_factor_lacks_a_read_source():
    """The Chinese regional factors were never read from the MEE table, so none is shipped; the one shipped row is
    the demo edition, labelled as such wherever it is cited."""
    rows = grid_factors.table().rows
    assert [(r.key, r.columns["demo"]) for r in rows] == [("VN-National", "yes")]
    assert "DEMO edition" in grid_factors.pick("VN-National", "pdd", date(2026, 1, 1)).cite().en
