"""A workspace holding the demo projects, made once per test module for tests that only read and render it."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.services.demo.demo import create_demo
from workbench.services.support.context import Actor
from workbench.store.workspace import open_workspace


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory):
    ws = open_workspace(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    create_demo(ws, Actor("tester", date(2026, 2, 1)))
    yield ws
    ws.close()
