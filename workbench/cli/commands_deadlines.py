"""``deadlines PROJECT [--ics FILE]``."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone

from workbench.cli.output import emit, table
from workbench.cli.session import actor, fmt, workspace
from workbench.services.projects import deadlines


def cmd_deadlines(args):
    today = actor().today
    with workspace(args) as ws:  # the .ics is written while the workspace is open, so it cannot go onto its files
        items = deadlines.deadlines(ws, args.project, today)
        if args.ics:
            deadlines.export_ics(items, str(args.project), args.ics, datetime.now(timezone.utc), force=args.force)
    rows = [[i.due, i.status + (" (provisional)" if i.provisional else ""), i.title.en, i.rule, i.starts] for i in items]
    emit(fmt(args), items, table(rows, ["due", "status", "what", "rule", "from"]) if rows else "no deadlines yet")


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = nouns.add_parser("deadlines", parents=[common], help="every procedural deadline of a project, due and overdue")
    p.add_argument("project")
    p.add_argument("--ics", help="also write them to an .ics calendar file")
    p.add_argument("--force", action="store_true", help="replace the .ics file if it exists")
    p.set_defaults(run=cmd_deadlines)
