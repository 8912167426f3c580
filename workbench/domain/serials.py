"""Serial numbers of issued units (唯一序列号) and the ledger invariants over blocks of them (DOMAIN.md §5)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workbench.domain.errors import UserError
from workbench.domain.text import Text

ACTIVE = ("issued", "transferred")  # units that can still move
FINAL = ("retired", "cancelled")


@dataclass(frozen=True)
class Block:
    """A contiguous range of serials of one project vintage, in one registry."""

    id: int
    project: str
    vintage: int
    first: int
    last: int
    registry: str
    status: str

    @property
    def quantity(self) -> int:
        return self.last - self.first + 1


def serial_label(programme: str, host: str, project: str, vintage: int, first: int, last: int) -> str:
    """e.g. ``BRI-VN-VN-OFW-01-2025-000000001-000432105``."""
    return f"{programme.upper()}-{host}-{project}-{vintage}-{first:09d}-{last:09d}"


def take(first: int, last: int, quantity: int) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """Split ``quantity`` serials off the front of a range: (moved range, remaining range or None)."""
    size = last - first + 1
    if not 0 < quantity <= size:
        raise UserError("error.serials.quantity_must_be_between_1_and", field="quantity", quantity=quantity, size=size)
    moved = (first, first + quantity - 1)
    return moved, (first + quantity, last) if quantity < size else None


def violations(blocks: Iterable[Block], issued: dict[tuple[str, int], int]) -> list[Text]:
    """Every broken invariant, worded when shown: overlapping serials, a serial in two registries, totals not
    conserved."""
    problems: list[Text] = []
    by_vintage: dict[tuple[str, int], list[Block]] = {}
    for b in blocks:
        if b.first > b.last:
            problems.append(Text("serials.first_after_last", block=b.id, first=b.first, last=b.last))
        by_vintage.setdefault((b.project, b.vintage), []).append(b)
    for key, group in by_vintage.items():
        ordered = sorted(group, key=lambda b: b.first)
        for a, b in zip(ordered, ordered[1:]):
            if b.first <= a.last:
                shown = {"project": key[0], "vintage": key[1], "first": b.first, "last": min(a.last, b.last), "a": a.id, "b": b.id}
                problems.append(Text("serials.held_in_two_registries", **shown) if a.registry != b.registry
                                else Text("serials.held_twice", **shown))
        total = sum(b.quantity for b in group)
        if total != issued.get(key, 0):
            problems.append(Text("serials.totals_differ", project=key[0], vintage=key[1], total=total, issued=issued.get(key, 0)))
    for key, amount in issued.items():
        if key not in by_vintage and amount:
            problems.append(Text("serials.issued_unheld", project=key[0], vintage=key[1], amount=amount))
    return problems
