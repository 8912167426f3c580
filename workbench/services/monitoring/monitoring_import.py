"""Import meter readings from CSV or XLSX: the whole file is checked before anything is stored.

Long format, one row per meter and interval. Accepted headers (English or Chinese, any case):
meter / 表号; start / timestamp / 时间; minutes / 时长 (optional, default 60); energy in one of
wh, kwh / 电量(kwh), mwh. Energy is stored as whole Wh: a value with more precision than 1 Wh is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual
from workbench.services.support.context import Actor
from workbench.services.monitoring.imports import Importer, run
from workbench.services.support.tabular import MAX_ERRORS, columns, padded, table
from workbench.store.models_monitoring import MeterRow, ReadingRow
from workbench.store.workspace import Workspace

ALIASES = {
    "meter": ("meter", "meter_serial", "serial", "表号", "电表编号"),
    "start": ("start", "timestamp", "time", "datetime", "时间", "开始时间"),
    "minutes": ("minutes", "interval_minutes", "时长", "时长(分钟)"),
    "wh": ("wh",),
    "kwh": ("kwh", "energy_kwh", "电量(kwh)", "电量kwh"),
    "mwh": ("mwh", "energy_mwh", "电量(mwh)"),
}
SCALE = {"wh": Decimal(1), "kwh": Decimal(1000), "mwh": Decimal(1_000_000)}
INTERVALS = (15, 30, 60, 1440)
MAX_WH = Decimal(10) ** 13  # 10 GWh through one meter in one interval: beyond any plant (and SQLite's integers)
READINGS_SHEET = "Readings"  # in a workbook, the sheet whose name starts so (the field workbook's), else the first


@dataclass
class ImportReport:
    """What an import did or would do."""

    file: str
    rows: int = 0
    new: int = 0
    unchanged: int = 0
    meters: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False

    def summary(self) -> Bilingual:
        each = ", ".join(f"{m}: {n}" for m, n in sorted(self.meters.items()))
        return Bilingual(f"{self.new} new reading(s){f' ({each})' if each else ''}, {self.unchanged} already stored",
                         f"新增读数{self.new}条{f'({each})' if each else ''},已存在{self.unchanged}条")


def _columns(header: list[str], where: str, mapping: dict[str, str]) -> tuple[dict[str, int], str]:
    found = columns(header, ALIASES, mapping)
    missing = [n for n in ("meter", "start") if n not in found and not (n == "meter" and mapping.get("meter_serial"))]
    units = [u for u in ("wh", "kwh", "mwh") if u in found]
    if missing or len(units) != 1:
        need = ", ".join(missing) or ""
        raise UserError(
            f"header {header!r} lacks {need + ' and ' if need else ''}exactly one energy column; accepted: "
            "meter/表号, start/timestamp/时间, minutes/时长 (optional), and one of wh, kwh/电量(kWh), mwh — "
            "or save this file's column titles with 'workbench monitoring mapping'",
            where=f"{where} row 1",
        )
    return found, units[0]


def _time_parser(fmt: str | None):
    """ISO date-times always (workbook cells arrive so); the saved ``time_format`` first when there is one."""
    if not fmt:
        return datetime.fromisoformat

    def parse(text: str) -> datetime:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            return datetime.fromisoformat(text)

    return parse


def _stamp(text: str, start: datetime) -> str:
    """The interval start as stored (YYYY-MM-DD HH:MM:SS.ffffff, SQLAlchemy's SQLite format, which PostgreSQL reads
    as a timestamp too); a plain 'YYYY-MM-DD HH:MM' cell, already parsed, is completed as text."""
    if len(text) == 16 and text[4] == text[7] == "-" and text[13] == ":":
        return f"{text[:10]} {text[11:]}:00.000000"
    return _stored(start)


def _stored(start: datetime) -> str:
    return start.isoformat(sep=" ", timespec="microseconds")


Reading = tuple[str, datetime, int, int, str]  # meter, start, minutes, Wh, start as stored


def parse_readings(path: Path, mapping: dict[str, str] | None = None, source: tuple[str, Iterator[list[str]]] | None = None,
                   ) -> tuple[list[Reading], list[str]]:
    """Every row parsed, or every problem found (file, row, column, value, what is accepted)."""
    mapping = mapping or {}
    where, rows = source or table(path, READINGS_SHEET)
    try:
        header = next(rows)
    except StopIteration:
        raise UserError("is empty", where=where)
    cols, unit = _columns(header, where, mapping)
    scale = SCALE[unit]
    parsed: list[Reading] = []
    errors: list[str] = []
    seen: set[tuple[str, datetime]] = set()
    fixed_meter = mapping.get("meter_serial", "")
    i_meter, i_start, i_minutes, i_energy = cols.get("meter"), cols["start"], cols.get("minutes"), cols[unit]
    width = max(i for i in (i_meter or 0, i_start, i_minutes or 0, i_energy)) + 1
    fmt = mapping.get("time_format")
    parse_time = _time_parser(fmt)
    stamp = (lambda text, start: _stored(start)) if fmt else _stamp  # a saved format may order fields otherwise
    accepted_time = fmt or "YYYY-MM-DD HH:MM"
    intervals = {str(m): m for m in INTERVALS}
    for number, cells in enumerate(rows, start=2):
        if len(errors) >= MAX_ERRORS:
            errors.append(f"{where}: stopped reading at row {number} after {MAX_ERRORS} problems")
            break
        if len(cells) < width:
            cells = padded(cells, width)
        meter = cells[i_meter].strip() if i_meter is not None else fixed_meter
        text, raw = cells[i_start].strip(), cells[i_energy].strip()
        if not (text or raw or (i_meter is not None and meter)):
            continue  # a blank row (a workbook's running-total formulas alone do not make a reading)
        if not meter:
            errors.append(f"{where} row {number}, column meter: empty; give the meter serial")
            continue
        try:
            start = parse_time(text)
        except ValueError:
            errors.append(f"{where} row {number}, column start: {text!r} is not a date-time; use {accepted_time}")
            continue
        minutes_text = cells[i_minutes].strip() if i_minutes is not None else ""
        minutes = intervals.get(minutes_text or "60")
        if minutes is None:
            errors.append(f"{where} row {number}, column minutes: {minutes_text!r} is not one of {', '.join(map(str, INTERVALS))}")
            continue
        try:
            wh = Decimal(raw) * scale
        except InvalidOperation:
            errors.append(f"{where} row {number}, column {unit}: {raw!r} is not a number")
            continue
        if not wh.is_finite() or wh < 0 or wh > MAX_WH:
            errors.append(f"{where} row {number}, column {unit}: {raw!r} is out of range; expected zero to {MAX_WH / SCALE[unit]:,f} {unit} in one interval")
            continue
        whole = int(wh)
        if whole != wh:
            errors.append(f"{where} row {number}, column {unit}: {raw!r} has more precision than 1 Wh")
            continue
        key = (meter, start)
        if key in seen:
            errors.append(f"{where} row {number}: meter {meter} at {start} appears twice in the file")
            continue
        seen.add(key)
        parsed.append((meter, start, minutes, whole, stamp(text, start)))
    return parsed, errors


def stage_readings(s: Session, project_id: int, path: Path, parsed: list[Reading],
                   errors: list[str]) -> tuple[list[tuple[int, str, int, int]], ImportReport]:
    """The rows that would be new, and what the file would change; conflicts with stored data go to ``errors``."""
    report = ImportReport(str(path), rows=len(parsed))
    meters = {m.serial: m.id for m in s.scalars(select(MeterRow).where(MeterRow.project_id == project_id))}
    unknown = sorted({m for m, *_ in parsed} - set(meters))
    if unknown:
        errors.insert(0, f"{path}: unknown meter(s) {', '.join(unknown)}; register them first (known: {', '.join(sorted(meters)) or 'none'})")
        return [], report
    existing: dict[tuple[int, datetime], int] = {}
    if parsed:
        starts = [t for _, t, *_ in parsed]
        for r in s.execute(select(ReadingRow.meter_id, ReadingRow.start, ReadingRow.wh).where(
                ReadingRow.meter_id.in_(list(meters.values())), ReadingRow.start >= min(starts), ReadingRow.start <= max(starts))):
            existing[(r.meter_id, r.start)] = r.wh
    new_rows = []
    counts = dict.fromkeys(meters, 0)
    for serial, start, minutes, wh, stamp in parsed:
        meter_id = meters[serial]
        stored = existing.get((meter_id, start)) if existing else None
        if stored is None:
            new_rows.append((meter_id, stamp, minutes, wh))
            counts[serial] += 1
        elif stored == wh:
            report.unchanged += 1
        else:
            errors.append(f"{path}: meter {serial} at {start} already holds {stored} Wh; the file says {wh} Wh")
    report.meters = {serial: n for serial, n in counts.items() if n}
    report.new = len(new_rows)
    return new_rows, report


def store_readings(s: Session, project_id: int, new_rows: list[tuple[int, str, int, int]]) -> None:
    """Rows already checked go to the database driver directly, interval starts as the text ``_stamp`` made."""
    if new_rows:
        con = s.connection()
        mark = "?" if con.dialect.paramstyle == "qmark" else "%s"
        con.exec_driver_sql(f"INSERT INTO meter_reading (meter_id, start, minutes, wh) VALUES ({', '.join([mark] * 4)})", new_rows)


READINGS = Importer("readings", "monitoring.import", READINGS_SHEET, ALIASES,
                    lambda path, project, mapping, source: parse_readings(path, mapping, source), stage_readings, store_readings)


def import_readings(ws: Workspace, actor: Actor, project: int | str, path: str | Path, dry_run: bool = False) -> tuple[Change | None, ImportReport]:
    """Check the whole file, then store its new readings in one transaction (or only report, for a dry run).

    Importing the same file twice changes nothing; a different value for a stored interval is refused.
    """
    return run(READINGS, ws, actor, project, path, dry_run)
