"""Monitoring data summaries: energy per meter and vintage, in whole Wh, and the readings as CSV."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from workbench.services.output_files import output_path, replacing
from workbench.services.projects import resolve
from workbench.store.models_monitoring import MeterRow, ReadingRow
from workbench.store.workspace import Workspace


@dataclass(frozen=True)
class MeterTotal:
    serial: str
    role: str
    year: int
    wh: int
    readings: int
    first: datetime
    last: datetime


def totals(session: Session, project_id: int, start: date, end: date) -> list[MeterTotal]:
    """Energy per meter and calendar year for intervals starting between ``start`` and ``end`` (inclusive)."""
    year = extract("year", ReadingRow.start)
    query = (
        select(MeterRow.serial, MeterRow.role, year, func.sum(ReadingRow.wh), func.count(), func.min(ReadingRow.start), func.max(ReadingRow.start))
        .join(ReadingRow, ReadingRow.meter_id == MeterRow.id)
        .where(MeterRow.project_id == project_id, ReadingRow.start >= datetime.combine(start, time()),
               ReadingRow.start < datetime.combine(end + timedelta(days=1), time()))
        .group_by(MeterRow.serial, MeterRow.role, year)
        .order_by(year, MeterRow.serial)
    )
    return [MeterTotal(serial, role, int(y), int(wh), n, first, last) for serial, role, y, wh, n, first, last in session.execute(query)]


@dataclass(frozen=True)
class MonthTotal:
    serial: str
    role: str
    year: int
    month: int
    wh: int
    readings: int = 0


def monthly(ws: Workspace, project: int | str) -> list[MonthTotal]:
    """Energy per meter and calendar month (by interval start), in time order: what the monitoring chart draws."""
    year, month = extract("year", ReadingRow.start), extract("month", ReadingRow.start)
    with ws.reading() as s:
        p = resolve(s, project)
        rows = s.execute(select(MeterRow.serial, MeterRow.role, year, month, func.sum(ReadingRow.wh), func.count())
                         .join(ReadingRow, ReadingRow.meter_id == MeterRow.id).where(MeterRow.project_id == p.id)
                         .group_by(MeterRow.serial, MeterRow.role, year, month).order_by(year, month, MeterRow.serial))
        return [MonthTotal(serial, role, int(y), int(m), int(wh), n) for serial, role, y, m, wh, n in rows]


def by_year(months: list[MonthTotal]) -> list[MonthTotal]:
    """The same totals per meter and calendar year (``month`` 0), meters by serial within a year."""
    years: dict[tuple[str, str, int], list[int]] = {}
    for m in months:
        total = years.setdefault((m.serial, m.role, m.year), [0, 0])
        total[0] += m.wh
        total[1] += m.readings
    return [MonthTotal(serial, role, y, 0, wh, n) for (serial, role, y), (wh, n) in sorted(years.items(), key=lambda i: (i[0][2], i[0][0]))]


def summary(ws: Workspace, project: int | str) -> list[MeterTotal]:
    with ws.reading() as s:
        p = resolve(s, project)
        return totals(s, p.id, date(1900, 1, 1), date(2999, 12, 31))


def export_csv(ws: Workspace, project: int | str, out: str | Path) -> int:
    """Write every reading as ``meter,start,minutes,wh`` — the same shape the importer reads back."""
    out = output_path(out)
    with ws.reading() as s:
        p = resolve(s, project)
        rows = s.execute(select(MeterRow.serial, ReadingRow.start, ReadingRow.minutes, ReadingRow.wh)
                         .join(ReadingRow, ReadingRow.meter_id == MeterRow.id)
                         .where(MeterRow.project_id == p.id).order_by(MeterRow.serial, ReadingRow.start))
        count = 0
        with replacing(out) as tmp, tmp.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["meter", "start", "minutes", "wh"])
            for serial, start, minutes, wh in rows:
                writer.writerow([serial, start.isoformat(sep=" "), minutes, wh])
                count += 1
    return count
