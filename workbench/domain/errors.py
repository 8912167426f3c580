"""Errors a user can act on, worded from the message catalogue in the user's language."""

from __future__ import annotations

import json
import re
from typing import Any

from workbench.domain.text import Text

MESSAGE_ID = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")


def parse_problem(exc: Exception) -> Text | str:
    """What was wrong with a file's text, in the user's language: where JSON stops parsing (line and column), the
    byte that is not UTF-8, or nesting too deep; any other exception as its own text. The parser's own English
    sentence ("Expecting ',' delimiter") is not shown."""
    if isinstance(exc, json.JSONDecodeError):
        return Text("error.parse.json_at", line=exc.lineno, column=exc.colno)
    if isinstance(exc, UnicodeDecodeError):
        return Text("error.parse.not_utf8", position=exc.start + 1)
    if isinstance(exc, RecursionError):
        return Text("error.parse.too_deep")
    return str(exc)


def field_label(key: str) -> Text:
    """The label of a user-editable field, by its internal key (``host_country`` → 东道国 / Host country)."""
    return Text(f"field.{key}")


class UserError(Exception):
    """Bad input or a refused action: the message says what, where and what is accepted.

    ``UserError("error.country.unknown", field="host_country", value="Morocco")``: a catalogue message id, its
    parameters, the field it is about (by internal key; shown by its label ``field.<key>``) and where (a file
    and row, shown as is). Raised before anything is written; the CLI prints it on one line and exits 2, the GUI
    shows it in a dialog. ``str()`` is the English text; :meth:`in_lang` gives either language.

    A message that is not a catalogue id is shown as is in both languages: code still to be converted
    (tests/unit/test_catalogue.py lists such calls).
    """

    def __init__(self, message: str | Text, *, where: str | Text | None = None, field: str | None = None,
                 **params: Any) -> None:
        if isinstance(message, Text):
            self.text: Text | None = message
        elif MESSAGE_ID.match(message):
            self.text = Text(message, **params)
        else:
            self.text = None
        self.plain = "" if self.text else message
        self.where = where
        self.field = field
        super().__init__(self.in_lang("en"))

    @property
    def id(self) -> str | None:
        return self.text.id if self.text else None

    def field_label(self, lang: str) -> str | None:
        return field_label(self.field).in_lang(lang) if self.field else None

    def message(self, lang: str) -> str:
        """The message alone, without where or field."""
        return self.text.in_lang(lang) if self.text else self.plain

    def in_lang(self, lang: str) -> str:
        """``where, field: message`` in ``lang``."""
        where = self.where.in_lang(lang) if callable(getattr(self.where, "in_lang", None)) else self.where
        prefix = [p for p in (where, self.field_label(lang)) if p]
        colon = "：" if lang == "zh" else ": "
        return (("，" if lang == "zh" else ", ").join(prefix) + colon if prefix else "") + self.message(lang)

    def as_json(self, lang: str) -> dict[str, str | None]:
        """``{"id", "message", "field"}``: the CLI's JSON error (message and field label in ``lang``)."""
        return {"id": self.id, "message": self.in_lang(lang), "field": self.field_label(lang)}


class NotFound(UserError):
    """A named thing (project, party, site, period, block) does not exist."""

