"""The forestry and mangrove demo documents as a registry reviewer reads them, from the real PDFs (pdftotext): the
sector's own dates (项目开始日期 and 计入期, never a power plant's 投产日期 / 运行寿命), each document dated the day of
the act it records rather than the day it is rendered."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import re
import subprocess

import pytest

from tests.cli_helpers import run_cli
from tests.docs.test_every_document import pdftotext
from workbench.services.demo.demo import create_demo
from workbench.services.documents import documents
from workbench.services.support.context import Actor
from workbench.store.workspace import open_workspace

TODAY = date(2026, 2, 1)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    return tmp_path_factory.mktemp("forest") / "demo.sqlite"


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_file):
    """One demo workspace file for the module's read-only renders (every render writes only its own PDF), made with
    the user folders kept out of the real ones as conftest's per-test ``isolated_home`` does."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            mp.setenv(var, str(home / var.lower()))
        mp.setenv("WORKBENCH_USER", "tester")
        ws = open_workspace(demo_file)
        create_demo(ws, Actor("tester", TODAY))
    yield ws
    ws.close()


def flat(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("code", ["GX-AR-01", "GD-MG-01"])
def test_a_forestry_pdd_dates_the_project_by_its_start_and_crediting_period_not_by_power_plant_terms(demo, tmp_path, code):
    zh = flat(pdftotext(documents.render(demo, "pdd", code, "zh", tmp_path / "zh.pdf", TODAY), layout=False))
    en = pdftotext(documents.render(demo, "pdd", code, "en", tmp_path / "en.pdf", TODAY), layout=False)
    for energy in ("投产日期", "运行寿命", "开工日期"):
        assert energy not in zh, energy
    assert "C.项目开始日期与计入期" in zh and "C.1项目开始日期" in zh and "C.2计入期" in zh
    for energy in ("Operation start", "operation start", "lifetime", "Construction start"):
        assert energy not in en, energy
    assert "Project start date and crediting period" in " ".join(en.split())


def test_a_forestry_monitoring_report_says_project_start_not_commissioning(demo, tmp_path):
    zh = flat(pdftotext(documents.render(demo, "monitoring-report", "GD-MG-01", "zh", tmp_path / "mr.pdf", TODAY, ref=1), layout=False))
    assert "项目开始日期2021年4月1日" in zh and "投产日期" not in zh


def test_the_mangrove_report_derives_its_soil_carbon_stratum_by_stratum(demo, tmp_path):
    """ΔSOC_j = 44/12 × 0.5 tC/ha/yr × A_j × years: flat-2021 (planted 2021) 17.2922 ha × 4 years = 126.810 t,
    pond-2022 (planted 2022) 19.0458 ha × 3 years = 104.752 t (a year less: it has stood a year less), 231.562 t."""
    text = raw(documents.render(demo, "monitoring-report", "GD-MG-01", "en", tmp_path / "mr.pdf", TODAY, ref=1))
    derivation = text[text.index("Soil organic carbon: derivation per stratum"):]
    assert re.search(r"^flat-2021 17\.2922 0\.5 4 126\.810$", derivation, re.M)
    assert re.search(r"^pond-2022 19\.0458 0\.5 3 104\.752$", derivation, re.M)
    assert re.search(r"^Total 231\.562$", derivation, re.M)
    assert "at most 20 years (SOC_years)" in " ".join(derivation.split())
    zh = flat(raw(documents.render(demo, "pdd", "GD-MG-01", "zh", tmp_path / "pdd.pdf", TODAY)))
    assert "ΔSOC=44/12×SOC_rate×Σ_jA_j×min(t_j,SOC_years)" in zh and "for at most" not in zh


def test_documents_carry_the_day_of_the_act_they_record_not_the_day_they_are_rendered(demo, tmp_path):
    later = date(2026, 9, 30)  # rendered long after the acts
    pdd = flat(pdftotext(documents.render(demo, "pdd", "GD-MG-01", "zh", tmp_path / "pdd.pdf", later), layout=False))
    assert "1.0·2024年3月4日" in pdd  # the day the PDD went to public comment (the demo's stage move)
    validation = pdftotext(documents.render(demo, "validation-package", "VN-CSP-01", "en", tmp_path / "v.pdf", later), layout=False)
    assert "Version 1.0 · 20 February 2025" in validation  # the day the validation began
    report = pdftotext(documents.render(demo, "monitoring-report", "VN-CSP-01", "en", tmp_path / "mr.pdf", later, ref=1), layout=False)
    assert "1.0 · 2 February 2026" in report  # handed to the verifier after the period ended (31 December 2025)
    draft = pdftotext(documents.render(demo, "monitoring-report", "GD-MG-01", "en", tmp_path / "draft.pdf", later, ref=1), layout=False)
    assert "1.0 · 30 September 2026" in draft  # not yet submitted: a draft is dated the day it is written
    drafting = flat(pdftotext(documents.render(demo, "pdd", "GX-AR-01", "zh", tmp_path / "gx.pdf", later), layout=False))
    assert "1.0·2026年9月30日" in drafting  # a PDD still being drafted


def test_the_mangrove_estimate_for_the_period_is_the_sum_of_the_pdd_rows_in_the_pdd_report_and_cli(demo, demo_file, tmp_path, capsys):
    """The PDD prints each year in whole tonnes; the report and ``period list`` compare the period with the sum of
    those printed rows (2,263 for 1 April 2021 – 31 December 2025), not with the unrounded years (2,265)."""
    pdd = pdftotext(documents.render(demo, "pdd", "GD-MG-01", "en", tmp_path / "pdd.pdf", TODAY))
    rows = {int(m[1]): int(m[2].replace(",", "")) for m in
            re.finditer(r"^\s*(202[1-5])\s+(?:\d+/)?36[56]\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+([\d,]+)\s*$", pdd, re.M)}
    assert sorted(rows) == [2021, 2022, 2023, 2024, 2025]
    assert sum(rows.values()) == 2263
    report = pdftotext(documents.render(demo, "monitoring-report", "GD-MG-01", "en", tmp_path / "mr.pdf", TODAY, ref=1))
    (line,) = [x for x in report.splitlines() if "1 April 2021" in x and "3,432" in x]
    assert line.split()[-3:] == ["2,263", "+51.7", "%"]  # removals 3,432 against 2,263: +51.7 %
    listed = run_cli(capsys, "--format", "json", "period", "list", "GD-MG-01", "--db", demo_file).json()
    (vintage,) = listed["periods"][0]["vintages"]
    assert str(vintage["ex_ante_estimate"]) == "2263"


def pages(path) -> list[str]:
    return pdftotext(path).split("\f")


def raw(path) -> str:
    """The text in content-stream order, one table row a line (the DRAFT watermark does not cut the rows apart)."""
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_figures_are_numbered_and_listed_with_the_page_they_are_on(demo, tmp_path):
    path = documents.render(demo, "pdd", "GD-MG-01", "zh", tmp_path / "pdd.pdf", TODAY)
    text = pages(path)
    listed = {int(m[1]): int(m[2]) for m in re.finditer(r"^图(\d) .+?\s+(\d+)\s*$", text[1], re.M)}
    assert "插图目录" in text[1] and sorted(listed) == [1, 2]
    for number, caption in ((1, "项目场址与地块（WGS84经纬度）"), (2, "各年碳汇量事前估算（tCO2e）")):
        on = [k + 1 for k, page in enumerate(text) if k > 1 and f"图{number} {caption}" in page]
        assert on == [listed[number]], (number, on, listed)
    en = pdftotext(documents.render(demo, "pdd", "GD-MG-01", "en", tmp_path / "en.pdf", TODAY))
    assert "List of figures" in en and "Figure 1. Project sites and parcels" in en and "Figure 2. Ex-ante net removals per year" in en
    import docx  # the Word export lists the same captions under its contents

    word = [p.text for p in docx.Document(documents.export_docx(demo, "pdd", "GD-MG-01", "zh", tmp_path / "pdd.docx", TODAY)).paragraphs]
    at = word.index("插图目录")
    assert word[at + 1:at + 3] == ["图1 项目场址与地块（WGS84经纬度）", "图2 各年碳汇量事前估算（tCO2e）"]


def test_the_plot_annex_lists_parcels_strata_and_sample_plots_that_add_up(demo, tmp_path):
    text = raw(documents.render(demo, "pdd", "GD-MG-01", "en", tmp_path / "pdd.pdf", TODAY))
    annex = text[text.index("Annex 1. Parcels, strata and sample plots", text.index("List of figures")):]
    parcels = re.findall(r"^(GQ-\d\d|DH-\d\d)\s+(\S+)\s+21\.\d{6}\s+1\d\d\.\d{6}\s+(\d+\.\d{4})\s*$", annex, re.M)
    assert len(parcels) == 7
    by_stratum = {}
    for _, stratum, area in parcels:
        by_stratum[stratum] = by_stratum.get(stratum, 0) + Decimal(area)
    strata = dict(re.findall(r"^(flat-2021|pond-2022)\s+\d+\s+(\d+\.\d\d)\s*$", annex, re.M))
    assert strata == {"flat-2021": "17.29", "pond-2022": "19.05"}
    for stratum, area in strata.items():  # the rows add up to the stratum (to the 0.01 ha it is printed with)
        assert abs(by_stratum[stratum] - Decimal(area)) <= Decimal("0.005"), stratum
    assert re.search(r"^Total\s+7\s+36\.34\s*$", annex, re.M)
    plots = re.findall(r"^([FP]\d+)\s+(flat-2021|pond-2022)\s+25\s", annex, re.M)
    assert len(plots) == 14 and plots[:2] == [("F1", "flat-2021"), ("F2", "flat-2021")]  # F2 before F10
    gx = pdftotext(documents.render(demo, "pdd", "GX-AR-01", "en", tmp_path / "gx.pdf", TODAY))
    assert "No sample plot has been measured yet" in gx  # parcels, no plots yet
    wind = pdftotext(documents.render(demo, "pdd", "VN-OFW-01", "en", tmp_path / "ofw.pdf", TODAY))
    assert "Annex 1. Parcels" not in wind  # an energy project has no parcels annex


ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}")  # three English words in a row
SYMBOLS = re.compile(r"CDM AR-\w+|IPCC \d+|[A-Z]{2}_\w+|\w+_(?:fraction|rate|years)|tC/t d\.m\.|AR-TOOL\d+")


