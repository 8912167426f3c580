"""Workspaces holding the demo projects: one per test module for tests that only read and render it (``demo_ws``),
one per test for tests that change it (``fresh_demo``)."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.services.demo.demo import create_demo
from workbench.services.support.context import Actor
from workbench.store.workspace import open_workspace

DEMO_DAY = date(2026, 2, 1)


def _demo(folder):
    ws = open_workspace(folder / "demo.sqlite")
    create_demo(ws, Actor("tester", DEMO_DAY))
    return ws


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory):
    ws = _demo(tmp_path_factory.mktemp("demo"))
    yield ws
    ws.close()


@pytest.fixture
def fresh_demo(tmp_path):
    ws = _demo(tmp_path)
    yield ws
    ws.close()
