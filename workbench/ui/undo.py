"""Undo/redo in the GUI: a QUndoStack per project of service edits, each reversible through its Change record."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from workbench.domain.change import Change
from workbench.services.history.undo import describe, inverse


class ServiceEdit(QUndoCommand):
    """An edit already saved by a service; undo runs its inverse, redo the inverse of that — both through the op
    runner, on the project the edit was made on."""

    def __init__(self, runner, change: Change) -> None:
        self.label = describe(change)  # worded in whichever language the Edit menu shows
        super().__init__(runner.ctx.lang.pick(self.label))
        self.runner = runner
        self.done = change
        self.undone: Change | None = None
        self.first = True

    def _apply(self, change: Change) -> Change | None:
        from workbench.ui.ops import Op

        action = inverse(change)
        parent = self.runner.ctx.window
        return self.runner.run(Op(lambda ws, actor, _project: action(ws, actor), parent, change.project_id, undoable=False))

    def redo(self) -> None:
        if self.first:  # pushing onto the stack calls redo: the service already did the edit
            self.first = False
            return
        self.done = self._apply(self.undone) or self.done

    def undo(self) -> None:
        self.undone = self._apply(self.done) or self.undone
