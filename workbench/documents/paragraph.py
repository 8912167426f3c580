"""ReportLab's Paragraph with our line breaking (linebreak.py) in place of its CJK wrapping.

ReportLab's ``cjkFragSplit`` looks back at most half a line for a break, hangs at most one closing mark and
ignores characters that must not end a line; ``breakLinesCJK`` is replaced here, and everything else (drawing,
splitting across pages, widows and orphans) stays ReportLab's. Lines are assembled per run of one style rather than
per character, and a paragraph broken for the same widths again (tables measure cells more than once) reuses
its lines.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont
from reportlab.platypus.paragraph import FragLine, Paragraph, ParaLines

from workbench.documents.linebreak import lines


@lru_cache(maxsize=64)
def _advances(font_name: str, size: float):
    """A function giving each character's advance in points, for one font and size (cached per character)."""
    face = getFont(font_name).face
    widths, default, scale = face.charWidths, face.defaultWidth, size / 1000.0
    cache: dict[str, float] = {}

    def advance(ch: str) -> float:
        w = cache.get(ch)
        if w is None:
            w = cache[ch] = widths.get(ord(ch), default) * scale
        return w

    return advance


class KinsokuParagraph(Paragraph):
    """A paragraph broken into lines by ``linebreak.lines``; the style must have ``wordWrap="CJK"``."""

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        frags = [f for f in self.frags if hasattr(f, "lineBreak") or getattr(f, "text", "")]
        if not frags:
            return super().breakLinesCJK(maxWidths)
        key = tuple(maxWidths)
        if getattr(self, "_broken_for", None) == key:
            return self._broken
        owner: list[int] = []
        advance: list[float] = []
        chars: list[str] = []
        for index, frag in enumerate(frags):
            if hasattr(frag, "lineBreak"):
                chars.append("\n")
                owner.append(index)
                advance.append(0.0)
                continue
            width = _advances(frag.fontName, frag.fontSize)
            chars.append(frag.text)
            owner += [index] * len(frag.text)
            advance += [width(ch) for ch in frag.text]
        text = "".join(chars)
        out = []
        for k, (start, end) in enumerate(lines(text, lambda k: maxWidths[min(k, len(maxWidths) - 1)], advance)):
            width = maxWidths[min(k, len(maxWidths) - 1)]
            after = end
            while after < len(text) and text[after] in " \t\u3000":
                after += 1
            hard = after < len(text) and text[after] == "\n"
            line = self._line(frags, owner, text, start, end, width, sum(advance[start:end]), hard)
            line.spaced = after > end  # the break ate spaces: they come back if the paragraph is split here
            out.append(line)
        self._broken_for, self._broken = key, ParaLines(kind=1, lines=out)
        return self._broken

    def _get_split_blParaFunc(self):
        return _split_lines

    @staticmethod
    def _line(frags, owner, text, start, end, width, used, hard) -> FragLine:
        words = []
        size = ascent = descent = 0.0
        i = start
        while i < end:
            j = i
            while j < end and owner[j] == owner[i]:
                j += 1
            frag = frags[owner[i]].clone()
            frag.text = text[i:j]
            words.append(frag)
            a, d = getAscentDescent(frag.fontName, frag.fontSize)
            size, ascent, descent = max(size, frag.fontSize), max(ascent, a), min(descent, d)
            i = j
        if not words:  # an empty line (the user's blank line) still has the paragraph's height
            frag = next((f for f in frags if not hasattr(f, "lineBreak")), frags[0]).clone()
            frag.text = ""
            words.append(frag)
            size = frag.fontSize
            ascent, descent = getAscentDescent(frag.fontName, frag.fontSize)
        return FragLine(kind=1, extraSpace=width - used, wordCount=1, words=words, fontSize=size, ascent=ascent, descent=descent,
                        maxWidth=width, currentWidth=used, lineBreak=hard)


def _split_lines(blPara, start: int, stop: int) -> list:
    """The frags of lines ``start:stop`` for the part of a paragraph split across pages (or table rows), with the
    user's line breaks and the spaces eaten by soft breaks put back. ReportLab's own version joins every line with
    a space, which loses hard breaks and puts spaces between Chinese characters."""
    out = []
    for line in blPara.lines[start:stop]:
        words = [w.clone() for w in line.words]
        if getattr(line, "spaced", False) and words:
            words[-1].text += " "
        out += words
        if line.lineBreak and line is not blPara.lines[stop - 1]:
            brk = words[-1].clone() if words else line.words[0].clone()
            brk.text = ""
            brk.lineBreak = True
            out.append(brk)
    return out
