"""``team list|add|remove``: members of a team database and their roles (team mode on PostgreSQL)."""

from __future__ import annotations

import argparse
import sys

from workbench.cli.output import emit, labelled, say, table
from workbench.cli.session import actor, fmt, workspace
from workbench.domain.errors import UserError
from workbench.services.sharing import team
from workbench.domain.vocabulary import TeamRole


def cmd_list(args):
    with workspace(args) as ws:
        rows = team.members(ws)
        me = ws.user
    emit(fmt(args), rows, table([[say("cli.team.you", login=m.login) if m.login == me else m.login, labelled(TeamRole, m.role), m.full_name,
                                  m.added_by, m.added_at] for m in rows],
                                ["cli.col.login", "cli.col.role", "cli.col.name", "cli.col.added_by", "cli.col.added_at"]))


def cmd_add(args):
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise UserError("error.commands_team.no_password_on_standard_input", field="password_stdin")
    with workspace(args) as ws:
        change = team.add_member(ws, actor(), args.login, args.role, password=password, full_name=args.name or "")
    done = "cli.team.added" if change.action == "team.add" else "cli.team.role_changed"
    emit(fmt(args), {"login": args.login, "role": args.role}, say(done, login=args.login, role=TeamRole(args.role)))


def cmd_remove(args):
    with workspace(args) as ws:
        team.remove_member(ws, actor(), args.login)
    emit(fmt(args), {"removed": args.login}, say("cli.team.removed", login=args.login))


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    t = nouns.add_parser("team", parents=[common], help=say("cli.help.team.members_and_roles_of_a")).add_subparsers(dest="verb", required=True)
    p = t.add_parser("list", parents=[common], help=say("cli.help.team.who_may_work_on_this"))
    p.set_defaults(run=cmd_list)
    p = t.add_parser("add", parents=[common], help=say("cli.help.team.add_a_member_or_change"))
    p.add_argument("login", help=say("cli.help.team.database_login_name_created_when"))
    p.add_argument("--role", required=True, choices=list(TeamRole),
                   help=say("cli.help.team.owner_everything_incl_the_team"))
    p.add_argument("--name", help=say("cli.help.team.full_name_shown_beside_the"))
    p.add_argument("--password-stdin", action="store_true", help=say("cli.help.team.read_the_login_s_password"))
    p.set_defaults(run=cmd_add)
    p = t.add_parser("remove", parents=[common], help=say("cli.help.team.take_a_member_off_the"))
    p.add_argument("login")
    p.set_defaults(run=cmd_remove)
