"""Energy in kWh written with every decimal (21732.048) is read as its digits in whole Wh, and with fewer decimals
through float64: either way the exact Wh of the decimal text (monitoring_import._RowParser._whole_wh)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.services.monitoring.monitoring_import import parse_readings

KWH = st.decimals(min_value=Decimal(0), max_value=Decimal("9999999999.999"), places=3)


def _file(tmp_path, texts: list[str]):
    path = tmp_path / "readings.csv"
    lines = [f"EXP-1,2025-01-01 {h // 4:02d}:{15 * (h % 4):02d},15,{t}" for h, t in enumerate(texts)]
    path.write_text("meter,start,minutes,kwh\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@settings(max_examples=40, deadline=None)
@given(st.lists(KWH, min_size=1, max_size=90), st.booleans())
def test_every_decimal_or_fewer_gives_the_exact_wh(tmp_path_factory, values, all_three):
    texts = [f"{v:.3f}" if all_three else format(v.normalize(), "f") for v in values]
    parsed, errors = parse_readings(_file(tmp_path_factory.mktemp("r"), texts))
    assert errors == []
    assert list(parsed.whs) == [int(Decimal(t) * 1000) for t in texts]


def test_a_value_with_three_decimals_beside_one_with_two_is_read_exactly(tmp_path):
    parsed, errors = parse_readings(_file(tmp_path, ["21732.048", "0.5", "7.000", "0012.010"]))
    assert errors == [] and list(parsed.whs) == [21732048, 500, 7000, 12010]
