"""Readings stored while the rest of their file is still being read: a head start for the usual path, never another
result.

The parser hands each block of readings it has checked in bulk to :meth:`EarlyWriter.offer`; a second thread
inserts the block into ``meter_reading`` — in the action's transaction, inside a savepoint — while the parser reads
on. The database's part of an INSERT runs without Python's GIL (``sqlite3`` and ``psycopg`` release it while the
statement runs), so storing overlaps reading instead of following it.

:meth:`EarlyWriter.finish` keeps what was stored only when every reading of the file went this way and none clashed
with a stored reading or with another reading of the file (the unique (meter, start) key refuses the block): the
usual path would then have compared no reading with a stored one and inserted them all, the same rows. Otherwise —
a block read row by row, a meter the project lacks, a clash — it rolls back to the savepoint and the file takes the
usual path (compared in the database, then stored). Nothing is committed before the whole file is checked: a
refused file, or an exception on the way, rolls back the whole action as before.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from queue import Queue

from sqlalchemy.orm import Session

from workbench.services.monitoring.reading_store import insert_rows, rows_a_statement

SAVEPOINT = "early_readings"
QUEUED_BLOCKS = 2  # blocks read ahead of the writer: memory stays bounded when the database is the slower


def _part(column: Sequence[int] | Sequence[str] | int, start: int, stop: int):
    """Rows ``start`` to ``stop`` of a column given as a sequence, or the one value of a column given as an int."""
    return column if isinstance(column, int) else column[start:stop]


def _joined(first: tuple, then: tuple) -> tuple:
    """Two blocks (ids, stamps, minutes, Wh) as one: a column of one value in both stays that value, else lists."""
    size = (len(first[1]), len(then[1]))
    return tuple(a if isinstance(a, int) and a == b else _listed(a, size[0]) + _listed(b, size[1]) for a, b in zip(first, then))


def _listed(column, count: int) -> list:
    return [column] * count if isinstance(column, int) else list(column)


class EarlyWriter:
    """The readings of one file stored on a writer thread as the parser checks them (see the module)."""

    def __init__(self, s: Session, meter_ids: dict[str, int]) -> None:
        connection = s.connection()  # the action's, in its transaction: the writer thread uses it, never the session
        self._dbapi = connection.connection.dbapi_connection
        self._mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        self.meter_ids = meter_ids  # the project's meters: serial → id
        self.taking = True  # until a block is not offered (read row by row, unknown meter) or a block failed
        self.stored = 0  # readings inserted so far (by the writer thread)
        self.failure: Exception | None = None  # what refused a block (a clash of keys), by the writer thread
        self._thread: threading.Thread | None = None
        self._queue: Queue = Queue(QUEUED_BLOCKS)

    def offer(self, meter: str | Sequence[str], stamps: list[str], minutes: int | Sequence[int], whs: Sequence[int]) -> None:
        """One checked block: its meter's serial (one for every reading, or one per reading), the interval starts as
        stored, the minutes (one for every reading, or one per reading) and the Wh."""
        if not self.taking:
            return
        if self.failure is not None:
            self.stop()
            return
        try:
            ids = self.meter_ids[meter] if isinstance(meter, str) else [self.meter_ids[m] for m in meter]
        except KeyError:  # the usual path names the unknown meters
            self.stop()
            return
        if self._thread is None:
            self._start()
        self._queue.put((ids, stamps, minutes, whs))

    def stop(self) -> None:
        """No more blocks: the file goes the usual way (what was stored early is rolled back at ``finish``)."""
        self.taking = False

    def finish(self, readings: int, checked: bool) -> bool:
        """Wait for the writer; True when all ``readings`` of the file were stored early and the file ``checked``
        without a problem, else everything stored early is rolled back (False)."""
        if self._thread is None:
            return False
        self._join()
        keep = checked and self.taking and self.failure is None and self.stored == readings
        self._end(keep)
        return keep

    def abandon(self) -> None:
        """The parse stopped with an exception: wait for the writer and roll its blocks back."""
        if self._thread is not None:
            self._join()
            self._end(False)

    def _start(self) -> None:
        self._execute(f"SAVEPOINT {SAVEPOINT}")
        self._thread = threading.Thread(target=self._write, name="readings-writer", daemon=True)
        self._thread.start()

    def _write(self) -> None:
        """The writer thread: insert each block queued, until the end mark (after a failure, only drain the queue).
        Only long statements (``rows_a_statement``) are inserted as blocks come; the tail of each is carried into the
        next, and the last tail inserted at the end mark."""
        try:
            cursor = self._dbapi.cursor()
        except Exception as exc:  # noqa: BLE001 - as below: the queue is still drained, so the parser never waits forever
            self.failure, cursor = exc, None
        carried: tuple | None = None
        try:
            while (block := self._queue.get()) is not None:
                if self.failure is None:
                    carried = self._insert(cursor, _joined(carried, block) if carried else block, whole=True)
            if self.failure is None and carried:
                self._insert(cursor, carried, whole=False)
        finally:
            if cursor is not None:
                cursor.close()

    def _insert(self, cursor, block: tuple, whole: bool) -> tuple | None:
        """Insert ``block`` (ids, stamps, minutes, Wh), or with ``whole`` only its long statements' rows: the rest
        is returned to carry (None when nothing is left or the insert failed)."""
        count = len(block[1])
        if whole:
            count -= count % rows_a_statement(sum(not isinstance(c, int) for c in block))
        try:
            insert_rows(cursor, self._mark, "meter_reading", ("meter_id", "start", "minutes", "wh"), tuple(_part(c, 0, count) for c in block))
        except Exception as exc:  # noqa: BLE001 - any refusal sends the file the usual way, which reports it
            self.failure = exc
            return None
        self.stored += count
        return tuple(_part(c, count, len(block[1])) for c in block) if count < len(block[1]) else None

    def _join(self) -> None:
        self._queue.put(None)
        self._thread.join()

    def _end(self, keep: bool) -> None:
        if not keep:
            self._execute(f"ROLLBACK TO SAVEPOINT {SAVEPOINT}")
        self._execute(f"RELEASE SAVEPOINT {SAVEPOINT}")

    def _execute(self, statement: str) -> None:
        cursor = self._dbapi.cursor()
        try:
            cursor.execute(statement)
        finally:
            cursor.close()
