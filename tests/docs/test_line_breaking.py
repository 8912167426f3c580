"""Line breaking read back from real PDFs (pdftotext): no line starts with closing punctuation or ends with
opening punctuation, no Latin word or identifier is split, paragraphs of any length flow across pages, headings
stay with what follows; random mixtures of Chinese, Latin, digits and punctuation render in every language."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.documents import model
from workbench.documents.fonts import find_cjk_font, register
from workbench.documents.linebreak import CLOSING, OPENING
from workbench.documents.pdf import build
from workbench.documents.render import render_pdf, render_xml
from workbench.services.demo.projects import create_demo_projects
from workbench.services.documents import documents
from workbench.services.support.context import Actor

FONT = register(find_cjk_font())
FURNITURE = re.compile(r"\s*(第 ?\d+ ?页 ?/ ?共 ?\d+ ?页|Page \d+ of \d+|草稿|DRAFT|草稿 DRAFT)\s*")


def lines_of(pdf: bytes, tmp_path) -> list[list[str]]:
    """Per page, the text lines in reading order without the running header, footer and watermark."""
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in text.split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        pages.append([line for line in lines[1:] if not FURNITURE.fullmatch(line)])
    return [p for p in pages if p]


def document(*blocks) -> model.Document:
    return model.Document("Header 页眉", "第 {page} 页 / 共 {pages} 页", None, list(blocks))


def para(text: str) -> model.Para:
    return model.Para((model.Run(text),))


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation_and_no_word_is_split(tmp_path):
    words = ["Reduction", "Project", "owner", "Version", "Verification", "calibration", "tCO2e", "VN-OFW-01-WTG-2025-000001"]
    text = "".join(f"项目{'，' if i % 3 else '。」'}{words[i % len(words)]}（说明{i}）的风电机组「Version {i}」；" for i in range(120))
    pages = lines_of(build(document(para(text)), FONT), tmp_path)
    lines = [line for page in pages for line in page]
    assert len(lines) > 20
    assert not [line for line in lines if line[0] in CLOSING]
    assert not [line for line in lines if line[-1] in OPENING]
    for line in lines:  # every Latin run on a line is a whole word of the text
        assert set(re.findall(r"[A-Za-z][A-Za-z0-9-]*", line)) <= set(words) | {"tCO2e"}, line
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_a_serial_number_longer_than_half_a_line_stays_whole(tmp_path):
    serial = "CN-CCER-VN-OFW-01-2025-000000001-000876787-RETIRED"
    text = "本证明所注销减排量的序列号为" * 3 + serial + "，数量为876,787吨二氧化碳当量。" + "序列号" * 20 + serial + "。"
    lines = [line for page in lines_of(build(document(para(text)), FONT), tmp_path) for line in page]
    assert sum(serial in line for line in lines) == 2


def test_a_ten_thousand_character_paragraph_flows_over_pages_whole(tmp_path):
    unit = "项目位于平顺省以东海域，水深31.5至33.0米，共安装64台单机容量6.25兆瓦的风电机组（Vestas V236-15.0 MW）。"
    text = (unit * (10_000 // len(unit) + 1))[:10_000]
    pages = lines_of(build(document(model.Heading(2, "3. 项目描述"), para(text)), FONT), tmp_path)
    assert len(pages) >= 3
    assert "".join("".join(line for page in pages for line in page).split()) == "3.项目描述" + "".join(text.split())


def test_a_heading_is_not_left_at_the_bottom_of_a_page(tmp_path):
    filler = [para("段落" * 30) for _ in range(27)]  # the 28th block ends close to the page's foot
    for n in range(20, 34):
        pages = lines_of(build(document(*filler[:1] * n, model.Heading(2, "4. 方法学选择与适用性"), para("紧随标题的正文。")), FONT), tmp_path)
        page = next(p for p in pages if "4. 方法学选择与适用性" in p)
        assert page[-1] != "4. 方法学选择与适用性" and "紧随标题的正文。" in page


def test_a_long_table_repeats_its_heading_row_and_sizes_columns_by_content(tmp_path):
    rows = [(model.Cell((model.Run("名称 Name"),), header=True), model.Cell((model.Run("说明 Explanation"),), header=True))]
    rows += [(model.Cell((model.Run(f"WTG-{i:03d}"),)), model.Cell((model.Run("机组位于平顺省以东海域，水深31.5米。" * (1 + i % 3)),)))
             for i in range(150)]
    pages = lines_of(build(document(model.Table(tuple(rows))), FONT), tmp_path)
    assert len(pages) >= 3 and all("Explanation" in " ".join(page) for page in pages)
    # the name column is as wide as its longest name: "WTG-001" never wraps, the explanation takes the rest
    assert all(re.fullmatch(r"WTG-\d{3}", line.split()[0]) for page in pages for line in page if line.startswith("WTG"))


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x62FF)
PIECES = st.one_of(
    st.text(CJK, min_size=1, max_size=30),
    st.sampled_from(["Reduction", "Project owner", "Version 2.1", "6.25 MW", "VN-OFW-01-WTG-2025-000001", "tCO2e/MWh", "31.5至33.0米"]),
    st.text("，。、；：？！）》」』（《「『,.;:?!()", min_size=1, max_size=3),
    st.integers(0, 10**12).map(str),
    st.sampled_from([" ", "\n", "\n\n", "  "]),
)


@pytest.mark.slow
def test_random_mixtures_render_in_every_language(ws, tmp_path):
    create_demo_projects(ws, Actor("tester", date(2026, 2, 1)))
    _, context = documents._prepared(ws, "pdd", "VN-OFW-01", "zh", tmp_path / "x.pdf", date(2026, 2, 1), False, None, "1.0", False)
    font = find_cjk_font()

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(st.lists(PIECES, max_size=60).map("".join), st.lists(PIECES, max_size=60).map("".join), st.sampled_from(["zh", "en", "bilingual"]))
    def renders(zh: str, en: str, lang: str):
        texts = {**context["texts"], "description_zh": zh, "description_en": en}
        pdf = render_pdf("pdd", {**context, "texts": texts}, lang, font)
        lines = [line for page in lines_of(pdf, tmp_path) for line in page]
        starts = set("".join(x.lstrip(" \n") for x in (zh, en))[:1]) | {
            s.lstrip()[:1] for s in re.split(r"\n", zh + "\n" + en)}  # a user's own line may start with a mark
        assert not [line for line in lines if line[0] in CLOSING and line[0] not in starts]
        source = set(re.findall(r"[A-Za-z]+", render_xml("pdd", {**context, "texts": texts}, lang)))
        for line in lines:
            assert set(re.findall(r"[A-Za-z]+", line)) <= source, line

    renders()


def test_a_paragraph_split_across_pages_keeps_its_line_breaks_and_word_spaces(tmp_path):
    lines = [f"第{i}行：the monitoring plan line {i} ends here" for i in range(120)]
    pages = lines_of(build(document(para("\n".join(lines))), FONT), tmp_path)
    assert len(pages) >= 2
    assert [line for page in pages for line in page] == lines  # every user line on a line of its own, spaces kept


def test_a_table_cell_of_ten_thousand_characters_splits_across_pages(tmp_path):
    unit = "风险应对：建立汇率对冲机制，设立共管账户（escrow account），并按季度复核交易对手信用。\n"
    text = (unit * (10_000 // len(unit) + 1))[:10_000]
    rows = ((model.Cell((model.Run("风险 Risk"),), header=True), model.Cell((model.Run("应对措施 Mitigation"),), header=True)),
            (model.Cell((model.Run("汇率"),)), model.Cell((model.Run(text),))))
    pages = lines_of(build(document(model.Table(rows)), FONT), tmp_path)
    assert len(pages) >= 4
    assert "".join("".join(line for page in pages for line in page).split()).count("escrowaccount") == text.count("escrow account")
