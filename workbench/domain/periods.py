"""Accounting periods inside the crediting period: the stretches no period covers (监测期间隔)."""

from __future__ import annotations

from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def gaps(crediting_start: date | None, spans: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Days between the start of crediting and the last period's end that no period covers, as (first, last)."""
    out = []
    cursor = crediting_start
    for start, end in sorted(spans):
        if cursor is not None and start > cursor:
            out.append((cursor, start - ONE_DAY))
        cursor = max(cursor, end + ONE_DAY) if cursor is not None else end + ONE_DAY
    return out
