"""``risk preload|list|update``."""

from __future__ import annotations

import argparse

from workbench.cli.commands_project import assignments
from workbench.cli.output import emit, table
from workbench.cli.session import actor, fmt, workspace
from workbench.services.projects import risks


def cmd_preload(args):
    with workspace(args) as ws:
        change = risks.preload(ws, actor(), args.project)
    emit(fmt(args), change.result, f"added {change.result['added']} checklist item(s)")


def cmd_list(args):
    with workspace(args) as ws:
        rows = risks.register_of(ws, args.project)
    data = [{"key": r.key, "category": r.category, "stage": r.stage, "title_en": r.title_en, "title_zh": r.title_zh, "owner": r.owner,
             "likelihood": r.likelihood, "impact": r.impact, "mitigation": r.mitigation, "status": r.status} for r in rows]
    emit(fmt(args), data, table([[d["key"], d["stage"], d["status"], d["likelihood"] or "-", d["impact"] or "-", d["owner"]] for d in data],
                                ["risk", "stage", "status", "likelihood", "impact", "owner"]))


def cmd_update(args):
    with workspace(args) as ws:
        risks.update(ws, actor(), args.project, args.key, assignments(args.set, "risk"))
    emit(fmt(args), {"key": args.key}, f"risk {args.key} updated")


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    r = nouns.add_parser("risk", parents=[common], help="the risk register").add_subparsers(dest="verb", required=True)
    p = r.add_parser("preload", parents=[common], help="add seed 000's checklist items")
    p.add_argument("project")
    p.set_defaults(run=cmd_preload)
    p = r.add_parser("list", parents=[common])
    p.add_argument("project")
    p.set_defaults(run=cmd_list)
    p = r.add_parser("update", parents=[common], help="--set owner=… likelihood=1..5 impact=1..5 mitigation=… status=open|mitigated|closed")
    p.add_argument("project")
    p.add_argument("key")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p.set_defaults(run=cmd_update)
