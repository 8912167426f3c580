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


@pytest.fixture
def ws(db_path):
    """Pages are driven on a workspace file; the store and services below them run on both back ends (tests/unit)."""
    from workbench.store.workspace import open_workspace

    workspace = open_workspace(db_path)
    yield workspace
    workspace.close()
