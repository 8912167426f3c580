"""A meter's accuracy class (准确度等级): its figure is the maximum permissible error in % (DL/T 448; an "S" class —
0.2S, 0.5S — keeps its figure as the limit), accepted in (0, 2]."""

from __future__ import annotations

import re
from decimal import Decimal

from workbench.domain.errors import UserError

CLASS_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(S?)\s*$", re.IGNORECASE)
HIGHEST = Decimal(2)


def accuracy_class(text: object, field: str = "accuracy_class") -> tuple[Decimal, bool]:
    """``"0.5"`` → (0.5, False), ``"0.2s"`` → (0.2, True); anything else, or a figure outside (0, 2], is refused
    naming the field and what is accepted."""
    match = CLASS_PATTERN.match(str(text or ""))
    value = Decimal(match.group(1)) if match else None
    if match is None or value is None or not Decimal(0) < value <= HIGHEST:
        raise UserError("error.meters.accuracy_class_is_not_accepted_give", field=field, text="" if text is None else str(text))
    return value, bool(match.group(2))


def class_label(limit: Decimal, special: bool) -> str:
    """The class as it is written: ``0.2S``."""
    return f"{limit}{'S' if special else ''}"
