"""Document wording: every id a template uses is in the catalogue in both languages; labels, country names and
numbers are written in the document's language."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from jinja2 import DictLoader
from jinja2.sandbox import SandboxedEnvironment

from workbench.documents import render, wording
from workbench.domain import catalogue
from workbench.domain.vocabulary import DocumentKind, RiskStatus
from workbench.services.documents import documents

TEMPLATES = render.TEMPLATES
LITERAL_T = re.compile(r"""\bt\(\s*(['"])([\w.\-]+)\1\s*[,)]""")  # a whole id, not the stem of one built with ~
LABEL = re.compile(r"""\|\s*label\(\s*(['"])(\w+)\1""")


def template_texts() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted(TEMPLATES.rglob("*.xml"))}


def missing_ids(texts: dict[Path, str]) -> list[str]:
    """Each ``t('key')`` a template writes whose ``doc.key`` lacks a Chinese or an English text."""
    out = []
    for path, text in texts.items():
        for _, key in LITERAL_T.findall(text):
            out += [f"{path.relative_to(TEMPLATES)}: doc.{key} has no {lang} text" for lang in ("zh", "en")
                    if not catalogue.has(f"doc.{key}", lang)]
    return out


def test_every_wording_id_a_template_uses_is_in_both_catalogues():
    assert missing_ids(template_texts()) == []
    assert sum(len(LITERAL_T.findall(t)) for t in template_texts().values()) > 100  # the pattern finds the templates' calls


def test_the_ids_a_monitoring_report_builds_from_a_stem_are_in_both_catalogues():
    """``t('mr.declare.' ~ key)`` and ``doc.mr.cause.<part>``: the ids the pattern above cannot see whole."""
    from workbench.services.documents.report_follow_up import CAUSES

    ids = [f"doc.mr.declare.{key}" for key in ("no_other_programme", "no_green_certificate", "two_registries")]
    ids += [f"doc.mr.cause.{part}" for part in CAUSES]
    assert [(i, lang) for i in ids for lang in ("zh", "en") if not catalogue.has(i, lang)] == []


def test_an_id_missing_in_the_catalogue_is_found():
    found = missing_ids({TEMPLATES / "x.xml": "<h1>{{ t('s.no_such_section') }}{{ t(\"s.basic\") }}</h1>"})
    assert found == ["x.xml: doc.s.no_such_section has no zh text", "x.xml: doc.s.no_such_section has no en text"]


def test_titles_enclosures_and_enum_names_the_templates_use_exist():
    for kind in DocumentKind:
        assert catalogue.has(f"doc.{kind.value}", "zh") and catalogue.has(f"doc.{kind.value}", "en")
    source = Path(documents.__file__).read_text(encoding="utf-8")
    for key in set(re.findall(r'"((?:d|chart)\.\w+)"', source)):
        assert catalogue.has(f"doc.{key}", "zh") and catalogue.has(f"doc.{key}", "en"), key
    for text in template_texts().values():
        for _, name in LABEL.findall(text):
            assert name in wording.ENUMS, name


def written(source: str, lang: str, **context) -> str:
    env = SandboxedEnvironment(loader=DictLoader({"x": source}), autoescape=True, finalize=render._finalize)
    env.filters.update(wording.FILTERS)
    t, pick = render.translator(lang)
    return env.get_template("x").render(lang=lang, t=t, pick=pick, **context)


def test_fixed_wording_in_each_language_and_stacked_when_bilingual():
    assert written("{{ t('s.additionality') }}", "zh") == "额外性"
    assert written("{{ t('s.additionality') }}", "en") == "Additionality"
    assert written("{{ t('s.additionality') }}", "bilingual") == "额外性\n<small>Additionality</small>"
    assert written("{{ t('version')|striptags }}", "bilingual") == "版本 Version"
    assert written("{{ t('version', inline=True) }}", "bilingual") == "版本 <small>Version</small>"  # in running text


def test_enum_values_and_members_are_shown_by_their_label():
    assert written("{{ v|label('Verdict') }}", "zh", v="needs_evidence") == "需补充证明"
    assert written("{{ v|label('Programme') }}", "en", v="bri") == catalogue.render("programme.bri", "en") != "bri"
    assert written("{{ v }}", "zh", v=RiskStatus.OPEN) == RiskStatus.OPEN.zh  # a member printed bare is labelled too
    assert written("{{ v|label('PartyRole') }}", "bilingual", v="project_owner") == (
        f"{catalogue.render('party_role.project_owner', 'zh')}\n<small>{catalogue.render('party_role.project_owner', 'en')}</small>")
    assert written("{{ v|label('RiskStatus') }}", "zh", v=None) == "—"


def test_countries_by_name_never_by_code():
    assert written("{{ c|country }}", "zh", c="VN") == "越南"
    assert written("{{ c|country }}", "en", c="MA") == "Morocco"
    assert written("{{ c|country }}", "bilingual", c="CN") == "中国\n<small>China</small>"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_numbers_with_thousands_separators_and_tonnes_whole(lang):
    assert written("{{ v|tonnes }}", lang, v=Decimal("877737.984")) == "877,737"  # rounded down, as units are issued
    assert written("{{ v|num }}", lang, v=1331520) == "1,331,520"
    assert written("{{ v|num(2) }}", lang, v=Decimal("1234.5")) == "1,234.50"
    assert written("{{ v|percent(signed=True) }}", lang, v=Decimal("-12.345")) == "−12.3 %"
    assert written("{{ v|percent(places=0) }}", lang, v=Decimal("10.0")) == "10 %"


def test_a_quantity_carries_its_unit_in_the_documents_language():
    assert written("{{ v|quantity('t') }}", "zh", v=12345) == "12,345 吨"
    assert written("{{ v|quantity('t') }}", "en", v=12345) == "12,345 t"
    assert written("{{ v|quantity('tco2e') }}", "en", v=Decimal("1999.9")) == "1,999 tCO2e"


def test_chart_legends_are_worded_in_the_documents_language():
    spec = {"categories": ["2025"], "series": [["chart.actual_er", [1.0]], ["chart.estimate", [2.0]]]}
    zh = written("{{ s|chart }}", "zh", s=spec)
    assert "实际减排量" in zh and "actual" not in zh and "chart." not in zh
