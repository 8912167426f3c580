"""Wording the workbench stores — calculation traces, audit and stage-change reasons, package-import notes — is kept
as catalogue message ids with parameters and worded in the reader's language when shown; wording stored as plain
text by an older version still reads as it is (issue 20)."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date
from decimal import Decimal

from tests.cli_helpers import run_cli
from workbench.domain.stages import Stage
from workbench.domain.text import Bilingual, Joined, Text, line_text, restored, stored, stored_line, worded

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_a_stored_message_comes_back_with_its_parameters_and_labels():
    text = Text("error.lifecycle.blocked", stage=Stage.VALIDATION, reasons=Joined((Text("lifecycle_guards.no_methodology_chosen"), "x")))
    kept = json.loads(json.dumps(stored({"why": text, "on": date(2025, 1, 6), "error": Decimal("0.002"), "flags": [Bilingual("a", "甲")]})))
    assert kept["on"] == "2025-01-06" and kept["error"] == "0.002" and kept["why"]["$text"] == "error.lifecycle.blocked"
    assert worded(kept["why"], "zh") == "无法进入“审定”阶段：未选择方法学；x" and worded(kept["why"], "en") == text.en
    assert restored(kept["flags"]) == [Bilingual("a", "甲")]
    # what an older version stored: plain English, and flags as {"en", "zh"}
    assert worded("calibrated on 2025-01-06 within its class", "zh") == "calibrated on 2025-01-06 within its class"
    assert worded({"en": "old flag", "zh": "旧标记"}, "zh") == "旧标记"


def test_a_stored_message_is_marked_so_a_record_with_an_id_is_never_taken_for_one():
    plot = {"id": "P-07", "area_m2": "400", "trees": [{"id": "reason.import", "dbh": "12.5"}]}
    kept = json.loads(json.dumps(stored({"plots": [plot], "why": Text("reason.import", file="a.csv")})))
    assert restored(kept["plots"]) == [plot] and restored(kept["why"]) == Text("reason.import", file="a.csv")
    assert restored({"id": "P-07"}) == {"id": "P-07"} and restored({"id": "reason.import", "dbh": "1"}) == {"id": "reason.import", "dbh": "1"}
    # as the version before the mark stored a message: still read (older workspaces, packages, the audit chain)
    assert restored({"id": "reason.import", "params": {"file": "a.csv"}}) == Text("reason.import", file="a.csv")
    assert restored([{"id": "stage.design"}]) == [Text("stage.design")]
    assert line_text('{"id": "reason.project_created", "params": {}}').zh == "创建项目"
    assert line_text('{"id": "P-07"}') == '{"id": "P-07"}' and line_text('{"$text": 3}') == '{"$text": 3}'  # typed text stays


def test_a_reason_column_holds_a_message_or_what_the_user_typed():
    kept = stored_line(Text("reason.import", file="meter 2025.csv"))
    assert line_text(kept).zh == "导入 meter 2025.csv" and line_text(kept).en == "import meter 2025.csv"
    assert line_text("Publicity ended without comments") == "Publicity ended without comments"
    assert line_text('{"id": broken') == '{"id": broken' and line_text(None) == ""


def test_a_reason_in_json_has_one_shape_whether_the_workbench_or_the_user_wrote_it(demo_db, capsys):
    """``{"id", "message"}``: the catalogue id (None for what the user typed) and the text in the command's language."""
    assert run_cli(capsys, "project", "update", "VN-CSP-01", "--set", "title_en=CSP", "--reason", "按业主来函更名",
                   "--db", demo_db).code == 0
    log = run_cli(capsys, "audit", "log", "VN-CSP-01", "--db", demo_db, "--format", "json", "--lang", "en").json()
    assert all(set(e["reason"]) == {"id", "message"} for e in log)
    assert log[-1]["reason"] == {"id": None, "message": "按业主来函更名"}
    assert any(e["reason"]["id"] == "reason.demo_readings_and_gas" and e["reason"]["message"] == "demo readings and gas deliveries 2025" for e in log)
    shown = run_cli(capsys, "project", "show", "VN-CSP-01", "--db", demo_db, "--format", "json").json()
    assert all(set(h["reason"]) == {"id", "message"} and h["reason"]["message"] for h in shown["history"])
    blocking = [r for m in shown["next"] for r in m["reasons"]]  # a stage's blocking reasons: the same two keys, with the rule's
    assert blocking and all({"id", "message"} <= set(r) and "en" not in r and r["message"] for r in blocking)


def test_the_demos_calculations_keep_message_ids_not_english(demo_db):
    with sqlite3.connect(demo_db) as con:
        traces = [json.loads(t) for (t,) in con.execute("SELECT calculation FROM vintage_result")]
    energy = next(t for t in traces if "corrections" in t)
    whys = [c["why"] for c in energy["corrections"]]
    assert whys and all(isinstance(w, dict) and w["$text"].startswith("meter_span.") for w in whys)
    assert all(CJK.search(worded(w, "zh")) for w in whys)
    assert worded(whys[0], "zh") == "此前未经校准：按其准确度等级的最大允许误差"
    assert energy["grid_factor"]["$text"] == "cite.grid_factor" and "核查：2025 年版本或其前最新版本" in worded(energy["grid_factor"], "zh")
    assert energy["fuel.natural_gas"]["source"]["$text"] == "cite.fuel_default"
    assert "（待确认）" in worded(energy["fuel.natural_gas"]["source"], "zh")


def test_the_audit_log_and_package_notes_read_in_the_users_language(demo_db, capsys, tmp_path):
    zh = run_cli(capsys, "audit", "log", "VN-CSP-01", "--db", demo_db, "--lang", "zh").out
    en = run_cli(capsys, "audit", "log", "VN-CSP-01", "--db", demo_db, "--lang", "en").out
    assert "演示读数及天然气交付 2025 年" in zh and "项目设计文件 1.0 版由秘书处公示 20 个工作日" in zh and "demo readings" not in zh
    assert "demo readings and gas deliveries 2025" in en and "PDD v1.0 published by the secretariat" in en
    with sqlite3.connect(demo_db) as con:
        reasons = [r for (r,) in con.execute("SELECT reason FROM audit_entry WHERE reason != ''")]
    assert reasons and all(r.startswith('{"$text": ') for r in reasons)  # the demo typed nothing: every reason is a message
    shown = run_cli(capsys, "project", "show", "VN-CSP-01", "--db", demo_db, "--format", "json", "--lang", "zh").json()
    assert shown["history"][0]["reason"] == {"id": "reason.project_created", "message": "创建项目"}
    package = tmp_path / "csp.zip"
    assert run_cli(capsys, "package", "export", "VN-CSP-01", "--out", package, "--db", demo_db).code == 0
    copied = run_cli(capsys, "package", "import", package, "--as-new-copy", "VN-CSP-02", "--db", demo_db, "--lang", "zh")
    assert copied.code == 0 and "副本不含 VN-CSP-01 的" in copied.out and "the copy carries" not in copied.out
    log = run_cli(capsys, "audit", "log", "VN-CSP-02", "--db", demo_db, "--lang", "zh").out
    assert "项目包 csp.zip（由 " in log
    with sqlite3.connect(demo_db) as con:
        (payload,) = con.execute("SELECT payload FROM audit_entry WHERE action = 'package.import' ORDER BY id DESC LIMIT 1").fetchone()
    (note,) = json.loads(payload)["result"]["notes"]
    assert note["$text"] == "packages.copy_without_ledger"
