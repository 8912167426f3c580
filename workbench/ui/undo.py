"""Undo/redo in the GUI: a QUndoStack per project of service edits, each reversible through its Change record."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from workbench.domain.change import Change
from workbench.services.history.undo import describe, inverse


SETS_UP = frozenset({"project.create", "project.setup"})


class ServiceEdit(QUndoCommand):
    """An edit already saved by a service; undo runs its inverse, redo the inverse of that — both through the op
    runner, on the project the edit was made on.

    A project's set-up taken back leaves the project list, which then selects another project; the Edit menu stays on
    the taken-back project's history (Redo sets it up again, and selects it) until the user works on the project
    selected (``OpRunner.follow``)."""

    def __init__(self, runner, change: Change) -> None:
        self.label = describe(change)  # worded in whichever language the Edit menu shows
        super().__init__(runner.ctx.lang.pick(self.label))
        self.runner = runner
        self.done = change
        self.undone: Change | None = None
        self.first = True
        self.sets_up = change.action in SETS_UP

    def _apply(self, change: Change) -> Change | None:
        from workbench.ui.ops import Op

        action = inverse(change)
        parent = self.runner.ctx.window
        return self.runner.run(Op(lambda ws, actor, _project: action(ws, actor), parent, change.project_id, undoable=False))

    def redo(self) -> None:
        if self.first:  # pushing onto the stack calls redo: the service already did the edit
            self.first = False
            return
        again = self._apply(self.undone)
        self.done = again or self.done
        if again is not None and self.sets_up and self.runner.ctx.window is not None:
            self.runner.ctx.window.select_project(again.project_id)

    def undo(self) -> None:
        taken_back = self._apply(self.done)
        self.undone = taken_back or self.undone
        if taken_back is not None and self.sets_up:  # the list has selected another project meanwhile
            self.runner.undo_group.setActiveStack(self.runner.stack(self.done.project_id))
