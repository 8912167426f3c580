"""Project parameters described by the methodology's parameter list and the field specs (issue 21): ``parameter set``
refuses an unknown key naming the accepted ones by their labels, parses values by kind, and writes nothing when
refused; packages holding an unknown key still import, with a note."""

from __future__ import annotations

import json

from sqlalchemy import select

from tests.cli_helpers import file_digest, run_cli
from workbench.store.models_methodology import ProjectParameterRow
from workbench.store.workspace import open_workspace


def stored(db, key: str) -> str | None:
    ws = open_workspace(db)
    try:
        with ws.reading() as s:
            return s.scalar(select(ProjectParameterRow.value).where(ProjectParameterRow.key == key))
    finally:
        ws.close()


def test_an_unknown_key_is_refused_in_chinese_naming_the_accepted_keys_by_label(demo_db, capsys, chinese):
    before = file_digest(demo_db)
    refused = run_cli(capsys, "parameter", "set", "VN-OFW-01", "grid_note", "east", "--db", demo_db)
    assert refused.code == 2
    assert refused.err.startswith("错误：参数：'grid_note' 不是本项目的参数；可用的参数：")
    assert "grid（电网）" in refused.err and "meter_error_span（计量表超差修正的起始时点）" in refused.err
    assert "w_OM" not in refused.err  # the methodology's fixed values are not project values: nothing would read them
    assert "DBH" not in refused.err  # a forestry symbol is no parameter of a wind project
    assert "EG_export" not in refused.err  # monitored: it comes from the meter readings, not set once
    assert file_digest(demo_db) == before


def test_an_unknown_key_is_refused_in_english_and_json(demo_db, capsys):
    refused = run_cli(capsys, "parameter", "set", "VN-OFW-01", "grid_note", "east", "--db", demo_db, "--lang", "en")
    assert refused.err.startswith("error: Parameter: 'grid_note' is not a parameter of this project; accepted: grid (Grid), ")
    assert "meter_error_span (Correction of a meter found beyond its class starts)" in refused.err
    as_json = run_cli(capsys, "parameter", "set", "VN-OFW-01", "grid_note", "east", "--db", demo_db, "--format", "json", "--lang", "en")
    assert json.loads(as_json.err)["error"]["id"] == "error.parameter_keys.unknown"


def test_values_are_parsed_by_kind_with_bounds_and_unit_named_by_label(demo_db, capsys, chinese):
    before = file_digest(demo_db)
    weight = run_cli(capsys, "parameter", "set", "VN-OFW-01", "w_OM", "0.75", "--db", demo_db)
    assert weight.code == 2 and weight.err.startswith("错误：参数：'w_OM' 不是本项目的参数")
    generation = run_cli(capsys, "parameter", "set", "VN-OFW-01", "ex_ante_EG_MWh", "lots", "--db", demo_db, "--lang", "en")
    assert generation.code == 2 and "Expected annual net generation" in generation.err and "'lots'" in generation.err
    span = run_cli(capsys, "parameter", "set", "VN-OFW-01", "meter_error_span", "yesterday", "--db", demo_db, "--lang", "en")
    assert span.code == 2 and "Correction of a meter found beyond its class starts" in span.err and "previous_pass" in span.err
    fuel = run_cli(capsys, "parameter", "set", "VN-OFW-01", "fuel.diesel.OF", "120", "--db", demo_db)
    assert fuel.code == 2 and "燃料 diesel 的项目取值：OF" in fuel.err and "0..100 %" in fuel.err
    assert file_digest(demo_db) == before

    assert run_cli(capsys, "parameter", "set", "VN-OFW-01", "ex_ante_EG_MWh", " 1200000 ", "--db", demo_db).code == 0
    assert run_cli(capsys, "parameter", "set", "VN-OFW-01", "fuel.diesel.NCV", "43.33", "--db", demo_db).code == 0
    assert (stored(demo_db, "ex_ante_EG_MWh"), stored(demo_db, "fuel.diesel.NCV")) == ("1200000", "43.33")


def test_a_package_with_an_unknown_parameter_still_imports_with_a_note(demo_db, tmp_path, capsys, actor, chinese):
    ws = open_workspace(demo_db)
    try:
        with ws.transaction() as s:  # a key an earlier version let anyone set, as its package carries it
            project_id = s.scalar(select(ProjectParameterRow.project_id).where(ProjectParameterRow.key == "grid"))
            s.add(ProjectParameterRow(project_id=project_id, key="grid_note", value="east", source="", updated_at=actor.now()))
    finally:
        ws.close()
    old = tmp_path / "old.ccerpkg"
    assert run_cli(capsys, "package", "export", "VN-OFW-01", "--out", old, "--db", demo_db).code == 0

    chinese_copy, english_copy = tmp_path / "zh.sqlite", tmp_path / "en.sqlite"
    imported = run_cli(capsys, "package", "import", old, "--db", chinese_copy)
    assert imported.code == 0 and "VN-OFW-01：已新建" in imported.out
    assert "提示：保留了本版本未定义的参数（parameter set 不再接受这些参数；请核对后删除）：grid_note" in imported.out
    english = run_cli(capsys, "package", "import", old, "--db", english_copy, "--lang", "en")
    assert "note: kept parameters this version does not describe (parameter set refuses them; check and delete them): grid_note" in english.out
    assert stored(chinese_copy, "grid_note") == "east" and stored(chinese_copy, "grid") == "VN-National"

    again = run_cli(capsys, "parameter", "set", "VN-OFW-01", "grid_note", "west", "--db", chinese_copy)
    assert again.code == 2 and "'grid_note' 不是本项目的参数" in again.err
    assert stored(chinese_copy, "grid_note") == "east"
