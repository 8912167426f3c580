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

import re
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice, repeat
from operator import add, itemgetter
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
from workbench.services.support.cell_values import date_time, number
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
ACCEPTED = Text("import.accepted.reading_columns")  # the column titles the importer knows (ALIASES), described


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


class Readings:
    """Parsed readings as columns — meter (an index into ``serials``), minutes, Wh, interval start as stored — in
    typed arrays: a list of tuples would take several times the memory; and for register readings the roll-overs
    and meter replacements met on the way."""

    def __init__(self) -> None:
        self.serials: list[str] = []
        self.index: dict[str, int] = {}
        self.meter: array = array("i")
        self.minutes: array = array("i")
        self.whs: array = array("q")  # Wh, below MAX_WH
        self.stamps: list[str] = []
        self.rows: array = array("i")  # where each reading is in the file
        self.registers: dict[str, int] = {}

    def meter_number(self, serial: str) -> int:
        if serial not in self.index:
            self.index[serial] = len(self.serials)
            self.serials.append(serial)
        return self.index[serial]

    def add(self, meter: str, minutes: int, wh: int, stamp: str, row: int) -> None:
        self.meter.append(self.meter_number(meter)), self.minutes.append(minutes), self.whs.append(wh), self.stamps.append(stamp)
        self.rows.append(row)

    def __len__(self) -> int:
        return len(self.stamps)

    def __iter__(self):
        """(meter serial, minutes, Wh, start as stored) per reading."""
        return zip(map(self.serials.__getitem__, self.meter), self.minutes, self.whs, self.stamps)

    def twice(self) -> list[tuple[int, str, str]]:
        """(row, meter, start) of the readings a second time in the file; without a search when every meter's starts rise."""
        last: dict[int, str] = {}
        rising = True
        for m, stamp in zip(self.meter, self.stamps):
            if last.get(m, "") >= stamp:
                rising = False
                break
            last[m] = stamp
        if rising:
            return []
        seen: set[tuple[int, str]] = set()
        out = []
        for m, stamp, row in zip(self.meter, self.stamps, self.rows):
            if (m, stamp) in seen:
                out.append((row, self.serials[m], stamp))
            seen.add((m, stamp))
        return out


def _energy(raw: str, unit: str, where: Text, column: str, errors: list[Text]) -> Decimal | None:
    """Wh from an energy cell; implausible values for the declared unit are refused naming the likely unit."""
    try:
        wh = number(raw) * SCALE[unit]
    except InvalidOperation:
        errors.append(Text("import.energy.not_a_number", place=where, column=column, value=raw, unit=UNITS[unit]))
        return None
    if not wh.is_finite() or wh < 0 or wh > MAX_WH:
        smaller = wh.is_finite() and wh > MAX_WH and unit in ("mwh", "kwh") and wh / 1000 <= MAX_WH
        problem = "import.energy.out_of_range_looks_like" if smaller else "import.energy.out_of_range"
        errors.append(Text(problem, place=where, column=column, value=raw, maximum=f"{MAX_WH / SCALE[unit]:,f}", unit=UNITS[unit],
                           likely="kWh" if unit == "mwh" else "Wh"))
        return None
    return wh


def parse_readings(path: Path, mapping: dict[str, str] | None = None, source: Table | None = None) -> tuple[Readings, list[str]]:
    """Every row parsed, or every problem found (file, row, column by its title, value, what is accepted).

    Rows are read in chunks; a chunk of plain rows (YYYY-MM-DD HH:MM, plain decimals, known interval lengths) is
    checked column-wise in bulk, any other chunk row by row, so every row gets the same checks either way."""
    mapping = mapping or {}
    source = source or table(path, READINGS_SHEET)
    where = source.where
    header, at = find_header(source, lambda cells: _columns(cells, mapping) is not None)
    if not at:
        raise UserError("error.monitoring_import.header_lacks_some_of_or_save", where=Text("where.file_row", file=where, row=1), header=header, ACCEPTED=ACCEPTED)
    cols, unit = _columns(header, mapping)
    parser = _RowParser(source, mapping, cols, unit, header)
    bulk = parser.bulk_ready()
    number_ = at + 1
    while True:
        chunk = list(islice(source.rows, CHUNK))
        if not chunk:
            break
        if not (bulk and parser.bulk(chunk, number_)):
            for offset, cells in enumerate(chunk):
                if len(parser.errors) >= MAX_ERRORS:
                    parser.errors.append(Text("import.stopped_reading", where=where, row=number_ + offset, count=MAX_ERRORS))
                    return parser.out, parser.errors
                parser.row(number_ + offset, cells)
        number_ += len(chunk)
    return parser.finish()


