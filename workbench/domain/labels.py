"""Closed sets of values that users see by their label (标签), never by their stored value."""

from __future__ import annotations

import re
from enum import StrEnum

from workbench.domain import catalogue


def catalogue_prefix(cls: type) -> str:
    """``PartyRole`` → ``party_role``: the id prefix of a labelled enum's labels."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


class LabelledEnum(StrEnum):
    """A StrEnum whose members are shown by the catalogue entry ``<enum>.<value>``.

    The store and JSON output keep ``value``; every screen, table and document shows ``label(lang)``.
    """

    @classmethod
    def has_value(cls, value: object) -> bool:
        """Whether ``value`` is the stored value of a member (``"bri"`` for Programme); any other value is not."""
        return isinstance(value, str) and value in {m.value for m in cls}

    @classmethod
    def prefix(cls) -> str:
        return catalogue_prefix(cls)

    @property
    def label_id(self) -> str:
        return f"{self.prefix()}.{self.value}"

    def label(self, lang: str) -> str:
        return catalogue.render(self.label_id, lang)

    def in_lang(self, lang: str) -> str:
        return self.label(lang)

    @property
    def en(self) -> str:
        return self.label("en")

    @property
    def zh(self) -> str:
        return self.label("zh")
