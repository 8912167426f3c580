"""The one change record (CONTRACTS.md §3): every service call returns one.

The same object feeds the audit log, undo/redo in the GUI and the GUI's refresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from workbench.domain.text import Text


@dataclass(frozen=True)
class EntityChange:
    """One entity created, updated or deleted, with the fields before and after (None when absent)."""

    entity: str  # e.g. "project", "party", "site"
    entity_id: int | str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def kind(self) -> str:
        if self.before is None:
            return "created"
        if self.after is None:
            return "deleted"
        return "updated"

    def changed_fields(self) -> dict[str, tuple[Any, Any]]:
        before, after = self.before or {}, self.after or {}
        return {k: (before.get(k), after.get(k)) for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)}


@dataclass(frozen=True)
class Change:
    """What one user action did: action name, project, entities, who, when, why."""

    action: str
    actor: str
    at: datetime
    project_id: int | None = None
    reason: str = ""
    entities: tuple[EntityChange, ...] = ()
    result: dict[str, Any] = field(default_factory=dict)
    """What the action produced that callers show (a new id, a computed total) — also in the audit log."""
    label: Text | None = field(default=None, compare=False)
    """The edit's human name for the Edit menu ("添加参与方 华夏海上能源"); not part of the audit entry."""

    @property
    def empty(self) -> bool:
        return not self.entities

    def touched(self, entity: str) -> list[EntityChange]:
        return [e for e in self.entities if e.entity == entity]
