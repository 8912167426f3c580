"""User-editable fields described once (字段说明): kind, label, help, unit, bounds, whether required.

The CLI's ``--set FIELD=VALUE``, the GUI's forms and error messages read a field's spec: its label is the
catalogue entry ``field.<key>`` (shown instead of the key), its help ``help.<key>``; values are parsed and checked
by kind (services/support/fields.py), so a decimal outside its bounds is refused naming the field and the range.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from workbench.domain.labels import LabelledEnum
from workbench.domain.text import Text


class FieldKind(StrEnum):
    TEXT = "text"
    DATE = "date"
    DECIMAL = "decimal"
    INTEGER = "integer"
    ENUM = "enum"
    COUNTRY = "country"
    COORDINATE = "coordinate"


@dataclass(frozen=True)
class FieldSpec:
    """One field: ``FieldSpec(FieldKind.DECIMAL, unit="km", minimum=Decimal(0))``.

    ``enum`` is the closed set of an ENUM field; ``minimum``/``maximum`` bound DECIMAL, INTEGER and COORDINATE
    values (inclusive); ``unit`` is shown beside the label.
    """

    kind: FieldKind
    required: bool = False
    enum: type[LabelledEnum] | None = None
    unit: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    has_help: bool = False

    def label(self, key: str) -> Text:
        return Text(f"field.{key}")

    def help(self, key: str) -> Text | None:
        return Text(f"help.{key}") if self.has_help else None
