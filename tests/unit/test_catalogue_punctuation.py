"""Chinese texts of the catalogue use Chinese punctuation: a comma, colon or semicolon beside a Chinese character is
the full-width ，：；, and brackets around or beside Chinese words are （）. ASCII stays in what the user types (a
command, a placeholder's format, a quoted example), in a Qt mnemonic written as Qt's own Chinese texts write it
("查找范围(&L)：") and in the few texts that name a syntax to type."""

from __future__ import annotations

import re

from workbench.locale.build import read

CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"  # Chinese characters and full-width punctuation
IDEOGRAPH = r"[\u4e00-\u9fff]"  # brackets go full-width beside or around Chinese words, not after a colon (a formula)
SEPARATOR = re.compile(rf"(?<={CJK}) ?[,;:]|[,;:](?= ?{CJK})")
BRACKETS = re.compile(r"\(([^()]*)\)")

# Syntax a user types, kept as written wherever a text names it, with why.
SYNTAX = {
    "finding:": "what --to and the evidence form take: finding:编号, engagement:编号, period:序号, document:文件编号",
    "engagement:": "as above", "period:": "as above", "document:": "as above",
    "经度,纬度[,高程]": "KML's coordinate syntax (lon,lat[,alt])",
}


def prose(text: str) -> str:
    """``text`` with what is not prose made neutral: placeholders (their format specs hold ASCII ``:,``), Qt mnemonics
    (``(&L)``) and quoted commands or examples (``'workbench project show'``, ``"species": …``)."""
    text = re.sub(r"\{[^{}]*\}", "{}", text)
    text = re.sub(r"\(&\w\)", "&", text)
    for syntax in SYNTAX:
        text = text.replace(syntax, "''")
    return re.sub(r"'[^'\n]*'|\"[^\"\n]*\"", "''", text)


def ascii_punctuation(text: str) -> list[str]:
    """The ASCII commas, colons, semicolons and bracket pairs of ``text`` that Chinese writing takes full-width, each
    with a little of its context."""
    shown = prose(text)
    found = [shown[max(0, m.start() - 4):m.end() + 4] for m in SEPARATOR.finditer(shown)]
    for m in BRACKETS.finditer(shown):
        before, after = shown[:m.start()].rstrip(" ")[-1:], shown[m.end():].lstrip(" ")[:1]
        if re.search(IDEOGRAPH, before + m.group(1) + after):
            found.append(shown[max(0, m.start() - 4):m.end() + 4])
    return found


def test_the_rule_finds_ascii_punctuation_beside_chinese_and_leaves_ascii_syntax():
    assert len(ascii_punctuation("当前阶段, 始于{on}")) == 1
    assert ascii_punctuation("适用,需补充") and ascii_punctuation("{value}:须注明用途") and ascii_punctuation("非湿地;不清除")
    assert ascii_punctuation("名称(英文)") and ascii_punctuation("纬度 (°)") and ascii_punctuation("Shapefile(.shp 或压缩包)") and ascii_punctuation("{status}(暂定)")
    assert ascii_punctuation("当前阶段，始于{on}（{days} 天）：{why}；完") == []
    assert ascii_punctuation("时差最多为 ±14:00，例如 {value:,.1f} 或 %(option)s") == []
    assert ascii_punctuation("按下式分解：(EG_PJ − EG_est) × EF_est") == []
    assert ascii_punctuation("查找范围(&L)：") == [] and ascii_punctuation("关联（finding:编号、period:序号）") == []
    assert ascii_punctuation("请用 'workbench project update PROJECT --set a=b, c:d' 更新") == []


def test_chinese_texts_use_full_width_punctuation_beside_chinese_words():
    found = {m.id: ascii_punctuation(m.string) for m in read("zh") if m.id and isinstance(m.string, str)}
    assert {k: v for k, v in found.items() if v} == {}
