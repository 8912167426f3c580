"""Load reference tables from CSV: every row has a key, its source and its validity dates.

A row may give its source in Chinese too (column ``source_zh``), which Chinese documents print.

Shipped tables live in ``workbench/reference/data/<name>.csv`` or ``methodologies/<id>/data/<name>.csv``.
Users add or override rows from their own CSV in the same shape; those rows are marked as overrides.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from workbench.domain.errors import UserError
from workbench.domain.sourced import SourcedValue
from workbench.domain.text import Bilingual

DATA_DIR = Path(__file__).parent / "data"
REQUIRED = ("key", "source", "valid_from")


@dataclass(frozen=True)
class ReferenceRow:
    """One dated row: its key, its other columns as text, where it comes from and when it applies."""

    table: str
    key: str
    columns: dict[str, str]
    source: str
    valid_from: date
    valid_to: date | None
    confirm: bool
    overridden: bool = False

    @property
    def source_zh(self) -> str:
        """The source in Chinese (column ``source_zh``, optional in every table); the ``source`` when the row has none."""
        return self.columns.get("source_zh", "").strip() or self.source

    @property
    def cited(self) -> Bilingual:
        """The source as a message parameter, in English and Chinese (``source_zh`` or else ``source``)."""
        return Bilingual(self.source, self.source_zh)

    def applies_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def decimal(self, column: str) -> Decimal:
        return Decimal(self.columns[column])

    def sourced(self, column: str = "value", unit_column: str = "unit") -> SourcedValue:
        return SourcedValue(
            table=self.table,
            key=self.key,
            value=self.decimal(column),
            unit=self.columns.get(unit_column, ""),
            source=self.source,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            confirm=self.confirm,
            overridden=self.overridden,
            source_zh=self.source_zh,
        )


def _date(text: str, where: str, column: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError("error.tables.is_not_a_date_use_yyyy", where=where, column=column, text=text)


def parse_rows(table: str, text: str, *, origin: str, overridden: bool = False, decimal_columns: tuple[str, ...] = ()) -> list[ReferenceRow]:
    """Parse CSV text into rows, naming the file, line and column of anything malformed."""
    try:
        return _parse(table, text, origin, overridden, decimal_columns)
    except csv.Error as exc:
        raise UserError("error.tables.is_not_well_formed_csv", where=origin, exc=exc)


def _parse(table: str, text: str, origin: str, overridden: bool, decimal_columns: tuple[str, ...]) -> list[ReferenceRow]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise UserError("error.tables.missing_column_s_a_reference_table", where=origin, value=', '.join(missing), value2=', '.join(REQUIRED))
    rows: list[ReferenceRow] = []
    for line, raw in enumerate(reader, start=2):
        where = f"{origin} line {line}"
        values = {k: (v or "").strip() for k, v in raw.items() if k is not None}
        if not values.get("key"):
            raise UserError("error.tables.empty_key", where=where)
        if not values.get("source"):
            raise UserError("error.tables.row_has_no_source_every_reference", where=where, values=values['key'])
        for column in decimal_columns:
            try:
                number = Decimal(values.get(column, ""))
            except InvalidOperation:
                raise UserError("error.tables.column_value_is_not_a_decimal", where=where, column=column, value=values.get(column))
            if not number.is_finite():
                raise UserError("error.tables.column_value_is_not_a_finite", where=where, column=column, value=values.get(column))
        valid_from = _date(values["valid_from"], where, "valid_from")
        valid_to = _date(values["valid_to"], where, "valid_to") if values.get("valid_to") else None
        if valid_to and valid_to < valid_from:
            raise UserError("error.tables.valid_to_is_before_valid_from", where=where, valid_to=valid_to, valid_from=valid_from)
        rows.append(
            ReferenceRow(
                table=table,
                key=values["key"],
                columns=values,
                source=values["source"],
                valid_from=valid_from,
                valid_to=valid_to,
                confirm=values.get("confirm", "").lower() in ("1", "true", "yes", "y"),
                overridden=overridden,
            )
        )
    return rows


@dataclass
class ReferenceTable:
    """All rows of one table: shipped ones and the user's overrides (overrides win on the same key and date)."""

    name: str
    rows: list[ReferenceRow] = field(default_factory=list)

    def with_overrides(self, overrides: list[ReferenceRow]) -> ReferenceTable:
        return ReferenceTable(self.name, [*self.rows, *overrides])

    def on(self, key: str, day: date) -> ReferenceRow:
        """The row for ``key`` in force on ``day``; a user override beats the shipped row, then the latest start."""
        candidates = [r for r in self.rows if r.key == key and r.applies_on(day)]
        if not candidates:
            raise UserError("error.tables.no_value_for_in_force_on", key=key, day=day, name=self.name)
        return max(candidates, key=lambda r: (r.overridden, r.valid_from))

    def keys(self) -> list[str]:
        return sorted({r.key for r in self.rows})


def load_table(name: str, directory: Path = DATA_DIR, *, decimal_columns: tuple[str, ...] = ()) -> ReferenceTable:
    path = directory / f"{name}.csv"
    return ReferenceTable(name, parse_rows(name, path.read_text(encoding="utf-8"), origin=str(path), decimal_columns=decimal_columns))


def thresholds_on(day: date, overrides: list[ReferenceRow] = ()) -> dict[str, SourcedValue]:
    """Every procedure threshold (publicity days, decision days, sampling) in force on ``day``."""
    table = load_table("procedure_thresholds", decimal_columns=("value",)).with_overrides(list(overrides))
    out: dict[str, SourcedValue] = {}
    for key in table.keys():
        try:
            out[key] = table.on(key, day).sourced()
        except UserError:
            continue  # a threshold not yet or no longer in force does not apply on that day
    return out
