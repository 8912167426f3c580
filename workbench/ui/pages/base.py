"""What every page shares: the workspace, the selected project, the language, the op runner and refreshing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QScrollArea, QVBoxLayout, QWidget

from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual, Text
from workbench.services.support.context import Actor
from workbench.store.damage import DamagedWorkspace
from workbench.ui.i18n import Language
from workbench.ui.ops import Changed, Op, OpRunner

if TYPE_CHECKING:  # the workspace module loads SQLAlchemy: not before the window's first paint
    from workbench.store.workspace import Workspace


class PageContext(QObject):
    """Shared by all pages of a window: which workspace and project, the language, and the op runner."""

    project_changed = Signal()  # another project is selected: forms of the one before are cleared
    damaged = Signal(object)  # the workspace file was found damaged (a DamagedWorkspace): the window offers its backups

    def __init__(self, workspace: Workspace | None, lang: Language, window: QWidget | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.lang = lang
        self.window = window
        self.project: int | None = None
        self.runner = OpRunner(self)
        self.runner.follow(None)

    def select(self, project: int | None) -> None:
        if project != self.project:
            self.project = project
            self.runner.follow(project)
            self.project_changed.emit()

    def actor(self) -> Actor:
        """The person acting: on a team database the signed-in login, else the user of this computer."""
        return Actor(self.workspace.user) if self.workspace.user else Actor()

    def show_error(self, parent: QWidget | None, message: UserError | Text) -> None:
        """A user error (or a catalogue message) in a dialog, worded in the GUI's language and begun as a sentence (the
        catalogue's lowercase suits the CLI's "error: …" line, not a dialog); a damaged workspace goes to the window,
        which offers its backups."""
        if isinstance(message, DamagedWorkspace):
            self.damaged.emit(message)
            return
        shown = self.lang.error(message) if isinstance(message, UserError) else self.lang.pick(message)
        box = QMessageBox(QMessageBox.Icon.Warning, self.lang("ui.error"), shown[:1].upper() + shown[1:], QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("userErrorDialog")
        box.open()


class Page(QScrollArea):
    """A scrollable page of the project workspace.

    ``shows``: the kinds of record the page shows (entity names and action families, see ops.Changed); None for a
    page that shows a summary of everything. A change refreshes the page only when it touches one of them.
    """

    title: Bilingual | Text = Bilingual("", "")
    order: int = 100
    shows: frozenset[str] | None = None

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWidgetResizable(True)
        self.body = QWidget()
        self.layout_ = QVBoxLayout(self.body)
        self.setWidget(self.body)
        self.stale = True  # shows older data than the workspace holds: refreshed when next shown
        ctx.runner.changed.connect(self.on_changed)
        ctx.project_changed.connect(self.project_changed)

    def op(self, fn: Callable[..., Any], *, form: Any = None, done: Callable[[Any], None] | None = None,
           long: Text | None = None, busy: Callable[[bool], None] | None = None, touches: frozenset[str] = frozenset(),
           undoable: bool = True, failed: Callable[[], None] | None = None, project: int | None = None,
           cancelled: Callable[[], None] | None = None) -> Any:
        """Run ``fn(ws, actor, project)`` — ``fn(ws, actor, project, steps)`` when ``long`` — through the window's op
        runner, bound to the project selected now (or to ``project``, the one a page's content was shown for)."""
        bound = self.ctx.project if project is None else project
        return self.ctx.runner.run(Op(fn, self, bound, done=done, long=long, form=form, busy=busy, touches=touches,
                                      undoable=undoable, failed=failed, cancelled=cancelled))

    def on_changed(self, changed: Changed) -> None:
        if changed.project not in (None, self.ctx.project):
            return
        if changed.touches(self.shows):
            self.invalidate()

    def project_changed(self) -> None:
        """Another project is selected: nothing typed for the one before stays in a form, and no word about what was
        done for it (a page's ``feedback`` label) stays on the page."""
        from workbench.ui.forms import SpecForm

        for form in self.body.findChildren(SpecForm):
            form.reset()
        feedback = getattr(self, "feedback", None)
        if feedback is not None:
            feedback.clear()
        self.invalidate()

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
