"""Long work that says how far it has got and stops when asked: the protocol between a long service (an import, a
calculation, a render, a package import) and whoever runs it — the GUI's op runner, or nobody (the CLI).

A service takes ``steps: Steps = QUIET`` and calls ``steps.step(Text(...), done, total)`` at its natural
boundaries (a block of rows read, a statement of rows stored, a page laid out); each call is also a cancellation
point. When the user has asked to stop, the call raises :class:`Cancelled` — inside the service's
``write_action``, so the transaction rolls back and nothing is written (``write_action`` checks once more just
before it commits). The model is Orange3's ``TaskState`` (progress and interruption passed into a plain ``run``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from workbench.domain.text import Text


class Cancelled(Exception):
    """The user asked the work to stop; raised at a step, so the action's transaction writes nothing."""


@dataclass(frozen=True)
class Step:
    """Where the work is: ``what`` in words ("row 12,000 of 50,000"), and ``done`` of ``total`` units of the current
    phase for a bar (``total`` 0: how much is left is not known, e.g. pages still being laid out)."""

    what: Text
    done: int = 0
    total: int = 0
    stoppable: bool = True  # False past the work's point of no return (a migration under way): Cancel is not offered


class Steps:
    """The progress a service reports and the stop a user asks for; ``report`` gets each :class:`Step` on the
    thread doing the work (the GUI passes it on to its own thread)."""

    def __init__(self, report: Callable[[Step], None] | None = None) -> None:
        self._report = report
        self._stop = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop at its next step (from any thread)."""
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` when the user has asked to stop."""
        if self._stop.is_set():
            raise Cancelled

    def step(self, what: Text, done: int = 0, total: int = 0) -> None:
        """Report where the work is, after checking that it should go on."""
        self.check()
        self._send(Step(what, done, total))

    def tell(self, what: Text, done: int = 0, total: int = 0) -> None:
        """Report where the work is without offering to stop: for work after its point of no return (pages shown
        from a file already written, a migration under way); the step says so (``Step.stoppable`` False)."""
        self._send(Step(what, done, total, stoppable=False))

    def _send(self, step: Step) -> None:
        if self._report is not None:
            self._report(step)


class _Quiet(Steps):
    """Reports to nobody and cannot be cancelled: the default of every long service (the CLI, tests)."""

    def cancel(self) -> None:
        """Shared by every caller that reports nowhere: a stop asked of it would stop them all, so it is ignored."""


QUIET = _Quiet()
