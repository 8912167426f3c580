"""``audit verify``, ``audit log``, ``backup list``, ``backup restore``."""

from __future__ import annotations

import argparse

from workbench.cli.output import emit, table
from workbench.cli.session import fmt, workspace, workspace_path
from workbench.domain.errors import UserError
from workbench.services import audit
from workbench.store import backup


def cmd_verify(args):
    with workspace(args) as ws:
        report = audit.verify(ws)
    if not report.intact:
        raise UserError(f"audit log broken after {report.entries - 1} intact entries: {report.problem}")
    emit(fmt(args), report, f"audit log intact: {report.entries} entries")


def cmd_log(args):
    with workspace(args) as ws:
        rows = audit.log(ws, args.project)
    data = [{"id": r.id, "at": r.at, "actor": r.actor, "action": r.action, "reason": r.reason} for r in rows]
    emit(fmt(args), data, table([[d["id"], d["at"], d["actor"], d["action"], d["reason"]] for d in data], ["id", "at", "by", "action", "reason"]))


def cmd_backups(args):
    items = backup.list_backups(workspace_path(args))
    emit(fmt(args), [{"file": str(p), "bytes": p.stat().st_size} for p in items],
         "\n".join(str(p) for p in items) or "no backups of this workspace yet")


def cmd_restore(args):
    target = workspace_path(args)
    safety = backup.restore(target, args.backup)
    emit(fmt(args), {"restored": args.backup, "previous_copy": str(safety)}, f"restored {args.backup}; the file as it was is kept in {safety}")


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    a = nouns.add_parser("audit", parents=[common], help="the hash-chained audit log").add_subparsers(dest="verb", required=True)
    p = a.add_parser("verify", parents=[common], help="detect edited, deleted, inserted or reordered entries")
    p.set_defaults(run=cmd_verify)
    p = a.add_parser("log", parents=[common], help="a project's audit entries")
    p.add_argument("project")
    p.set_defaults(run=cmd_log)
    b = nouns.add_parser("backup", parents=[common], help="copies of the workspace file").add_subparsers(dest="verb", required=True)
    p = b.add_parser("list", parents=[common])
    p.set_defaults(run=cmd_backups)
    p = b.add_parser("restore", parents=[common], help="replace the workspace with a backup (the current file is kept as a backup first)")
    p.add_argument("backup")
    p.set_defaults(run=cmd_restore)
