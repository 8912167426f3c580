"""The one way an action writes (CONTRACTS.md §10): a transaction under the write lock, the entities it touched
with their values before and after, and the audit entry — or none, when nothing changed.

Every service writes through :func:`write_action`; none opens ``Workspace.transaction`` or records a ``Change`` by
hand (``tests/unit/test_write_action.py`` scans for it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy.orm import Session

from workbench.domain import catalogue
from workbench.domain.change import Change, EntityChange
from workbench.domain.progress import QUIET, Steps
from workbench.domain.text import Bilingual, Text, stored_line
from workbench.services.support.context import Actor
from workbench.services.support.records import entity, record
from workbench.store.workspace import Workspace


@dataclass
class Action:
    """One action under way: its session, and the entities and result it will record. ``change`` is set once the
    action has committed (empty when it changed nothing).

    ``name`` (``"party.add"``) and ``project_id`` may be set once the body knows them; ``label`` is the edit's human
    name for the Edit menu (``Text("change.party.add", subject=…)`` → "撤销：添加参与方 华夏海上能源"), derived from
    the first entity when left unset (``history.undo.describe``).
    """

    session: Session
    name: str
    actor: Actor
    project_id: int | None = None
    reason: str = ""
    entities: list[EntityChange] = field(default_factory=list)
    result: dict[str, Any] = field(default_factory=dict)
    label: Text | None = None
    change: Change | None = None
    already_done: bool = False

    def created(self, kind: str, row: Any) -> None:
        """``row`` (flushed, so it has its id) was added; its values now are the ``after``."""
        self.entities.append(entity(kind, row, None))

    def updated(self, kind: str, row: Any, before: dict[str, Any]) -> None:
        """``row`` was changed from ``before`` (``records.row_fields`` taken before the change)."""
        self.entities.append(entity(kind, row, before))

    def deleted(self, kind: str, row: Any, before: dict[str, Any]) -> None:
        self.entities.append(entity(kind, row, before, deleted=True))

    def add(self, *entities: EntityChange) -> None:
        """Entities described elsewhere (a ledger move, a linked project)."""
        self.entities.extend(entities)

    def unchanged(self, **result: Any) -> None:
        """The work was already done (the same file, the same decision): the change hands ``result`` back to the
        caller, and no audit entry is written unless the body also lists entities."""
        self.result.update(result)
        self.already_done = True

    def to_change(self) -> Change:
        return Change(self.name, self.actor.name, self.actor.now(), self.project_id, reason=self.reason,
                      entities=tuple(self.entities), result=self.result, label=self.label)


@contextmanager
def write_action(ws: Workspace, actor: Actor, name: str, project_id: int | None = None, *, reason: str | Text = "",
                 label: Text | None = None, steps: Steps = QUIET) -> Iterator[Action]:
    """Run one action: ``with write_action(ws, actor, "party.add") as act: … act.created("party", row)``, then
    ``return act.change``.

    The write lock is taken before the body reads anything (a second program waits, then gets
    ``write_lock.WorkspaceBusy``, exit 2). Everything commits together with the audit entry, or — on any exception —
    nothing does. An action that lists no entities is recorded only when it has a result to report (an import's
    counts) and did not call ``unchanged``; updates that left every value as it was are dropped, so a no-op never
    lengthens the audit log. ``act.change`` is the ``Change`` (with the values before and after of each entity).
    ``reason`` is what the user typed, or a catalogue message the workbench words (kept as its id and parameters,
    ``text.stored_line``, and worded in the reader's language when the log is shown).

    ``steps`` (``domain.progress``): a stop the user asked for while the body ran raises ``Cancelled`` here, before
    anything commits — the body's own steps raise it earlier.
    """
    with ws.transaction() as session:
        act = Action(session, name, actor, project_id, stored_line(reason), label=label)
        yield act
        steps.check()
        change = act.to_change()
        change = replace(change, label=change.label or label_of(change))
        worth_recording = act.entities or (act.result and not act.already_done)
        act.change = record(session, change) if worth_recording else change  # nothing done, nothing logged


def label_of(change: Change) -> Text:
    """What an edit did, in words for the Edit menu: ``add party Huaxia Offshore Energy`` / ``添加参与方 华夏海上能源``.

    The catalogue entry ``change.<action>`` with the thing's name — a party's in each language, else its name, code
    or key, else its id; ``change.other`` (the action's name) when the catalogue has no wording for the action.
    """
    first = change.entities[0] if change.entities else None
    values = (first.after or first.before or {}) if first else {}
    if "name_en" in values or "name_zh" in values:
        en, zh = values.get("name_en") or "", values.get("name_zh") or ""
        subject: object = Bilingual(en or zh, zh or en)
    else:
        subject = next((values[k] for k in ("name", "code", "serial", "key", "condition", "section") if values.get(k)), first.entity_id if first else "")
    if not catalogue.has(f"change.{change.action}", "en"):
        return Text("change.other", action=change.action)
    return Text(f"change.{change.action}", subject=subject)
