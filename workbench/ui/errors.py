"""Showing a refused action to the user: a dialog with the message, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from workbench.domain.errors import UserError

T = TypeVar("T")


def run_action(parent: QWidget, title: str, action: Callable[[], T]) -> T | None:
    """Run a service call; a ``UserError`` becomes a warning dialog and the call returns None."""
    try:
        return action()
    except UserError as exc:
        box = QMessageBox(QMessageBox.Icon.Warning, title, str(exc), QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("userErrorDialog")
        box.open()
        return None
