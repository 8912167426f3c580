"""Where a line may break in mixed Chinese/Latin text, to the rules of Chinese typesetting (避头尾, kinsoku).

Rules (GB/T 15834-2011 标点符号用法 §5 and W3C "Requirements for Chinese Text Layout" §3.1.7, 禁则):
- no line starts with closing punctuation (，。、；：？！）》」』… and their half-width forms);
- no line ends with opening punctuation (（《「『“‘…);
- a run of Latin letters, digits and symbols (a word, a number with its decimal point, an identifier such as a
  serial number or a code) is never broken inside; a number stays with the unit that follows it
  ("6.25 MW", "35公里", "64台");
- between two Chinese characters, and between Chinese and Latin text, a line may break;
- after a space a line may break; the spaces at a line's end are not drawn.

``opportunities(text)`` gives, for each index i, whether a line may break before ``text[i]``; ``lines`` fits
text into widths greedily, looking back to the last opportunity of the line (however far), and breaks a run only
when it is longer than the whole line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

CLOSING = set("，。、；：？！）》」』】〕〉〗〙〛’”…‥·・々〻ー゠～%‰℃°"
              ",.;:?!)]}>" "\uff09\uff3d\uff5d\uff60\uff61\uff63\uff64\uff65\uff0e\uff1a\uff1b\uff1f\uff01\uff0c")
OPENING = set("（《「『【〔〈〖〘〚‘“([{<" "\uff08\uff3b\uff5b\uff5f\uff62")
SPACES = set(" \t\u3000")
NO_BREAK_SPACE = "\u00a0"
# units of measure written in Chinese after a number: the number is not left at a line's end without its unit
CJK_UNITS = ("兆瓦时", "千瓦时", "兆瓦", "千瓦", "千伏", "千米", "公里", "公顷", "平方米", "立方米", "小时", "万吨", "亿元", "万元",
             "吨", "米", "台", "座", "年", "月", "日", "天", "元", "亩", "株", "个", "次", "度", "人", "%")
LATIN_UNITS = frozenset({"MW", "MWh", "kW", "kWh", "GW", "GWh", "kV", "km", "m", "cm", "mm", "ha", "t", "kt", "Mt", "tCO2", "tCO2e",
                         "tCO2e/MWh", "tCO2/MWh", "%", "°C", "m/s", "m²", "m³", "kg", "g", "h", "yr", "a"})


def is_wide(ch: str) -> bool:
    """True for characters set on the ideographic grid (Han, kana, Hangul, full-width forms, CJK punctuation)."""
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F
            or 0xFF00 <= o <= 0xFF60 or 0xFFE0 <= o <= 0xFFE6 or 0x20000 <= o <= 0x3FFFF)


def _unit_after(text: str, i: int) -> int:
    """The length of the Chinese unit starting at ``text[i]`` (0 if none)."""
    for unit in CJK_UNITS:
        if text.startswith(unit, i):
            return len(unit)
    return 0


def _latin_run(text: str, i: int) -> str:
    j = i
    while j < len(text) and not (text[j] in SPACES or text[j] == "\n" or is_wide(text[j])):
        j += 1
    return text[i:j]


def opportunities(text: str) -> list[bool]:
    """``ok[i]`` is True when a line may break before ``text[i]`` (``ok[0]`` is False).

    Shape: one bool per character. Pure and linear in ``len(text)``.
    """
    n = len(text)
    ok = [False] * n
    glued = [False] * (n + 1)  # breaks forbidden before these indices (inside a number+unit pair)
    for i in range(1, n):
        if text[i - 1].isdigit() and is_wide(text[i]):
            length = _unit_after(text, i)
            for k in range(i, i + max(length, 1)):
                glued[k] = True
        elif text[i - 1].isdigit() and text[i] in SPACES and i + 1 < n and _latin_run(text, i + 1) in LATIN_UNITS:
            glued[i + 1] = True
    for i in range(1, n):
        before, here = text[i - 1], text[i]
        if glued[i] or here in CLOSING or before in OPENING or here in SPACES or here == NO_BREAK_SPACE or before == NO_BREAK_SPACE:
            continue
        if before in SPACES or is_wide(before) or is_wide(here):
            ok[i] = True
    return ok


def lines(text: str, widths: Callable[[int], float], width_of: Sequence[float]) -> list[tuple[int, int]]:
    """Greedy line fitting: ``[(start, end), ...]`` slices of ``text``, spaces at a line's ends left out.

    ``widths(k)`` is the width available to line k; ``width_of[i]`` the advance of ``text[i]``. A ``"\\n"`` ends a
    line where it stands (the user's line break). A run without an opportunity that is wider than the line is cut
    where the line is full (at least one character a line, so the text always progresses).
    """
    ok = opportunities(text)
    out: list[tuple[int, int]] = []
    offset = 0
    for hard in text.split("\n"):
        n = offset + len(hard)
        start = offset
        if start == n:
            out.append((start, start))
        while start < n:
            while start < n and text[start] in SPACES:
                start += 1
            if start >= n:
                break
            limit, used, last_ok, end = widths(len(out)), 0.0, -1, n
            for i in range(start, n):
                if i > start and ok[i]:
                    last_ok = i
                used += width_of[i]
                if used > limit + 1e-6 and i > start and text[i] not in SPACES:
                    end = last_ok if last_ok > start else i
                    break
            out.append((start, _trim(text, start, end)))
            start = end
        offset = n + 1
    return out


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in SPACES:
        end -= 1
    return end


def segments(text: str) -> list[str]:
    """The pieces between break opportunities: the narrowest a column can be without breaking inside one."""
    ok = opportunities(text)
    out, start = [], 0
    for i in range(1, len(text)):
        if ok[i] or text[i] == "\n":
            out.append(text[start:i].strip())
            start = i
    out.append(text[start:].strip())
    return [s for s in out if s]
