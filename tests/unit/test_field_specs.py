"""Typed field specs (issue 20): every user-editable record's fields, labelled and explained in both languages, used
by the services' parsing and by the package checks, refusing a bad value by the field's label."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from workbench.domain import field_specs as fs
from workbench.domain.errors import UserError
from workbench.domain.field_specs import FieldKind
from workbench.services.sharing.package_checks import refuse_bad_values
from workbench.services.support.fields import parse_fields

CJK = re.compile(r"[\u4e00-\u9fff]")
EDITABLE = {"project", "party", "site", "meter", "calibration", "risk", "vvb", "engagement", "finding", "period", "agreement",
            "account", "allocation", "decision", "transfer", "retirement", "article6"}


def test_every_editable_record_is_described():
    assert set(fs.RECORDS) == EDITABLE
    with pytest.raises(TypeError):
        fs.RECORDS["meter"]["serial"] = fs.FieldSpec(FieldKind.TEXT)  # read-only: one description for everyone


@pytest.mark.parametrize("record", sorted(EDITABLE))
def test_every_field_has_a_label_and_a_help_text_in_both_languages(record):
    for key, spec in fs.fields_of(record).items():
        for shown_key in fs.columns(key, spec) + (key,):
            label = spec.label(shown_key)
            assert label.en and label.en != shown_key and CJK.search(label.zh), (record, shown_key)
        help_text = spec.help(key)
        assert len(help_text.en) > 10 and CJK.search(help_text.zh), (record, key)
        assert (spec.enum is not None) == (spec.kind is FieldKind.ENUM), (record, key)
        assert bool(spec.refers_to) == (spec.kind is FieldKind.REFERENCE), (record, key)
        assert spec.refers_to in ("", *fs.RECORDS), (record, key)
        if spec.minimum is not None and spec.maximum is not None:
            assert spec.minimum <= spec.maximum


def test_a_bilingual_field_is_its_two_columns():
    flat = fs.flat(fs.PARTY)
    assert "name" not in flat and flat["name_en"].kind is FieldKind.TEXT and flat["name_zh"].help("name_zh").id == "help.name"
    assert fs.columns("title", fs.PROJECT["title"]) == ("title_en", "title_zh")


@pytest.mark.parametrize(("record", "values", "zh", "en"), [
    ("meter", {"role": "exporter"}, "角色", "'exporter' is not one of: export"),
    ("risk", {"likelihood": "7"}, "可能性", "7 is outside 0..5"),
    ("allocation", {"china_share": "1.5"}, "中方登记系统份额", "1.5 is outside 0..1"),
    ("allocation", {"third_party_registry": "korea"}, "第三方所用登记系统", "'korea' is not one of: china"),
    ("transfer", {"currency": "XYZ"}, "币种", "XYZ"),
    ("agreement", {"host_country": "CN"}, "东道国", ""),
    ("meter", {"serial": " "}, "计量表", "a value is required"),
])
def test_a_bad_value_is_refused_naming_the_field_by_its_label(record, values, zh, en):
    with pytest.raises(UserError) as refused:
        parse_fields(values, fs.flat(fs.fields_of(record)), record)
    assert refused.value.in_lang("zh").startswith(zh) and en in refused.value.in_lang("en")


def test_values_come_back_typed():
    parsed = parse_fields({"role": "Export", "calibration_error": "-0.12", "calibrated_on": "2025-01-06"}, fs.flat(fs.METER), "meter")
    assert parsed["role"] == "export" and parsed["calibration_error"] == Decimal("-0.12") and str(parsed["calibrated_on"]) == "2025-01-06"
    assert parse_fields({"type": "CAR"}, fs.flat(fs.FINDING), "finding") == {"type": "CAR"}


@pytest.mark.parametrize(("table", "row", "zh", "en"), [
    ("meter", {"id": 1, "serial": "M-1", "role": "exporter"}, "角色：'exporter' 不在可选范围内", "Role: 'exporter' is not one of"),
    ("party", {"id": 1, "role": "project_owner", "nationality": "chinese", "country": "Vietnam"}, "国家：'Vietnam' 与工作台的写法（'VN'）不符",
     "Country: 'Vietnam' is not written as the workbench writes it ('VN')"),
    ("allocation", {"id": 1, "effective_from": "2025-01-01", "china_share": Decimal("2"), "host_share": Decimal("-1")}, "中方登记系统份额：2 超出",
     "Chinese registry's share: 2 is outside 0..1"),
    ("risk", {"id": 1, "status": "solved"}, "状态：'solved'", "Status: 'solved' is not one of: open (Open)"),
])
def test_a_package_row_with_a_bad_value_is_refused_naming_the_field(table, row, zh, en):
    with pytest.raises(UserError) as refused:
        refuse_bad_values({table: [row]}, "p.ccerpkg")
    assert zh in refused.value.in_lang("zh") and en in refused.value.in_lang("en")
    assert refused.value.in_lang("en").startswith(f"p.ccerpkg: table '{table}' row 1: ")
