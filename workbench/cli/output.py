"""Printing results as text in the user's language or as JSON; numbers stay exact (Decimal as strings).

Text output is worded from the message catalogue (``cli.*`` ids) in the language the command runs in (``--lang``,
``WORKBENCH_LANG``, the locale: set once by ``main``): :func:`say` renders one message, :func:`table` titles its
columns by message id and shows closed-set values by their labels (:func:`labelled`) and countries by their
names (:func:`country`). JSON output keeps stable keys and values (enum values, ISO codes); a reason or a flag is
always ``{"id", "message"}`` (:func:`message_json`).
"""

from __future__ import annotations

import dataclasses
import json
import sys
import unicodedata
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from workbench.domain.catalogue import render
from workbench.domain.field_specs import fields_of
from workbench.domain.labels import LabelledEnum
from workbench.domain.text import Text, restored, worded
from workbench.reference.countries import by_code
from workbench.services.support.values import shown

_language: ContextVar[str] = ContextVar("cli_language", default="en")


def use_language(lang: str) -> None:
    """The language every text of this command is written in (``zh`` or ``en``)."""
    _language.set(str(lang))


def language() -> str:
    return _language.get()


def say(message_id: str, **params: Any) -> str:
    """The catalogue message ``message_id`` in the command's language, parameters filled in."""
    return render(message_id, language(), **params)


def labelled(enum: type[LabelledEnum], value: Any) -> str:
    """A stored closed-set value shown by its label (an empty value as ``-``; a value the set lacks as is)."""
    if value in (None, ""):
        return "-"
    try:
        return enum(value).label(language())
    except ValueError:
        return str(value)


def field_help(record: str, key: str) -> str:
    """The help text of one field of a record (domain/field_specs), for the option that sets it (``%`` escaped for argparse)."""
    return fields_of(record)[key].help(key).in_lang(language()).replace("%", "%%")


def values_of(enum: type[LabelledEnum]) -> str:
    """The values a closed-set option takes, for its usage line (``{validation,verification}``); the field's spec
    checks a value given and, refusing it, lists each with its label."""
    return "{" + ",".join(m.value for m in enum) + "}"


def country(code: Any) -> str:
    """An ISO 3166-1 code shown by the country's name in the command's language (``VN`` → 越南 / Viet Nam)."""
    found = by_code(str(code or ""))
    return found.in_lang(language()) if found else str(code or "-")


def cell(value: Any) -> str:
    """A table cell: wording in the command's language, nothing as ``-``."""
    if value is None or value == "":
        return "-"
    if callable(getattr(value, "in_lang", None)):
        return value.in_lang(language())
    return str(value)


def message_json(value: Any) -> dict[str, str | None]:
    """A reason or a flag in JSON, in one shape whatever it holds: ``{"id": its catalogue id, or None for what a user
    typed, "message": its text in the command's language}``. ``value`` is a :class:`Text`, text a user typed, or
    wording as it was stored (``text.stored``)."""
    shown = restored(value)
    return {"id": shown.id if isinstance(shown, Text) else None, "message": worded(value, language())}


def to_plain(value: Any) -> Any:
    if isinstance(value, Text):
        return {"id": value.id, "en": value.en, "zh": value.zh}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (Decimal, date, datetime)):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    return value


def emit(fmt: str, data: Any, text: str) -> None:
    """Print ``data`` as JSON or ``text`` as is."""
    if fmt == "json":
        json.dump(to_plain(data), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text.rstrip("\n") + "\n")


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(rows: list[list[Any]], headers: list[str]) -> str:
    """Rows under column titles given by message id (``cli.col.*``), aligned for a terminal."""
    titles = [say(h) for h in headers]
    rows = [[shown(cell(c)) for c in r] for r in rows]  # a name holding a newline or an escape code prints as text
    widths = [max(width(x) for x in col) for col in zip(titles, *rows)]
    line = lambda cells: "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(titles), line(["-" * w for w in widths]), *(line(r) for r in rows)])
