"""Interval energy from cumulative register readings (电能表示值) and the meter's multiplier (倍率).

A revenue meter at a grid connection point counts energy on its register in secondary-side units; the energy
through the connection point over an interval is (register at its end − register at its start) × multiplier,
the multiplier being CT ratio × PT ratio (DL/T 448-2016 metering at trade settlement points; confirm the clause).
Each pair of consecutive readings of one meter gives one interval, starting at the earlier reading.

- Roll-over: a register that falls from at least 90 % of its capacity (10^digits of the integer part) to a small
  value has wrapped round; the energy is (capacity − before) + after.
- Meter replacement: any other fall, or a change of multiplier, starts a new register; the interval spanning the
  replacement gets no energy from the file (conservative: it is counted, not guessed) and is reported.
- Consecutive readings further apart than an accepted interval (a missing reading) are refused, naming both rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from workbench.domain.text import Text

ROLL_OVER_FROM = Decimal("0.9")  # of the register's capacity


@dataclass(frozen=True)
class Register:
    meter: str
    at: datetime
    reading: Decimal  # in the register's unit
    multiplier: Decimal
    row: int


def capacity(reading: Decimal) -> Decimal:
    """The register's capacity: 10 to the number of digits of the reading's integer part (99 999.99 → 100 000)."""
    return Decimal(10) ** max(len(str(int(reading))), 1)


def intervals_from_registers(registers: list[Register], intervals: tuple[int, ...], where: str,
                             errors: list[str], scale: Decimal) -> tuple[list[tuple[str, datetime, int, int, int]], dict[str, int]]:
    """(meter, interval start, minutes, Wh, row of the closing reading) per pair of consecutive readings, and counts of roll-overs and meter
    replacements; problems go to ``errors``. ``scale``: Wh per register unit (1000 for kWh). Wh are rounded down to whole Wh (conservative)."""
    out: list[tuple[str, datetime, int, int, int]] = []
    counts = {"roll-overs": 0, "meter replacements": 0}
    by_meter: dict[str, list[Register]] = {}
    for r in registers:
        by_meter.setdefault(r.meter, []).append(r)
    for meter, rows in by_meter.items():
        rows.sort(key=lambda r: r.at)
        for before, after in zip(rows, rows[1:]):
            if after.at == before.at:
                errors.append(Text("import.register.twice", place=Text("where.file_row", file=where, row=after.row), meter=meter, at=after.at,
                                   first=before.row, second=after.row))
                continue
            minutes = (after.at - before.at).total_seconds() / 60
            if minutes not in intervals:
                errors.append(Text("import.register.gap", file=where, first=before.row, second=after.row, meter=meter, minutes=f"{minutes:g}",
                                   intervals=", ".join(map(str, intervals))))
                continue
            if after.multiplier != before.multiplier:
                counts["meter replacements"] += 1
                continue
            delta = after.reading - before.reading
            if delta < 0:
                if before.reading >= ROLL_OVER_FROM * capacity(before.reading) and after.reading < (1 - ROLL_OVER_FROM) * capacity(before.reading):
                    delta += capacity(before.reading)
                    counts["roll-overs"] += 1
                else:
                    counts["meter replacements"] += 1
                    continue
            out.append((meter, before.at, int(minutes), int(delta * after.multiplier * scale), after.row))
    return out, counts