CHUNK = 20_000
_PLAIN_TIME = ((4, "-"), (7, "-"), (10, " "), (13, ":"))  # YYYY-MM-DD HH:MM, with fromisoformat reading it


class _RowParser:
    """The checks of one readings file, row by row or a chunk at once."""

    def __init__(self, source: Table, mapping: dict[str, str], cols: dict[str, int], unit: str, header: list[str]) -> None:
        self.source, self.mapping, self.cols, self.unit = source, mapping, cols, unit
        self.where = source.where
        self.zone = reading_times.zone_of(mapping.get("time_zone"))
        self.title = {name: header[i].strip().split("\n")[0].strip() for name, i in cols.items()}  # a field workbook's title has its translation below
        self.errors: list[str] = []
        self.fixed_meter = mapping.get("meter_serial", "")
        self.i_meter, self.i_start, self.i_minutes, self.i_value = cols.get("meter"), cols["start"], cols.get("minutes"), cols[unit]
        self.i_mult = cols.get("multiplier")
        self.width = max(i for i in (self.i_meter or 0, self.i_start, self.i_minutes or 0, self.i_value, self.i_mult or 0)) + 1
        self.fmt = mapping.get("time_format")
        self.parse_time = _time_parser(self.fmt)
        self.accepted_time = Text("import.accepted.time_format", fmt=self.fmt) if self.fmt else Text("import.accepted.time")
        self.intervals = {str(m): m for m in INTERVALS}
        self.register = unit.startswith("register")
        self.digits = len(str(int(SCALE[unit]))) - 1  # decimals that make whole Wh
        self.scale = SCALE[unit]
        self.plain_number = re.compile(r"\d{1,13}(\.\d{0,%d})?" % self.digits if self.digits else r"\d{1,13}")
        self.out = Readings()
        self.pending: list[tuple[str, datetime, int, Decimal, Decimal | None, int]] = []  # offsets, registers: resolved at the end
        self.walls: set[tuple[str, datetime]] = set()  # wall-clock times read in the time zone: the second of a pair is after the change

    def bulk_ready(self) -> bool:
        return not (self.fmt or self.zone or self.register or self.i_meter is None)

    def bulk(self, chunk: list[list[str]], number_: int) -> bool:
        """Store a chunk of plain rows whose every check passes column-wise; False (nothing kept) otherwise."""
        if min(map(len, chunk)) < self.width:
            return False
        meters, texts, raws = (list(map(itemgetter(i), chunk)) for i in (self.i_meter, self.i_start, self.i_value))
        minutes_texts = list(map(itemgetter(self.i_minutes), chunk)) if self.i_minutes is not None else ["60"] * len(chunk)
        plain = self.plain_number.fullmatch
        if not (set(map(len, texts)) == {16} and all(set(map(itemgetter(i), texts)) == {c} for i, c in _PLAIN_TIME)
                and all(map(plain, raws)) and all(meters) and set(minutes_texts) <= self.intervals.keys()
                and all(m == m.strip() for m in set(meters))):
            return False
        try:
            list(map(datetime.fromisoformat, texts))  # a real day and time (not 2025-13-01 or 24:61)
        except ValueError:
            return False
        whs = list(map(int, map(self.scale.__rmul__, map(Decimal, raws))))  # exact: at most `digits` decimals
        if max(whs) > MAX_WH:
            return False
        self.out.meter.extend(map(self.out.meter_number, meters))
        self.out.minutes.extend(map(self.intervals.__getitem__, minutes_texts))
        self.out.whs.extend(whs)
        self.out.stamps += map(add, texts, repeat(":00.000000"))
        self.out.rows.extend(range(number_, number_ + len(chunk)))
        return True

    def row(self, number_: int, cells: list[str]) -> None:
        """One row's checks; the reading (or its problems) kept."""
        if len(cells) < self.width:
            cells = padded(cells, self.width)
        errors, title, unit = self.errors, self.title, self.unit
        meter = cells[self.i_meter].strip() if self.i_meter is not None else self.fixed_meter
        text, raw = cells[self.i_start].strip(), cells[self.i_value].strip()
        if not (text or raw or (self.i_meter is not None and meter)):
            return  # a blank row (a workbook's running-total formulas alone do not make a reading)
        place = Text("where.file_row", file=self.where, row=number_)
        if not meter:
            errors.append(Text("import.empty_meter", place=place, column=title.get("meter", "meter")))
            return
        try:
            start = self.parse_time(text)
        except ValueError:
            errors.append(Text("import.not_a_time", place=place, column=title["start"], value=text, accepted=self.accepted_time))
            return
        if not raw:
            why = self.source.empty(number_, self.i_value)
            problem = "import.no_saved_value" if why == NO_SAVED_VALUE else "import.empty_register" if self.register else "import.empty_energy"
            errors.append(Text(problem, place=place, column=title[unit]))
            return
        if start.tzinfo is None and self.zone is not None:
            repeated = (meter, start) in self.walls and reading_times.ambiguous(start, self.zone)
            self.walls.add((meter, start))
            try:
                start = reading_times.from_wall_clock(start, self.zone, repeated)
            except ValueError:
                errors.append(Text("import.time_skipped", place=place, column=title["start"], value=text, zone=self.mapping["time_zone"]))
                return
        if self.register:
            value = _register_value(raw, cells[self.i_mult].strip(), place, title, unit, errors)
            if value is not None:
                self.pending.append((meter, start, 0, value[0], value[1], number_))
            return
        minutes_text = cells[self.i_minutes].strip() if self.i_minutes is not None else ""
        minutes = self.intervals.get(minutes_text or "60")
        if minutes is None:
            errors.append(Text("import.not_an_interval", place=place, column=title["minutes"], value=minutes_text,
                               accepted=", ".join(map(str, INTERVALS))))
            return
        wh = _energy(raw, unit, place, title[unit], errors)
        if wh is None:
            return
        whole = int(wh)
        if whole != wh:
            errors.append(Text("import.energy.too_precise", place=place, column=title[unit], value=raw))
            return
        if start.tzinfo is not None:
            self.pending.append((meter, start, minutes, wh, None, number_))
        else:
            self.out.add(meter, minutes, whole, _stored(start), number_)

    def finish(self) -> tuple[Readings, list[str]]:
        """Times with UTC offsets and register readings resolved, and readings twice in the file named."""
        out, errors = self.out, self.errors
        if self.register:
            readings, counts = intervals_from_registers([Register(m, t, v, k, n) for m, t, _, v, k, n in self.pending],
                                                        INTERVALS, self.where, errors, SCALE[self.unit])
            for m, t, minutes, wh, row in readings:
                out.add(m, minutes, wh, _stored(t), row)
            out.registers = counts
        elif self.pending:
            if len(out):
                errors.append(Text("import.offsets_mixed", place=Text("where.file_row", file=self.where, row=self.pending[0][5])))
                return out, errors
            zone = self.zone or reading_times.file_standard([p[1] for p in self.pending])
            for meter, start, minutes, wh, _, row in self.pending:
                out.add(meter, minutes, int(wh), _stored(reading_times.from_aware(start, zone)), row)
        twice = "import.reading_twice" if self.zone else "import.reading_twice_set_zone"
        errors += [Text(twice, place=Text("where.file_row", file=self.where, row=row), meter=meter, at=stamp[:19]) for row, meter, stamp in out.twice()]
        return out, errors


