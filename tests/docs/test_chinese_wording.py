"""A Chinese document prints no English word of the workbench's own: every reference source, parameter source,
methodology wording, unit label and date comes in Chinese; what stays Latin is what the user wrote, proper names,
units, symbols and standard codes (CCER-01-002-V01, DL/T 448, AR-TOOL14). Read from the document model the PDF and
the Word file are laid out from, for every document kind of the demo projects; dates as 2025年3月6日; forestry
documents say 碳汇量; the ex-ante table counts the days of whole years; the monitoring report lists the DEMO rows it
rests on as values to confirm.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import String, Text as SqlText

from tests.docs.test_every_document import pdftotext
from tests.unit.test_field_data import inventory, write_csv
from workbench.documents.render import render_document
from workbench.domain.vocabulary import DocumentKind
from workbench.services.documents import documents
from workbench.services.issuance import ledger
from workbench.services.monitoring import accounting, field_data, periods
from workbench.services.support.context import Actor
from workbench.store.models import Base

TODAY = date(2026, 2, 1)
# Latin words a Chinese document may print besides the user's text: units, mathematical functions and the proper
# names the methodologies' texts use (Neyman allocation); symbols and codes hold a digit, an underscore or capitals only.
UNITS = {"ha", "km", "cm", "kg", "mm", "yr", "exp", "ln", "Nm"}
PROPER_NAMES = {"Neyman", "Komiyama"}
NOT_USER_TEXT = {"audit_entry", "audit_anchor", "vintage_result", "alembic_version", "write_lock", "stage_event"}


def system_english(text: str) -> list[str]:
    """The English words of ``text``: a run of two lower-case letters in a token with no digit or underscore (a
    symbol such as EF_grid,OM,y or a code such as CCER-01-002-V01 holds one), not a unit or a proper name."""
    tokens = re.findall(r"[A-Za-z][A-Za-z0-9_'.-]*", text)
    return [t for t in tokens if re.search(r"[a-z]{2,}", t) and not re.search(r"[\d_]", t)
            and t.strip(".'-") not in UNITS | PROPER_NAMES]


def user_texts(ws) -> list[str]:
    """Everything the user (here: the demo, acting as one) typed into the workspace, longest first."""
    found: set[str] = set()
    with ws.reading() as s:
        for table in Base.metadata.sorted_tables:
            if table.name in NOT_USER_TEXT:
                continue
            columns = [c for c in table.columns if isinstance(c.type, (String, SqlText))]
            for row in s.execute(table.select().with_only_columns(*columns)) if columns else ():
                found |= {v for v in row if isinstance(v, str) and v.strip()}
    return sorted(found, key=len, reverse=True)


def without(text: str, typed: list[str]) -> str:
    """``text`` without the user's words, each taken out whole (never the letters of a word around it)."""
    for words in typed:
        text = re.sub(rf"(?<![A-Za-z0-9_]){re.escape(words)}(?![A-Za-z0-9_])", " ", text)
    return text


def printed(kind: str, context: dict) -> str:
    """What the Chinese document prints: headings, paragraphs, cells and chart legends."""
    doc = render_document(kind, context, "zh")
    pieces = []
    for block in doc.blocks:
        pieces += [getattr(block, "title", ""), getattr(block, "sub", ""), getattr(block, "text", "")]
        pieces += [cell.text for row in getattr(block, "rows", ()) for cell in row]
        pieces += [name for name, _ in getattr(block, "series", ())]
    return "\n".join(pieces)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from workbench.services.demo.demo import create_demo
    from workbench.store.workspace import open_workspace

    folder = tmp_path_factory.mktemp("zh")
    ws = open_workspace(folder / "demo.sqlite")
    actor = Actor("tester", date(2025, 1, 6))
    create_demo(ws, actor)
    write_csv(folder / "2023.csv", inventory(3))  # the forest's first verification: plots measured in 2023
    field_data.import_file(ws, actor, "GX-AR-01", folder / "2023.csv")
    periods.add_period(ws, actor, "GX-AR-01", "2021-03-01", "2023-12-31")
    accounting.calculate_period(ws, actor, "GX-AR-01", 1)
    yield ws
    ws.close()


def kinds(ws):
    """Every document of the whole-path demo, the PDDs of the other two demo projects and the forest's report."""
    retired = next(line.block for line in ledger.ledger(ws, "VN-CSP-01") if line.status == "retired")
    refs = {"monitoring-report": 1, "verification-package": 1, "issuance-application": 1, "retirement-certificate": retired}
    return [("VN-CSP-01", kind, refs.get(kind)) for kind in DocumentKind] + [("VN-OFW-01", "pdd", None), ("GX-AR-01", "pdd", None),
                                                                                   ("GX-AR-01", "monitoring-report", 1)]


