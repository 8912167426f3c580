"""What a document still lacks, collected while its context is built — one source for the completeness check and the
render: every item the check lists is a mark in a draft, and a draft marks nothing the check does not list.

A value that is not there becomes a *gap* (a small mapping the templates print as a red ``[missing: …]`` mark) and is
recorded as a ``Missing`` item of its section; a reference value not yet confirmed against its published source is
recorded the same way under "Values to confirm" and listed in the draft's appendix with its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.domain.sourced import SourcedValue
from workbench.domain.text import Bilingual, Text

CONFIRM = Text("documents.values_to_confirm")


@dataclass(frozen=True)
class Missing:
    section: Bilingual
    item: Bilingual


def both(text: Bilingual) -> dict[str, str]:
    """A bilingual text as the templates take it (``pick(x.en, x.zh)``)."""
    return {"en": text.en, "zh": text.zh}


@dataclass
class Gaps:
    items: list[Missing] = field(default_factory=list)
    confirm: list[dict[str, Any]] = field(default_factory=list)

    def gap(self, section: Bilingual, item: Bilingual, mark: Bilingual | None = None) -> dict[str, Any]:
        """Record ``item`` as missing from ``section``; the mark the template prints in its place (``mark`` when
        the place is too small for the whole item, e.g. a verdict cell)."""
        self.items.append(Missing(section, item))
        return {"gap": True, **both(mark or item)}

    def need(self, value: Any, section: Bilingual, item: Bilingual) -> Any:
        """``value`` when it is there, else the gap of ``item``."""
        return self.gap(section, item) if value is None or value == "" or value == [] else value

    def to_confirm(self, what: Bilingual, symbol: str | Bilingual | Text, value: str, unit: str, source: str | Bilingual | Text) -> dict[str, Any]:
        """Record a reference value not yet confirmed; the mark (numbered as in the appendix) the box prints.
        ``symbol`` and ``source`` are one text for both languages or a :class:`Bilingual`."""
        number = len(self.confirm) + 1
        symbol, source = (x if callable(getattr(x, "in_lang", None)) else Bilingual(x, x) for x in (symbol, source))
        self.confirm.append({"number": number, "what": both(what), "symbol": both(symbol), "value": value, "unit": unit, "source": both(source)})
        item = Text("documents.value_to_confirm_item", number=number, symbol=symbol)
        self.items.append(Missing(CONFIRM, item))
        return {"gap": True, **both(item)}

    def sourced(self, what: Bilingual, symbol: str | Bilingual | Text, values: list[tuple[str, SourcedValue]], unit: str = "") -> dict[str, Any]:
        """A box row of reference values (one, or one per column: ``a = 0.0533; b = 2; c = 0.8``): value, unit and
        source in both languages, or the confirm mark in place of the source while any of them is unconfirmed."""
        def shown(v: SourcedValue) -> str:
            return format(v.value.normalize(), ",f")

        value = shown(values[0][1]) if len(values) == 1 else "; ".join(f"{column} = {shown(v)}" for column, v in values)
        first = values[0][1]
        source = Bilingual(first.source_in("en"), first.source_in("zh"))
        row = {"value": value, "unit": "" if len(values) > 1 else (first.unit or unit), "source": both(source)}
        if any(v.confirm for _, v in values):
            row["source"] = self.to_confirm(what, symbol, value, row["unit"], source)
        return row
