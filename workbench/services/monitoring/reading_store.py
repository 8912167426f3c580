"""Parsed readings compared with the stored ones and stored, in bulk on the database's side.

A new stretch of readings goes straight into ``meter_reading`` in multi-row INSERT statements, as many rows a
statement as the parameter budget allows (not one per reading: about half the time in SQLite; and a writer thread
storing while the file is read takes Python's lock once a statement, so few long statements keep it from waiting on
the reading thread). A file that overlaps stored readings is compared
in the database: its readings go to a temporary table joined with ``meter_reading`` on (meter, start), so no copy
of the stored readings is held in memory; only the differing ones (at most ``limit``) come back. The new readings
are then inserted with ON CONFLICT DO NOTHING, the stored ones being equal (any that differs refuses the file).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import BigInteger, Column, DateTime, Integer, MetaData, Table, case, func, select
from sqlalchemy.orm import Session

from workbench.domain.progress import QUIET, Steps
from workbench.domain.text import Text
from workbench.store.models_monitoring import ReadingRow

PARAMETERS_A_STATEMENT = 30_000  # under SQLite's 32,766 (since 3.32) and PostgreSQL's 65,535
SHORT_STATEMENT = 1000  # rows of the statements after the long ones
_COLUMNS = ("meter_id", "start", "minutes", "wh")


@dataclass
class NewReadings:
    """Readings to store as columns — meter ids, interval starts as stored, minutes, Wh — of which ``count`` are
    new; ``overlap``: some are stored already (with the same values) and are left as they are."""

    meter_ids: Sequence[int]
    stamps: Sequence[str]
    minutes: Sequence[int]
    whs: Sequence[int]
    count: int
    overlap: bool = False
    stored: bool = False  # all inserted already, while the file was read (``reading_writer``)

    def __bool__(self) -> bool:
        return self.count > 0


@dataclass(frozen=True)
class Comparison:
    """A file's readings against the stored ones: per meter id the new and the unchanged ones, and the first
    readings whose stored value differs as (meter id, start, stored Wh, file Wh), in file order."""

    new: dict[int, int]
    unchanged: int
    differing: list[tuple[int, datetime, int, int]]


def overlaps(s: Session, meter_ids: list[int], low: datetime, high: datetime) -> bool:
    """Whether any of these meters holds a reading starting from ``low`` to ``high``."""
    found = s.execute(select(ReadingRow.id).where(ReadingRow.meter_id.in_(meter_ids), ReadingRow.start >= low,
                                                  ReadingRow.start <= high).limit(1)).first()
    return found is not None


def compare(s: Session, readings: NewReadings, limit: int) -> Comparison:
    """Compare in a temporary table joined with ``meter_reading`` (dropped again before returning)."""
    metadata = MetaData()
    staged = Table("import_reading", metadata, Column("meter_id", Integer, nullable=False), Column("start", DateTime, nullable=False),
                   Column("wh", BigInteger, nullable=False), Column("position", Integer, nullable=False), prefixes=["TEMPORARY"])
    connection = s.connection()
    staged.create(connection)  # on a refusal the transaction's rollback takes it away
    columns = (readings.meter_ids, readings.stamps, readings.whs, range(len(readings.stamps)))
    insert_columns(s, "import_reading", ("meter_id", "start", "wh", "position"), columns)
    stored = ReadingRow.__table__.alias("stored")
    joined = staged.outerjoin(stored, (stored.c.meter_id == staged.c.meter_id) & (stored.c.start == staged.c.start))
    new: dict[int, int] = {}
    unchanged = 0
    for meter_id, fresh, same in connection.execute(
            select(staged.c.meter_id, func.sum(case((stored.c.id.is_(None), 1), else_=0)),
                   func.sum(case((stored.c.wh == staged.c.wh, 1), else_=0))).select_from(joined).group_by(staged.c.meter_id)):
        new[meter_id] = int(fresh)
        unchanged += int(same)
    differing = [tuple(r) for r in connection.execute(
        select(staged.c.meter_id, staged.c.start, stored.c.wh, staged.c.wh).select_from(joined)
        .where(stored.c.wh != staged.c.wh).order_by(staged.c.position).limit(limit))]
    staged.drop(connection)
    return Comparison(new, unchanged, differing)


def store(s: Session, _project_id: int, readings: NewReadings, steps: Steps = QUIET) -> None:
    """Insert the readings (leaving those already stored, when the file overlaps stored ones); each statement is a
    step ("reading 20,000 of 50,000 stored") where a stop asked through ``steps`` is taken."""
    if readings.stored:
        return
    columns = (readings.meter_ids, readings.stamps, readings.minutes, readings.whs)
    insert_columns(s, "meter_reading", _COLUMNS, columns, " ON CONFLICT DO NOTHING" if readings.overlap else "", steps)


def insert_columns(s: Session, table: str, names: tuple[str, ...], columns: tuple[Sequence, ...], suffix: str = "",
                   steps: Steps | None = None) -> None:
    """Rows given as equally long columns, inserted by the database driver's executemany in the session's
    transaction, ``rows_a_statement`` rows a statement (each a step of ``steps``, when given)."""
    connection = s.connection()
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        insert_rows(cursor, "?" if connection.dialect.paramstyle == "qmark" else "%s", table, names, columns, suffix, steps)
    finally:
        cursor.close()


def insert_rows(cursor, mark: str, table: str, names: tuple[str, ...], columns: tuple[Sequence | int, ...], suffix: str = "",
                steps: Steps | None = None) -> None:
    """Rows given as columns, inserted by the database driver's executemany on ``cursor`` (parameter mark ``mark``):
    as many statements of ``rows_a_statement`` rows as fit, then of SHORT_STATEMENT rows, then one of the rest (each
    statement a step of ``steps``, when given). Few lengths of statement: SQLite prepares a statement of many rows in
    about ten times the time it runs it, once for each length. A column given as one ``int`` holds that value in
    every row and is written into the statement (fewer parameters to bind: a file's one meter, its one interval
    length)."""
    varying = [c for c in columns if not isinstance(c, int)]
    row = f"({', '.join(mark if not isinstance(c, int) else str(int(c)) for c in columns)})"
    head = f"INSERT INTO {table} ({', '.join(names)}) VALUES "
    count, done = len(varying[0]), 0
    for size in (rows_a_statement(len(varying)), SHORT_STATEMENT):
        whole = done + (count - done) // size * size
        if whole > done:
            cursor.executemany(head + ", ".join([row] * size) + suffix, _flat(varying, done, whole, size, steps))
        done = whole
    if done < count:
        cursor.execute(head + ", ".join([row] * (count - done)) + suffix, next(_flat(varying, done, count, count - done)))


def rows_a_statement(parameters_a_row: int) -> int:
    """Rows of one long multi-row INSERT with ``parameters_a_row`` parameters each, within PARAMETERS_A_STATEMENT."""
    return PARAMETERS_A_STATEMENT // max(parameters_a_row, 1)


def _flat(columns: list[Sequence], start: int, stop: int, size: int, steps: Steps | None = None) -> Iterator[list]:
    """The parameters of ``size`` rows at a time, row after row; with ``steps``, a step before each statement (a
    stop raises ``Cancelled`` out of the driver's executemany, and the transaction rolls back)."""
    width = len(columns)
    count = len(columns[0])
    for at in range(start, stop, size):
        if steps is not None:
            steps.step(Text("progress.readings_stored", done=at, total=count), at, count)
        values = [None] * (width * size)
        for i, column in enumerate(columns):
            values[i::width] = column[at:at + size]
        yield values
