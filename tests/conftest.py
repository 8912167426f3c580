"""Shared fixtures: a fresh workspace per test (a file, and a PostgreSQL database in team mode), a pinned actor
and calendar."""

from __future__ import annotations

import itertools
import os
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from workbench.domain.calendar import FixedCalendar  # noqa: E402
from workbench.locale.build import compile_catalogues  # noqa: E402
from workbench.services.support.context import Actor  # noqa: E402
from workbench.store.workspace import open_workspace  # noqa: E402

# Tests run from the .po sources: a missing or stale .mo is compiled here, never read silently.
compile_catalogues()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Keep settings, logs and the default workspace of tests out of the real user folders."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.setenv("WORKBENCH_USER", "tester")
    monkeypatch.setenv("WORKBENCH_LANG", "en")  # tests that want Chinese say so (--lang zh, WORKBENCH_LANG=zh)
    yield home


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "workspace.sqlite"


@pytest.fixture(scope="session")
def pg_cluster():
    """A throw-away PostgreSQL cluster for the whole run, with a migrated template database to copy per test.

    Skipped, loudly, only when the server cannot be set up here; with WORKBENCH_REQUIRE_POSTGRES=1 (CI) that fails.
    """
    from sqlalchemy import create_engine, text

    from tests.pg_cluster import start_cluster

    cluster, why = start_cluster()
    if cluster is None:
        if os.environ.get("WORKBENCH_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here but {why}")
        import warnings

        warnings.warn(f"team-mode tests on PostgreSQL SKIPPED: {why}", stacklevel=1)
        pytest.skip(f"PostgreSQL tests skipped: {why}")
    admin = create_engine(cluster.url("postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as con:
        con.execute(text("CREATE DATABASE workbench_template"))
    open_workspace(cluster.url("workbench_template")).close()  # migrated once; each test copies it
    cluster.admin = admin
    cluster.numbers = itertools.count(1)
    yield cluster
    admin.dispose()
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> str:
    """A fresh team database at the head schema (the cluster's admin login is its owner)."""
    from sqlalchemy import text

    name = f"workbench_test_{next(pg_cluster.numbers)}"
    with pg_cluster.admin.connect() as con:
        con.execute(text(f"CREATE DATABASE {name} TEMPLATE workbench_template"))
    return pg_cluster.url(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def ws(request, db_path):
    """The store and services tests run on both back ends: a workspace file and a team database."""
    target = str(db_path) if request.param == "sqlite" else request.getfixturevalue("pg_url")
    workspace = open_workspace(target if request.param == "postgresql" else db_path)
    yield workspace
    workspace.close()


@pytest.fixture
def chinese(monkeypatch):
    """A Chinese locale (LANG=zh_CN.UTF-8) and no language set otherwise: the CLI speaks Chinese by the shared rule."""
    monkeypatch.delenv("WORKBENCH_LANG")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)


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
