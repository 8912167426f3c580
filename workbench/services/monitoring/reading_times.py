"""Interval starts of meter readings in one stored form: the meter's local **standard** time, without clock changes.

A project's readings mapping may name the meters' time zone (``time_zone``: an IANA name such as
``Europe/Belgrade`` or ``Asia/Ho_Chi_Minh``, or a fixed offset such as ``+07:00``):
- a time with a UTC offset (``2026-01-10T00:00+07:00``) is converted to that zone's standard time;
- a wall-clock time is read in that zone: at a clock change back, the hour written twice is read first as summer
  time and then as standard time (the order loggers write them in); an hour skipped at a clock change forward
  is refused. Stored in standard time, every interval has one distinct start.
Without a time zone, wall-clock times are stored as written (China and most host countries keep no summer time),
and times with UTC offsets at the file's standard offset (its smallest one): a file whose offsets change is a
zone with clock changes, whose standard offset is the smaller one.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo

from workbench.domain.errors import UserError

_OFFSET = re.compile(r"(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?")


def zone_of(text: str | None) -> tzinfo | None:
    """The zone a mapping's ``time_zone`` names, or a refusal saying what is accepted."""
    if not text:
        return None
    m = _OFFSET.fullmatch(text.strip())
    if m:
        sign, hours, minutes = m.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta > timedelta(hours=14):
            raise UserError("error.reading_times.time_zone_an_offset_is_at", field="mapping", text=text)
        return timezone(-delta if sign == "-" else delta)
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(text.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError("error.reading_times.time_zone_is_not_a_time", field="mapping", text=text)


def standard_offset(zone: tzinfo, instant: datetime) -> timedelta:
    local = instant.astimezone(zone)
    return local.utcoffset() - (local.dst() or timedelta(0))


def from_aware(start: datetime, zone: tzinfo) -> datetime:
    """A time with a UTC offset as the zone's standard time, naive."""
    utc = start.astimezone(timezone.utc)
    return (utc + standard_offset(zone, utc)).replace(tzinfo=None)


def from_wall_clock(start: datetime, zone: tzinfo, repeated: bool) -> datetime:
    """A wall-clock time read in ``zone`` (the second time it is written: after the clock went back) as the zone's
    standard time, naive; ValueError for a time the clocks skipped."""
    local = start.replace(tzinfo=zone, fold=1 if repeated else 0)
    utc = local.astimezone(timezone.utc)
    if utc.astimezone(zone).replace(tzinfo=None) != start:
        raise ValueError("skipped")
    return (utc + standard_offset(zone, utc)).replace(tzinfo=None)


def ambiguous(start: datetime, zone: tzinfo) -> bool:
    """Whether a wall-clock time is written twice in ``zone`` (the hour after a clock change back)."""
    return start.replace(tzinfo=zone, fold=0).utcoffset() != start.replace(tzinfo=zone, fold=1).utcoffset()


def file_standard(aware: list[datetime]) -> timezone:
    """The standard offset of a file's times with UTC offsets: the smallest of them."""
    return timezone(min(t.utcoffset() for t in aware))
