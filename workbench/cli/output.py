"""Printing results as text or JSON; numbers stay exact (Decimal as strings)."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from workbench.domain.text import Text
from workbench.services.support.values import shown


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


def table(rows: list[list[str]], headers: list[str]) -> str:
    rows = [[shown(str(c)) for c in r] for r in rows]  # a name holding a newline or an escape code prints as text
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)] if rows else [len(h) for h in headers]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])
