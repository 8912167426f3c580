"""Every document kind, for both demo projects, in zh, en and bilingual, with long realistic user texts: each
renders and reads back (the reported failures: the zh/bilingual PDD with a real Chinese description failed with
a ReportLab splitting error inside xhtml2pdf; the wind farm's zh monitoring report crashed on a long English note).
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from datetime import date

import pytest

from tests.unit.test_field_data import inventory, parcels_with_strata, write_csv
from workbench.domain.vocabulary import DocumentKind
from workbench.services.demo.projects import create_demo_projects
from workbench.services.documents import documents
from workbench.services.issuance import ledger
from workbench.services.methodology import methodology
from workbench.services.monitoring import accounting, field_data, meters, monitoring_import, periods
from workbench.services.support.context import Actor
from workbench.services.validation import validation

ON = Actor("tester", date(2024, 2, 1))
LANGS = ("zh", "en", "bilingual")
DESCRIPTION_ZH = (
    "越南平顺400兆瓦海上风电项目位于平顺省以东海域，场址中心离岸约35公里，水深31.5至33.0米，共安装64台单机容量6.25兆瓦的风电机组，"
    "总装机容量400兆瓦，配套建设一座220千伏海上升压站和一座陆上集控中心（含运维码头）。机组序列号为VN-OFW-01-WTG-2025-000001至"
    "VN-OFW-01-WTG-2025-000064，塔筒采用单桩基础。\n\n"
    "项目预计年上网电量1,331,520兆瓦时，替代越南国家电网中以燃煤为主的发电，年均减排量约877,737.984吨二氧化碳当量（tCO2e）。"
    "项目业主为华夏海上能源有限公司（Huaxia Offshore Energy Co., Ltd.），技术咨询方为「中国电建华东勘测设计研究院」。"
    "依据《温室气体自愿减排项目设计与实施指南》，本项目的额外性免予论证。\n"
    "施工期为2023年3月至2024年12月；首台机组于2024年9月并网。")
DESCRIPTION_EN = ("The Binh Thuan offshore wind farm installs sixty-four 6.25 MW turbines (serial numbers VN-OFW-01-WTG-2025-000001 "
                  "to VN-OFW-01-WTG-2025-000064) in 31.5 to 33.0 m of water, about 35 km from the shore. ") * 6
NOTE_EN = ("The 2025 generation fell short of the PDD estimate because the export cable between the offshore substation and "
           "the onshore control centre was repaired from 12 March to 30 April 2025 (work order VN-OFW-01-WO-2025-000317); "
           "curtailment instructions from the National Load Dispatch Centre (NLDC) accounted for the remainder. ") * 5


def pdftotext(path, layout: bool = True) -> str:
    """The text of a PDF, lines as laid out (``layout``) or in reading order, a cell's lines together."""
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    return "".join(text.split())


def body_text(path, layout: bool = True) -> str:
    """The text of the pages without their running header, footer and draft watermark: what flows across pages."""
    pages = []
    for page in pdftotext(path, layout).split("\f"):
        lines = [line for line in page.splitlines() if line.strip()]
        lines = [line for line in lines[1:] if not re.fullmatch(r"\s*(第 ?\d+ ?页 ?/ ?共 ?\d+ ?页|Page \d+ of \d+|草稿|DRAFT|草稿 DRAFT)\s*", line)]
        pages.append("\n".join(lines))
    return "\n".join(pages)


def write_texts(ws, code: str) -> None:
    for key, value in (("text.description.zh", DESCRIPTION_ZH), ("text.description.en", DESCRIPTION_EN),
                       ("text.environment.zh", DESCRIPTION_ZH[:300]), ("text.stakeholders.en", NOTE_EN)):
        methodology.set_parameter(ws, ON, code, key, value)


def recorded_vvb(ws, name_en: str, name_zh: str) -> int:
    """The VVB of that name, recorded the first time (a VVB is recorded once per workspace)."""
    found = next((v.id for v in validation.list_vvbs(ws) if v.name_en == name_en), None)
    return found if found is not None else validation.add_vvb(ws, ON, {"name_en": name_en, "name_zh": name_zh}).result["id"]


