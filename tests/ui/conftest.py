"""Qt tests run offscreen with settings in a temporary folder; any Qt warning fails the test (pyproject)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from workbench.ui.app import configure_application


@pytest.fixture(autouse=True)
def qt_settings(tmp_path, qapp):
    configure_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    yield
