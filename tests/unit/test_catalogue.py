"""The one message catalogue: complete in both languages, strict, and the only source of wording."""

from __future__ import annotations

import re
import shutil
from enum import StrEnum

import pytest

from workbench.domain import catalogue
from workbench.domain.labels import LabelledEnum
from workbench.domain.language import Language, choose_language
from workbench.domain.text import Text
from workbench.locale.build import compile_catalogues, doubled_texts, problems

CJK = re.compile(r"[\u4e00-\u9fff]")


def labelled_enums() -> list[type[LabelledEnum]]:
    import workbench.domain.article6  # noqa: F401 - every module that defines a labelled enum
    import workbench.domain.parties  # noqa: F401
    import workbench.domain.project  # noqa: F401
    import workbench.domain.stages  # noqa: F401
    import workbench.domain.vocabulary  # noqa: F401
    import workbench.domain.offsets  # noqa: F401
    import workbench.methodology.meter_corrections  # noqa: F401
    import workbench.methodology.protocol  # noqa: F401

    found, todo = [], list(LabelledEnum.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return sorted(found, key=lambda c: c.__name__)


def test_an_entry_a_union_merge_left_with_two_texts_is_reported(tmp_path, monkeypatch):
    """git's union driver merges two branches that changed one entry by keeping both ``msgstr`` lines; Babel reads the
    last without a word, so the check names the entry."""
    po = tmp_path / "workbench.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "doc.mr.by_le"\nmsgstr "Leakage"\nmsgstr "Leakage (tCO2e)"\n\n'
                  'msgid "doc.mr.by_pe"\nmsgstr "Project emissions"\n', encoding="utf-8")
    monkeypatch.setattr(catalogue, "catalogue_paths", lambda lang: (po, tmp_path / "workbench.mo"))
    assert doubled_texts() == ["doc.mr.by_le: two zh texts (a merge kept both; keep one)",
                               "doc.mr.by_le: two en texts (a merge kept both; keep one)"]


def test_every_message_has_a_chinese_and_an_english_text_and_every_id_the_code_uses_exists():
    assert problems() == []


@pytest.mark.parametrize("enum", labelled_enums(), ids=lambda c: c.__name__)
def test_every_enum_member_has_a_label_in_both_languages(enum):
    for member in enum:
        en, zh = member.label("en"), member.label("zh")
        assert en and en != member.value or enum.__name__ == "FindingType", (member, en)
        assert CJK.search(zh), f"{member.label_id}: {zh!r} has no Chinese"
        assert member.label_id == f"{enum.prefix()}.{member.value}"


def test_the_closed_sets_users_meet_are_labelled():
    names = {c.__name__ for c in labelled_enums()}
    assert {"Programme", "Sector", "PartyRole", "Nationality", "ParticipationForm", "Stage", "Verdict", "FindingType",
            "FindingStatus", "EngagementKind", "MeterRole", "Registry", "BlockStatus", "UnitUse", "Article6Adjustment",
            "DecisionKind", "RiskStatus", "DocumentKind", "Language", "PeriodStatus", "TeamRole"} <= names


def test_the_store_and_json_keep_the_value():
    from workbench.cli.output import to_plain
    from workbench.domain.stages import Stage

    assert isinstance(Stage.DESIGN, StrEnum) and Stage.DESIGN == "design"
    assert to_plain({"stage": Stage.DESIGN}) == {"stage": "design"}
    assert Stage.DESIGN.label("zh") == "项目设计" and Stage.DESIGN.label("en") == "Project design (PDD drafting)"


def test_parameters_are_shown_in_the_same_language():
    from workbench.domain.stages import Stage

    text = Text("error.lifecycle.blocked", stage=Stage.VALIDATION, reasons=Text("lifecycle_guards.no_methodology_chosen"))
    assert text.en == "cannot move to Validation: no methodology chosen"
    assert text.zh == "无法进入“审定”阶段：未选择方法学"


def test_an_unknown_id_is_an_error_not_shown_as_is():
    with pytest.raises(catalogue.CatalogueError, match="no.such.message"):
        Text("no.such.message").zh


@pytest.mark.parametrize(("flag", "environ", "expected"), [
    ("en", {"WORKBENCH_LANG": "zh", "LANG": "zh_CN.UTF-8"}, Language.EN),
    (None, {"WORKBENCH_LANG": "zh", "LANG": "en_US.UTF-8"}, Language.ZH),
    (None, {"WORKBENCH_LANG": "en", "LANG": "zh_CN.UTF-8"}, Language.EN),
    (None, {"LANG": "zh_TW.UTF-8"}, Language.ZH),
    (None, {"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, Language.ZH),
    (None, {"LC_ALL": "de_DE.UTF-8", "LANG": "zh_CN.UTF-8"}, Language.EN),
    (None, {"LC_MESSAGES": "zh_HK", "LANG": "C"}, Language.ZH),
    (None, {"LANG": "C.UTF-8"}, Language.EN),
    (None, {}, Language.EN),
])
def test_the_language_rule(flag, environ, expected):
    assert choose_language(flag, environ) is expected


def test_a_stale_or_missing_compiled_catalogue_fails_loudly_and_compiling_mends_it(tmp_path, monkeypatch):
    shutil.copytree(catalogue.LOCALE_DIR, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo", "*.py", "__pycache__"))
    monkeypatch.setattr(catalogue, "LOCALE_DIR", tmp_path / "locale")
    catalogue.reload()
    try:
        with pytest.raises(catalogue.CatalogueError, match="missing or older"):
            Text("ui.app.title").zh
        compile_catalogues()
        assert Text("ui.app.title").zh == "CCER/一带一路减排项目工作台"
        po, mo = catalogue.catalogue_paths("zh")
        po.touch()
        import os
        os.utime(mo, (mo.stat().st_mtime - 10, mo.stat().st_mtime - 10))
        catalogue.reload()
        with pytest.raises(catalogue.CatalogueError, match="missing or older"):
            Text("ui.app.title").zh
    finally:
        monkeypatch.undo()
        catalogue.reload()