def verify_and_issue(ws, code: str) -> int:
    """Period 1 verified by a second VVB, issued, one block retired: the id of the retired block."""
    first = recorded_vvb(ws, "China Quality Certification Centre", "中国质量认证中心")
    second = recorded_vvb(ws, "China Environmental United Certification Center", "中环联合认证中心")
    engagement = validation.engage(ws, ON, code, first, "validation", "Li Wei, Zhang Min").result["id"]
    validation.sample_sites(ws, ON, engagement)
    validation.finalise_report(ws, ON, engagement)
    check = validation.engage(ws, ON, code, second, "verification", "Wang Fang, Chen Jie", period=1).result["id"]
    validation.sample_sites(ws, ON, check)
    validation.finalise_report(ws, ON, check)
    if code == "VN-OFW-01":
        agreement = "China–Viet Nam Memorandum on Belt and Road Voluntary Emission Reduction Cooperation (demo)"
        ledger.add_agreement(ws, ON, agreement, "VN", "joint committee")
        ledger.add_allocation(ws, ON, agreement, {"effective_from": "2024-01-01", "china_share": "0.5", "host_share": "0.5"})
    issued = ledger.issue(ws, Actor("tester", date(2026, 3, 20)), code, 1, "2026-03-20", "JC-2026-011")  # after the 2025 period
    block = issued.result["blocks"][0]
    return ledger.retire(ws, ON, block, 10, "Voluntary neutrality claim 2025", "Guangzhou Green Energy Trading Co.").result["block"]


@pytest.fixture
def lifecycle(ws, tmp_path):
    """Both demo projects with long texts, a calculated, verified and issued period 1 and a retirement each."""
    create_demo_projects(ws, ON)
    for key, value in (("grid", "VN-National"), ("ex_ante_EG_MWh", "1331520")):
        methodology.set_parameter(ws, ON, "VN-OFW-01", key, value)
    meters.add_meter(ws, ON, "VN-OFW-01", {"serial": "VN-EXP-0001-2025-ABCDEFGHIJKLMNOPQRSTUVWXYZ", "role": "export", "accuracy_class": "0.2"})
    rows = [f"VN-EXP-0001-2025-ABCDEFGHIJKLMNOPQRSTUVWXYZ,2025-03-01 {h:02d}:00,60,100000" for h in range(10)]
    (tmp_path / "r.csv").write_text("meter,start,minutes,kwh\n" + "\n".join(rows) + "\n", encoding="utf-8")
    monitoring_import.import_readings(ws, ON, "VN-OFW-01", tmp_path / "r.csv")
    periods.add_period(ws, ON, "VN-OFW-01", "2025-01-01", "2025-12-31")
    accounting.calculate_period(ws, ON, "VN-OFW-01", 1)
    periods.explain_deviation(ws, ON, "VN-OFW-01", 1, 2025, NOTE_EN)
    parcels_with_strata(ws, tmp_path)
    write_csv(tmp_path / "2023.csv", inventory(3))
    field_data.import_file(ws, ON, "GX-AR-01", tmp_path / "2023.csv")
    periods.add_period(ws, ON, "GX-AR-01", "2021-03-01", "2023-12-31")
    accounting.calculate_period(ws, ON, "GX-AR-01", 1)
    for code in ("VN-OFW-01", "GX-AR-01"):
        write_texts(ws, code)
    return {code: verify_and_issue(ws, code) for code in ("VN-OFW-01", "GX-AR-01")}


def test_every_document_kind_renders_for_both_demo_projects_in_every_language(ws, lifecycle, tmp_path):
    refs = {"monitoring-report": 1, "verification-package": 1, "issuance-application": 1, "allocation-statement": 1}
    for code, retired in lifecycle.items():
        for kind in DocumentKind:
            ref = retired if kind == "retirement-certificate" else refs.get(kind)
            for lang in LANGS:
                out = documents.render(ws, kind, code, lang, tmp_path / f"{code}-{kind}-{lang}.pdf", ON.today, ref=ref)
                text = flat(body_text(out))
                assert text, (code, kind, lang)
                if kind == "pdd" and lang != "en":
                    assert flat(DESCRIPTION_ZH) in text  # whole, in order, across lines and pages
                if kind == "pdd" and lang != "zh":
                    assert flat(DESCRIPTION_EN) in text
                if kind == "monitoring-report" and code == "VN-OFW-01":
                    assert flat(NOTE_EN) in text


