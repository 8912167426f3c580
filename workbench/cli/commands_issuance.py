"""``agreement``, ``account``, ``allocation``, ``decision``, ``issue``, ``ledger``, ``transfer``, ``retire``, ``cancel``, ``pledge``/``freeze``/``release``, ``article6``."""

from __future__ import annotations

import argparse

from workbench.cli.commands_project import assignments
from workbench.cli.output import emit, table
from workbench.cli.session import actor, fmt, workspace
from workbench.domain.article6 import ADJUSTMENTS, USES
from workbench.services.projects import decisions
from workbench.services.issuance import accounts, ledger, ledger_controls, ledger_exports


def cmd_agreement(args):
    with workspace(args) as ws:
        change = ledger.add_agreement(ws, actor(), args.name, args.host_country, args.joint_body or "", args.signed_on)
    linked = change.result["linked_projects"]
    emit(fmt(args), change.result, f"added agreement {change.result['id']}" + (f"; linked the project(s) naming it: {linked}" if linked else ""))


def cmd_agreement_list(args):
    with workspace(args) as ws:
        rows = ledger.list_agreements(ws)
    data = [{"id": r.id, "name": r.name, "host_country": r.host_country, "joint_body": r.joint_body, "signed_on": r.signed_on} for r in rows]
    emit(fmt(args), data, table([[d["id"], d["host_country"], d["name"], d["joint_body"]] for d in data], ["id", "host", "name", "joint body"]))


def cmd_account_open(args):
    with workspace(args) as ws:
        change = accounts.open_account(ws, actor(), args.holder, args.registry)
    r = change.result
    emit(fmt(args), r, f"opened account {r['id']} for {r['holder']} in the {r['registry']} registry")


def cmd_account_merge(args):
    with workspace(args) as ws:
        change = accounts.merge_accounts(ws, actor(), args.keep, args.merge)
    r = change.result
    emit(fmt(args), r, f"account {r['merged']} ({r['merged_holder']}) merged into account {r['kept']} ({r['holder']}): "
                       f"{r['blocks']} block(s) and {r['transactions']} transaction(s) moved")


def cmd_account_list(args):
    with workspace(args) as ws:
        rows = accounts.list_accounts(ws, args.registry)
    data = [{"id": r.id, "holder": r.holder, "registry": r.registry_code, "party": r.party_id} for r in rows]
    emit(fmt(args), data, table([[d["id"], d["registry"], d["holder"]] for d in data], ["id", "registry", "holder"]))


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
            ledger_exports.write_ledger_csv(ws, args.project, args.csv, force=args.force)
        if args.article6_csv:
            ledger_exports.write_article6_csv(ws, args.project, args.article6_csv, force=args.force)
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


def cmd_cancel(args):
    with workspace(args) as ws:
        change = ledger.cancel(ws, actor(), args.block, args.quantity, args.purpose, args.beneficiary or "", args.compliance_year)
    emit(fmt(args), change.result, f"cancelled {args.quantity} t as block {change.result['block']}")


def cmd_hold(args):
    with workspace(args) as ws:
        change = ledger_controls.hold(ws, actor(), args.noun, args.block, args.quantity, args.purpose, args.beneficiary or "")
    emit(fmt(args), change.result, f"{'pledged' if args.noun == 'pledge' else 'froze'} {args.quantity} t as block {change.result['block']}")


def cmd_release(args):
    with workspace(args) as ws:
        change = ledger_controls.release(ws, actor(), args.block, args.purpose)
    emit(fmt(args), change.result, f"block {args.block} released")


def cmd_article6(args):
    with workspace(args) as ws:
        change = ledger_controls.set_article6(ws, actor(), args.block, args.country, args.use, args.authorised == "yes", args.adjustment)
    states = change.result["article6"]
    emit(fmt(args), change.result, f"block {args.block}: use {args.use}; " + "; ".join(
        f"{c} {'authorised' if st['authorised'] else 'not authorised'}, adjustment {st['adjustment']}" for c, st in states.items()))


def cmd_decision_add(args):
    with workspace(args) as ws:
        change = decisions.add_decision(ws, actor(), args.project, args.kind, args.on, args.ref, args.period, args.note or "")
    emit(fmt(args), change.result, f"recorded decision {change.result['id']}")


def cmd_decision_list(args):
    with workspace(args) as ws:
        rows = decisions.decisions_of(ws, args.project)
    data = [{"id": r.id, "kind": r.kind, "decided_on": r.decided_on, "reference": r.reference, "period_id": r.period_id, "note": r.note} for r in rows]
    emit(fmt(args), data, table([[d["id"], d["kind"], d["decided_on"], d["reference"], d["note"]] for d in data], ["id", "kind", "on", "reference", "note"]))


