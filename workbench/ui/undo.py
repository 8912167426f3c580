"""Undo/redo in the GUI: a QUndoStack of service edits, each reversible through its Change record."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from workbench.domain.change import Change
from workbench.services.history.undo import describe, inverse


class ServiceEdit(QUndoCommand):
    """An edit already saved by a service; undo runs its inverse, redo the inverse of that."""

    def __init__(self, ctx, change: Change) -> None:
        self.label = describe(change)  # worded in whichever language the Edit menu shows
        super().__init__(ctx.lang.pick(self.label))
        self.ctx = ctx
        self.done = change
        self.undone: Change | None = None
        self.first = True

    def redo(self) -> None:
        if self.first:  # pushing onto the stack calls redo: the service already did the edit
            self.first = False
            return
        action = inverse(self.undone)
        self.done = self.ctx.act(self.ctx.window, lambda: action(self.ctx.workspace, self.ctx.actor()), undoable=False) or self.done

    def undo(self) -> None:
        action = inverse(self.done)
        self.undone = self.ctx.act(self.ctx.window, lambda: action(self.ctx.workspace, self.ctx.actor()), undoable=False) or self.undone
