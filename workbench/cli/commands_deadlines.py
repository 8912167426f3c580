"""``deadlines PROJECT [--ics FILE]``."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone

from workbench.cli.output import emit, labelled, say, table
from workbench.domain.vocabulary import DeadlineStatus
from workbench.cli.session import actor, fmt, workspace
from workbench.services.projects import deadlines


def cmd_deadlines(args):
    today = actor().today
    with workspace(args) as ws:  # the .ics is written while the workspace is open, so it cannot go onto its files
        items = deadlines.deadlines(ws, args.project, today)
        if args.ics:
            deadlines.export_ics(items, str(args.project), args.ics, datetime.now(timezone.utc), force=args.force)
    rows = [[i.due, say("cli.deadline.provisional", status=DeadlineStatus(i.status)) if i.provisional else labelled(DeadlineStatus, i.status),
             i.title, i.rule, i.starts] for i in items]
    emit(fmt(args), items, table(rows, ["cli.col.due", "cli.col.status", "cli.col.what", "cli.col.rule", "cli.col.from"]) if rows
         else say("cli.deadline.none"))


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = nouns.add_parser("deadlines", parents=[common], help=say("cli.help.deadlines.every_procedural_deadline_of_a"))
    p.add_argument("project")
    p.add_argument("--ics", help=say("cli.help.deadlines.also_write_them_to_an"))
    p.add_argument("--force", action="store_true", help=say("cli.help.deadlines.replace_the_ics_file_if"))
    p.set_defaults(run=cmd_deadlines)
