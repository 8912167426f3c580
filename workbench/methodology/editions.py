"""Which user edition of species or fuel reference data applies at a stage (DOMAIN.md §3, the edition rule).

The stage rule the methodologies give for grid factors (CCER-01-002-V01 / CCER-01-001-V01 tables 2–3: PDD the
latest edition; validation the edition current at validation; verification the edition of year y if published when
the verification report is uploaded, else the latest earlier one) is applied to species and fuel editions as to
grid editions. Species and fuel rows have no data year, so "of year y, else the latest earlier" reduces to: the
latest edition published on or before the stage's day — today for the PDD, the validation day, the day the
verification report was made final. A user edition is first-class: it replaces the shipped row of the same key.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from workbench.reference import ReferenceRow

SPECIES_PREFIX = "species."
FUEL_TABLE = "fuel_defaults"


def species_table_name(methodology_id: str) -> str:
    """The workspace table holding user species editions of one forestry methodology (``species.CCER-14-001``)."""
    return f"{SPECIES_PREFIX}{methodology_id}"


def in_force(rows: Iterable[ReferenceRow], on: date) -> dict[str, ReferenceRow]:
    """Per key, the user edition in force on ``on``: published (``valid_from``) on or before it and not withdrawn
    (``valid_to``), the latest published first, then the latest entered (``edition_id``)."""
    chosen: dict[str, ReferenceRow] = {}
    for r in rows:
        if not r.applies_on(on):
            continue
        held = chosen.get(r.key)
        if held is None or (r.valid_from, int(r.columns.get("edition_id") or 0)) > (held.valid_from, int(held.columns.get("edition_id") or 0)):
            chosen[r.key] = r
    return chosen
