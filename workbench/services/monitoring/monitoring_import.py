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
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import compress, islice, repeat
from operator import add, eq, lt
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.domain.progress import QUIET, Steps
from workbench.domain.text import Text
from workbench.services.monitoring import reading_store, reading_times
from workbench.services.monitoring.imports import Importer, run
from workbench.services.monitoring.reading_store import NewReadings
from workbench.services.monitoring.reading_writer import EarlyWriter
from workbench.services.monitoring.register_readings import Register, intervals_from_registers
from workbench.services.support.cell_values import date_time, number
from workbench.services.support.context import Actor
from workbench.services.support.csv_blocks import Block
from workbench.services.support.tabular import MAX_ERRORS, NO_SAVED_VALUE, Table, columns, find_header, padded, rows_read, table
from workbench.store.models_monitoring import MeterRow
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
        self.stored_early = False  # every reading already inserted in the action's transaction (``reading_writer``)

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

    def twice(self) -> list[tuple[int, str, str]]:
        """(row, meter, start) of the readings a second time in the file; without a search when every meter's starts rise."""
        if all(map(_rising, self._stamps_by_meter())):
            return []
        seen: set[tuple[int, str]] = set()
        out = []
        for m, stamp, row in zip(self.meter, self.stamps, self.rows):
            if (m, stamp) in seen:
                out.append((row, self.serials[m], stamp))
            seen.add((m, stamp))
        return out

    def _stamps_by_meter(self) -> Iterator[list[str]]:
        if len(self.serials) <= 1:
            yield self.stamps
            return
        for number_ in range(len(self.serials)):
            yield list(compress(self.stamps, map(eq, self.meter, repeat(number_))))


def _rising(stamps: list[str]) -> bool:
    return all(map(lt, stamps, islice(stamps, 1, None)))


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


def parse_readings(path: Path, mapping: dict[str, str] | None = None, source: Table | None = None,
                   steps: Steps = QUIET, early: EarlyWriter | None = None) -> tuple[Readings, list[str]]:
    """Every row parsed, or every problem found (file, row, column by its title, value, what is accepted).

    Rows are read in chunks; a chunk of plain rows (YYYY-MM-DD HH:MM, plain decimals, known interval lengths) is
    checked column-wise in bulk, any other chunk row by row, so every row gets the same checks either way. Each
    chunk read is a step ("row 20,000 of 50,000") and a point where a stop asked through ``steps`` is taken. With
    ``early``, each chunk checked in bulk is stored while the next is read (``reading_writer``); the readings say
    whether that stored them all (``stored_early``)."""
    try:
        parsed, errors = _parse(path, mapping or {}, source, steps, early)
    except BaseException:
        if early is not None:
            early.abandon()
        raise
    if early is not None:
        parsed.stored_early = early.finish(len(parsed), not errors)
    return parsed, errors


def _parse(path: Path, mapping: dict[str, str], source: Table | None, steps: Steps, early: EarlyWriter | None) -> tuple[Readings, list[str]]:
    source = source or table(path, READINGS_SHEET)
    where = source.where
    header, at = find_header(source, lambda cells: _columns(cells, mapping) is not None)
    if not at:
        raise UserError("error.monitoring_import.header_lacks_some_of_or_save", where=Text("where.file_row", file=where, row=1), header=header, ACCEPTED=ACCEPTED)
    cols, unit = _columns(header, mapping)
    parser = _RowParser(source, mapping, cols, unit, header, early)
    bulk = parser.bulk_ready()
    for block in source.blocks(at + 1, CHUNK):
        if not (bulk and parser.bulk(block)):
            if early is not None:
                early.stop()
            for number_, cells in block.numbered():
                if len(parser.errors) >= MAX_ERRORS:
                    parser.errors.append(Text("import.stopped_reading", where=where, row=number_, count=MAX_ERRORS))
                    return parser.out, parser.errors
                parser.row(number_, cells)
        rows_read(steps, source, block.first + len(block) - 1)
    return parser.finish()


