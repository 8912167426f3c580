"""``vvb add/list/engage/report-final`` and ``finding raise/respond/close/remove/list``."""

from __future__ import annotations

import argparse

from workbench.cli.commands_project import assignments
from workbench.cli.output import emit, table
from workbench.cli.session import actor, fmt, workspace
from workbench.domain.vocabulary import EngagementKind, FindingType
from workbench.services.validation import validation


def cmd_vvb_add(args):
    with workspace(args) as ws:
        change = validation.add_vvb(ws, actor(), assignments(args.set, "vvb"))
    emit(fmt(args), change.result, f"added VVB {change.result['id']}")


def cmd_vvb_list(args):
    with workspace(args) as ws:
        rows = validation.list_vvbs(ws)
    data = [{"id": r.id, "name_en": r.name_en, "name_zh": r.name_zh, "scopes": r.scopes} for r in rows]
    emit(fmt(args), data, table([[d["id"], d["name_en"], d["name_zh"], d["scopes"]] for d in data], ["id", "name", "名称", "scopes"]))


def cmd_engage(args):
    with workspace(args) as ws:
        change = validation.engage(ws, actor(), args.project, args.vvb, args.kind, args.team, args.period)
    emit(fmt(args), change.result, f"engagement {change.result['id']} ({args.kind}) started")


def cmd_final(args):
    with workspace(args) as ws:
        validation.finalise_report(ws, actor(), args.engagement)
    emit(fmt(args), {"engagement": args.engagement, "report": "final"}, f"report of engagement {args.engagement} is final")


def cmd_sample(args):
    with workspace(args) as ws:
        change = validation.sample_sites(ws, actor(), args.engagement, args.seed)
    seed = change.result["seed"]
    emit(fmt(args), change.result, f"visit: {', '.join(change.result['sites'])}" + (f" (seed {seed})" if seed is not None else " (all sites)"))


def cmd_raise(args):
    with workspace(args) as ws:
        change = validation.raise_finding(ws, actor(), args.engagement, args.type, args.text)
    emit(fmt(args), change.result, f"raised {change.result['label']} (id {change.result['id']})")


def cmd_respond(args):
    with workspace(args) as ws:
        validation.respond(ws, actor(), args.finding, args.response)
    emit(fmt(args), {"finding": args.finding, "status": "responded"}, f"finding {args.finding} responded")


def cmd_close(args):
    with workspace(args) as ws:
        validation.close(ws, actor(), args.finding)
    emit(fmt(args), {"finding": args.finding, "status": "closed"}, f"finding {args.finding} closed")


def cmd_remove_finding(args):
    with workspace(args) as ws:
        validation.remove_finding(ws, actor(), args.finding, args.reason)
    emit(fmt(args), {"finding": args.finding, "removed": True}, f"finding {args.finding} withdrawn")


def cmd_findings(args):
    with workspace(args) as ws:
        rows = validation.engagements_of(ws, args.project)
    data = [{"engagement": e.id, "kind": e.kind, "report": e.report_status, "findings": [
        {"id": x.id, "label": f"{x.type}-{x.number}", "text": x.text, "status": x.status, "response": x.response} for x in e.findings]}
        for e in rows]
    lines = [f"engagement {d['engagement']} {d['kind']} ({d['report']})" + "".join(
        f"\n  [{x['id']}] {x['label']} {x['status']}: {x['text']}" for x in d["findings"]) for d in data]
    emit(fmt(args), data, "\n".join(lines) or "no engagements")


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    v = nouns.add_parser("vvb", parents=[common], help="validation and verification bodies").add_subparsers(dest="verb", required=True)
    p = v.add_parser("add", parents=[common], help="--set name_en=… name_zh=… scopes=energy,forestry")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p.set_defaults(run=cmd_vvb_add)
    p = v.add_parser("list", parents=[common])
    p.set_defaults(run=cmd_vvb_list)
    p = v.add_parser("engage", parents=[common], help="engage a VVB for validation or verification")
    p.add_argument("project")
    p.add_argument("--vvb", required=True, type=int)
    p.add_argument("--kind", required=True, choices=list(EngagementKind))
    p.add_argument("--team", required=True, help="comma-separated team members")
    p.add_argument("--period", help="accounting period (verification)")
    p.set_defaults(run=cmd_engage)
    p = v.add_parser("sample", parents=[common], help="the sites to visit: all when few, else a seeded random sample")
    p.add_argument("engagement", type=int)
    p.add_argument("--seed", type=int)
    p.set_defaults(run=cmd_sample)
    p = v.add_parser("report-final", parents=[common], help="make a validation or verification report final")
    p.add_argument("engagement", type=int)
    p.set_defaults(run=cmd_final)

    fnd = nouns.add_parser("finding", parents=[common], help="CAR, CL and FAR").add_subparsers(dest="verb", required=True)
    p = fnd.add_parser("raise", parents=[common])
    p.add_argument("engagement", type=int)
    p.add_argument("--type", required=True, choices=list(FindingType))
    p.add_argument("--text", required=True)
    p.set_defaults(run=cmd_raise)
    p = fnd.add_parser("respond", parents=[common])
    p.add_argument("finding", type=int)
    p.add_argument("--response", required=True)
    p.set_defaults(run=cmd_respond)
    p = fnd.add_parser("close", parents=[common])
    p.add_argument("finding", type=int)
    p.set_defaults(run=cmd_close)
    p = fnd.add_parser("remove", parents=[common], help="withdraw a finding raised by mistake (refused while it has evidence)")
    p.add_argument("finding", type=int)
    p.add_argument("--reason", required=True)
    p.set_defaults(run=cmd_remove_finding)
    p = fnd.add_parser("list", parents=[common])
    p.add_argument("project")
    p.set_defaults(run=cmd_findings)
