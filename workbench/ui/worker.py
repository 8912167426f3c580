"""Long work off the UI thread: a runnable with progress, cancel and a result or a user error."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from workbench.domain.errors import UserError
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


# Python's own threads, not Qt's thread pool: pyproj >= 3.7 keeps its PROJ context per Python thread state, which a
# QThreadPool thread lacks — creating a CRS there crashes the process (pyproj issue #1509, a fix not yet released).
_POOL = ThreadPoolExecutor(thread_name_prefix="workbench-worker")


class Worker:
    """Runs ``fn`` on the worker threads; a service opens its own session there (SQLite, one per thread)."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        self.fn = fn
        self.signals = WorkerSignals()
        self.cancelled = False

    def run(self) -> None:
        try:
            result = self.fn()
        except UserError as exc:
            self.signals.failed.emit(exc)
            return
        except Exception as exc:  # noqa: BLE001 - reported to the user and logged, never a traceback on screen
            self.signals.crashed.emit(logged_fault(exc))
            return
        if not self.cancelled:
            self.signals.finished.emit(result)


def run(fn: Callable[[], Any], finished: Callable[[Any], None], failed: Callable[[object], None]) -> Worker:
    """Run ``fn`` on a worker thread: its result goes to ``finished``; a user error's message, or a fault's (already
    logged), to ``failed``. The slots run on the UI thread once control is back in the event loop."""
    worker = Worker(fn)
    worker.signals.finished.connect(finished)
    worker.signals.failed.connect(failed)
    worker.signals.crashed.connect(failed)
    _POOL.submit(worker.run)
    return worker
