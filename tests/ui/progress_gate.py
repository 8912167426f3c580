"""A test holds long work at one of its steps while it presses Cancel."""

from __future__ import annotations

import threading

from workbench.domain.progress import Steps


def held_at(monkeypatch, step_id: str) -> tuple[threading.Event, threading.Event]:
    """Hold the work at its first step ``step_id`` until the test sets the second event (after pressing Cancel): on a
    fast machine the work could otherwise finish before the click is handled, and the test would see the too-late path
    instead (that path has its own test). Returns (reached, pressed)."""
    reached, pressed = threading.Event(), threading.Event()
    send = Steps._send  # every step reported, stoppable or not, goes through it

    def held(steps, step):
        send(steps, step)
        if step.what.id == step_id and not pressed.is_set():
            reached.set()
            pressed.wait(60)

    monkeypatch.setattr(Steps, "_send", held)
    return reached, pressed