def register_controls(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = nouns.add_parser("cancel", parents=[common], help="cancel (注销) units in their registry")
    p.add_argument("block", type=int)
    p.add_argument("--quantity", required=True, type=int)
    p.add_argument("--purpose", required=True)
    p.add_argument("--beneficiary")
    p.add_argument("--compliance-year")
    p.set_defaults(run=cmd_cancel)
    for noun, text in (("pledge", "pledge units to a lender (质押)"), ("freeze", "freeze units by order (冻结)")):
        p = nouns.add_parser(noun, parents=[common], help=text)
        p.add_argument("block", type=int)
        p.add_argument("--quantity", required=True, type=int)
        p.add_argument("--purpose", required=True, help="contract or order reference")
        p.add_argument("--beneficiary", help="the pledgee")
        p.set_defaults(run=cmd_hold)
    p = nouns.add_parser("release", parents=[common], help="lift a pledge or freeze")
    p.add_argument("block", type=int)
    p.add_argument("--purpose", required=True)
    p.set_defaults(run=cmd_release)
    p = nouns.add_parser("article6", parents=[common], help="a country's authorisation and corresponding adjustment for a block")
    p.add_argument("block", type=int)
    p.add_argument("--country", required=True)
    p.add_argument("--use", required=True, choices=list(USES))
    p.add_argument("--authorised", required=True, choices=["yes", "no"])
    p.add_argument("--adjustment", default="none", choices=list(ADJUSTMENTS))
    p.set_defaults(run=cmd_article6)
    d = nouns.add_parser("decision", parents=[common], help="decisions of the joint management body").add_subparsers(dest="verb", required=True)
    p = d.add_parser("add", parents=[common])
    p.add_argument("project")
    p.add_argument("--kind", required=True, choices=list(decisions.KINDS))
    p.add_argument("--on", required=True)
    p.add_argument("--ref", required=True)
    p.add_argument("--period")
    p.add_argument("--note")
    p.set_defaults(run=cmd_decision_add)
    p = d.add_parser("list", parents=[common])
    p.add_argument("project")
    p.set_defaults(run=cmd_decision_list)


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    a = nouns.add_parser("agreement", parents=[common], help="BRI cooperation agreements").add_subparsers(dest="verb", required=True)
    p = a.add_parser("add", parents=[common])
    p.add_argument("name")
    p.add_argument("--host-country", required=True)
    p.add_argument("--joint-body")
    p.add_argument("--signed-on")
    p.set_defaults(run=cmd_agreement)
    p = a.add_parser("list", parents=[common])
    p.set_defaults(run=cmd_agreement_list)
    ac = nouns.add_parser("account", parents=[common], help="holder accounts in a registry: open one before units move into it")
    ac = ac.add_subparsers(dest="verb", required=True)
    p = ac.add_parser("open", parents=[common], help="open a holder's account in the China (CN) or a host country's registry")
    p.add_argument("holder")
    p.add_argument("--registry", required=True, help="CN, or the host country's ISO code")
    p.set_defaults(run=cmd_account_open)
    p = ac.add_parser("list", parents=[common])
    p.add_argument("--registry")
    p.set_defaults(run=cmd_account_list)
    p = ac.add_parser("merge", parents=[common], help="one holder's two accounts (names differing only by case, spacing or "
                                                      "full-width characters) made one: units and transactions move to KEEP")
    p.add_argument("keep", help="the account kept (its id)")
    p.add_argument("merge", help="the account merged into it and closed (its id)")
    p.set_defaults(run=cmd_account_merge)
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
    p.add_argument("--force", action="store_true", help="replace the CSV files if they exist")
    p.add_argument("--article6-csv", help="also write the Article 6.2-style table of first transfers and uses")
    p.set_defaults(run=cmd_ledger)
    p = nouns.add_parser("transfer", parents=[common], help="move units to another holder's account (open it first: account open)")
    p.add_argument("block", type=int)
    p.add_argument("--to", required=True, help="the receiving account: its id or its holder's exact name")
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
    p.add_argument("--use", default="voluntary", choices=list(USES))
    p.set_defaults(run=cmd_retire)
    register_controls(nouns, common)
    register_offsets(nouns, common)


def cmd_offset_check(args):
    from workbench.services.issuance import offsets

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
