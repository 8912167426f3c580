"""``team list|add|remove``: members of a team database and their roles (team mode on PostgreSQL)."""

from __future__ import annotations

import argparse
import sys

from workbench.cli.output import emit, table
from workbench.cli.session import actor, fmt, workspace
from workbench.domain.errors import UserError
from workbench.services.sharing import team
from workbench.store.models_team import ROLES


def cmd_list(args):
    with workspace(args) as ws:
        rows = team.members(ws)
        me = ws.user
    emit(fmt(args), rows, table([[m.login + (" (you)" if m.login == me else ""), m.role, m.full_name, m.added_by, m.added_at]
                                 for m in rows], ["login", "role", "name", "added by", "added at"]))


def cmd_add(args):
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise UserError("error.commands_team.no_password_on_standard_input", field="password_stdin")
    with workspace(args) as ws:
        change = team.add_member(ws, actor(), args.login, args.role, password=password, full_name=args.name or "")
    done = "added" if change.action == "team.add" else "now"
    emit(fmt(args), {"login": args.login, "role": args.role}, f"{args.login} {done} {args.role}")


def cmd_remove(args):
    with workspace(args) as ws:
        team.remove_member(ws, actor(), args.login)
    emit(fmt(args), {"removed": args.login}, f"{args.login} removed from the team")


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    t = nouns.add_parser("team", parents=[common], help="members and roles of a team database").add_subparsers(dest="verb", required=True)
    p = t.add_parser("list", parents=[common], help="who may work on this team database, and as what")
    p.set_defaults(run=cmd_list)
    p = t.add_parser("add", parents=[common], help="add a member, or change a member's role (owners only)")
    p.add_argument("login", help="database login name (created when missing)")
    p.add_argument("--role", required=True, choices=ROLES,
                   help="owner: everything incl. the team; consultant: edit projects; reviewer: read only")
    p.add_argument("--name", help="full name shown beside the login")
    p.add_argument("--password-stdin", action="store_true", help="read the login's password from standard input")
    p.set_defaults(run=cmd_add)
    p = t.add_parser("remove", parents=[common], help="take a member off the team (owners only)")
    p.add_argument("login")
    p.set_defaults(run=cmd_remove)
