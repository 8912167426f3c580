"""Shared fixtures: a fresh workspace file per test, a pinned actor and calendar."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from workbench.domain.calendar import FixedCalendar  # noqa: E402
from workbench.services.context import Actor  # noqa: E402
from workbench.store.workspace import open_workspace  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Keep settings, logs and the default workspace of tests out of the real user folders."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.setenv("WORKBENCH_USER", "tester")
    yield home


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "workspace.sqlite"


@pytest.fixture
def ws(db_path):
    workspace = open_workspace(db_path)
    yield workspace
    workspace.close()


@pytest.fixture
def actor() -> Actor:
    return Actor("tester", date(2025, 3, 3))


@pytest.fixture
def fixed_calendar() -> FixedCalendar:
    """Weekends plus the 2025 Spring Festival holiday and its make-up workdays (State Council notice 2024)."""
    holidays = frozenset(date(2025, 1, d) for d in range(28, 32)) | frozenset(date(2025, 2, d) for d in range(1, 5))
    makeup = frozenset({date(2025, 1, 26), date(2025, 2, 8)})
    return FixedCalendar(holidays, makeup, provisional_after=date(2025, 12, 31))


@pytest.fixture
def demo_db(tmp_path, capsys, monkeypatch):
    """A workspace file holding the full demo, created through the CLI as a user would."""
    from tests.cli_helpers import run_cli

    monkeypatch.setenv("WORKBENCH_TODAY", "2025-03-03")
    path = tmp_path / "demo.sqlite"
    assert run_cli(capsys, "demo", "--db", path).code == 0
    return path
