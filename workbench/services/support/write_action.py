"""The one way an action writes (CONTRACTS.md §10): a transaction under the write lock, the entities it touched
with their values before and after, and the audit entry — or none, when nothing changed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from workbench.domain.change import Change, EntityChange
from workbench.services.support.context import Actor
from workbench.services.support.records import entity, record
from workbench.store.workspace import Workspace


@dataclass
class Action:
    """One action under way: its session, and the entities and result it will record. ``change`` is set once the
    action has committed (empty when it changed nothing)."""

    session: Session
    name: str
    actor: Actor
    project_id: int | None = None
    reason: str = ""
    entities: list[EntityChange] = field(default_factory=list)
    result: dict[str, Any] = field(default_factory=dict)
    change: Change | None = None

    def created(self, kind: str, row: Any) -> None:
        self.entities.append(entity(kind, row, None))

    def updated(self, kind: str, row: Any, before: dict[str, Any]) -> None:
        self.entities.append(entity(kind, row, before))

    def deleted(self, kind: str, row: Any, before: dict[str, Any]) -> None:
        self.entities.append(entity(kind, row, before, deleted=True))

    def to_change(self) -> Change:
        return Change(self.name, self.actor.name, self.actor.now(), self.project_id, reason=self.reason,
                      entities=tuple(self.entities), result=self.result)


@contextmanager
def write_action(ws: Workspace, actor: Actor, name: str, project_id: int | None = None, *, reason: str = "") -> Iterator[Action]:
    """Run one action: ``with write_action(ws, actor, "team.add") as act: … act.created("team_member", row)``.

    The write lock is taken before the body reads anything (a second program waits, then gets
    ``write_lock.WorkspaceBusy``); the body may set ``act.project_id`` once it has resolved the project. Everything
    commits together with the audit entry, or — on any exception — nothing does. ``act.change`` is the ``Change``.
    """
    with ws.transaction() as session:
        act = Action(session, name, actor, project_id, reason)
        yield act
        change = act.to_change()
        act.change = record(session, change) if act.entities or act.result else change  # nothing done, nothing logged
