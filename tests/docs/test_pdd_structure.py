"""The PDD as a registry reviewer reads it, for each demo project, read back from the real PDF with pdftotext:
the CCER/CDM sections (boundary with a figure, baseline, additionality, equations, fixed and monitored parameter
boxes, ex-ante table with a total row, crediting period with type and length, monitoring plan), each sector's own
fields only, no raw values or reviewer notes, and the completeness check agreeing with the marks a draft prints."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest

from tests.docs.test_every_document import pdftotext
from workbench.domain.errors import UserError
from workbench.services.demo.demo import create_demo
from workbench.services.documents import documents
from workbench.services.methodology import methodology, reference_editions
from workbench.services.support.context import Actor

TODAY = date(2026, 2, 1)
DEMOS = ("VN-OFW-01", "GX-AR-01", "VN-CSP-01", "GD-MG-01")
SECTIONS_ZH = ("项目边界", "基准线情景", "额外性", "计入期", "监测计划", "事前确定的数据和参数", "需监测的数据和参数", "采用的计算公式",
               "项目边界内的排放源与温室气体", "数据管理", "质量保证与控制", "合计")
REVIEWER_NOTES = ("(confirm", "confirm the", "replace with", "DEMO", "Example", "needs_evidence", "w_OM = 0.5 -;", "[missing")
ENERGY_ONLY = ("电网排放因子", "上网电量", "电能表")
FORESTRY_ONLY = ("样地", "碳层", "抽样设计", "树种")
OFFSHORE_ONLY = ("离岸距离", "水深")


@pytest.fixture
def demo(ws):
    actor = Actor("tester", TODAY)
    create_demo(ws, actor)
    for code in DEMOS:
        for key, value in (("decl.no_other_programme", "yes"), ("decl.no_green_certificate", "yes")):
            methodology.set_parameter(ws, actor, code, key, value)
    return actor


def body(text: str) -> str:
    """The document without its "values to confirm" appendix (a draft's list, never part of a submission)."""
    found = list(re.finditer(r"附录：待确认数值|Appendix: values to confirm", text))
    return text[:found[-1].start()] if found else text  # the last: the first is the contents' line


def words(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("code", DEMOS)
def test_each_demo_pdd_in_chinese_has_the_ccer_sections_and_only_its_sectors_fields(ws, demo, tmp_path, code):
    text = pdftotext(documents.render(ws, "pdd", code, "zh", tmp_path / f"{code}.pdf", TODAY), layout=False)
    flat = words(body(text))
    for heading in SECTIONS_ZH + (("年均碳汇量",) if code in ("GX-AR-01", "GD-MG-01") else ("年均减排量",)):  # a forest's quantity: removals
        assert heading in flat, heading
    for heading in ("A.1", "A.3", "B.3", "B.6.1", "B.6.2", "B.6.3", "B.7.1", "B.7.2", "C.2", "F.2"):
        assert heading in flat, heading
    assert "固定计入期" in flat and "计入期长度" in flat
    for note in REVIEWER_NOTES:
        assert note not in body(text), note
    assert not re.search(r"\b(pass|fail)\b", body(text))
    assert not re.search(r"\d,\d{3}\.\d{3}\b", body(text))  # tonnes in whole tonnes, not with three decimals
    if code == "GX-AR-01":
        assert "2051" in flat and "59/365" in flat  # crediting ends 28 February 2051: 59 of its 365 days
        assert "30年" in flat
    if code == "GD-MG-01":
        assert "2061" in flat and "90/365" in flat and "40年" in flat  # ends 31 March 2061
        assert "潮滩" in flat and "秋茄" in flat and "SOC_rate" in flat
    if code in ("GX-AR-01", "GD-MG-01"):
        assert not [w for w in ENERGY_ONLY + OFFSHORE_ONLY if w in flat]
        assert all(w in flat for w in FORESTRY_ONLY) and "生物质燃烧" in flat and "土壤有机碳" in flat
    else:
        assert not [w for w in FORESTRY_ONLY if w in flat]
        assert all(w in flat for w in ENERGY_ONLY) and "组合边际排放因子" in flat
        assert "10年" in flat
    if code == "VN-CSP-01":
        assert not [w for w in OFFSHORE_ONLY if w in flat]
        assert "化石燃料消耗量" in flat and "平均低位发热量" in flat
    if code == "VN-OFW-01":
        assert all(w in flat for w in OFFSHORE_ONLY) and "化石燃料消耗量" not in flat


def test_the_english_pdd_of_the_forest_has_the_boundary_figure_and_a_total_that_adds_up(ws, demo, tmp_path):
    pdf = documents.render(ws, "pdd", "GX-AR-01", "en", tmp_path / "gx.pdf", TODAY)
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout  # rows whole
    # the figure is drawn from the parcels' outlines and the sites' points, with a graticule in degrees
    assert "金城江区12林班" in text and "108.1°" in text and "Figure 1. Project sites and parcels" in text
    _, context = documents._prepared(ws, "pdd", "GX-AR-01", "en", tmp_path / "x.pdf", TODAY, False, None, "1.0", False)
    outlines = {name: ring for name, ring in context["figure"]["polygons"]}
    assert sorted(outlines) == ["JCJ-12-a", "JCJ-12-b", "JCJ-12-c", "YZ-07-a", "YZ-07-b"]
    assert all(108.0 < lon < 108.7 and 24.4 < lat < 24.8 for ring in outlines.values() for lon, lat in ring)
    table = text.split("B.6.3 Ex-ante estimate")[-1].split("Annual average")[0].replace("DRAFT", "")
    rows = re.findall(r"^[ \t]*(20\d\d)[ \t]+(?:\d+(?:/\d+)?[ \t]+)([\d,]+)[ \t]+([\d,]+)[ \t]+([\d,]+)[ \t]+([\d,]+)[ \t]*$", table, re.M)
    assert [int(r[0]) for r in rows] == list(range(2021, 2052))  # 2021 (306/365) … 2051 (59/365)
    total = re.search(r"^[ \t]*Total[ \t]+([\d,]+)[ \t]+([\d,]+)[ \t]+([\d,]+)[ \t]+([\d,]+)[ \t]*$", table, re.M)
    assert int(total.group(4).replace(",", "")) == sum(int(r[4].replace(",", "")) for r in rows)
    average = re.search(r"^[ \t]*Annual average removals[ \t]+([\d,]+)[ \t]*$", text.split("B.6.3 Ex-ante estimate")[-1], re.M)
    assert int(average.group(1).replace(",", "")) == int(total.group(4).replace(",", "")) // 30


def test_a_draft_marks_exactly_when_the_check_reports_and_a_final_render_is_refused(ws, demo, tmp_path):
    for code in DEMOS:
        missing = documents.check(ws, "pdd", code, TODAY)
        draft = pdftotext(documents.render(ws, "pdd", code, "en", tmp_path / f"{code}-d.pdf", TODAY), layout=False)
        assert bool(missing) == ("[missing" in draft)
        if missing:
            with pytest.raises(UserError, match="Not final yet: "):
                documents.render(ws, "pdd", code, "en", tmp_path / f"{code}-f.pdf", TODAY, final=True)
            assert not (tmp_path / f"{code}-f.pdf").exists()


def test_a_final_render_is_refused_when_the_template_marks_what_the_check_did_not_report(ws, demo, tmp_path):
    _, context = documents._prepared(ws, "pdd", "VN-CSP-01", "en", tmp_path / "x.pdf", TODAY, False, None, "1.0", False)
    assert documents._document("pdd", context, "en").draft  # a draft with its marks renders
    marked = {**context, "final": True, "texts": {**context["texts"], "description": {"gap": True, "en": "a description", "zh": "描述"}}}
    with pytest.raises(UserError, match="Not final yet: \\[missing: a description\\]"):
        documents._document("pdd", marked, "en")


def test_unconfirmed_reference_values_are_listed_with_their_source_until_confirmed(ws, demo, tmp_path):
    text = pdftotext(documents.render(ws, "pdd", "VN-OFW-01", "en", tmp_path / "a.pdf", TODAY), layout=False)
    appendix = words(text.split("Appendix: values to confirm")[-1])
    assert "EF_grid,OM,y" in appendix and "0.6592" in appendix and words("Demo data for the walkthrough") in appendix
    assert "w_OM" not in appendix  # the methodology's weights were read in the published text (tables 2–3)
    items = [m.item.en for m in documents.check(ws, "pdd", "VN-OFW-01", TODAY) if m.section.en == "Values to confirm"]
    assert items[0] == "value 1 (EF_grid,OM,y) to be confirmed against its published source"
    # a confirmed user edition of the grid leaves the appendix, and with it the last value to confirm
    edition = reference_editions.add_grid_edition(ws, demo, {
        "grid": "VN-National", "edition": "MONRE 2025", "data_year": "2024", "ef_om": "0.6810", "ef_bm": "0.5520",
        "source": "MONRE decision 2025, table 1", "published": "2025-12-01"}).result["id"]
    reference_editions.confirm_grid_edition(ws, demo, edition, "MONRE decision 2025, table 1, p. 3")
    text = pdftotext(documents.render(ws, "pdd", "VN-OFW-01", "en", tmp_path / "b.pdf", TODAY), layout=False)
    assert "Appendix: values to confirm" not in text
    assert not [m for m in documents.check(ws, "pdd", "VN-OFW-01", TODAY) if m.section.en == "Values to confirm"]
    assert "0.681" in words(body(text)) and words("MONRE decision 2025, table 1") in words(body(text))


def test_species_coefficients_the_project_recorded_replace_the_table_s_in_the_pdd(ws, demo, tmp_path):
    for column, value in (("a", "0.0601"), ("b", "2.1"), ("c", "0.75"), ("root_shoot", "0.25"), ("source", "Guangxi forest survey 2020, table 4")):
        methodology.set_parameter(ws, demo, "GX-AR-01", f"species.Cunninghamia lanceolata.{column}", value)
    text = pdftotext(documents.render(ws, "pdd", "GX-AR-01", "en", tmp_path / "s.pdf", TODAY), layout=False)
    flat = words(body(text))
    assert words("a = 0.0601; b = 2.1; c = 0.75") in flat and words("Guangxi forest survey 2020, table 4") in flat
    appendix = words(text.split("Appendix: values to confirm")[-1])
    assert "B_tree(Cunninghamialanceolata)" not in appendix and "R(Cunninghamialanceolata)" not in appendix
    assert "B_tree(Pinusmassoniana)" in appendix


def test_a_facility_ashore_has_no_distance_or_depth_gap_but_a_turbine_site_without_them_has(ws, demo, tmp_path):
    items = lambda: [m.item.en for m in documents.check(ws, "pdd", "VN-OFW-01", TODAY)]  # noqa: E731
    assert not [i for i in items() if "Onshore substation" in i]  # the demo's substation: ashore, "—" in the table
    text = pdftotext(documents.render(ws, "pdd", "VN-OFW-01", "en", tmp_path / "ofw.pdf", TODAY), layout=False)
    marks = re.findall(r"\[missing[^\]]*\]", text.replace("\n", " "))
    assert marks and not [m for m in marks if "Onshore substation" in m] and "—" in text
    with ws.transaction() as s:
        from workbench.store.models import SiteRow

        for site in s.query(SiteRow).all():
            site.distance_to_shore_km = site.water_depth_m = None
    assert [i for i in items() if "Turbine array north" in i]  # no site at sea: every site's distance is asked for


def test_only_a_bri_project_names_its_host_country(ws, demo, tmp_path):
    def text(code: str) -> str:
        return words(body(pdftotext(documents.render(ws, "pdd", code, "zh", tmp_path / f"{code}.pdf", TODAY), layout=False)))

    assert "东道国越南" in text("VN-OFW-01") and "东道国" not in text("GX-AR-01")  # a domestic CCER project has no host
