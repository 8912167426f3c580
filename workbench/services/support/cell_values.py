"""Reading one cell's text as a number or a date-time, in the forms field files carry them.

Numbers: ``1234.5`` and ``1,234.5`` (thousands separators in groups of three; ``1,5`` is refused, not read as 15).
Date-times: ISO (``2026-01-05 00:15``, ``2026-01-05T00:15+07:00``, ``2026-01-05``), the Excel/WPS forms
``2026/1/5 0:15`` and ``2026.1.5 0:15``, a day's end written ``24:00`` (the next day 00:00), and Excel serial
date-times (``46027.0104166667``: days since 1899-12-30) from cells that lost their date format.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_DAY_TIME = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?")
_SERIAL = re.compile(r"\d{5}(\.\d+)?")
EXCEL_EPOCH = datetime(1899, 12, 30)  # serial 1 is 1900-01-01 in Excel's 1900 date system (with its 1900-02-29)
SERIAL_RANGE = (18264, 109574)  # 1950-01-01 to 2199-12-31: a 5-digit number outside is not read as a date


def number(text: str) -> Decimal:
    """A number as written in a cell; thousands separators in groups of three are dropped.

    Raises InvalidOperation for anything else (``1,5``, ``12 kWh``, empty).
    """
    text = text.strip()
    if "," in text:
        if not _THOUSANDS.fullmatch(text):
            raise InvalidOperation(text)
        text = text.replace(",", "")
    return Decimal(text)


def date_time(text: str) -> datetime:
    """A date-time in any of the forms above; aware when the text carries a UTC offset.

    Raises ValueError when the text is none of them.
    """
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    m = _DAY_TIME.fullmatch(text.strip())
    if m:
        year, month, day, hour, minute, second, fraction = m.groups()
        base = datetime(int(year), int(month), int(day))
        h, mi, sec = int(hour or 0), int(minute or 0), int(second or 0)
        if h == 24 and mi == sec == 0 and not fraction:
            return base + timedelta(days=1)
        return base.replace(hour=h, minute=mi, second=sec, microsecond=int((fraction or "0").ljust(6, "0")))
    if _SERIAL.fullmatch(text.strip()):
        days = float(text)
        if SERIAL_RANGE[0] <= days <= SERIAL_RANGE[1]:
            return EXCEL_EPOCH + timedelta(seconds=round(days * 86400))
    raise ValueError(f"not a date-time: {text!r}")
