"""Parsing user-entered values field by field, with messages that name the field and what is accepted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from workbench.domain.catalogue import render
from workbench.domain.errors import UserError
from workbench.domain.field_specs import FieldKind, FieldSpec, fields_of
from workbench.domain.project import coordinate
from workbench.domain.labels import LabelledEnum
from workbench.domain.meter_class import accuracy_class, class_label
from workbench.domain.text import Bilingual
from workbench.reference.countries import find_country


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
        raise UserError("error.fields.is_not_a_date_use_yyyy", field=field, value=value)


def required_date(value: Any, field: str) -> date:
    parsed = optional_date(value, field)
    if parsed is None:
        raise UserError("error.fields.a_date_is_required_yyyy_mm", field=field)
    return parsed


def optional_int(value: Any, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        raise UserError("error.fields.is_not_a_whole_number", field=field, value=value)


def optional_decimal(value: Any, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    if isinstance(value, float):
        raise UserError("error.fields.give_decimal_numbers_as_text_not", field=field)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise UserError("error.fields.is_not_a_decimal_number", field=field, value=value)
    if not number.is_finite():
        raise UserError("error.fields.is_not_a_finite_number", field=field, value=value)
    return number


def country(value: Any, field: str) -> str:
    """An ISO 3166-1 alpha-2 code, from a code or a country's English or Chinese name."""
    return find_country(value, field=field)


def choice(enum: type[StrEnum]) -> Callable[[Any, str], StrEnum]:
    def parse(value: Any, field: str) -> StrEnum:
        text = str(value).strip()
        for candidate in (text, text.lower()):  # values are lower case but for codes such as CAR
            if candidate in enum._value2member_map_:
                return enum(candidate)
        raise UserError("error.fields.is_not_one_of", field=field, value=value, accepted=accepted(enum))

    return parse


def accepted(enum: type[StrEnum]) -> Bilingual:
    """The values a closed set accepts, each with its label: ``ccer (China CCER (2023 measures)), bri (…)``."""
    def listed(lang: str) -> str:
        return ("、" if lang == "zh" else ", ").join(
            render("common.value_with_label", lang, value=e.value, label=e.label(lang)) if isinstance(e, LabelledEnum) else e.value
            for e in enum)
    return Bilingual(listed("en"), listed("zh"))


def optional_choice(enum: type[StrEnum]) -> Callable[[Any, str], StrEnum | None]:
    strict = choice(enum)

    def parse(value: Any, field: str) -> StrEnum | None:
        return None if value in (None, "") else strict(value, field)

    return parse


Parser = Callable[[Any, str], Any]


def parse_value(spec: FieldSpec | Parser, value: Any, key: str) -> Any:
    """One value parsed and checked as its field's spec says (a plain parser is called as it is); a required field
    given empty is refused naming the field."""
    if not isinstance(spec, FieldSpec):
        return spec(value, key)
    kind = spec.kind
    if spec.required and (value is None or str(value).strip() == ""):
        raise UserError("error.fields.required", field=key)
    if kind is FieldKind.ENUM:
        assert spec.enum is not None
        return optional_choice(spec.enum)(value, key)
    if kind is FieldKind.COUNTRY:
        return find_country(value, field=key, host=spec.host)
    if kind is FieldKind.CURRENCY:
        from workbench.services.support.values import currency  # values builds on this module

        return currency(value, key)
    if kind is FieldKind.COORDINATE:
        return coordinate(value, axis=key)
    if kind is FieldKind.DATE:
        return optional_date(value, key)
    if kind is FieldKind.ACCURACY_CLASS:  # the class as it is written, checked: "0.2s" → "0.2S"
        return "" if value in (None, "") else class_label(*accuracy_class(value, key))
    if kind in (FieldKind.DECIMAL, FieldKind.INTEGER):
        number = optional_decimal(value, key) if kind is FieldKind.DECIMAL else optional_int(value, key)
        return number if number is None else bounded(number, spec, key)
    return text(value, key)


def bounded(number: Any, spec: FieldSpec, key: str) -> Any:
    """Refuse a number outside the field's bounds (inclusive), naming the field and the range with its unit."""
    low, high = spec.minimum, spec.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        span = f"{'' if low is None else low}..{'' if high is None else high}"
        raise UserError("error.fields.out_of_bounds", field=key, value=number, range=span, unit=spec.unit)
    return number


def parse_record(record: str, **values: Any) -> dict[str, Any]:
    """The fields of one record given as separate arguments (``engage(…, kind, team)``, ``transfer --quantity``),
    each parsed by its spec in ``domain/field_specs.RECORDS[record]``: a bad value is refused naming the field by its
    label and what it accepts. ``parse_record("transfer", quantity="12", price="")`` → ``{"quantity": 12, "price": None}``."""
    specs = fields_of(record)
    return {key: parse_value(specs[key], value, key) for key, value in values.items()}


def record_id(value: Any, field: str) -> int:
    """The id of the record a REFERENCE field names (a positive whole number), refused naming the field otherwise."""
    text = str(value if value is not None else "").strip()
    if not text.isdigit() or int(text) == 0:
        raise UserError("error.fields.not_a_record_id", field=field, value=value)
    return int(text)


def required(spec: dict[str, FieldSpec | Parser]) -> tuple[str, ...]:
    return tuple(k for k, s in spec.items() if isinstance(s, FieldSpec) and s.required)


def parse_fields(values: dict[str, Any], spec: dict[str, FieldSpec | Parser], what: str) -> dict[str, Any]:
    """Parse every given field by its spec; unknown fields are refused with the list of known ones."""
    unknown = sorted(set(values) - set(spec))
    if unknown:
        raise UserError("error.fields.unknown_field_s_fields_are", value=', '.join(unknown), what=what, value2=', '.join(spec))
    return {name: parse_value(spec[name], value, name) for name, value in values.items()}
