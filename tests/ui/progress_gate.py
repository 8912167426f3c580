"""A test holds long work at one of its steps while it presses Cancel."""

from __future__ import annotations

import threading

from workbench.domain.progress import Steps


def held_at(monkeypatch, step_id: str) -> tuple[threading.Event, threading.Event]:
    """Hold the work at its first step ``step_id`` until the test sets the second event (after pressing Cancel): on a
    fast machine the work could otherwise finish before the click is handled, and the test would see the too-late path
    instead (that path has its own test). Returns (reached, pressed)."""
    reached, pressed = threading.Event(), threading.Event()
    tell = Steps.tell

    def held(steps, what, done=0, total=0):
        tell(steps, what, done, total)
        if what.id == step_id and not pressed.is_set():
            reached.set()
            pressed.wait(60)

    monkeypatch.setattr(Steps, "tell", held)
    return reached, pressed
