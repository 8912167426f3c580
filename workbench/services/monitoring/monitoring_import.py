"""Import meter readings from CSV or spreadsheets: the whole file is checked before anything is stored.

Long format, one row per meter and interval. Accepted headers (English or Chinese, any case), found below any
title rows: meter / 表号; start / timestamp / 时间; minutes / 时长 (optional, default 60); and either
- the interval's energy in one of wh, kwh / 电量(kWh), mwh / 电量(MWh), or
- cumulative register readings (正向有功总示值(kWh), register_kwh / register_mwh) with the multiplier
  (倍率, CT ratio × PT ratio), as revenue meters at grid connection points report them: each interval's energy is
  (register − previous register) × multiplier, the interval running from one reading to the next (see
  ``register_readings``). Register readings are never stored as interval energy.
Energy is stored as whole Wh: an energy value with more precision than 1 Wh is refused. Times: see
``cell_values.date_time`` for the forms read and ``reading_times`` for the stored form and time zones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.domain.text import Text
from workbench.services.monitoring import reading_times
from workbench.services.monitoring.imports import Importer, run
from workbench.services.monitoring.register_readings import Register, intervals_from_registers
from workbench.services.support.cell_values import TIME_FORMS, date_time, number
from workbench.services.support.context import Actor
from workbench.services.support.tabular import MAX_ERRORS, NO_SAVED_VALUE, Table, columns, find_header, padded, table
from workbench.store.models_monitoring import MeterRow, ReadingRow
from workbench.store.workspace import Workspace

ALIASES = {
    "meter": ("meter", "meter_serial", "serial", "表号", "电表编号"),
    "start": ("start", "timestamp", "time", "datetime", "时间", "开始时间"),
    "minutes": ("minutes", "interval_minutes", "时长", "时长(分钟)"),
    "wh": ("wh",),
    "kwh": ("kwh", "energy_kwh", "电量(kwh)", "电量kwh"),
    "mwh": ("mwh", "energy_mwh", "电量(mwh)"),
    "register_kwh": ("register_kwh", "正向有功总示值(kwh)", "正向有功总示值", "有功总示值(kwh)", "register(kwh)"),
    "register_mwh": ("register_mwh", "正向有功总示值(mwh)", "有功总示值(mwh)", "register(mwh)"),
    "multiplier": ("multiplier", "倍率", "综合倍率"),
}
SCALE = {"wh": Decimal(1), "kwh": Decimal(1000), "mwh": Decimal(1_000_000), "register_kwh": Decimal(1000), "register_mwh": Decimal(1_000_000)}
UNITS = {"wh": "Wh", "kwh": "kWh", "mwh": "MWh", "register_kwh": "kWh", "register_mwh": "MWh"}
INTERVALS = (15, 30, 60, 1440)
MAX_WH = Decimal(10) ** 13  # 10 GWh through one meter in one interval: beyond any plant (and SQLite's integers)
READINGS_SHEET = "Readings"  # in a workbook, the sheet whose name starts so (the field workbook's), else the first
ACCEPTED = ("meter/表号, start/timestamp/时间, minutes/时长 (optional), and one energy column — wh, kwh/电量(kWh) or "
            "mwh/电量(MWh) — or register readings 正向有功总示值(kWh) with the multiplier 倍率")


@dataclass
class ImportReport:
    """What an import did or would do."""

    file: str
    rows: int = 0
    new: int = 0
    unchanged: int = 0
    meters: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False
    registers: dict[str, int] = field(default_factory=dict)  # register mode: roll-overs and meter replacements seen

    def summary(self) -> Text:
        each = ", ".join(f"{m}: {n}" for m, n in sorted(self.meters.items()))
        regs = ", ".join(f"{k} {n}" for k, n in sorted(self.registers.items()) if n)
        return Text("monitoring_import.summary", new=self.new, each=Text("common.in_parentheses", text=each) if each else "",
                    unchanged=self.unchanged, registers=Text("monitoring_import.registers", registers=regs) if regs else "")


def _columns(header: list[str], mapping: dict[str, str]) -> tuple[dict[str, int], str] | None:
    """The columns and the energy (or register) column of a header, or None when it is not one."""
    found = columns(header, ALIASES, mapping)
    if "start" not in found or ("meter" not in found and not mapping.get("meter_serial")):
        return None
    units = [u for u in SCALE if u in found]
    if len(units) != 1 or (units[0].startswith("register") and "multiplier" not in found):
        return None
    return found, units[0]


def _time_parser(fmt: str | None):
    """The saved ``time_format`` first when there is one, then every form ``date_time`` reads."""
    if not fmt:
        return date_time

    def parse(text: str) -> datetime:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            return date_time(text)

    return parse


def _stored(start: datetime) -> str:
    """The interval start as stored (YYYY-MM-DD HH:MM:SS.ffffff, SQLAlchemy's SQLite format, which PostgreSQL reads
    as a timestamp too)."""
    return start.isoformat(sep=" ", timespec="microseconds")


Reading = tuple[str, datetime, int, int, str]  # meter, start, minutes, Wh, start as stored


class Readings(list):
    """Parsed readings, and for register readings the roll-overs and meter replacements met on the way."""

    registers: dict[str, int] = {}


def _energy(raw: str, unit: str, where: str, column: str, errors: list[str]) -> Decimal | None:
    """Wh from an energy cell; implausible values for the declared unit are refused naming the likely unit."""
    try:
        wh = number(raw) * SCALE[unit]
    except InvalidOperation:
        errors.append(f"{where}, column {column}: {raw!r} is not a number; expected energy in {UNITS[unit]} "
                      "(1234.5 or 1,234.5)")
        return None
    if not wh.is_finite() or wh < 0 or wh > MAX_WH:
        hint = ""
        if wh.is_finite() and wh > MAX_WH and unit in ("mwh", "kwh") and wh / 1000 <= MAX_WH:
            hint = f" — the values look like {'kWh' if unit == 'mwh' else 'Wh'}: title the column so"
        errors.append(f"{where}, column {column}: {raw!r} is out of range; expected zero to {MAX_WH / SCALE[unit]:,f} "
                      f"{UNITS[unit]} in one interval{hint}")
        return None
    return wh


def parse_readings(path: Path, mapping: dict[str, str] | None = None, source: Table | None = None) -> tuple[list[Reading], list[str]]:
    """Every row parsed, or every problem found (file, row, column by its title, value, what is accepted)."""
    mapping = mapping or {}
    source = source or table(path, READINGS_SHEET)
    where = source.where
    header, at = find_header(source, lambda cells: _columns(cells, mapping) is not None)
    if not at:
        raise UserError("error.monitoring_import.header_lacks_some_of_or_save", where=Text("where.file_row", file=where, row=1), header=header, ACCEPTED=ACCEPTED)
    cols, unit = _columns(header, mapping)
    zone = reading_times.zone_of(mapping.get("time_zone"))
    title = {name: header[i].strip().split("\n")[0].strip() for name, i in cols.items()}  # a field workbook's title has its translation below
    errors: list[str] = []
    fixed_meter = mapping.get("meter_serial", "")
    i_meter, i_start, i_minutes, i_value = cols.get("meter"), cols["start"], cols.get("minutes"), cols[unit]
    i_mult = cols.get("multiplier")
    width = max(i for i in (i_meter or 0, i_start, i_minutes or 0, i_value, i_mult or 0)) + 1
    fmt = mapping.get("time_format")
    parse_time = _time_parser(fmt)
    accepted_time = f"{fmt} or {TIME_FORMS}" if fmt else TIME_FORMS
    intervals = {str(m): m for m in INTERVALS}
    register = unit.startswith("register")
    rows: list[tuple[str, datetime, int, Decimal, int]] = []  # meter, start, minutes, Wh or register, row
    multipliers: list[Decimal] = []
    seen: set[tuple[str, datetime]] = set()
    walls: set[tuple[str, datetime]] = set()  # wall-clock times read in the time zone: the second of a pair is after the change
    aware: list[int] = []  # rows with a UTC offset
    for number_, cells in enumerate(source.rows, start=at + 1):
        if len(errors) >= MAX_ERRORS:
            errors.append(f"{where}: stopped reading at row {number_} after {MAX_ERRORS} problems")
            break
        if len(cells) < width:
            cells = padded(cells, width)
        meter = cells[i_meter].strip() if i_meter is not None else fixed_meter
        text, raw = cells[i_start].strip(), cells[i_value].strip()
        if not (text or raw or (i_meter is not None and meter)):
            continue  # a blank row (a workbook's running-total formulas alone do not make a reading)
        place = f"{where} row {number_}"
        if not meter:
            errors.append(f"{place}, column {title.get('meter', 'meter')}: empty; give the meter serial")
            continue
        try:
            start = parse_time(text)
        except ValueError:
            errors.append(f"{place}, column {title['start']}: {text!r} is not a date-time; use {accepted_time}")
            continue
        if not raw:
            why = source.empty(number_, i_value)
            errors.append(f"{place}, column {title[unit]}: {why if why == NO_SAVED_VALUE else 'empty; give the ' + ('register reading' if register else 'energy')}")
            continue
        if start.tzinfo is not None:
            aware.append(len(rows))
        elif zone is not None:
            repeated = (meter, start) in walls and reading_times.ambiguous(start, zone)
            walls.add((meter, start))
            try:
                start = reading_times.from_wall_clock(start, zone, repeated)
            except ValueError:
                errors.append(f"{place}, column {title['start']}: {text!r} does not exist in time zone {mapping['time_zone']} "
                              "(the clocks skipped it)")
                continue
        if register:
            value = _register_value(raw, cells[i_mult].strip(), place, title, unit, errors)
            if value is None:
                continue
            rows.append((meter, start, 0, value[0], number_))
            multipliers.append(value[1])
            continue
        minutes_text = cells[i_minutes].strip() if i_minutes is not None else ""
        minutes = intervals.get(minutes_text or "60")
        if minutes is None:
            errors.append(f"{place}, column {title['minutes']}: {minutes_text!r} is not one of {', '.join(map(str, INTERVALS))}")
            continue
        wh = _energy(raw, unit, place, title[unit], errors)
        if wh is None:
            continue
        whole = int(wh)
        if whole != wh:
            errors.append(f"{place}, column {title[unit]}: {raw!r} has more precision than 1 Wh")
            continue
        if start.tzinfo is None:
            key = (meter, start)
            if key in seen:
                hint = ("" if zone else "; if the file is in local time with a clock change, set the meters' time zone: "
                        "workbench monitoring mapping PROJECT readings time_zone=Europe/Belgrade (for example)")
                errors.append(f"{place}: meter {meter} at {start} appears twice in the file{hint}")
                continue
            seen.add(key)
        rows.append((meter, start, minutes, wh, number_))
    if aware:
        rows = _offsets_resolved(rows, aware, zone, where, errors)
    if register:
        readings, counts = intervals_from_registers(
            [Register(m, t, v, k, n) for (m, t, _, v, n), k in zip(rows, multipliers)], INTERVALS, where, errors, SCALE[unit])
        out = Readings((m, t, minutes, wh, _stored(t)) for m, t, minutes, wh in readings)
        out.registers = counts
        return out, errors
    return Readings((m, t, minutes, int(wh), _stored(t)) for m, t, minutes, wh, _ in rows), errors


def _register_value(raw: str, mult: str, place: str, title: dict[str, str], unit: str, errors: list[str]) -> tuple[Decimal, Decimal] | None:
    try:
        reading = number(raw)
        multiplier = number(mult)
    except InvalidOperation:
        errors.append(f"{place}, columns {title[unit]} and {title['multiplier']}: {raw!r} and {mult!r} must both be numbers "
                      f"(the register reading in {UNITS[unit]} and the multiplier, CT ratio × PT ratio)")
        return None
    if not reading.is_finite() or reading < 0 or not multiplier.is_finite() or multiplier <= 0:
        errors.append(f"{place}, columns {title[unit]} and {title['multiplier']}: {raw!r} and {mult!r}: expected a register "
                      "reading of zero or more and a multiplier above zero")
        return None
    return reading, multiplier


def _offsets_resolved(rows: list, aware: list[int], zone, where: str, errors: list[str]) -> list:
    """Times with UTC offsets in the stored form (see ``reading_times``); a file mixing them with wall-clock times
    is refused (the two cannot be told apart)."""
    if len(aware) != len(rows):
        naive = next(n for i, (*_, n) in enumerate(rows) if i not in set(aware))
        errors.append(f"{where} row {naive}: times with a UTC offset and times without one are mixed in the file; "
                      "write all with an offset or none")
        return rows
    zone = zone or reading_times.file_standard([r[1] for r in rows])
    out, seen = [], set()
    for meter, start, minutes, value, number_ in rows:
        local = reading_times.from_aware(start, zone)
        if (meter, local) in seen:
            errors.append(f"{where} row {number_}: meter {meter} at {start.isoformat()} appears twice in the file")
            continue
        seen.add((meter, local))
        out.append((meter, local, minutes, value, number_))
    return out


def stage_readings(s: Session, project_id: int, path: Path, parsed: list[Reading],
                   errors: list[str]) -> tuple[list[tuple[int, str, int, int]], ImportReport]:
    """The rows that would be new, and what the file would change; conflicts with stored data go to ``errors``."""
    report = ImportReport(str(path), rows=len(parsed), registers=dict(getattr(parsed, "registers", {})))
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
