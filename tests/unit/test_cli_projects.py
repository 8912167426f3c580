"""The foundation commands as a user types them (CONTRACTS.md §2)."""

from __future__ import annotations

import pytest

from tests.cli_helpers import file_digest, run_cli


def test_demo_creates_a_bri_wind_a_ccer_forest_a_bri_solar_thermal_and_a_ccer_mangrove_project(demo_db, capsys):
    listed = run_cli(capsys, "project", "list", "--db", demo_db, "--format", "json").json()
    assert [(p["code"], p["programme"], p["host_country"]) for p in listed] == [("VN-OFW-01", "bri", "VN"), ("GX-AR-01", "ccer", "CN"),
                                                                               ("VN-CSP-01", "bri", "VN"), ("GD-MG-01", "ccer", "CN")]
    shown = run_cli(capsys, "--format", "json", "project", "show", "VN-OFW-01", "--db", demo_db).json()
    roles = {(p["role"], p["nationality"]) for p in shown["parties"]}
    assert {("project_owner", "chinese"), ("co_developer", "host"), ("investor", "third_party")} <= roles
    again = run_cli(capsys, "demo", "--db", demo_db)
    assert again.code == 0 and "already" in again.out


def test_global_options_work_before_and_after_the_subcommand(demo_db, capsys):
    before = run_cli(capsys, "--db", str(demo_db), "--format", "json", "project", "list")
    after = run_cli(capsys, "project", "list", "--format", "json", "--db", demo_db)
    assert before.code == after.code == 0 and before.json() == after.json()


def test_show_lists_every_next_stage_with_reasons(demo_db, capsys):
    result = run_cli(capsys, "project", "show", "1", "--db", demo_db, "--format", "json").json()
    assert result["stage"] == "design"
    assert [m["stage"] for m in result["next"]] == ["pdd_publicity"]
    assert result["next"][0]["allowed"] is True
    text = run_cli(capsys, "project", "show", "1", "--db", demo_db).out
    assert "-> PDD public comment (" in text and "stage: Project design (PDD drafting)" in text and "pdd_publicity" not in text


def test_create_update_and_advance(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORKBENCH_TODAY", "2025-01-17")
    db = tmp_path / "w.sqlite"
    created = run_cli(
        capsys, "project", "create", "--db", db, "--code", "NEW-1", "--title-en", "New wind farm", "--programme", "ccer",
        "--host-country", "cn", "--sector", "energy", "--methodology", "CCER-01-002", "--construction-start", "2023-01-01",
        "--crediting-start", "2025-01-01", "--crediting-end", "2034-12-31",
    )
    assert created.code == 0, created.err
    blocked = run_cli(capsys, "stage", "advance", "NEW-1", "pdd_publicity", "--db", db)
    assert blocked.code == 2 and "no project owner" in blocked.err and "Traceback" not in blocked.err
    assert run_cli(capsys, "party", "add", "NEW-1", "--db", db, "--set", "name_en=Owner", "--set", "role=project_owner",
                   "--set", "nationality=chinese", "--set", "country=CN").code == 0
    assert run_cli(capsys, "site", "add", "NEW-1", "--db", db, "--set", "name=WTG", "--set", "latitude=30.123456",
                   "--set", "longitude=122.654321").code == 0
    moved = run_cli(capsys, "stage", "advance", "NEW-1", "pdd_publicity", "--db", db, "--reason", "PDD ready")
    assert moved.code == 0, moved.err
    early = run_cli(capsys, "stage", "advance", "NEW-1", "validation", "--db", db)
    assert early.code == 2 and "public comment period" in early.err
    updated = run_cli(capsys, "project", "update", "NEW-1", "--db", db, "--set", "title_zh=新风电场", "--format", "json")
    assert updated.json()["changed"] == {"title_zh": ["", "新风电场"]}


@pytest.mark.parametrize(
    "args, message",
    [
        (("project", "show", "999"), "no project with id or code '999'"),
        (("project", "update", "1", "--set", "construction_start=2023-13-45"), "is not a date"),
        (("project", "update", "1", "--set", "colour=blue"), "unknown field(s) colour"),
        (("site", "add", "1", "--set", "name=X", "--set", "latitude=95.000000", "--set", "longitude=100.000000"), "outside -90..90"),
        (("site", "add", "1", "--set", "name=X", "--set", "latitude=24.1", "--set", "longitude=100.000000"), "fewer than 6 decimals"),
        (("site", "add", "1", "--set", "name=X", "--set", "latitude=north", "--set", "longitude=100.000000"), "is not a number"),
        (("party", "add", "1", "--set", "role=king", "--set", "nationality=chinese", "--set", "country=CN"), "is not one of"),
        (("stage", "advance", "1", "issued"), "no move from Project design (PDD drafting) to Reductions issued"),
        (("stage", "advance", "1", "nowhere"), "is not a stage"),
        (("project", "create", "--code", "X", "--programme", "ccer", "--host-country", "ZZ", "--sector", "energy"), "ISO 3166"),
        (("project", "create", "--code", "VN-OFW-01", "--programme", "ccer", "--host-country", "CN", "--sector", "energy", "--title-en", "dup"), "already used"),
        (("project", "frobnicate"), "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_changes_nothing(demo_db, capsys, args, message):
    before = file_digest(demo_db)
    result = run_cli(capsys, *args, "--db", demo_db)
    assert result.code == 2
    assert message in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert file_digest(demo_db) == before


def test_a_missing_workspace_is_a_user_error(tmp_path, capsys):
    result = run_cli(capsys, "project", "list", "--db", tmp_path / "nope.sqlite")
    assert result.code == 2 and "no such workspace file" in result.err
    assert not (tmp_path / "nope.sqlite").exists()


def test_the_demo_wind_farm_is_ready_to_walk_the_whole_path(demo_db, capsys):
    pdd = run_cli(capsys, "document", "check", "pdd", "VN-OFW-01", "--db", demo_db, "--format", "json").json()
    # all written and engaged; only the demo's reference values (its DEMO grid edition among them) wait for confirmation
    assert pdd["complete"] is False and {m["section"]["en"] for m in pdd["missing"]} == {"Values to confirm"}
    assert any("EF_grid,OM,y" in m["item"]["en"] for m in pdd["missing"])
    totals = run_cli(capsys, "monitoring", "list", "VN-OFW-01", "--db", demo_db, "--format", "json").json()
    assert {(t["serial"], t["readings"]) for t in totals} == {("VN-EXP-0001", 8760), ("VN-IMP-0001", 8760)}
    findings = run_cli(capsys, "finding", "list", "VN-OFW-01", "--db", demo_db, "--format", "json").json()
    assert [(f["label"], f["status"]) for f in findings[0]["findings"]] == [("CAR-1", "closed"), ("FAR-1", "open")]
