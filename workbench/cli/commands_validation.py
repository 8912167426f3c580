"""``vvb add/list/engage/report-final`` and ``finding raise/respond/close/remove/list``."""

from __future__ import annotations

import argparse

from workbench.cli.output import emit, field_help, labelled, say, table, values_of
from workbench.cli.session import actor, assignments, fmt, workspace
from workbench.domain.project import Sector
from workbench.domain.vocabulary import EngagementKind, FindingStatus, FindingType, ReportStatus
from workbench.services.validation import validation


def cmd_vvb_add(args):
    with workspace(args) as ws:
        change = validation.add_vvb(ws, actor(), assignments(args.set))
    emit(fmt(args), change.result, say("cli.vvb.added", number=change.result["id"]))


def cmd_vvb_list(args):
    with workspace(args) as ws:
        rows = validation.list_vvbs(ws)
    data = [{"id": r.id, "name_en": r.name_en, "name_zh": r.name_zh, "scopes": r.scopes} for r in rows]
    emit(fmt(args), data, table([[d["id"], d["name_en"], d["name_zh"], scopes(d["scopes"])] for d in data],
                                ["cli.col.id", "cli.col.name_en", "cli.col.name_zh", "cli.col.scopes"]))


def scopes(text: str) -> str:
    """A VVB's sectoral scopes (stored as sector values, comma-separated) by their labels."""
    return say("cli.list_separator").join(labelled(Sector, s.strip()) for s in (text or "").split(",") if s.strip()) or "-"


def cmd_engage(args):
    with workspace(args) as ws:
        change = validation.engage(ws, actor(), args.project, args.vvb, args.kind, args.team, args.period)
    emit(fmt(args), change.result, say("cli.engagement.started", number=change.result["id"], kind=EngagementKind(args.kind)))


def cmd_final(args):
    with workspace(args) as ws:
        validation.finalise_report(ws, actor(), args.engagement)
    emit(fmt(args), {"engagement": args.engagement, "report": "final"}, say("cli.engagement.final", number=args.engagement))


def cmd_sample(args):
    with workspace(args) as ws:
        change = validation.sample_sites(ws, actor(), args.engagement, args.seed)
    seed = change.result["seed"]
    emit(fmt(args), change.result, say("cli.engagement.visit_sample" if seed is not None else "cli.engagement.visit_all",
                                       sites=change.result["sites"], seed=seed))


def cmd_raise(args):
    with workspace(args) as ws:
        change = validation.raise_finding(ws, actor(), args.engagement, args.type, args.text)
    emit(fmt(args), change.result, say("cli.finding.raised", label=change.result["label"], number=change.result["id"]))


def cmd_respond(args):
    with workspace(args) as ws:
        validation.respond(ws, actor(), args.finding, args.response)
    emit(fmt(args), {"finding": args.finding, "status": "responded"}, say("cli.finding.responded", number=args.finding))


def cmd_close(args):
    with workspace(args) as ws:
        validation.close(ws, actor(), args.finding)
    emit(fmt(args), {"finding": args.finding, "status": "closed"}, say("cli.finding.closed", number=args.finding))


def cmd_remove_finding(args):
    with workspace(args) as ws:
        validation.remove_finding(ws, actor(), args.finding, args.reason)
    emit(fmt(args), {"finding": args.finding, "removed": True}, say("cli.finding.withdrawn", number=args.finding))


def cmd_findings(args):
    with workspace(args) as ws:
        rows = validation.engagements_of(ws, args.project)
    data = [{"engagement": e.id, "kind": e.kind, "report": e.report_status, "findings": [
        {"id": x.id, "label": f"{x.type}-{x.number}", "text": x.text, "status": x.status, "response": x.response} for x in e.findings]}
        for e in rows]
    lines = []
    for d in data:
        lines.append(say("cli.engagement.line", number=d["engagement"], kind=labelled(EngagementKind, d["kind"]),
                         report=labelled(ReportStatus, d["report"])))
        lines += [say("cli.finding.line", number=x["id"], label=x["label"], status=labelled(FindingStatus, x["status"]), text=x["text"])
                  for x in d["findings"]]
    emit(fmt(args), data, "\n".join(lines) or say("cli.engagement.none"))


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    v = nouns.add_parser("vvb", parents=[common], help=say("cli.help.validation.validation_and_verification_bodies")).add_subparsers(dest="verb", required=True)
    p = v.add_parser("add", parents=[common], help=say("cli.help.validation.set_name_en_name_zh"))
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p.set_defaults(run=cmd_vvb_add)
    p = v.add_parser("list", parents=[common])
    p.set_defaults(run=cmd_vvb_list)
    p = v.add_parser("engage", parents=[common], help=say("cli.help.validation.engage_a_vvb_for_validation"))
    p.add_argument("project")
    p.add_argument("--vvb", required=True, help=field_help("engagement", "vvb"))
    p.add_argument("--kind", required=True, metavar=values_of(EngagementKind), help=field_help("engagement", "kind"))
    p.add_argument("--team", required=True, help=field_help("engagement", "team"))
    p.add_argument("--period", help=field_help("engagement", "period"))
    p.set_defaults(run=cmd_engage)
    p = v.add_parser("sample", parents=[common], help=say("cli.help.validation.the_sites_to_visit_all"))
    p.add_argument("engagement", type=int)
    p.add_argument("--seed", type=int)
    p.set_defaults(run=cmd_sample)
    p = v.add_parser("report-final", parents=[common], help=say("cli.help.validation.make_a_validation_or_verification"))
    p.add_argument("engagement", type=int)
    p.set_defaults(run=cmd_final)

    fnd = nouns.add_parser("finding", parents=[common], help=say("cli.help.validation.car_cl_and_far")).add_subparsers(dest="verb", required=True)
    p = fnd.add_parser("raise", parents=[common])
    p.add_argument("engagement", type=int)
    p.add_argument("--type", required=True, metavar=values_of(FindingType), help=field_help("finding", "type"))
    p.add_argument("--text", required=True, help=field_help("finding", "text"))
    p.set_defaults(run=cmd_raise)
    p = fnd.add_parser("respond", parents=[common])
    p.add_argument("finding", type=int)
    p.add_argument("--response", required=True, help=field_help("finding", "response"))
    p.set_defaults(run=cmd_respond)
    p = fnd.add_parser("close", parents=[common])
    p.add_argument("finding", type=int)
    p.set_defaults(run=cmd_close)
    p = fnd.add_parser("remove", parents=[common], help=say("cli.help.validation.withdraw_a_finding_raised_by"))
    p.add_argument("finding", type=int)
    p.add_argument("--reason", required=True)
    p.set_defaults(run=cmd_remove_finding)
    p = fnd.add_parser("list", parents=[common])
    p.add_argument("project")
    p.set_defaults(run=cmd_findings)
