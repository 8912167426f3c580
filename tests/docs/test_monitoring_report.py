"""The monitoring report read back from the real PDF: implementation status, the monitoring system of the sector
(meters and calibrations for power, sample plots for forestry — no empty meter table), the data and parameters
applied with the §7.3.4 corrections span by span, and results against the PDD estimate for the same span."""

from __future__ import annotations

from datetime import date

import pytest

from tests.docs.test_every_document import pdftotext
from tests.unit.test_field_data import inventory, write_csv
from workbench.domain.errors import UserError
from workbench.domain.estimate_table import estimate_for_span
from workbench.services.demo.demo import create_demo
from workbench.services.documents import documents
from workbench.services.methodology import methodology
from workbench.services.monitoring import accounting, field_data, periods
from workbench.services.projects.projects import resolve
from workbench.services.support.context import Actor

TODAY = date(2026, 2, 1)
NOTES = ("(confirm", "DEMO", "replace with", "natural_gas", "uncalibrated", "needs_evidence", "previous_pass", "[missing")


def words(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def demo(ws):
    actor = Actor("tester", TODAY)
    create_demo(ws, actor)
    return actor


def test_the_solar_thermal_report_shows_each_corrected_span_and_the_calibrations_in_chinese(ws, demo, tmp_path):
    text = pdftotext(documents.render(ws, "monitoring-report", "VN-CSP-01", "zh", tmp_path / "mr.pdf", TODAY, ref=1), layout=False)
    flat = words(text)
    for heading in ("A.3核算期", "B.项目实施情况", "C.1计量表及其校准", "D.1事前确定的数据和参数", "D.2需监测的数据和参数",
                    "D.3各时段采用的计量数据修正", "E.计算与结果"):
        assert heading in flat, heading
    # the demo meters were first calibrated on 6 January: 1–5 January is corrected by the class limit, the rest is not
    assert "2025年1月1日–2025年1月5日" in flat and "2025年1月6日–2025年12月31日" in flat and "未校准" in flat and "及时校准且在准确度范围" in flat
    assert "2025年1月6日+0.10%合格" in flat and "天然气" in flat and "燃料入库" in flat
    # the year against the PDD's estimate for the same span: 152,000 MWh × 0.6592 = 100,198.4 t
    assert "2025年1月1日–2025年12月31日" in flat and "100,198" in flat and "同期估算" in flat  # the heading wraps in its narrow column
    # the results name baseline, project emissions and leakage apart: 96,220 − 701 (the natural gas burned) − 0 = 95,519
    # (the DRAFT watermark's word may fall between the cells in reading order)
    assert "项目排放" in flat and "泄漏" in flat and "96,220701095,51995,519" in flat.replace("草稿", "")
    for note in NOTES:
        assert note not in text, note


def test_a_forestry_period_of_several_years_is_compared_with_the_estimate_of_those_years_and_has_no_meter_table(ws, demo, tmp_path):
    write_csv(tmp_path / "2023.csv", inventory(3))
    field_data.import_file(ws, demo, "GX-AR-01", tmp_path / "2023.csv")
    periods.add_period(ws, demo, "GX-AR-01", "2021-03-01", "2023-12-31")
    accounting.calculate_period(ws, demo, "GX-AR-01", 1)
    with ws.reading() as s:
        row = resolve(s, "GX-AR-01")
        pdd = methodology.ex_ante(s, row, TODAY)
        (vintage,) = accounting.period_of(s, row.id, 1).vintages
        stored = vintage.ex_ante_estimate
    by_year = {v.year: int(v.reductions) for v in pdd}  # the whole tonnes the PDD's table prints (rounded down)
    # 2021 (already pro-rated to 306/365), 2022 and 2023 in full: three years of estimate, not the one of 2023
    assert stored == by_year[2021] + by_year[2022] + by_year[2023] == estimate_for_span(pdd, date(2021, 3, 1), date(2051, 2, 28),
                                                                                       date(2021, 3, 1), date(2023, 12, 31))
    assert stored > by_year[2023]
    text = pdftotext(documents.render(ws, "monitoring-report", "GX-AR-01", "zh", tmp_path / "gx.pdf", TODAY, ref=1), layout=False)
    flat = words(text)
    assert "2021年3月1日–2023年12月31日" in flat and f"{int(stored):,}" in flat
    assert "样地调查" in flat and "计量表" not in flat and "电网" not in flat and "D.3" not in flat
    for note in NOTES:
        assert note not in text, note


def test_an_uncalculated_period_is_marked_in_a_draft_and_refused_as_final(ws, demo, tmp_path):
    periods.add_period(ws, demo, "VN-OFW-01", "2025-01-01", "2025-12-31")
    missing = [m.item.en for m in documents.check(ws, "monitoring-report", "VN-OFW-01", TODAY, 1)]
    # the wind farm's validation report is still a draft: its FAR is not yet carried forward, so nothing is owed on it
    # (tests/docs/test_monitoring_report_account.py: once the report is final, the answer is owed)
    assert missing == ["calculated results"]
    draft = pdftotext(documents.render(ws, "monitoring-report", "VN-OFW-01", "en", tmp_path / "w.pdf", TODAY, ref=1), layout=False)
    assert "[missing: calculated results]" in draft and "NT-" not in draft
    with pytest.raises(UserError, match="Not final yet: "):
        documents.render(ws, "monitoring-report", "VN-OFW-01", "en", tmp_path / "f.pdf", TODAY, ref=1, final=True)
