"""Opening the workspace a command works on, and the acting person."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.paths import default_workspace
from workbench.services.context import Actor
from workbench.store.workspace import Workspace, open_workspace


def workspace_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else default_workspace()


@contextmanager
def workspace(args: argparse.Namespace, create: bool = False) -> Iterator[Workspace]:
    ws = open_workspace(workspace_path(args), create=create)
    try:
        yield ws
    finally:
        ws.close()


def fmt(args: argparse.Namespace) -> str:
    return getattr(args, "format", None) or "text"


def actor() -> Actor:
    return Actor()
