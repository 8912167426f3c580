"""Text in both working languages: catalogue messages, and wording users typed in both languages."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from workbench.domain import catalogue


@dataclass(frozen=True)
class Bilingual:
    """Wording held in English and Chinese (中英文) — user data such as titles, or text composed of other texts.

    Fixed wording written by the workbench is a catalogue :class:`Text` instead.
    """

    en: str
    zh: str

    @classmethod
    def either(cls, en: str | None, zh: str | None) -> Bilingual:
        """A name a user gave in one language or both: each language shows its own, else the other's."""
        return cls(en or zh or "", zh or en or "")

    def in_lang(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Joined:
    """Several texts shown as one run, ``; `` between them in English and ``；`` in Chinese (a list of problems)."""

    items: tuple[Any, ...]

    def in_lang(self, lang: str) -> str:
        shown = [i.in_lang(lang) if callable(getattr(i, "in_lang", None)) else str(i) for i in self.items]
        return ("；" if lang == "zh" else "; ").join(shown)


@dataclass(frozen=True)
class Text:
    """A catalogue message: its id and parameters, rendered in whichever language is asked for.

    ``Text("stage.blocked.no_owner")`` · ``Text("error.country.unknown", value="Morocco")``.
    """

    id: str
    params: dict[str, Any] = field(default_factory=dict)

    def __init__(self, message_id: str, **params: Any) -> None:
        object.__setattr__(self, "id", message_id)
        object.__setattr__(self, "params", params)

    def __hash__(self) -> int:
        return hash((self.id, tuple(sorted((k, repr(v)) for k, v in self.params.items()))))

    def in_lang(self, lang: str) -> str:
        return catalogue.render(self.id, lang, **self.params)

    @property
    def en(self) -> str:
        return self.in_lang("en")

    @property
    def zh(self) -> str:
        return self.in_lang("zh")

    def __str__(self) -> str:
        return self.en


MESSAGE = "$text"
"""The key that marks a stored catalogue message: ``{"$text": "meter_span.late", "params": {...}}``. A ``$`` key
never names a field, so a stored record or trace (``{"id": "P-07", "area_m2": …}``) is never taken for a message."""


def stored(value: Any) -> Any:
    """Wording as JSON keeps it, to be rendered when shown (:func:`restored`): a :class:`Text` as ``{"$text", "params"}``
    (its parameters stored alike), a labelled enum member as its label's ``{"$text"}``, :class:`Bilingual` as
    ``{"en", "zh"}``, :class:`Joined` as ``{"joined": [...]}``, lists and dicts item by item, dates and decimals as
    text, anything else as is.

    Results, traces, audit entries and reports keep this form, never wording in one language.
    """
    if isinstance(value, Text):
        return {MESSAGE: value.id, "params": {k: stored(v) for k, v in value.params.items()}}
    label_id = getattr(value, "label_id", None)
    if isinstance(label_id, str):
        return {MESSAGE: label_id}
    if isinstance(value, Bilingual):
        return {"en": value.en, "zh": value.zh}
    if isinstance(value, Joined):
        return {"joined": [stored(i) for i in value.items]}
    if isinstance(value, (list, tuple)):
        return [stored(v) for v in value]
    if isinstance(value, dict):  # a trace or a result holding wording among its figures
        return {str(k): stored(v) for k, v in value.items()}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)  # a date, a Decimal: as their text


def restored(value: Any) -> Any:
    """What :func:`stored` kept, as something with ``in_lang`` again. Read as they were written: wording stored as
    plain text before it was kept as a message (an older workspace), and a message as the version before the
    ``$text`` mark stored it (:func:`unmarked_message`)."""
    if isinstance(value, dict):
        message = value.get(MESSAGE)
        if isinstance(message, str):
            return Text(message, **{k: restored(v) for k, v in (value.get("params") or {}).items()})
        if unmarked_message(value):
            return Text(value["id"], **{k: restored(v) for k, v in (value.get("params") or {}).items()})
        if "joined" in value:
            return Joined(tuple(restored(i) for i in value["joined"]))
        if isinstance(value.get("en"), str):
            return Bilingual(value["en"], str(value.get("zh") or value["en"]))
    if isinstance(value, list):
        return [restored(v) for v in value]
    return value


def unmarked_message(value: dict) -> bool:
    """Whether ``value`` is a message as versions before the ``$text`` mark stored it — still found in their
    workspaces, their packages and the audit chain (never rewritten): exactly ``{"id"}`` or ``{"id", "params"}``, the
    id one the catalogue knows. A record that merely has an ``id`` (a plot, a party) is not one."""
    return (isinstance(value.get("id"), str) and set(value) <= {"id", "params"} and isinstance(value.get("params", {}), dict)
            and catalogue.has(value["id"], "en"))


def worded(value: Any, lang: str) -> str:
    """Stored wording (:func:`stored`), or plain text, in ``lang``."""
    shown = restored(value)
    return shown.in_lang(lang) if callable(getattr(shown, "in_lang", None)) else "" if shown is None else str(shown)


def stored_line(value: Text | str) -> str:
    """A message kept in a one-line text column (an audit entry's reason, a stage change's reason): the JSON of
    :func:`stored` for a :class:`Text`, plain text as it is. :func:`line_text` reads either back."""
    return json.dumps(stored(value), ensure_ascii=False, sort_keys=True) if isinstance(value, Text) else value


def line_text(value: str | None) -> Any:
    """A text column written by :func:`stored_line`: a catalogue message again, or the plain text the user typed."""
    text = value or ""
    if text.startswith(('{"$text": ', '{"id": ')):  # the second: a message stored before the mark (the audit chain)
        try:
            shown = restored(json.loads(text))
        except ValueError:
            return text
        return shown if isinstance(shown, Text) else text  # typed text that only looks like JSON stays as typed
    return text