CHUNK = 20_000
_PLAIN_TIME = "0000-00-00 00:00"  # YYYY-MM-DD HH:MM with every digit read as 0; fromisoformat then checks the calendar
_DIGITS_AS_ZERO = str.maketrans("123456789", "000000000")
_DELETE_DIGITS = str.maketrans("", "", "0123456789")


class _RowParser:
    """The checks of one readings file, row by row or a chunk at once."""

    def __init__(self, source: Table, mapping: dict[str, str], cols: dict[str, int], unit: str, header: list[str],
                 early: EarlyWriter | None = None) -> None:
        self.source, self.mapping, self.cols, self.unit, self.early = source, mapping, cols, unit, early
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
        self.too_precise = re.compile(r"\.\d{%d}" % (self.digits + 1))
        self.out = Readings()
        self.pending: list[tuple[str, datetime, int, Decimal, Decimal | None, int]] = []  # offsets, registers: resolved at the end
        self.walls: set[tuple[str, datetime]] = set()  # wall-clock times read in the time zone: the second of a pair is after the change

    def bulk_ready(self) -> bool:
        return not (self.fmt or self.zone or self.register or self.i_meter is None)

    def bulk(self, block: Block) -> bool:
        """Keep a block of plain rows whose every check passes column by column; False (nothing kept) otherwise.

        Plain: YYYY-MM-DD HH:MM, interval lengths as written in ``INTERVALS``, energy as digits with at most the
        decimals that make whole Wh. Such energy is converted through float64 exactly: a value up to MAX_WH Wh is
        off by at most MAX_WH × 2⁻⁵² < 0.003 Wh before rounding to the whole Wh it is."""
        found = block.columns((self.i_meter, self.i_start, self.i_value) + ((self.i_minutes,) if self.i_minutes is not None else ()))
        if found is None:
            return False
        meters, texts, raws = found[:3]
        minutes_texts = set(found[3]) if self.i_minutes is not None else {"60"}
        serials = set(meters)
        numbers = "\n".join(raws)
        if not (set(map(len, texts)) == {16} and "".join(texts).translate(_DIGITS_AS_ZERO) == _PLAIN_TIME * len(texts)
                and minutes_texts <= self.intervals.keys() and all(serials) and all(m == m.strip() for m in serials)
                and numbers.isascii() and max(map(len, raws)) <= 14 + self.digits and self._plain_numbers(numbers)):
            return False
        try:
            list(map(datetime.fromisoformat, texts))  # a real day and time (not 2025-13-01 or 24:61)
        except ValueError:
            return False
        whs = self._whole_wh(numbers, raws)
        if max(whs) > MAX_WH:
            return False
        out, n = self.out, len(texts)
        if len(serials) == 1:
            out.meter.extend(array("i", [out.meter_number(meters[0])]) * n)
        else:
            out.meter.extend(array("i", map(out.meter_number, meters)))
        minutes = self.intervals[minutes_texts.pop()] if len(minutes_texts) == 1 else array("i", map(self.intervals.__getitem__, found[3]))
        out.minutes.extend(array("i", [minutes]) * n if isinstance(minutes, int) else minutes)
        out.whs.extend(array("q", whs))
        stamps = list(map(add, texts, repeat(":00.000000")))
        out.stamps += stamps
        out.rows.extend(array("i", range(block.first, block.first + n)))
        if self.early is not None:
            self.early.offer(meters[0] if len(serials) == 1 else meters, stamps, minutes, whs)
        return True

    def _whole_wh(self, numbers: str, raws: list[str]) -> list[int]:
        """The Wh of plain numbers (``_plain_numbers``; ``numbers``: ``raws`` one a line). Written with every decimal
        that makes whole Wh (21732.048 kWh), the digits without the point are the Wh; else through float64, exact
        as ``bulk`` says."""
        if not self.digits:
            return list(map(int, raws))
        if numbers.translate(_DIGITS_AS_ZERO).count("." + "0" * self.digits) == len(raws):  # each has one point at most
            return list(map(int, numbers.replace(".", "").split("\n")))
        return list(map(round, map(float(self.scale).__mul__, map(float, raws))))

    def _plain_numbers(self, numbers: str) -> bool:
        """Whether every line of ``numbers`` (ASCII) is digits with at most one point, after a digit, and at most
        ``digits`` decimals — checked on the whole text at once."""
        marks = numbers.translate(_DELETE_DIGITS)  # per number "" or "." (or worse), with the line breaks
        edged = f"\n{numbers}\n"
        if "\n\n" in edged or "\n." in edged:
            return False
        if not self.digits:
            return not marks.strip("\n")
        return ".." not in marks and not marks.replace(".", "").replace("\n", "") and self.too_precise.search(numbers) is None

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


