"""What users read cites published texts in their own language: no notes of ours (``DOMAIN.md §2``, "seed 000"), no
English sentence inside a Chinese message, no parser's English (newcomer trial, finding 20)."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from workbench.domain import catalogue
from workbench.domain.errors import UserError, parse_problem
from workbench.domain.project import CreditingPeriod, ProjectDates
from workbench.locale.build import read
from workbench.methodology.conditions import crediting_rule
from workbench.reference import load_table, thresholds_on
from workbench.services.monitoring.boundary_files import read_geojson
from workbench.services.projects.eligibility_facts import provide

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_DATA = sorted([*(ROOT / "workbench/reference/data").glob("*.csv"), *(ROOT / "methodologies").glob("*/data/*.csv")])
OUR_NOTES = re.compile(r"\b[A-Z_]+\.md\b|\bseed 00\d", re.IGNORECASE)
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]+(?:[ ,-]+[A-Za-z]+){3,}")  # four English words in a row
WORDS_IN_A_ROW = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*(?:[ ,]+[A-Za-z]*[a-z][A-Za-z]*){3,}")  # formats (YYYY-MM-DD HH) aside


def test_no_message_or_shipped_reference_value_cites_our_own_notes():
    for lang in ("en", "zh"):
        cited = [m.id for m in read(lang) if m.id and OUR_NOTES.search(catalogue.translations(lang).gettext(m.id))]
        assert cited == [], lang
    for path in SHIPPED_DATA:
        for line, row in enumerate(csv.DictReader(path.open(encoding="utf-8")), start=2):
            assert not [v for v in row.values() if v and OUR_NOTES.search(v)], f"{path.relative_to(ROOT)} line {line}"


@pytest.mark.parametrize("table", ["procedure_thresholds", "eligibility_cutoffs", "offset_rules"])
def test_sources_shown_in_chinese_messages_have_chinese_wording(table):
    for row in load_table(table).rows:
        assert row.columns.get("source_zh"), (table, row.key)
        assert not ENGLISH_SENTENCE.search(row.cited.zh), (table, row.key, row.cited.zh)


def test_a_crediting_period_too_long_is_worded_wholly_in_chinese():
    rule = crediting_rule(load_table("parameters", ROOT / "methodologies/offshore_wind/data", decimal_columns=("value",)), "CCER-01-002-V01", True)
    dates = ProjectDates(operation_start=date(2027, 1, 1), lifetime_years=25, crediting=CreditingPeriod(date(2027, 1, 1), date(2040, 12, 31)))
    (reason,) = rule.problems(dates)
    zh = reason.text.in_lang("zh")
    assert "第5.2.2条" in zh and not ENGLISH_SENTENCE.search(zh), zh  # the shot: "(CCER-01-002-V01 §5.2.2: at most 10 years, …)"
    assert "CCER-01-002-V01 §5.2.2: at most 10 years" in reason.text.in_lang("en")


def test_eligibility_and_thresholds_cite_their_chinese_source():
    cut = provide(None, type("Project", (), {"programme": "ccer"})(), date(2025, 3, 3))
    assert "管理办法" in cut.source.in_lang("zh") and "待核对" in cut.source.in_lang("zh")
    assert "MEE/SAMR Measures 2023" in cut.source.in_lang("en")
    assert thresholds_on(date(2025, 3, 3))["bri.vvb_team_min"].cited.zh.startswith("参照")


def test_a_malformed_json_file_is_described_in_the_users_language(tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection"\n "features": []}', encoding="utf-8")
    with pytest.raises(UserError) as refused:
        read_geojson(bad)
    assert refused.value.in_lang("zh").endswith("不是 GeoJSON(第 2 行第 2 列处不是有效的 JSON)")
    assert "Expecting" not in refused.value.in_lang("zh") and "Expecting" not in refused.value.in_lang("en")
    assert refused.value.in_lang("en").endswith("(not valid JSON at line 2, column 2)")
    assert parse_problem(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")).in_lang("zh") == "不是 UTF-8 文本（第 1 字节）"


def test_examples_agree_across_languages_and_name_what_ships():
    """The newcomer saw Africa/Casablanca in English, Asia/Shanghai in Chinese and a Moroccan grid for a Viet Nam project."""
    example = re.compile(r"[A-Za-z_]+/[A-Za-z_]+|UTC[+-]\d\d:\d\d|[A-Z]{2}-[A-Za-z]+")
    for message_id in ("mapping.readings.time_zone", "ui.reference.grid_example", "cli.help.methodology.add_one_grid_s_factors"):
        shown = {lang: example.findall(catalogue.translations(lang).gettext(message_id)) for lang in ("en", "zh")}
        assert shown["en"] and shown["en"] == shown["zh"], (message_id, shown)
    grids = {row.key for row in load_table("grid_emission_factors").rows}
    assert set(example.findall(catalogue.translations("en").gettext("ui.reference.grid_example"))) <= grids


def test_chinese_messages_carry_no_english_sentence():
    """Outside quotes, placeholders and names, a Chinese message has no run of four English words; a command line the
    CLI names is allowed where the GUI has its own wording (``ID.gui``) without it."""
    from workbench.ui.i18n import GUI

    ids = {m.id for m in read("zh") if m.id and not m.id.startswith("cli.")}
    zh = catalogue.translations("zh")
    english = []
    for message_id in sorted(ids):
        text = re.sub(r"'[^']*'|\{[^}]*\}|“[^”]*”|`[^`]*`|--\S+", "", zh.gettext(message_id))  # quoted, placeholders, options
        if message_id + GUI in ids:
            text = re.sub(r"workbench [^；。）)]*", "", text)
        if WORDS_IN_A_ROW.search(text):
            english.append(message_id)
    assert english == []
