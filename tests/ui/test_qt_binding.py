"""The Qt binding itself: Python slots called many times must not corrupt the interpreter (PySide6 6.12.0 did)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    fired = Signal()


def test_a_slot_called_twenty_thousand_times_leaves_none_alone():
    """PySide6 6.12.0 released one reference to None per slot call; after a few thousand keystrokes or timer ticks
    Python aborted ('deallocating None'). pyproject excludes that version; this catches any other that does it."""
    emitter, calls = Emitter(), []
    emitter.fired.connect(lambda: calls.append(1))
    before = sys.getrefcount(None)
    for _ in range(200):
        emitter.fired.emit()
    assert abs(sys.getrefcount(None) - before) < 50, "this PySide6 version corrupts None's reference count: install another"
    for _ in range(20_000):
        emitter.fired.emit()
    assert len(calls) == 20_200
