"""What every page shares: the workspace, the language, running service actions and refreshing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QScrollArea, QVBoxLayout, QWidget

from workbench.domain.change import Change

from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual, Text
from workbench.services.support.context import Actor
from workbench.services.history.undo import inverse
from workbench.store.damage import DamagedWorkspace
from workbench.store.workspace import Workspace
from workbench.ui.i18n import Language


class PageContext(QObject):
    """Shared by all pages of a window: which workspace and project, the language, and change notices."""

    changed = Signal()  # something was saved: every page refreshes what it shows
    damaged = Signal(object)  # the workspace file was found damaged (a DamagedWorkspace): the window offers its backups

    def __init__(self, workspace: Workspace, lang: Language, window: QWidget | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.lang = lang
        self.window = window
        self.project: int | None = None
        self.undo_stack = QUndoStack(self)

    def actor(self) -> Actor:
        """The person acting: on a team database the signed-in login, else the user of this computer."""
        return Actor(self.workspace.user) if self.workspace.user else Actor()

    def act(self, parent: QWidget, action: Callable[[], Any], undoable: bool = True) -> Any:
        """Run one service action; a user error becomes a dialog and nothing changes.

        An edit that can be taken back goes onto the undo stack (Edit › Undo, Ctrl+Z).
        """
        try:
            result = action()
        except UserError as exc:
            self.show_error(parent, exc)
            return None
        if undoable and isinstance(result, Change) and inverse(result) is not None:
            from workbench.ui.undo import ServiceEdit

            self.undo_stack.push(ServiceEdit(self, result))
        self.changed.emit()
        return result

    def show_error(self, parent: QWidget, message: UserError | Text) -> None:
        """A user error (or a catalogue message) in a dialog, worded in the GUI's language; a damaged workspace
        goes to the window, which offers its backups."""
        if isinstance(message, DamagedWorkspace):
            self.damaged.emit(message)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.lang("ui.error"), self.lang.error(message) if isinstance(message, UserError) else self.lang.pick(message),
                          QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("userErrorDialog")
        box.open()


class Page(QScrollArea):
    """A scrollable page of the project workspace."""

    title: Bilingual | Text = Bilingual("", "")
    order: int = 100

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWidgetResizable(True)
        self.body = QWidget()
        self.layout_ = QVBoxLayout(self.body)
        self.setWidget(self.body)
        self.stale = True  # shows older data than the workspace holds: refreshed when next shown

    def invalidate(self) -> None:
        """The workspace or the selection changed: refresh now if on screen, else when next shown.

        Only the page in view is refreshed at once, so a change never makes the window wait for every page.
        """
        if self.isVisible():
            self.stale = False
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stale:
            self.stale = False
            self.refresh()

    @property
    def lang(self) -> Language:
        return self.ctx.lang

    def refresh(self) -> None:
        """Show the current project's data."""

    def retranslate(self) -> None:
        for child in self.body.findChildren(QWidget):
            if hasattr(child, "retranslate") and child is not self:
                child.retranslate()
        self.invalidate()
