"""Bilingual documents stack each label: the Chinese, then the English smaller on the line beneath — read back from
the PDF with the size and position of every piece of text."""

from __future__ import annotations

from io import BytesIO

from markupsafe import escape
from pypdf import PdfReader

from workbench.documents import model, wording
from workbench.documents.fonts import find_cjk_font, register
from workbench.documents.pdf import build

FONT = register(find_cjk_font())


def placed_text(pdf: bytes) -> dict[str, tuple[float, float]]:
    """Each piece of text on the first page: (font size, baseline y)."""
    found: dict[str, tuple[float, float]] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            found[text.strip()] = (size * scale, tm[5] * cm[3] + cm[5])

    PdfReader(BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def test_a_bilingual_label_is_chinese_then_smaller_english_beneath():
    label = wording.fixed("f.code", "bilingual")
    heading = wording.fixed("s.additionality", "bilingual")
    xml = (f'<document header="h" footer="f"><h2>7. {heading}</h2>'
           f'<table><tr><th>{label}</th><td>{escape("VN-CSP-01")}</td></tr></table></document>')
    placed = placed_text(build(model.parse(xml, "zh"), FONT))
    for zh, en in (("项目代码", "Project code"), ("7. 额外性", "Additionality")):
        (zh_size, zh_y), (en_size, en_y) = placed[zh], placed[en]
        assert en_size < zh_size and en_y < zh_y, (zh, placed[zh], en, placed[en])


def test_one_language_documents_have_one_label():
    assert wording.fixed("f.code", "zh") == "项目代码" and wording.fixed("f.code", "en") == "Project code"
