"""Long work off the UI thread: a runnable with progress, cancel and a result or a user error.

The work is handed a ``domain.progress.Steps``: the steps it reports reach the UI thread as ``progressed`` —
coalesced: while one is waiting to be shown, newer ones only replace it, so the window shows the newest step as
often as it can draw and never falls behind — and Cancel asks it to stop at its next step: the service then raises
``Cancelled`` inside its transaction, which rolls back, and the worker says ``cancelled``."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from workbench.domain.errors import UserError
from workbench.domain.progress import Cancelled, Step, Steps
from workbench.domain.text import Text


def logged_fault(exc: Exception) -> Text:
    """A fault no user caused, written to the log with its traceback; the message says where the log is."""
    import logging
    import traceback

    from workbench.paths import log_file

    logging.basicConfig(filename=log_file(), level=logging.ERROR)
    logging.getLogger("workbench").error("fault in a GUI action\n%s", "".join(traceback.format_exception(exc)))
    return Text("ui.worker.unexpected_fault", kind=exc.__class__.__name__, log=str(log_file()))


class WorkerSignals(QObject):
    finished = Signal(object)  # the result
    failed = Signal(object)  # the UserError, worded by the receiver in the GUI's language
    crashed = Signal(object)  # anything else, already logged: a Text saying where the log is
    cancelled = Signal()  # stopped at a step, as the user asked: nothing was written
    progressed = Signal()  # a newer step is waiting (``Worker.take_step``)


# Python's own threads, not Qt's thread pool: pyproj >= 3.7 keeps its PROJ context per Python thread state, which a
# QThreadPool thread lacks — creating a CRS there crashes the process (pyproj issue #1509, a fix not yet released).
_POOL = ThreadPoolExecutor(thread_name_prefix="workbench-worker")


class Worker:
    """Runs ``fn(steps)`` on the worker threads; a service opens its own session there (SQLite, one per thread)."""

    def __init__(self, fn: Callable[[Steps], Any]) -> None:
        self.fn = fn
        self.signals = WorkerSignals()
        self.steps = Steps(self._report)
        self.latest: Step | None = None
        self.waiting = False  # a ``progressed`` signal is on its way to the UI thread

    def _report(self, step: Step) -> None:
        self.latest = step  # before looking at ``waiting``: a signal on its way shows this one
        if not self.waiting:
            self.waiting = True
            self.signals.progressed.emit()

    def take_step(self) -> Step | None:
        """The newest step, on the UI thread (the next report sends a signal again)."""
        self.waiting = False
        return self.latest

    def run(self) -> None:
        try:
            result = self.fn(self.steps)
        except Cancelled:
            self.signals.cancelled.emit()
            return
        except UserError as exc:
            self.signals.failed.emit(exc)
            return
        except Exception as exc:  # noqa: BLE001 - reported to the user and logged, never a traceback on screen
            self.signals.crashed.emit(logged_fault(exc))
            return
        self.signals.finished.emit(result)  # also when a stop came too late: the work is done and committed


def run(fn: Callable[[Steps], Any], finished: Callable[[Any], None], failed: Callable[[object], None], cancelled: Callable[[], None],
        progressed: Callable[[Step], None]) -> Worker:
    """Run ``fn(steps)`` on a worker thread: its result goes to ``finished``; a user error's message, or a fault's
    (already logged), to ``failed``; a stop taken at a step to ``cancelled``; each step shown to ``progressed``. The
    slots run on the UI thread once control is back in the event loop."""
    worker = Worker(fn)
    worker.signals.finished.connect(finished)
    worker.signals.failed.connect(failed)
    worker.signals.crashed.connect(failed)
    worker.signals.cancelled.connect(cancelled)
    worker.signals.progressed.connect(lambda: progressed(worker.take_step()))
    _POOL.submit(worker.run)
    return worker