@pytest.mark.parametrize("kind, code, ref", [("pdd", "GD-MG-01", None), ("pdd", "GX-AR-01", None), ("monitoring-report", "GD-MG-01", 1),
                                             ("validation-package", "GD-MG-01", None), ("registration-application", "GD-MG-01", None)])
def test_a_chinese_document_of_a_forestry_demo_has_no_english_user_text(demo, tmp_path, kind, code, ref):
    """The demos' own texts (site names, evidence, the VVB team, the deviation note) are written in Chinese, so a
    Chinese document of a demo carries no English but codes and symbols (AR-TOOL14, SOC_rate, IPCC 2006)."""
    text = raw(documents.render(demo, kind, code, "zh", tmp_path / "zh.pdf", TODAY, ref=ref))
    body = SYMBOLS.sub(" ", text.split("附录:待确认数值")[0] if kind == "monitoring-report" else text)
    assert ENGLISH_WORDS.findall(body) == []
    if code == "GD-MG-01" and kind == "pdd":
        assert "湛江市自然资源局2020年生境调查" in flat(text) and "廉江高桥无植被潮滩" in flat(text)
    if kind == "monitoring-report":
        assert "2025年11月实测碳储量高于设计文件同期估算" in flat(text)
    if kind == "validation-package":
        assert "李伟、陈红、周林" in flat(text)


