"""The one path every user action takes in the window (Anki's ``CollectionOp`` is the model).

An :class:`Op` is a service call ``fn(workspace, actor, project)`` bound to the project selected when the user
started it: whatever is selected by the time it runs or finishes, it writes to that project only. The runner

- runs it at once, or — when it may take more than 100 ms (imports, calculations, renders, package import) — in a
  worker thread, handing it a ``domain.progress.Steps``: the bar shows the steps the service reports ("row 12,000
  of 50,000", "page 3"), and Cancel asks the service to stop at its next step, inside its transaction, so that
  nothing is written; the bar stays ("stopping…") until the work has stopped, then the pages refresh;
- shows a user error next to the form field it names, else in a dialog, in the GUI's language; nothing is written;
- puts every record edit that can be taken back on the undo stack of its project, named in the user's language
  ("撤销：添加参与方 华夏海上能源");
- announces what changed (:class:`Changed`): each page refreshes only when the change touches what it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack
from PySide6.QtWidgets import QWidget

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.domain.progress import Step
from workbench.domain.text import Text
from workbench.ui.worker import Worker, logged_fault, run


@dataclass(frozen=True)
class Changed:
    """What an action changed: the project (None for the workspace's own records: VVBs, agreements, accounts) and
    the kinds of record — entity names (``party``, ``unit_block``) and action families (``monitoring``)."""

    project: int | None
    kinds: frozenset[str]

    def touches(self, kinds: frozenset[str] | None) -> bool:
        return kinds is None or bool(self.kinds & kinds)


def changes_in(result: Any) -> list[Change]:
    """The Change records in what a service returned: a Change, or a tuple or list holding some."""
    if isinstance(result, Change):
        return [result]
    if isinstance(result, (tuple, list)):
        return [c for item in result for c in changes_in(item)]
    return []


def kinds_of(changes: Iterable[Change]) -> frozenset[str]:
    return frozenset(k for c in changes for k in (c.action.split(".")[0], *(e.entity for e in c.entities)))


@dataclass
class Op:
    """One user action. ``fn(ws, actor, project)`` gets the project bound when the op was made.

    ``long``: the text of its progress bar — it then runs in a worker as ``fn(ws, actor, project, steps)``, passing
    ``steps`` (``domain.progress.Steps``) to the services it calls, and can be cancelled: the service stops at its
    next step and writes nothing. Work that has committed before it reached a step finishes as if not cancelled
    (the status bar says so). ``cancellable``: False for long work made of several actions that each commit (the
    demo projects) — it shows no Cancel. ``done`` gets the result on the UI thread, unless the user has since
    selected another project; ``cancelled`` is called once the work has stopped. ``form``: a form whose fields show
    the error of the field they hold. ``touches``: what the op changes when its result holds no Change (a rendered
    final document is archived); the pages showing it refresh after a cancelled op too.
    """

    fn: Callable[..., Any]
    parent: QWidget
    project: int | None
    done: Callable[[Any], None] | None = None
    long: Text | None = None
    form: Any = None
    busy: Callable[[bool], None] | None = None
    failed: Callable[[], None] | None = None
    touches: frozenset[str] = frozenset()
    undoable: bool = True
    cancellable: bool = True
    cancelled: Callable[[], None] | None = None
    worker: Worker | None = field(default=None, repr=False)
    stopping: bool = False  # Cancel was pressed; the work has not stopped yet


class OpRunner(QObject):
    """Runs ops for one window; ``changed`` tells the pages, ``started``/``progressed``/``stopping``/``ended`` drive
    the progress strip."""

    changed = Signal(object)  # Changed
    started = Signal(object)  # an Op running in a worker
    progressed = Signal(object, object)  # the Op, a domain.progress.Step it reported
    stopping = Signal(object)  # an Op asked to stop
    ended = Signal(object)

    def __init__(self, ctx) -> None:
        super().__init__()
        self.ctx = ctx
        self.undo_group = QUndoGroup(self)
        self.stacks: dict[int | None, QUndoStack] = {}
        self.running: list[Op] = []

    # --- undo history, one stack per project while the program runs ---------------------------------------------
    def stack(self, project: int | None) -> QUndoStack:
        if project not in self.stacks:
            self.stacks[project] = QUndoStack(self.undo_group)
        return self.stacks[project]

    def follow(self, project: int | None) -> None:
        """The Edit menu undoes the selected project's edits."""
        self.undo_group.setActiveStack(self.stack(project))

    def forget_history(self) -> None:
        """Another workspace is open: no edit of the one before can be undone here."""
        for stack in self.stacks.values():
            self.undo_group.removeStack(stack)
            stack.deleteLater()
        self.stacks.clear()
        self.follow(self.ctx.project)

    # --- running -------------------------------------------------------------------------------------------------
    def run(self, op: Op) -> Any:
        """Start ``op``; for an op run at once, its result (None when refused)."""
        ws, actor = self.ctx.workspace, self.ctx.actor()
        work = lambda: op.fn(ws, actor, op.project)  # noqa: E731 - bound now: the project and workspace of this moment
        if op.form is not None:
            op.form.clear_problems()
        if op.long is None:
            try:
                result = work()
            except UserError as exc:
                self._refused(op, exc)
                return None
            except Exception as exc:  # noqa: BLE001 - logged and said in words, never a traceback on screen
                self._refused(op, logged_fault(exc))
                return None
            self._finished(op, result)
            return result
        if op.busy:
            op.busy(True)
        op.worker = run(lambda steps: op.fn(ws, actor, op.project, steps), lambda result: self._worker_done(op, result),
                        lambda message: self._worker_failed(op, message), lambda: self._worker_cancelled(op),
                        lambda step: self._worker_progressed(op, step))
        self.running.append(op)
        self.started.emit(op)
        return None

    def cancel(self, op: Op) -> None:
        """Ask ``op``'s work to stop at its next step; it ends (``ended``) once it has stopped."""
        if not op.cancellable or op.stopping or op not in self.running or op.worker is None:
            return
        op.stopping = True
        op.worker.steps.cancel()
        self.stopping.emit(op)

    def _say(self, text: Text) -> None:
        if self.ctx.window is not None:
            self.ctx.window.statusBar().showMessage(self.ctx.lang.pick(text), 8000)

    def _worker_progressed(self, op: Op, step: Step | None) -> None:
        if step is not None and op in self.running:
            self.progressed.emit(op, step)

    def _worker_cancelled(self, op: Op) -> None:
        """Stopped at a step: the service's transaction rolled back. The pages showing what it would have changed
        refresh (they show the workspace as it is), and the status bar says nothing was written."""
        self._end(op)
        if op.touches:
            self.changed.emit(Changed(op.project, op.touches))
        if op.cancelled is not None:
            op.cancelled()
        self._say(Text("ui.ops.cancelled_nothing_written"))

    def _end(self, op: Op) -> None:
        if op in self.running:
            self.running.remove(op)
            self.ended.emit(op)
            if op.busy:
                op.busy(False)

    def _worker_done(self, op: Op, result: Any) -> None:
        self._end(op)
        self._finished(op, result)
        if op.stopping and self.ctx.window is not None:  # committed before it reached a step: what it did stands and is shown
            said = self.ctx.window.statusBar().currentMessage()  # what ``done`` said of the result, if anything
            note = self.ctx.lang.pick(Text("ui.ops.finished_before_it_could_stop"))
            self.ctx.window.statusBar().showMessage(f"{said} — {note}" if said else note, 15000)

    def _worker_failed(self, op: Op, message: UserError | Text) -> None:
        self._end(op)
        self._refused(op, message)

    def _refused(self, op: Op, error: UserError | Text) -> None:
        if op.failed:
            op.failed()
        field_name = getattr(error, "field", None)
        if op.form is not None and field_name and op.form.show_problem(field_name, error):
            return
        self.ctx.show_error(op.parent, error)

    def _finished(self, op: Op, result: Any) -> None:
        if hasattr(op.form, "release_problems"):  # saved: the room kept for the form's problems goes
            op.form.release_problems()
        changes = [c for c in changes_in(result) if not c.empty or c.result]
        if op.undoable:
            from workbench.services.history.undo import inverse  # the store's models: loaded by the first op, not at start-up
            from workbench.ui.undo import ServiceEdit

            pushed = False
            for change in changes:
                if inverse(change) is not None:
                    self.stack(change.project_id if change.project_id is not None else op.project).push(ServiceEdit(self, change))
                    pushed = True
            if pushed:  # the Edit menu may still show a project whose set-up was taken back: new work brings it home
                self.follow(self.ctx.project)
        kinds = kinds_of(changes) | op.touches
        if kinds:  # the pages first, so that ``done`` finds them showing what was saved
            projects = {c.project_id for c in changes} or {op.project}
            for project in projects:
                self.changed.emit(Changed(project, kinds))
        if op.done is not None:
            if op.project is None or op.project == self.ctx.project:
                op.done(result)
            elif self.ctx.window is not None:  # the user moved on: said where it landed, not shown on another project
                self.ctx.window.statusBar().showMessage(self.ctx.lang.pick(Text("ui.ops.done_for_other_project")), 8000)
