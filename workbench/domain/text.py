"""Text in both working languages: catalogue messages, and wording users typed in both languages."""

from __future__ import annotations

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
