"""A figure from dated reference data, carried with its source so every result can say what it used."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from workbench.domain.text import Bilingual, Text


@dataclass(frozen=True)
class SourcedValue:
    """One value of a dated, sourced reference table (CONTRACTS.md §5)."""

    table: str
    key: str
    value: Decimal
    unit: str
    source: str
    valid_from: date
    valid_to: date | None = None
    confirm: bool = False  # not yet checked against the official text: shown to the user as such
    overridden: bool = False  # comes from a user's CSV, not from the shipped data
    source_zh: str = ""  # the source in Chinese (a table's ``source_zh`` column); the English ``source`` when empty

    def source_in(self, lang: str) -> str:
        """The source in ``lang`` (zh or en): a Chinese document cites the Chinese wording where the data has one."""
        return (self.source_zh or self.source) if lang == "zh" else self.source

    @property
    def cited(self) -> Bilingual:
        """The source as a message parameter: each language shows its own wording (``source_zh`` falls back to ``source``)."""
        return Bilingual(self.source, self.source_zh or self.source)

    def cite(self) -> Text:
        """``key = value unit; source, valid from …`` with its flags, worded when shown."""
        return Text("cite.sourced", key=self.key, value=self.value, unit=self.unit, source=self.source, valid_from=self.valid_from.isoformat(),
                    confirm=Text("cite.confirm") if self.confirm else "", user=Text("cite.user_edition_flag") if self.overridden else "")

    @property
    def as_int(self) -> int:
        return int(self.value)
