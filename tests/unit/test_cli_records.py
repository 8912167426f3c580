"""Records a command takes as separate arguments — engagement, finding, period, transfer, retirement, Article 6,
decision, calibration — are parsed by their field specs: a bad value is refused in the user's language, naming the
field by its label and what it accepts, and nothing is written (issue 20)."""

from __future__ import annotations

import pytest

from tests.cli_helpers import file_digest, run_cli

# (command, the field's label in Chinese, what the message says is accepted or wrong)
REFUSED = [
    (("vvb", "engage", "VN-CSP-01", "--vvb", "x", "--kind", "validation", "--team", "A, B"), "审定与核查机构", "不是记录编号"),
    (("vvb", "engage", "VN-CSP-01", "--vvb", "1", "--kind", "audit", "--team", "A, B"), "类型", "validation（审定）、verification（核查）"),
    (("vvb", "engage", "VN-CSP-01", "--vvb", "1", "--kind", "validation", "--team", " "), "团队", "必须填写"),
    (("finding", "raise", "1", "--type", "bad", "--text", "t"), "发现类型", "CAR（不符合项（CAR））"),
    (("finding", "raise", "1", "--type", "car", "--text", " "), "内容", "必须填写"),
    (("period", "add", "VN-CSP-01", "--start", "2026-01-01", "--end", "2026-02-30"), "结束日期", "不是日期"),
    (("transfer", "1", "--to", "1", "--quantity", "abc"), "数量（吨）", "不是整数"),
    (("transfer", "1", "--to", "1", "--quantity", "0"), "数量（吨）", "超出 1.."),
    (("transfer", "1", "--to", "1", "--quantity", "5", "--price", "-1", "--currency", "USD"), "单价", "超出 0.."),
    (("retire", "1", "--quantity", "2", "--purpose", "x", "--beneficiary", "y", "--use", "nope"), "减排量用途", "voluntary（自愿使用）"),
    (("retire", "1", "--quantity", "2", "--purpose", "x", "--beneficiary", "y", "--compliance-year", "1999"), "履约年度", "2005..2100"),
    (("article6", "1", "--country", "Atlantis", "--use", "ndc", "--authorised", "yes"), "国家", "Atlantis"),
    (("article6", "1", "--country", "VN", "--use", "ndc", "--authorised", "yes", "--adjustment", "maybe"), "相应调整", "不在可选范围内"),
    (("decision", "add", "VN-CSP-01", "--kind", "vote", "--on", "2025-01-01", "--ref", "A"), "类型", "registration（项目登记）"),
    (("decision", "add", "VN-CSP-01", "--kind", "registration", "--on", "2025-13-01", "--ref", "A"), "决定日期", "不是日期"),
    (("meter", "calibrate", "VN-CSP-01", "NT-EXP-0001", "--on", "2025-05-01", "--error", "200"), "校验误差（%）", "超出 -100..100"),
    (("meter", "calibrate", "VN-CSP-01", "NT-EXP-0001", "--on", "yesterday", "--error", "0.1"), "校准日期", "不是日期"),
]


def test_each_record_is_refused_by_its_spec_naming_the_field_and_nothing_is_written(demo_db, capsys):
    before = file_digest(demo_db)
    wrong = []
    for command, label, said in REFUSED:
        result = run_cli(capsys, *command, "--db", demo_db, "--lang", "zh")
        if result.code != 2 or not result.err.startswith(f"错误：{label}：") or said not in result.err:
            wrong.append((command, result.code, result.err.strip()))
    assert wrong == []
    assert file_digest(demo_db) == before


@pytest.mark.parametrize("lang, expected", [("en", "error: Quantity (t): 'abc' is not a whole number"),
                                            ("zh", "错误：数量（吨）：'abc' 不是整数")])
def test_the_field_is_named_by_its_label_in_either_language(demo_db, capsys, lang, expected):
    result = run_cli(capsys, "retire", "1", "--quantity", "abc", "--purpose", "x", "--beneficiary", "y", "--db", demo_db, "--lang", lang)
    assert result.err.strip() == expected


def test_good_values_still_go_through(demo_db, capsys):
    ledger = run_cli(capsys, "ledger", "VN-CSP-01", "--db", demo_db, "--format", "json").json()
    block = next(b for b in ledger if b["status"] in ("issued", "transferred") and b["quantity"] > 3)
    retired = run_cli(capsys, "retire", block["block"], "--quantity", "2", "--purpose", "offset 2026", "--beneficiary", "Acme",
                      "--compliance-year", "2026", "--use", "ets_offset", "--db", demo_db, "--format", "json")
    assert retired.code == 0, retired.err
    draft = next(e["engagement"] for e in run_cli(capsys, "finding", "list", "VN-OFW-01", "--db", demo_db, "--format", "json").json()
                 if e["report"] == "draft")
    raised = run_cli(capsys, "finding", "raise", draft, "--type", "cl", "--text", "Clarify the meter list", "--db", demo_db, "--format", "json")
    assert raised.code == 0 and raised.json()["label"].startswith("CL-")  # the type in either case
