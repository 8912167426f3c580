"""Opening the workspace a command works on, and the acting person."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from workbench.domain.catalogue import render
from workbench.domain.errors import UserError
from workbench.paths import default_workspace
from workbench.services.support.context import Actor
from workbench.store.workspace import Workspace, is_database_url, open_workspace

_signed_in: ContextVar[str | None] = ContextVar("signed_in", default=None)


def workspace_target(args: argparse.Namespace) -> str | Path:
    """The workspace file, or a team database's URL, that ``--db`` names (default: the file in the data folder)."""
    db = getattr(args, "db", None)
    if not db:
        return default_workspace()
    return db if is_database_url(db) else Path(db)


def workspace_path(args: argparse.Namespace) -> Path:
    """The workspace file for commands that work on the file itself (backups)."""
    target = workspace_target(args)
    if not isinstance(target, Path):
        raise UserError("error.session.a_team_database_has_no_workspace", field="db")
    return target


@contextmanager
def workspace(args: argparse.Namespace, create: bool = False) -> Iterator[Workspace]:
    ws = open_workspace(workspace_target(args), create=create)
    for notice in ws.notices:
        sys.stderr.write(render("cli.note", getattr(args, "message_lang", None) or "en", notice=notice) + "\n")
    token = _signed_in.set(ws.user)
    try:
        yield ws
    finally:
        _signed_in.reset(token)
        ws.close()


def fmt(args: argparse.Namespace) -> str:
    return getattr(args, "format", None) or "text"


def actor() -> Actor:
    """The person acting: on a team database its signed-in login, else the user of this computer."""
    user = _signed_in.get()
    return Actor(user) if user else Actor()


def assignments(pairs: list[str]) -> dict[str, str]:
    """``field=value`` pairs from the command line's ``--set``."""
    out: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UserError("error.commands_project.is_not_field_value", where="--set", pair=pair)
        out[name.strip()] = value
    return out