def test_no_english_word_of_the_workbench_in_any_chinese_document(demo, tmp_path):
    typed = user_texts(demo)
    found = {}
    for code, kind, ref in kinds(demo):
        _, context = documents._prepared(demo, kind, code, "zh", tmp_path / "x.pdf", TODAY, False, ref, "1.0", False)
        found[(code, kind)] = sorted(set(system_english(without(printed(kind, context), typed))))
    assert not {k: v for k, v in found.items() if v}, found


def test_the_check_finds_english_of_the_workbench():
    # the wording the registry reviewer found, and the sources the documents printed before they came in Chinese
    assert system_english("准确度 class 0.5 or better(DL/T 448)") == ["class", "or", "better"]
    assert system_english("CCER-01-001-V01 §6.3 eq. (1)") == ["eq."]
    assert system_english("AR-TOOL14 default carbon fraction (IPCC 2006)") == ["default", "carbon", "fraction"]
    assert system_english("EF_grid,OM,y 0.6592 tCO2/MWh; 2,500 株/ha; Neyman分配; DL/T 1664; CNAS") == []


def test_chinese_documents_date_as_chinese_write_days(demo, tmp_path):
    text = pdftotext(documents.render(demo, "monitoring-report", "VN-CSP-01", "zh", tmp_path / "mr.pdf", TODAY, ref=1))
    # dated the day the report was handed to the verifier (2 February 2026 in the demo), not the day it is rendered
    assert "2025年1月1日 – 2025年12月31日" in text and "2026年2月2日" in text
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text.split("附录")[0])
    english = pdftotext(documents.render(demo, "monitoring-report", "VN-CSP-01", "en", tmp_path / "mr-en.pdf", TODAY, ref=1))
    assert "1 January 2025 – 31 December 2025" in english and "2 February 2026" in english


def test_a_forestry_pdd_says_removals_and_counts_the_days_of_whole_years(demo, tmp_path):
    flat = "".join(pdftotext(documents.render(demo, "pdd", "GX-AR-01", "zh", tmp_path / "gx.pdf", TODAY)).split())
    assert "年均碳汇量" in flat and "碳汇量事前估算" in flat and "碳储量变化（tCO2e）" in flat
    assert "年均减排量" not in flat and "减排量（tCO2e）" not in flat
    table = pdftotext(documents.render(demo, "pdd", "GX-AR-01", "en", tmp_path / "gx-en.pdf", TODAY)).split("B.6.3")[-1]
    days = dict(re.findall(r"^[ \t]*(20\d\d)[ \t]+(\d+(?:/\d+)?)[ \t]", table, re.M))
    # crediting 1 March 2021 – 28 February 2051: 306 of 2021's 365 days, whole years in full, 59 of 2051's
    assert days["2021"] == "306/365" and days["2022"] == "365" and days["2024"] == "366" and days["2051"] == "59/365"
    wind = "".join(pdftotext(documents.render(demo, "pdd", "VN-OFW-01", "zh", tmp_path / "w.pdf", TODAY)).split())
    assert "年均减排量" in wind and "碳汇量" not in wind


def test_the_monitoring_report_lists_the_demo_rows_it_rests_on_as_values_to_confirm(demo, tmp_path):
    missing = documents.check(demo, "monitoring-report", "VN-CSP-01", TODAY, 1)
    assert [m.item.en for m in missing] == [f"value {n} ({s}) to be confirmed against its published source"
                                            for n, s in enumerate(("EF_grid,OM,y", "EF_grid,BM,y", "NCV_i", "CC_i", "OF_i"), 1)]
    text = pdftotext(documents.render(demo, "monitoring-report", "VN-CSP-01", "zh", tmp_path / "mr.pdf", TODAY, ref=1), layout=False)
    appendix = "".join(text.split("附录：待确认数值")[-1].split())
    assert "演示版本(非公开发布数值)" in appendix and "0.6592" in appendix and "389.31" in appendix
    with pytest.raises(Exception, match="Not final yet|待"):
        documents.render(demo, "monitoring-report", "VN-CSP-01", "en", tmp_path / "final.pdf", TODAY, ref=1, final=True)
    assert not (tmp_path / "final.pdf").exists()
