"""Finding a TrueType CJK font to embed in PDFs.

ReportLab embeds TrueType outlines only: CFF-based OpenType fonts (Noto Sans CJK, PingFang, Source Han) cannot
be embedded and would show as boxes, so they are refused with a clear message.
"""

from __future__ import annotations

import os
from pathlib import Path

from workbench.domain.errors import UserError

CANDIDATES = (
    # Linux (Debian/Ubuntu fonts-wqy-microhei, fonts-wqy-zenhei, fonts-arphic-uming)
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    # Windows
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    # macOS (TrueType ones; PingFang is CFF)
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
)
TRUETYPE = (b"\x00\x01\x00\x00", b"true")


def is_truetype(path: Path) -> bool:
    """True for a TrueType font or a collection whose first font has TrueType outlines."""
    with path.open("rb") as fh:
        head = fh.read(16)
        if head[:4] == b"ttcf":
            offset = int.from_bytes(head[12:16], "big")
            fh.seek(offset)
            return fh.read(4) in TRUETYPE
    return head[:4] in TRUETYPE


def find_cjk_font(setting: str | None = None) -> Path:
    """The font set by the user (setting or WORKBENCH_CJK_FONT), else the first usable system font."""
    chosen = setting or os.environ.get("WORKBENCH_CJK_FONT")
    if chosen:
        path = Path(chosen).expanduser()
        if not path.is_file():
            raise UserError("error.fonts.the_cjk_font_set_in_the", where=str(path))
        if not is_truetype(path):
            raise UserError("error.fonts.is_not_a_truetype_font_cff", where=str(path))
        return path
    for candidate in CANDIDATES:
        path = Path(candidate)
        if path.is_file() and is_truetype(path):
            return path
    raise UserError("error.fonts.no_truetype_cjk_font_found_so")


def register(path: Path) -> str:
    """Register the TrueType font with ReportLab (once per file) and return its name; its glyphs are embedded as
    a subset in every PDF that uses it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    import zlib

    name = "CJK-" + "".join(ch for ch in path.stem if ch.isalnum()) + f"-{zlib.crc32(str(path).encode()):08x}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
    return name
