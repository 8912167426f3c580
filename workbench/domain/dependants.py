"""Records others refer to (被引用的记录): a record with dependants is not deleted, and the refusal names each one.

Each service that deletes a record lists its dependants with one read (``parties.party_dependants`` …); the window
asks the same read before it offers to delete, and the service refuses with the same list inside its transaction,
so what the user is told before acting and what the service enforces cannot differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.domain.errors import UserError
from workbench.domain.text import Joined, Text


def refuse_if_used(what: Any, dependants: Sequence[Text], field: str) -> None:
    """Raise the refusal to delete ``what`` (a name, a Text) while ``dependants`` (what refers to it) is not empty."""
    if dependants:
        raise UserError("error.rows.in_use", field=field, what=what, dependants=Joined(tuple(dependants)))