def _register_value(raw: str, mult: str, place: Text, title: dict[str, str], unit: str, errors: list[Text]) -> tuple[Decimal, Decimal] | None:
    try:
        reading = number(raw)
        multiplier = number(mult)
    except InvalidOperation:
        errors.append(Text("import.register.not_numbers", place=place, column=title[unit], multiplier=title["multiplier"], value=raw,
                           factor=mult, unit=UNITS[unit]))
        return None
    if not reading.is_finite() or reading < 0 or not multiplier.is_finite() or multiplier <= 0:
        errors.append(Text("import.register.out_of_range", place=place, column=title[unit], multiplier=title["multiplier"], value=raw,
                           factor=mult))
        return None
    return reading, multiplier


def stage_readings(s: Session, project_id: int, path: Path, parsed: Readings, errors: list[str]) -> tuple[Iterable[tuple[int, str, int, int]], ImportReport]:
    """The rows that would be new, and what the file would change; conflicts with stored data go to ``errors``."""
    report = ImportReport(str(path), rows=len(parsed), registers=dict(parsed.registers))
    meters = {m.serial: m.id for m in s.scalars(select(MeterRow).where(MeterRow.project_id == project_id))}
    serials = set(parsed.serials)
    unknown = sorted(serials - set(meters))
    if unknown:
        errors.insert(0, Text("import.unknown_meters", file=path, unknown=", ".join(unknown), known=", ".join(sorted(meters)) or "-"))
        return [], report
    if not len(parsed):
        return [], report
    ids = [meters[m] for m in serials]
    low, high = datetime.fromisoformat(min(parsed.stamps)), datetime.fromisoformat(max(parsed.stamps))
    existing = {(r.meter_id, _stored(r.start)): r.wh for r in s.execute(select(ReadingRow.meter_id, ReadingRow.start, ReadingRow.wh).where(
        ReadingRow.meter_id.in_(ids), ReadingRow.start >= low, ReadingRow.start <= high))}
    if not existing:  # the usual case, a new stretch of readings: streamed to the insert, nothing copied
        counts = Counter(parsed.meter)
        report.meters = {serial: counts[i] for i, serial in enumerate(parsed.serials)}
        report.new = len(parsed)
        ids_by_number = [meters[serial] for serial in parsed.serials]
        return zip(map(ids_by_number.__getitem__, parsed.meter), parsed.stamps, parsed.minutes, parsed.whs), report
    new_rows = []
    counts = dict.fromkeys(meters, 0)
    for serial, minutes, wh, stamp in parsed:
        meter_id = meters[serial]
        stored = existing.get((meter_id, stamp))
        if stored is None:
            new_rows.append((meter_id, stamp, minutes, wh))
            counts[serial] += 1
        elif stored == wh:
            report.unchanged += 1
        else:
            errors.append(Text("import.reading_stored_otherwise", file=path, meter=serial, at=stamp[:19], stored=stored, wh=wh))
    report.meters = {serial: n for serial, n in counts.items() if n}
    report.new = len(new_rows)
    return new_rows, report


def store_readings(s: Session, project_id: int, new_rows: Iterable[tuple[int, str, int, int]]) -> None:
    """Rows already checked go to the database driver's executemany directly (streamed, in the session's
    transaction), interval starts as the text ``_stored`` makes."""
    con = s.connection()
    mark = "?" if con.dialect.paramstyle == "qmark" else "%s"
    cursor = con.connection.dbapi_connection.cursor()
    try:
        cursor.executemany(f"INSERT INTO meter_reading (meter_id, start, minutes, wh) VALUES ({', '.join([mark] * 4)})", new_rows)
    finally:
        cursor.close()


READINGS = Importer("readings", "monitoring.import", READINGS_SHEET, ALIASES,
                    lambda path, project, mapping, source: parse_readings(path, mapping, source), stage_readings, store_readings)


def import_readings(ws: Workspace, actor: Actor, project: int | str, path: str | Path, dry_run: bool = False) -> tuple[Change | None, ImportReport]:
    """Check the whole file, then store its new readings in one transaction (or only report, for a dry run).

    Importing the same file twice changes nothing; a different value for a stored interval is refused.
    """
    return run(READINGS, ws, actor, project, path, dry_run)