def test_a_report_describes_the_stage_the_project_was_in_when_it_was_written(demo, tmp_path):
    """The solar demo has been issued since; its report, handed over on 2 February 2026, says registered."""
    text = " ".join(pdftotext(documents.render(demo, "monitoring-report", "VN-CSP-01", "en", tmp_path / "mr.pdf", TODAY, ref=1)).split())
    assert "Stage Registered: implementation and monitoring" in text and "Reductions issued" not in text


def test_an_issuance_application_is_dated_the_day_it_was_filed(demo, tmp_path):
    """The solar demo applied on 3 March 2026 (its stage move), after the verification report of 2 March."""
    text = " ".join(pdftotext(documents.render(demo, "issuance-application", "VN-CSP-01", "en", tmp_path / "ia.pdf", date(2026, 9, 30),
                                               ref=1)).split())
    assert "Date of application 3 March 2026" in text and "30 September 2026" not in text


def test_a_pdd_published_again_carries_the_day_of_its_latest_publication(tmp_path):
    """Published on 2 February, taken back to design on 10 February, published again on 1 March: the PDD is the
    1 March version (the wind demo's stage moves, made as a user makes them)."""
    from workbench.services.demo.projects import create_demo_projects
    from workbench.services.projects import lifecycle
    from workbench.domain.text import Text

    ws = open_workspace(tmp_path / "again.sqlite")
    create_demo_projects(ws, Actor("tester", TODAY))
    for day, stage in (("2026-02-02", "pdd_publicity"), ("2026-02-10", "design"), ("2026-03-01", "pdd_publicity")):
        lifecycle.advance(ws, Actor("tester", date.fromisoformat(day)), "VN-OFW-01", stage, Text("reason.project_created"))
    text = " ".join(pdftotext(documents.render(ws, "pdd", "VN-OFW-01", "en", tmp_path / "pdd.pdf", date(2026, 6, 1))).split())
    ws.close()
    assert "1.0 · 1 March 2026" in text and "2 February 2026" not in text
