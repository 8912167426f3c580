"""Each kind of field-file fault beyond the sample files: code pages, number and time forms, units, stems
(hypothesis, bounded), and the GBK grid-factor edition of tests/data/cases/reference."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.errors import UserError
from workbench.services.methodology import methodology
from workbench.services.monitoring import tree_rows
from workbench.services.support.cell_values import EXCEL_EPOCH, date_time, number
from workbench.services.support.context import Actor
from workbench.services.support.text_files import decode

CASES = Path(__file__).parent.parent / "data" / "cases"
BOUNDED = settings(max_examples=60, deadline=None)
BREAST = tree_rows.MeasuringHeight(D("1.3"), "AR-TOOL14")
chinese = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=20)


@BOUNDED
@given(chinese, st.sampled_from(["utf-8", "utf-8-sig", "gbk", "gb18030"]))
def test_chinese_text_reads_back_from_every_code_page_excel_and_wps_save(text, encoding):
    assert decode(f"表号,{text}\n".encode(encoding), "x.csv") == f"表号,{text}\n"


def test_bytes_of_no_code_page_are_refused_naming_the_file():
    with pytest.raises(UserError, match=r"x.csv: is neither UTF-8 nor GB18030 \(GBK\) text"):
        decode(b"\x81\x20\xff", "x.csv")


@BOUNDED
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=999))
def test_thousands_separators_read_as_the_number(whole, fraction):
    grouped = f"{whole:,}.{fraction:03d}"
    assert number(grouped) == D(f"{whole}.{fraction:03d}")


@BOUNDED
@given(st.integers(min_value=0, max_value=999), st.integers(min_value=1, max_value=99))
def test_a_decimal_comma_is_never_read_as_thousands(whole, fraction):
    from decimal import InvalidOperation

    with pytest.raises(InvalidOperation):
        number(f"{whole},{fraction}")


moments = st.datetimes(min_value=datetime(1960, 1, 1), max_value=datetime(2150, 12, 31)).map(lambda t: t.replace(second=0, microsecond=0))


@BOUNDED
@given(moments)
def test_every_written_form_of_a_moment_reads_as_that_moment(t):
    assert date_time(f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}") == t
    assert date_time(f"{t.year}.{t.month}.{t.day} {t.hour}:{t.minute:02d}") == t
    assert date_time(f"{t:%Y-%m-%d %H:%M}") == t
    serial = (t - EXCEL_EPOCH) / timedelta(days=1)
    assert date_time(repr(serial)) == t
    if t.hour == t.minute == 0:
        before = t - timedelta(days=1)
        assert date_time(f"{before:%Y-%m-%d} 24:00") == t


@BOUNDED
@given(st.decimals(min_value=D("2"), max_value=D("60"), places=1), st.decimals(min_value=D("2"), max_value=D("40"), places=1))
def test_a_plausible_tree_in_cm_is_flagged_as_millimetres_once_written_in_mm_under_a_cm_header(dbh_cm, height_m):
    if tree_rows.implausible(dbh_cm, height_m, "cm", BREAST) is None and dbh_cm * 10 > 20 and dbh_cm > height_m:
        assert "looks like millimetres" in tree_rows.implausible(dbh_cm * 10, height_m, "cm", BREAST).en


@BOUNDED
@given(st.lists(st.decimals(min_value=D("1"), max_value=D("80"), places=1), min_size=1, max_size=6))
def test_equivalent_diameter_keeps_the_stems_basal_area(stems):
    d = tree_rows.equivalent_diameter(stems)
    assert abs(float(d) - math.sqrt(sum(float(s) ** 2 for s in stems))) <= 0.005  # to 0.01 cm
    assert d >= max(stems)


def test_the_gbk_grid_factor_edition_imports_with_its_chinese_source(ws):
    from datetime import date

    methodology.import_grid_edition(ws, Actor("tester", date(2026, 2, 1)), CASES / "reference" / "grid-factors-gbk.csv")
    with ws.reading() as s:
        rows = methodology.grid_overrides(s)
    assert [(r.key, r.columns["ef_om"], r.columns["source"]) for r in rows] == [
        ("CN-National", "0.5703", "生态环境部, 2022年度全国电力平均二氧化碳排放因子")]
