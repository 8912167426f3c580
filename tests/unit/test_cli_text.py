"""The CLI's text output in Chinese and English: labels, country names and catalogue wording, never a stored value or
an internal key; JSON output keeps the values (issue 20)."""

from __future__ import annotations

import re

import pytest

from tests.cli_helpers import run_cli
from tests.unit.test_catalogue import labelled_enums
from workbench.domain.catalogue import translations

# The commands a user reads on a terminal, over the demo's three projects (one issued, with a ledger).
COMMANDS = [
    ("project", "list"), ("project", "show", "VN-OFW-01"), ("project", "show", "GX-AR-01"), ("project", "show", "VN-CSP-01"),
    ("ledger", "VN-CSP-01"), ("account", "list"), ("agreement", "list"), ("decision", "list", "VN-CSP-01"),
    ("period", "list", "VN-CSP-01"), ("meter", "list", "VN-CSP-01"), ("monitoring", "list", "VN-CSP-01"),
    ("monitoring", "list", "VN-CSP-01", "--kind", "fuel"), ("monitoring", "list", "GX-AR-01", "--kind", "plots"),
    ("finding", "list", "VN-CSP-01"), ("vvb", "list"), ("risk", "list", "VN-CSP-01"), ("deadlines", "VN-OFW-01"),
    ("evidence", "list", "VN-CSP-01"), ("audit", "log", "VN-CSP-01"), ("methodology", "list"),
    ("grid-factor", "list"), ("document", "check", "pdd", "VN-OFW-01"), ("offset-check", "1", "--market", "national-ets",
                                                                           "--compliance-year", "2026"),
    ("methodology", "check", "GX-AR-01"), ("methodology", "check", "VN-CSP-01"), ("fuel-default", "list"),
]
# Keys the methodologies' data use: a fuel is shown by its name, evidence by what it is (the CLI's hint names the
# parameter only inside the command to type).
DATA_KEYS = ("natural_gas", "liquefied_petroleum_gas", "(evidence.")
FIELD_KEYS = ("host_country", "crediting_start", "crediting_end", "methodology_id", "accuracy_class", "name_en", "name_zh")
ACTIONS = ("project.create", "party.add", "site.add", "stage.advance", "meter.add", "period.calculate", "finding.raise")