def stage_readings(s: Session, project_id: int, path: Path, parsed: Readings, errors: list[str]) -> tuple[NewReadings | list, ImportReport]:
    """The readings to store, and what the file would change; conflicts with stored data go to ``errors`` (the
    first MAX_ERRORS of them)."""
    report = ImportReport(str(path), rows=len(parsed), registers=dict(parsed.registers))
    meters = _meter_ids(s, project_id)
    unknown = sorted(set(parsed.serials) - set(meters))
    if unknown:
        errors.insert(0, Text("import.unknown_meters", file=path, unknown=", ".join(unknown), known=", ".join(sorted(meters)) or "-"))
        return [], report
    if not len(parsed):
        return [], report
    ids = [meters[serial] for serial in parsed.serials]
    meter_ids = array("i", [ids[0]]) * len(parsed) if len(ids) == 1 else array("i", map(ids.__getitem__, parsed.meter))
    new = reading_store.NewReadings(meter_ids, parsed.stamps, parsed.minutes, parsed.whs, len(parsed), stored=parsed.stored_early)
    if parsed.stored_early or not reading_store.overlaps(s, ids, datetime.fromisoformat(min(parsed.stamps)),
                                                         datetime.fromisoformat(max(parsed.stamps))):  # a new stretch of readings
        report.meters = {serial: parsed.meter.count(i) for i, serial in enumerate(parsed.serials)}
        report.new = len(parsed)
        return new, report
    compared = reading_store.compare(s, new, MAX_ERRORS)
    serial_of = {meter_id: serial for serial, meter_id in meters.items()}
    errors += [Text("import.reading_stored_otherwise", file=path, meter=serial_of[meter_id], at=_stored(start)[:19], stored=stored, wh=wh)
               for meter_id, start, stored, wh in compared.differing]
    if len(compared.differing) == MAX_ERRORS:
        errors.append(Text("import.stopped_comparing", file=path, count=MAX_ERRORS))
    report.meters = {serial_of[meter_id]: n for meter_id, n in compared.new.items() if n}
    report.new, report.unchanged = sum(compared.new.values()), compared.unchanged
    new.count, new.overlap = report.new, True
    return new, report


def _meter_ids(s: Session, project_id: int) -> dict[str, int]:
    return {m.serial: m.id for m in s.scalars(select(MeterRow).where(MeterRow.project_id == project_id))}


def early_writer(s: Session, project_id: int) -> EarlyWriter:
    """The writer that stores a file's readings while it is read, into the project's meters."""
    return EarlyWriter(s, _meter_ids(s, project_id))


READINGS = Importer("readings", "monitoring.import", READINGS_SHEET, ALIASES,
                    lambda path, project, mapping, source, steps, early: parse_readings(path, mapping, source, steps, early), stage_readings,
                    reading_store.store, early_writer)


def import_readings(ws: Workspace, actor: Actor, project: int | str, path: str | Path, dry_run: bool = False,
                    steps: Steps = QUIET) -> tuple[Change | None, ImportReport]:
    """Check the whole file, then store its new readings in one transaction (or only report, for a dry run).

    Importing the same file twice changes nothing; a different value for a stored interval is refused. Stopped
    through ``steps``, it stores nothing.
    """
    return run(READINGS, ws, actor, project, path, dry_run, steps)
