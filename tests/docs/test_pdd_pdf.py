"""PDFs read back: Chinese and English extractable, CJK font embedded, identical bytes twice, user markup literal."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from workbench.documents.fonts import find_cjk_font, is_truetype
from workbench.domain.errors import UserError
from workbench.services.documents import documents
from workbench.services.methodology import methodology
from workbench.services.support.context import Actor
from workbench.services.demo.projects import create_demo_projects

TODAY = date(2026, 2, 1)


@pytest.fixture
def wind(ws):
    actor = Actor("tester", TODAY)
    create_demo_projects(ws, actor)
    for key, value in (("grid", "VN-National"), ("ex_ante_EG_MWh", "1331520"), ("decl.no_other_programme", "yes"),
                       ("decl.no_green_certificate", "yes"), ("text.description.en", "Sixty-four 6.25 MW turbines <b>{{ x }}</td>"),
                       ("text.description.zh", "64台6.25兆瓦风机")):
        methodology.set_parameter(ws, actor, "VN-OFW-01", key, value)
    return actor


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def embedded_fonts(path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.add(str(font["/BaseFont"]))
    return names


def test_pdd_in_chinese_and_english_reads_back(ws, wind, tmp_path):
    zh = documents.render(ws, "pdd", "VN-OFW-01", "zh", tmp_path / "zh.pdf", TODAY)
    en = documents.render(ws, "pdd", "VN-OFW-01", "en", tmp_path / "en.pdf", TODAY)
    zh_text, en_text = text_of(zh), text_of(en)
    assert "项目设计文件" in zh_text and "越南平顺400兆瓦海上风电项目" in zh_text and "64台6.25兆瓦风机" in zh_text
    assert "Project Design Document" in en_text and "Binh Thuan 400 MW Offshore Wind Farm" in en_text
    assert "\x00" not in zh_text + en_text
    assert any("WenQuanYi" in name or "+" in name for name in embedded_fonts(zh))
    # the ex-ante table holds the computed numbers: 1,331,520 MWh × 0.6592 = 877,737.984 t for the full year 2025, rounded
    # down; ten full years make a total of 8,777,370 t and an annual average of 877,737 t
    assert "877,737" in en_text and "877,737.984" not in en_text and "8,777,370" in en_text


def test_rendering_twice_gives_identical_bytes(ws, wind, tmp_path):
    first = documents.render(ws, "pdd", "VN-OFW-01", "bilingual", tmp_path / "a.pdf", TODAY).read_bytes()
    second = documents.render(ws, "pdd", "VN-OFW-01", "bilingual", tmp_path / "b.pdf", TODAY).read_bytes()
    assert first == second


def test_user_markup_and_template_syntax_appear_literally(ws, wind, tmp_path):
    text = text_of(documents.render(ws, "pdd", "VN-OFW-01", "en", tmp_path / "m.pdf", TODAY))
    assert "<b>{{ x }}</td>" in text


def test_a_final_render_lists_what_is_missing_and_a_draft_marks_it(ws, wind, tmp_path):
    missing = documents.check(ws, "pdd", "VN-OFW-01", TODAY)
    assert any(m.section.en == "Validation and verification body" for m in missing)
    with pytest.raises(UserError, match="Not final yet: "):
        documents.render(ws, "pdd", "VN-OFW-01", "en", tmp_path / "f.pdf", TODAY, final=True)
    assert not (tmp_path / "f.pdf").exists()
    draft = text_of(documents.render(ws, "pdd", "VN-OFW-01", "en", tmp_path / "d.pdf", TODAY))
    assert "DRAFT" in draft and "[missing: Environmental impact text]" in draft


def test_fonts_the_user_cannot_embed_are_refused(tmp_path):
    cff = tmp_path / "NotoSansCJK.otf"
    cff.write_bytes(b"OTTO" + b"\x00" * 64)
    with pytest.raises(UserError, match="not a TrueType font"):
        find_cjk_font(str(cff))
    with pytest.raises(UserError, match="does not exist"):
        find_cjk_font(str(tmp_path / "nothing.ttf"))
    assert is_truetype(find_cjk_font())


def test_applications_and_the_validation_package_read_back(ws, wind, tmp_path):
    from workbench.services.validation import validation

    vvb = validation.add_vvb(ws, wind, {"name_en": "VVB One"}).result["id"]
    engagement = validation.engage(ws, wind, "VN-OFW-01", vvb, "validation", "Li Wei, Zhang Min").result["id"]
    assert [m.item.en for m in documents.check(ws, "validation-package", "VN-OFW-01", TODAY)] == ["site-visit sample ('workbench vvb sample')"]
    validation.sample_sites(ws, wind, engagement)
    package = text_of(documents.render(ws, "validation-package", "VN-OFW-01", "en", tmp_path / "v.pdf", TODAY))
    assert "Validation Engagement Package" in package and "Li Wei, Zhang Min" in package and "10.712345" in package
    assert [m.item.en for m in documents.check(ws, "registration-application", "VN-OFW-01", TODAY)] == ["a final validation report"]
    validation.finalise_report(ws, wind, engagement)
    application = text_of(documents.render(ws, "registration-application", "VN-OFW-01", "zh", tmp_path / "r.pdf", TODAY))
    assert "项目登记申请表" in application and "真实性承诺书" in application
    assert "8,777,370" in application.replace("\n", "")  # ten full years × 877,737 t, as the PDD's total row


def test_the_pdd_exports_to_word_with_the_same_content(ws, wind, tmp_path, capsys):
    from docx import Document

    from tests.cli_helpers import run_cli

    ws.close()
    out = tmp_path / "pdd.docx"
    assert run_cli(capsys, "document", "export-docx", "pdd", "VN-OFW-01", "--lang", "bilingual", "--out", out, "--db", ws.address).code == 0
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "A.2 项目基本信息 Basic information" in headings and "B.3 项目边界 Project boundary" in headings and len(headings) >= 30
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "877,737" in cells and any("越南平顺400兆瓦海上风电项目" in c for c in cells)
    assert any("<b>{{ x }}</td>" in p.text for p in doc.paragraphs)  # user text stays literal
    assert "DRAFT" in doc.sections[0].header.paragraphs[0].text
    missing = [r for p in doc.paragraphs for r in p.runs if r.text.startswith("[")]
    assert any("Environmental impact" in r.text and r.bold for r in missing)
    figure, chart = doc.inline_shapes  # the boundary figure and the ex-ante chart as pictures, drawn as in the PDF
    from io import BytesIO

    from PIL import Image

    for shape in (figure, chart):
        blob = doc.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        image = Image.open(BytesIO(blob))
        assert image.format == "PNG" and image.width > 900 and len(image.convert("RGB").getcolors(1 << 20)) > 3  # lines, labels


def test_a_site_list_of_many_pages_is_whole_in_order_with_its_header_on_each_page(ws, wind, tmp_path):
    from workbench.services.projects.parties import add_site

    names = [f"WTG-{i:03d}" for i in range(1, 131)]
    for name in names:
        add_site(ws, wind, "VN-OFW-01", {"name": name, "latitude": "10.512345", "longitude": "108.312345"})
    pages = [page.extract_text() for page in PdfReader(documents.render(ws, "pdd", "VN-OFW-01", "en", tmp_path / "s.pdf", TODAY)).pages]
    text = "\n".join(pages)
    found = re.findall(r"^(WTG-\d{3})\s+10\.512345\s+108\.312345", text, re.M)
    assert found == names
    spanned = [page for page in pages if "10.512345" in page]
    assert len(spanned) >= 3 and all("Latitude" in page for page in spanned)
