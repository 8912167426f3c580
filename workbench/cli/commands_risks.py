"""``risk preload|list|update``."""

from __future__ import annotations

import argparse

from workbench.cli.output import emit, labelled, say, table
from workbench.domain.stages import Stage
from workbench.domain.vocabulary import RiskStatus
from workbench.cli.session import actor, assignments, fmt, workspace
from workbench.services.projects import risks


def cmd_preload(args):
    with workspace(args) as ws:
        change = risks.preload(ws, actor(), args.project)
    emit(fmt(args), change.result, say("cli.risk.preloaded", count=change.result["added"]))


def cmd_list(args):
    with workspace(args) as ws:
        rows = risks.register_of(ws, args.project)
    data = [{"key": r.key, "category": r.category, "stage": r.stage, "title_en": r.title_en, "title_zh": r.title_zh, "owner": r.owner,
             "likelihood": r.likelihood, "impact": r.impact, "mitigation": r.mitigation, "status": r.status} for r in rows]
    zh = args.message_lang == "zh"
    emit(fmt(args), data, table([[d["key"], (d["title_zh"] or d["title_en"]) if zh else (d["title_en"] or d["title_zh"]), labelled(Stage, d["stage"]),
                                  labelled(RiskStatus, d["status"]), d["likelihood"] or "-", d["impact"] or "-", d["owner"]] for d in data],
                                ["cli.col.risk", "cli.col.title", "cli.col.stage", "cli.col.status", "cli.col.likelihood", "cli.col.impact",
                                 "cli.col.owner"]))


def cmd_update(args):
    with workspace(args) as ws:
        risks.update(ws, actor(), args.project, args.key, assignments(args.set))
    emit(fmt(args), {"key": args.key}, say("cli.risk.updated", key=args.key))


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    r = nouns.add_parser("risk", parents=[common], help=say("cli.help.risks.the_risk_register")).add_subparsers(dest="verb", required=True)
    p = r.add_parser("preload", parents=[common], help=say("cli.help.risks.add_seed_000_s_checklist"))
    p.add_argument("project")
    p.set_defaults(run=cmd_preload)
    p = r.add_parser("list", parents=[common])
    p.add_argument("project")
    p.set_defaults(run=cmd_list)
    p = r.add_parser("update", parents=[common], help=say("cli.help.risks.set_owner_likelihood_1_5"))
    p.add_argument("project")
    p.add_argument("key")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p.set_defaults(run=cmd_update)
