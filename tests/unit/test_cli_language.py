"""The CLI in the user's language: errors, stage-blocking reasons and 'project show' (issue 20, done-when)."""

from __future__ import annotations

import json

from tests.cli_helpers import run_cli


def test_under_a_chinese_locale_an_error_is_chinese_and_names_the_field_by_its_label(demo_db, capsys, chinese):
    result = run_cli(capsys, "party", "add", "VN-OFW-01", "--db", demo_db, "--set", "name_en=X", "--set", "role=owner",
                     "--set", "nationality=chinese", "--set", "country=CN")
    assert result.code == 2
    assert result.err.startswith("错误：角色：'owner' 不在可选范围内：") and "project_owner（项目业主）" in result.err
    assert "role:" not in result.err


def test_lang_flag_beats_the_locale_and_json_errors_carry_id_message_and_field(demo_db, capsys, chinese):
    english = run_cli(capsys, "party", "add", "VN-OFW-01", "--db", demo_db, "--set", "name_en=X", "--set", "role=owner",
                      "--set", "nationality=chinese", "--set", "country=CN", "--lang", "en")
    assert english.err.startswith("error: Role: 'owner' is not one of: project_owner (Project owner)")
    as_json = run_cli(capsys, "party", "add", "VN-OFW-01", "--db", demo_db, "--set", "name_en=X", "--set", "role=owner",
                      "--set", "nationality=chinese", "--set", "country=CN", "--format", "json")
    error = json.loads(as_json.err)["error"]
    assert error["id"] == "error.fields.is_not_one_of" and error["field"] == "角色" and error["message"].startswith("角色：")


def test_stage_blocking_reasons_are_chinese_with_stage_labels(tmp_path, capsys, chinese, monkeypatch):
    monkeypatch.setenv("WORKBENCH_TODAY", "2025-01-17")
    db = tmp_path / "w.sqlite"
    assert run_cli(capsys, "project", "create", "--db", db, "--code", "NEW-1", "--title-zh", "新风电场", "--programme", "ccer",
                   "--host-country", "CN", "--sector", "energy").code == 0
    blocked = run_cli(capsys, "stage", "advance", "NEW-1", "pdd_publicity", "--db", db)
    assert blocked.code == 2
    assert blocked.err.startswith("错误：无法进入“项目设计文件公示”阶段：")
    assert "参与方中没有项目业主" in blocked.err and "未设置计入期" in blocked.err and "no project owner" not in blocked.err


def test_project_show_text_shows_labels_in_the_users_language(demo_db, capsys, chinese):
    text = run_cli(capsys, "project", "show", "VN-OFW-01", "--db", demo_db).out
    assert "机制：一带一路自愿减排合作" in text and "领域：能源产业（可再生能源）" in text and "阶段：项目设计" in text
    assert "项目业主" in text and "project_owner" not in text and "third_party" not in text
    english = run_cli(capsys, "project", "show", "VN-OFW-01", "--db", demo_db, "--lang", "en").out
    assert "programme: Belt and Road voluntary emission reduction cooperation" in english and "Project owner" in english
    data = run_cli(capsys, "project", "show", "VN-OFW-01", "--db", demo_db, "--format", "json").json()
    assert data["programme"] == "bri" and data["stage"] == "design" and data["parties"][0]["role"] == "project_owner"