def leaks() -> re.Pattern:
    """Stored values and keys a reader should never meet: compound enum values (``project_owner``, ``due-soon``),
    the programme codes, field keys and audit action codes, as whole words."""
    values = {m.value for enum in labelled_enums() for m in enum if re.search(r"[_-]", m.value)} | {"bri", "ccer"}
    words = sorted(values | set(FIELD_KEYS) | set(ACTIONS), key=len, reverse=True)
    return re.compile(r"(?<![\w.-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_output_shows_labels_and_names_never_values_or_keys(demo_db, capsys, lang):
    pattern, found = leaks(), []
    for command in COMMANDS:
        result = run_cli(capsys, *command, "--db", demo_db, "--lang", lang)
        assert result.code == 0, (command, result.err)
        found += [f"{' '.join(command)}: {m.group(0)!r} in {line.strip()[:80]!r}"
                  for line in result.out.splitlines() for m in pattern.finditer(line)]
        found += [f"{' '.join(command)}: {key!r}" for key in DATA_KEYS if key in result.out]
    assert found == []


def test_column_titles_and_status_lines_follow_the_language(demo_db, capsys):
    zh = run_cli(capsys, "ledger", "VN-CSP-01", "--db", demo_db, "--lang", "zh").out
    en = run_cli(capsys, "ledger", "VN-CSP-01", "--db", demo_db, "--lang", "en").out
    assert zh.splitlines()[0].split() == ["序列号段", "登记系统", "持有人", "年份", "吨", "状态", "序列号"]
    assert "已注销" in zh and "越南" in zh and "Retired" in en and "Viet Nam" in en
    assert "block" not in zh and "registry" not in zh
    added = run_cli(capsys, "party", "add", "VN-OFW-01", "--db", demo_db, "--lang", "zh", "--set", "name_zh=新方", "--set", "role=investor",
                    "--set", "nationality=third_party", "--set", "country=SE")
    assert re.fullmatch(r"已添加参与方 \d+\n", added.out)


def test_project_show_names_the_host_country_and_the_next_stage_by_label(demo_db, capsys):
    zh = run_cli(capsys, "project", "show", "VN-OFW-01", "--db", demo_db, "--lang", "zh").out
    en = run_cli(capsys, "project", "show", "VN-OFW-01", "--db", demo_db, "--lang", "en").out
    assert "东道国：越南" in zh and "-> 项目设计文件公示（" in zh and "[pdd_publicity]" not in zh
    assert "host: Viet Nam" in en and "-> PDD public comment (" in en and "pdd_publicity" not in en
    data = run_cli(capsys, "project", "show", "VN-OFW-01", "--db", demo_db, "--format", "json", "--lang", "zh").json()
    assert data["host_country"] == "VN" and data["next"][0]["stage"] == "pdd_publicity"


def test_a_stage_may_be_named_by_its_label(demo_db, capsys, monkeypatch):
    moved = run_cli(capsys, "stage", "advance", "VN-OFW-01", "项目设计文件公示", "--db", demo_db, "--lang", "zh")
    assert moved.code == 0 and moved.out == "已进入“项目设计文件公示”阶段\n"
    data = run_cli(capsys, "project", "show", "VN-OFW-01", "--db", demo_db, "--format", "json").json()
    assert data["stage"] == "pdd_publicity"


def test_help_is_in_the_users_language(capsys):
    with pytest.raises(SystemExit):
        run_cli(capsys, "ledger", "--help", "--lang", "zh")
    text = capsys.readouterr().out
    assert translations("zh").gettext("cli.help.issuance.also_write_one_row_per") in text
    assert "同时将每个序列号段一行写入此 CSV 文件" in text and "also write" not in text


def test_every_audited_action_has_a_label():
    """The audit log's action codes (``write_action(ws, actor, CODE)``, ``Change(CODE, …)``) are shown by label."""
    import ast
    from pathlib import Path

    from workbench.domain.catalogue import has

    codes = set()
    for file in (Path(__file__).resolve().parents[2] / "workbench" / "services").rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                code = (node.args[2] if node.func.id == "write_action" and len(node.args) > 2
                        else node.args[0] if node.func.id == "Change" and node.args else None)
                if isinstance(code, ast.Constant) and isinstance(code.value, str):
                    codes.add(code.value)
    assert len(codes) > 30
    assert [c for c in sorted(codes) if not has(f"action.{c}", "en") or not has(f"action.{c}", "zh")] == []


def test_argparses_own_words_follow_the_language(capsys):
    """usage:, options:, positional arguments and argparse's errors come from the catalogue, headings end with the
    language's colon, and only while a command line is parsed (argparse elsewhere in the process words as Python does)."""
    import argparse

    with pytest.raises(SystemExit):
        run_cli(capsys, "ledger", "--help", "--lang", "zh")
    help_zh = capsys.readouterr().out
    assert help_zh.startswith("用法：workbench ledger") and "\n选项：\n" in help_zh and "\n位置参数：\n" in help_zh and "显示本帮助并退出" in help_zh
    assert "usage:" not in help_zh and "options:" not in help_zh and "show this help" not in help_zh
    assert [line for line in help_zh.splitlines() if line.endswith(":")] == []
    with pytest.raises(SystemExit):
        run_cli(capsys, "ledger", "--help", "--lang", "en")
    help_en = capsys.readouterr().out
    assert help_en.startswith("usage: workbench ledger") and "\noptions:\n" in help_en
    missing = run_cli(capsys, "transfer", "1", "--lang", "zh")
    assert missing.code == 2 and missing.err == "错误：workbench transfer：缺少以下参数：--to, --quantity\n"
    assert run_cli(capsys, "project", "--lang", "zh").err == "错误：workbench project：缺少以下参数：操作\n"
    unknown = run_cli(capsys, "ledger", "X", "--bogus", "--lang", "zh").err
    assert unknown == "错误：workbench：无法识别的参数：--bogus\n"
    typo = run_cli(capsys, "projct", "--lang", "zh").err
    assert typo.startswith("错误：workbench：参数 命令：无效的选项：'projct'（可选：") and "TransactionKind" not in typo and "'pledge'" in typo
    assert argparse.ArgumentParser(prog="x").format_usage() == "usage: x [-h]\n"
    assert "\noptions:\n" in argparse.ArgumentParser(prog="x").format_help()
