"""Long work off the UI thread: a runnable with progress, cancel and a result or a user error.

The work is handed a ``domain.progress.Steps``: the steps it reports reach the UI thread as ``progressed`` (at most
about ten a second, and every change of phase), and Cancel asks it to stop at its next step — the service then
raises ``Cancelled`` inside its transaction, which rolls back, and the worker says ``cancelled``."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from workbench.domain.errors import UserError
from workbench.domain.progress import Cancelled, Step, Steps
from workbench.domain.text import Text

REPORTS_APART = 0.1  # seconds between two steps of one phase shown: a bar need not redraw for every 1,000 rows


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
    progressed = Signal(object)  # a Step


# Python's own threads, not Qt's thread pool: pyproj >= 3.7 keeps its PROJ context per Python thread state, which a
# QThreadPool thread lacks — creating a CRS there crashes the process (pyproj issue #1509, a fix not yet released).
_POOL = ThreadPoolExecutor(thread_name_prefix="workbench-worker")


class Worker:
    """Runs ``fn(steps)`` on the worker threads; a service opens its own session there (SQLite, one per thread)."""

    def __init__(self, fn: Callable[[Steps], Any]) -> None:
        self.fn = fn
        self.signals = WorkerSignals()
        self.steps = Steps(self._report)
        self._shown: tuple[str, float] = ("", 0.0)  # the phase (message id) and time of the last step passed on

    def _report(self, step: Step) -> None:
        phase, at = self._shown
        now = time.monotonic()
        if step.what.id != phase or now - at >= REPORTS_APART or (step.total and step.done >= step.total):
            self._shown = (step.what.id, now)
            self.signals.progressed.emit(step)

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
    worker.signals.progressed.connect(progressed)
    _POOL.submit(worker.run)
    return worker
