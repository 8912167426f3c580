"""Parsing user-entered values field by field, with messages that name the field and what is accepted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from workbench.domain.countries import country_code
from workbench.domain.errors import UserError


def text(value: Any, field: str) -> str:
    return "" if value is None else str(value).strip()


def optional_date(value: Any, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise UserError(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2025-03-14", where=field)


def required_date(value: Any, field: str) -> date:
    parsed = optional_date(value, field)
    if parsed is None:
        raise UserError("a date is required (YYYY-MM-DD)", where=field)
    return parsed


def optional_int(value: Any, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        raise UserError(f"{value!r} is not a whole number", where=field)


def optional_decimal(value: Any, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    if isinstance(value, float):
        raise UserError("give decimal numbers as text, not binary floating point", where=field)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise UserError(f"{value!r} is not a decimal number", where=field)
    if not number.is_finite():
        raise UserError(f"{value!r} is not a finite number", where=field)
    return number


def country(value: Any, field: str) -> str:
    return country_code(str(value or ""), field=field)


def choice(enum: type[StrEnum]) -> Callable[[Any, str], StrEnum]:
    def parse(value: Any, field: str) -> StrEnum:
        try:
            return enum(str(value).strip().lower())
        except ValueError:
            accepted = ", ".join(e.value for e in enum)
            raise UserError(f"{value!r} is not one of: {accepted}", where=field)

    return parse


def optional_choice(enum: type[StrEnum]) -> Callable[[Any, str], StrEnum | None]:
    strict = choice(enum)

    def parse(value: Any, field: str) -> StrEnum | None:
        return None if value in (None, "") else strict(value, field)

    return parse


def parse_fields(values: dict[str, Any], spec: dict[str, Callable[[Any, str], Any]], what: str) -> dict[str, Any]:
    """Parse every given field by its spec; unknown fields are refused with the list of known ones."""
    unknown = sorted(set(values) - set(spec))
    if unknown:
        raise UserError(f"unknown field(s) {', '.join(unknown)}; {what} fields are: {', '.join(spec)}")
    return {name: spec[name](value, name) for name, value in values.items()}
