"""Import meter readings from CSV or XLSX: the whole file is checked before anything is stored.

Long format, one row per meter and interval. Accepted headers (English or Chinese, any case):
meter / 表号; start / timestamp / 时间; minutes / 时长 (optional, default 60); energy in one of
wh, kwh / 电量(kwh), mwh. Energy is stored as whole Wh: a value with more precision than 1 Wh is refused.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import select

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.services.context import Actor
from workbench.services.projects import resolve
from workbench.services.records import record
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
READINGS_SHEET = "Readings"  # in a workbook, the sheet whose name starts so (the field workbook's), else the first
MAX_ERRORS = 200  # stop reading a hopeless file
SHOWN_ERRORS = 10


@dataclass
class ImportReport:
    """What an import did or would do."""

    file: str
    rows: int = 0
    new: int = 0
    unchanged: int = 0
    meters: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False


def _cell_text(value) -> str:
    """A cell as the text a CSV would hold: dates in ISO form, whole numbers without a trailing '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _source(path: Path) -> tuple[str, Iterator[list[str]]]:
    """Where errors point (the file, and in a workbook its sheet) and the rows as text."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
            raise UserError(f"cannot be read as an Excel workbook ({exc.__class__.__name__})", where=str(path))
        sheet = next((w for w in book.worksheets if w.title.startswith(READINGS_SHEET)), book.worksheets[0])

        def cells() -> Iterator[list[str]]:
            for values in sheet.iter_rows(values_only=True):
                yield [_cell_text(v) for v in values]
            book.close()

        return f"{path} sheet {sheet.title!r}", cells()
    if suffix not in (".csv", ".txt"):
        raise UserError(f"file type {suffix or '(none)'} is not accepted; use .csv or .xlsx", where=str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = path.read_text(encoding="gb18030")
        except UnicodeDecodeError:
            raise UserError("is neither UTF-8 nor GB18030 text", where=str(path))
    reader = csv.reader(io.StringIO(text, newline=""))

    def lines() -> Iterator[list[str]]:
        try:
            yield from reader
        except csv.Error as exc:
            raise UserError(f"is not well-formed CSV at line {reader.line_num} ({exc})", where=str(path))

    return str(path), lines()


def _columns(header: list[str], where: str) -> tuple[dict[str, int], str]:
    # a header may carry its translation on a second line ("kwh\n电量(kWh)", as the field workbook writes them)
    normal = [h.strip().split("\n")[0].strip().lower().replace(" ", "") for h in header]
    found: dict[str, int] = {}
    for name, aliases in ALIASES.items():
        for alias in aliases:
            if alias in normal:
                found[name] = normal.index(alias)
                break
    missing = [n for n in ("meter", "start") if n not in found]
    units = [u for u in ("wh", "kwh", "mwh") if u in found]
    if missing or len(units) != 1:
        need = ", ".join(missing) or ""
        raise UserError(
            f"header {header!r} lacks {need + ' and ' if need else ''}exactly one energy column; accepted: "
            "meter/表号, start/timestamp/时间, minutes/时长 (optional), and one of wh, kwh/电量(kWh), mwh",
            where=f"{where} row 1",
        )
    return found, units[0]


def parse_readings(path: Path) -> tuple[list[tuple[str, datetime, int, int]], list[str]]:
    """Every row parsed, or every problem found (file, row, column, value, what is accepted)."""
    where, rows = _source(path)
    try:
        header = next(rows)
    except StopIteration:
        raise UserError("is empty", where=where)
    cols, unit = _columns(header, where)
    scale = SCALE[unit]
    parsed: list[tuple[str, datetime, int, int]] = []
    errors: list[str] = []
    seen: set[tuple[str, datetime]] = set()
    i_meter, i_start, i_minutes, i_energy = cols["meter"], cols["start"], cols.get("minutes"), cols[unit]
    width = max(i for i in (i_meter, i_start, i_minutes or 0, i_energy)) + 1
    parse_time = datetime.fromisoformat
    intervals = {str(m): m for m in INTERVALS}
    for number, cells in enumerate(rows, start=2):
        if len(errors) >= MAX_ERRORS:
            errors.append(f"{where}: stopped reading at row {number} after {MAX_ERRORS} problems")
            break
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        if not any(cells[i].strip() for i in (i_meter, i_start, i_energy)):
            continue  # a blank row (a workbook's running-total formulas alone do not make a reading)
        place = f"{where} row {number}"
        meter = cells[i_meter].strip()
        if not meter:
            errors.append(f"{place}, column meter: empty; give the meter serial")
            continue
        try:
            start = parse_time(cells[i_start].strip())
        except ValueError:
            errors.append(f"{place}, column start: {cells[i_start].strip()!r} is not a date-time; use YYYY-MM-DD HH:MM")
            continue
        minutes_text = cells[i_minutes].strip() if i_minutes is not None else ""
        minutes = intervals.get(minutes_text or "60")
        if minutes is None:
            errors.append(f"{place}, column minutes: {minutes_text!r} is not one of {', '.join(map(str, INTERVALS))}")
            continue
        raw = cells[i_energy].strip()
        try:
            wh = Decimal(raw) * scale
        except InvalidOperation:
            errors.append(f"{place}, column {unit}: {raw!r} is not a number")
            continue
        if not wh.is_finite() or wh < 0:
            errors.append(f"{place}, column {unit}: {raw!r} must be zero or more")
            continue
        whole = int(wh)
        if whole != wh:
            errors.append(f"{place}, column {unit}: {raw!r} has more precision than 1 Wh")
            continue
        key = (meter, start)
        if key in seen:
            errors.append(f"{place}: meter {meter} at {start} appears twice in the file")
            continue
        seen.add(key)
        parsed.append((meter, start, minutes, whole))
    return parsed, errors


def import_readings(ws: Workspace, actor: Actor, project: int | str, path: str | Path, dry_run: bool = False) -> tuple[Change | None, ImportReport]:
    """Check the whole file, then store its new readings in one transaction (or only report, for a dry run).

    Importing the same file twice changes nothing; a different value for a stored interval is refused.
    """
    path = Path(path)
    if not path.is_file():
        raise UserError("no such file", where=str(path))
    parsed, errors = parse_readings(path)
    report = ImportReport(str(path), rows=len(parsed), dry_run=dry_run)
    with ws.transaction() as s:
        p = resolve(s, project)
        meters = {m.serial: m for m in s.scalars(select(MeterRow).where(MeterRow.project_id == p.id))}
        unknown = sorted({m for m, *_ in parsed} - set(meters))
        if unknown:
            errors.insert(0, f"{path}: unknown meter(s) {', '.join(unknown)}; register them first (known: {', '.join(sorted(meters)) or 'none'})")
        existing: dict[tuple[int, datetime], int] = {}
        if parsed and not unknown:
            starts = [t for _, t, *_ in parsed]
            lo, hi = min(starts), max(starts)
            for r in s.execute(select(ReadingRow.meter_id, ReadingRow.start, ReadingRow.wh).where(
                    ReadingRow.meter_id.in_([m.id for m in meters.values()]), ReadingRow.start >= lo, ReadingRow.start <= hi)):
                existing[(r.meter_id, r.start)] = r.wh
        new_rows = []
        if not unknown:
            ids = {serial: m.id for serial, m in meters.items()}
            for serial, start, minutes, wh in parsed:
                meter_id = ids[serial]
                stored = existing.get((meter_id, start)) if existing else None
                if stored is None:
                    new_rows.append((meter_id, start.isoformat(sep=" ", timespec="microseconds"), minutes, wh))
                    report.meters[serial] = report.meters.get(serial, 0) + 1
                elif stored == wh:
                    report.unchanged += 1
                else:
                    errors.append(f"{path}: meter {serial} at {start} already holds {stored} Wh; the file says {wh} Wh")
        if errors:
            shown = errors[:SHOWN_ERRORS]
            more = f" … and {len(errors) - SHOWN_ERRORS} more" if len(errors) > SHOWN_ERRORS else ""
            raise UserError(f"nothing imported, {len(errors)} problem(s): " + "; ".join(shown) + more)
        report.new = len(new_rows)
        if dry_run or not new_rows:
            return None, report
        # the rows are already checked: hand them to SQLite directly, datetimes in SQLAlchemy's own text format
        # (YYYY-MM-DD HH:MM:SS.ffffff)
        s.connection().exec_driver_sql("INSERT INTO meter_reading (meter_id, start, minutes, wh) VALUES (?, ?, ?, ?)", new_rows)
        change = Change("monitoring.import", actor.name, actor.now(), p.id, reason=f"import {path.name}",
                        result={"file": str(path), "new": report.new, "unchanged": report.unchanged, "meters": report.meters})
        return record(s, change), report
