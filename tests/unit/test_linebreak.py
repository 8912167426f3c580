"""Line breaking to the rules of Chinese typesetting (linebreak.py), on the pure functions: every character one
unit wide (Latin half a unit), so the expected lines can be counted by hand."""

from __future__ import annotations

from workbench.documents.linebreak import CLOSING, OPENING, lines, opportunities, segments


def wrap(text: str, width: float) -> list[str]:
    advance = [1.0 if ord(ch) >= 0x2E80 else 0.5 for ch in text]
    return [text[a:b] for a, b in lines(text, lambda k: width, advance)]


def test_no_line_starts_with_closing_punctuation_the_mark_pulls_a_character_down():
    # 6 units a line: "项目位于平顺" fits, but the next line must not start with "。」"; the break moves before "顺"
    assert wrap("项目位于平顺。」下一句", 6) == ["项目位于平", "顺。」下一句"]
    assert all(line[0] not in CLOSING for line in wrap("甲乙丙丁戊，己庚辛壬癸。子丑寅卯辰、巳午未申酉；", 5))


def test_a_line_never_ends_with_opening_punctuation():
    # the 6th character would be "（": it goes down with the word it opens
    assert wrap("项目业主为（华夏海上能源）", 6) == ["项目业主为", "（华夏海上能", "源）"]
    for width in range(2, 12):
        assert all(line[-1] not in OPENING for line in wrap("甲（乙）丙《丁》「戊」『己』【庚】“辛”", width))


def test_latin_words_numbers_with_units_and_identifiers_are_never_split():
    text = "共安装64台单机容量6.25 MW的风机，Project owner为华夏，序列号VN-OFW-01-WTG-2025-000001至000064。"
    for width in range(14, 30):  # the longest unbreakable piece, 'VN-OFW-01-WTG-2025-000001至', is 13.5 units
        out = wrap(text, width)
        assert "".join(out).replace(" ", "") == text.replace(" ", "")
        flat = " ".join(out)
        for whole in ("64台", "6.25 MW", "Project", "owner", "VN-OFW-01-WTG-2025-000001", "000064。"):
            assert whole in flat, (width, out)


def test_an_identifier_longer_than_half_a_line_moves_whole_to_the_next_line():
    # ReportLab looked back only half a line and cut it; here the whole line is searched
    serial = "CN-CCER-VN-OFW-01-2025-000000001-000876787"  # 42 × 0.5 = 21 units, the line is 30
    out = wrap("注销的减排量序列号为" + serial + "，共876,787吨。", 30)
    assert out[0] == "注销的减排量序列号为" and out[1].startswith(serial)


def test_a_run_longer_than_the_line_is_cut_where_the_line_is_full():
    out = wrap("x" * 25, 5)
    assert out == ["x" * 10, "x" * 10, "x" * 5]


def test_user_line_breaks_are_kept_and_spaces_at_line_ends_dropped():
    assert wrap("第一行\n第二行  \n\n第四行", 10) == ["第一行", "第二行", "", "第四行"]
    assert wrap("alpha beta gamma", 3) == ["alpha", "beta", "gamma"]


def test_opportunities_between_chinese_and_latin_but_not_inside_a_word_or_number():
    text = "安装64台Vestas风机"
    ok = opportunities(text)
    allowed = {text[:i] + "|" + text[i:] for i in range(len(text)) if ok[i]}
    assert allowed == {"安|装64台Vestas风机", "安装|64台Vestas风机", "安装64台|Vestas风机", "安装64台Vestas|风机", "安装64台Vestas风|机"}


def test_segments_are_the_narrowest_unbreakable_pieces():
    assert segments("序列号VN-OFW-01-WTG-0001，共64台") == ["序", "列", "号", "VN-OFW-01-WTG-0001，", "共", "64台"]


def test_a_ten_thousand_character_paragraph_is_broken_completely():
    text = ("项目位于平顺省以东海域，水深31.5至33.0米，共安装64台单机容量6.25兆瓦的风电机组（Vestas V236）。" * 200)[:10_000]
    out = wrap(text, 40)
    assert "".join(out).replace(" ", "") == text.replace(" ", "")
    assert all(line and line[0] not in CLOSING and line[-1] not in OPENING for line in out)