def test_user_paragraphs_and_line_breaks_are_kept(ws, lifecycle, tmp_path):
    text = pdftotext(documents.render(ws, "pdd", "VN-OFW-01", "zh", tmp_path / "p.pdf", ON.today))
    lines = [line.strip() for line in text.splitlines()]
    # each user paragraph and each user line break starts a new line
    assert any(line.startswith("项目预计年上网电量") for line in lines)
    assert any(line.startswith("施工期为2023年3月至2024年12月") for line in lines)


def word_text(path) -> tuple[list[str], str]:
    """The headings of a Word file and all its text (paragraphs and table cells, in document order)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(str(path))
    headings, parts = [], []
    for child in doc.element.body.iterchildren():
        if child.tag.endswith("}p"):
            p = Paragraph(child, doc)
            parts.append(p.text)
            if p.style.name.startswith("Heading"):
                headings.append(p.text)
        elif child.tag.endswith("}tbl"):
            parts += [c.text for r in Table(child, doc).rows for c in r.cells]
    return headings, "\n".join(parts)


def test_the_word_file_of_every_kind_has_the_same_content_as_the_pdf(ws, lifecycle, tmp_path):
    from workbench.documents.render import render_document

    refs = {"monitoring-report": 1, "verification-package": 1, "issuance-application": 1, "allocation-statement": 1}
    for code, retired in lifecycle.items():
        for kind in DocumentKind:
            ref = retired if kind == "retirement-certificate" else refs.get(kind)
            pdf = flat(body_text(documents.render(ws, kind, code, "bilingual", tmp_path / f"{code}-{kind}.pdf", ON.today, ref=ref), layout=False))
            headings, text = word_text(documents.export_docx(ws, kind, code, "bilingual", tmp_path / f"{code}-{kind}.docx", ON.today, ref=ref))
            _, context = documents._prepared(ws, kind, code, "bilingual", tmp_path / "x.pdf", ON.today, False, ref, "1.0", False)
            model = render_document(kind, context, "bilingual")
            assert headings == [h.text for h in model.headings()], (code, kind)
            cells = Counter()
            for block in model.blocks:  # every paragraph and cell of the document model is in both files
                if hasattr(block, "runs"):  # paragraphs read back whole from both
                    assert flat(block.text) in flat(text) and flat(block.text) in pdf, (code, kind, block.text)
                for cell in (c for row in getattr(block, "rows", ()) for c in row):
                    assert flat(cell.text) in flat(text), (code, kind, cell.text)
                    cells.update(flat(cell.text))
            assert not cells - Counter(pdf), (code, kind)  # side-by-side cells interleave in extracted PDF text


def test_contents_outline_and_page_numbers_agree(ws, lifecycle, tmp_path):
    from pypdf import PdfReader

    path = documents.render(ws, "pdd", "VN-OFW-01", "bilingual", tmp_path / "toc.pdf", ON.today)
    reader = PdfReader(path)
    outline = [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline if not isinstance(item, list)]
    outline += [(item.title, reader.get_destination_page_number(item) + 1) for sub in reader.outline if isinstance(sub, list) for item in sub]
    pages = pdftotext(path).split("\f")
    # the contents page: title ... page, sections A–F and their subsections (A.1 …)
    listed = dict(re.findall(r"^\s*([A-F](?:\.\d+)?\.? .+?)\s{2,}(\d+)\s*$", pages[1], re.M))
    assert len(listed) == 21
    by_title = dict(outline)
    for title, page in listed.items():
        # the heading on its page: the Chinese, the smaller English on the line beneath
        zh, en = re.match(r"(.*?[\u4e00-\u9fff）)])\s+([A-Za-z].*)$", title).groups()
        assert by_title[title] == int(page) and flat(zh) in flat(pages[int(page) - 1]) and flat(en) in flat(pages[int(page) - 1])
    total = len(pages) - (pages[-1].strip() == "")
    assert all(f"共 {total} 页" in page or f"共{total}页" in page.replace(" ", "") for page in pages[:total])


# ---- the whole-path demo (VN-CSP-01): every kind in every language, and nothing raw in the Chinese documents ----

WHOLE_PATH_REFS = {"monitoring-report": 1, "verification-package": 1, "issuance-application": 1}
CODES = re.compile(r"(?<![\w-])(?:CN|VN|MA|HK|MO|TW)(?![\w-])")  # a country code on its own, not inside a serial or code
SNAKE = re.compile(r"(?<![\w-])[a-z]+(?:_[a-z]+)+(?![\w-])")  # a stored key such as project_owner or needs_evidence


@pytest.fixture(scope="module")
def whole_path(tmp_path_factory):
    from workbench.services.demo.demo import create_demo
    from workbench.store.workspace import open_workspace

    ws = open_workspace(tmp_path_factory.mktemp("whole") / "demo.sqlite")
    create_demo(ws, Actor("tester", date(2025, 1, 6)))
    retired = next(line.block for line in ledger.ledger(ws, "VN-CSP-01") if line.status == "retired")
    yield ws, {**WHOLE_PATH_REFS, "retirement-certificate": retired}
    ws.close()


def stored_values() -> set[str]:
    """Every stored value of the closed sets a document prints (programme, role, verdict, registry, status …)."""
    from workbench.documents.wording import ENUMS

    return {member.value for enum in ENUMS.values() for member in enum}


def english_wording() -> set[str]:
    """The English of every document wording and enum label that differs from its Chinese (several words long)."""
    from workbench.documents.wording import ENUMS
    from workbench.domain import catalogue
    from workbench.locale.build import read

    ids = [m.id for m in read("en") if m.id and m.id.startswith(("doc.", "risk_item."))]
    ids += [member.label_id for enum in ENUMS.values() for member in enum]
    texts = [(catalogue.render(i, "en"), catalogue.render(i, "zh")) for i in ids]
    return {en for en, zh in texts if "{" not in en and " " in en and en != zh}


def test_every_document_of_the_whole_path_renders_in_every_language(whole_path, tmp_path):
    ws, refs = whole_path
    for kind in DocumentKind:
        for lang in LANGS:
            out = documents.render(ws, kind, "VN-CSP-01", lang, tmp_path / f"{kind}-{lang}.pdf", ON.today, ref=refs.get(kind))
            text = body_text(out)
            if kind not in ("pdd", "monitoring-report"):  # complete; the PDD and the report mark the DEMO values they rest on
                assert ("[缺失" if lang != "en" else "[missing") not in text, (kind, lang)
            if lang != "en":
                assert re.search(r"[\u4e00-\u9fff]", text), (kind, lang)


def test_no_stored_value_id_country_code_or_english_wording_in_the_chinese_documents(whole_path, tmp_path):
    from workbench.documents.render import render_document
    from workbench.services.demo.whole_path import GAS_CHECKED, GAS_FAR, RISKS

    ws, refs = whole_path
    raw, english = stored_values(), english_wording()
    # the demo's risk responses and its FAR on the gas and the owner's answer, typed in English by its users
    written_by_the_owner = {mitigation for _, _, _, mitigation, _ in RISKS.values()} | {GAS_FAR, GAS_CHECKED}
    found = {}
    for kind in DocumentKind:
        ref = refs.get(kind)
        text = " ".join(pdftotext(documents.render(ws, kind, "VN-CSP-01", "zh", tmp_path / f"{kind}.pdf", ON.today, ref=ref)).split())
        _, context = documents._prepared(ws, kind, "VN-CSP-01", "zh", tmp_path / "x.pdf", ON.today, False, ref, "1.0", False)
        doc = render_document(kind, context, "zh")
        pieces = [getattr(b, "text", "") for b in doc.blocks if getattr(b, "text", "") not in written_by_the_owner]
        pieces += [c.text for b in doc.blocks for row in getattr(b, "rows", ()) for c in row if c.text not in written_by_the_owner]
        words = set(re.findall(r"(?<![\w-])[a-z_]+(?![\w-])", " ".join(pieces)))  # what the document prints, bar user text
        problems = {"stored": words & raw, "codes": CODES.findall(text), "ids": re.findall(r"#\d+", text),
                    "english": [e for e in english if e in text], "keys": SNAKE.findall(" ".join(pieces))}
        found[kind] = {k: v for k, v in problems.items() if v}
    assert not any(found.values()), found
