"""``agreement add``, ``allocation add``, ``issue``, ``ledger``, ``transfer``, ``retire``."""

from __future__ import annotations

import argparse
import csv

from workbench.cli.commands_project import assignments
from workbench.cli.output import emit, table
from workbench.cli.session import actor, fmt, workspace
from workbench.domain.errors import UserError
from workbench.services import ledger


def cmd_agreement(args):
    with workspace(args) as ws:
        change = ledger.add_agreement(ws, actor(), args.name, args.host_country, args.joint_body or "", args.signed_on)
    emit(fmt(args), change.result, f"added agreement {change.result['id']}")


def cmd_allocation(args):
    with workspace(args) as ws:
        change = ledger.add_allocation(ws, actor(), args.agreement, assignments(args.set, "allocation"), args.project)
    emit(fmt(args), change.result, f"added allocation {change.result['id']}")


def cmd_issue(args):
    with workspace(args) as ws:
        change = ledger.issue(ws, actor(), args.project, args.period, args.decision_date, args.decision_ref or "")
        lines = ledger.ledger(ws, args.project)
    issued = [line for line in lines if line.block in change.result["blocks"]]
    emit(fmt(args), {"issuance": change.result["issuance"], "blocks": issued},
         "\n".join(f"block {b.block}: {b.quantity} t to {b.holder} in the {b.registry} registry ({b.serials})" for b in issued))


def cmd_ledger(args):
    with workspace(args) as ws:
        lines = ledger.ledger(ws, args.project)
    if args.csv:
        try:
            with open(args.csv, "w", newline="", encoding="utf-8") as fh:
                writer = csv.writer(fh)
                writer.writerow(["block", "serials", "vintage", "quantity", "registry", "holder", "status", "third_party", "use"])
                writer.writerows([[x.block, x.serials, x.vintage, x.quantity, x.registry, x.holder, x.status, x.third_party, x.use] for x in lines])
        except OSError as exc:
            raise UserError(f"cannot write: {exc.strerror}", where=args.csv)
    emit(fmt(args), lines, table([[x.block, x.registry, x.holder, x.vintage, x.quantity, x.status, x.serials] for x in lines],
                                 ["block", "registry", "holder", "vintage", "t", "status", "serials"]))


def cmd_transfer(args):
    with workspace(args) as ws:
        change = ledger.transfer(ws, actor(), args.block, args.to, args.quantity, args.registry, args.price, args.currency or "")
    emit(fmt(args), change.result, f"transferred {args.quantity} t as block {change.result['block']}")


def cmd_retire(args):
    with workspace(args) as ws:
        change = ledger.retire(ws, actor(), args.block, args.quantity, args.purpose, args.beneficiary, args.compliance_year, args.use)
    emit(fmt(args), change.result, f"retired {args.quantity} t as block {change.result['block']}")


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    a = nouns.add_parser("agreement", parents=[common], help="BRI cooperation agreements").add_subparsers(dest="verb", required=True)
    p = a.add_parser("add", parents=[common])
    p.add_argument("name")
    p.add_argument("--host-country", required=True)
    p.add_argument("--joint-body")
    p.add_argument("--signed-on")
    p.set_defaults(run=cmd_agreement)
    al = nouns.add_parser("allocation", parents=[common], help="shares per registry").add_subparsers(dest="verb", required=True)
    p = al.add_parser("add", parents=[common], help="--set effective_from=… china_share=0.5 host_share=0.5 [third_party_share=0.1 third_party_registry=china]")
    p.add_argument("agreement")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p.add_argument("--project", help="an override for one project")
    p.set_defaults(run=cmd_allocation)

    p = nouns.add_parser("issue", parents=[common], help="issue a verified period's units into the registries")
    p.add_argument("project")
    p.add_argument("--period", required=True)
    p.add_argument("--decision-date", help="date of the joint body's (or registry's) issuance decision")
    p.add_argument("--decision-ref")
    p.set_defaults(run=cmd_issue)
    p = nouns.add_parser("ledger", parents=[common], help="unit blocks of a project by registry and holder")
    p.add_argument("project")
    p.add_argument("--csv", help="also write one row per block to this CSV file")
    p.set_defaults(run=cmd_ledger)
    p = nouns.add_parser("transfer", parents=[common], help="move units to another holder")
    p.add_argument("block", type=int)
    p.add_argument("--to", required=True)
    p.add_argument("--quantity", required=True, type=int)
    p.add_argument("--registry")
    p.add_argument("--price")
    p.add_argument("--currency")
    p.set_defaults(run=cmd_transfer)
    p = nouns.add_parser("retire", parents=[common], help="retire (注销) units")
    p.add_argument("block", type=int)
    p.add_argument("--quantity", required=True, type=int)
    p.add_argument("--purpose", required=True)
    p.add_argument("--beneficiary", required=True)
    p.add_argument("--compliance-year")
    p.add_argument("--use", default="voluntary", choices=["ndc", "international", "voluntary", "ets_offset"])
    p.set_defaults(run=cmd_retire)
    register_offsets(nouns, common)


def cmd_offset_check(args):
    from workbench.services import offsets

    with workspace(args) as ws:
        result = offsets.check(ws, args.block, args.market, args.compliance_year, args.base)
    a = result.answer
    lines = [f"{result.market}: {a.verdict}" + (" (rule to confirm)" if result.confirm else ""),
             *(f"  - {r.en}" for r in a.reasons), *(f"  condition: {c.en}" for c in a.conditions),
             f"  maximum the entity may use: {a.max_quantity if a.max_quantity is not None else 'no quantitative limit or base not given'}",
             f"  rule applied: {result.edition}"]
    emit(fmt(args), result, "\n".join(lines))


def register_offsets(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = nouns.add_parser("offset-check", parents=[common], help="may a block be used for offsetting in a market, and how much")
    p.add_argument("block", type=int)
    p.add_argument("--market", required=True, help="e.g. national-ets, shanghai, guangdong, korea, corsia-pilot")
    p.add_argument("--compliance-year", required=True, type=int)
    p.add_argument("--base", help="the entity's base quantity in tonnes (allowances, emissions or shortfall as the rule says)")
    p.set_defaults(run=cmd_offset_check)
