"""``agreement``, ``account``, ``allocation``, ``decision``, ``issue``, ``ledger``, ``transfer``, ``retire``, ``cancel``, ``pledge``/``freeze``/``release``, ``article6``."""

from __future__ import annotations

import argparse

from workbench.cli.output import country, emit, field_help, labelled, say, table, values_of
from workbench.cli.session import actor, assignments, fmt, workspace
from workbench.domain.article6 import Article6Adjustment, UnitUse
from workbench.domain.vocabulary import Answer, BlockStatus, DecisionKind, TransactionKind
from workbench.services.projects import decisions
from workbench.services.issuance import accounts, ledger, ledger_controls, ledger_exports


def cmd_agreement(args):
    with workspace(args) as ws:
        change = ledger.add_agreement(ws, actor(), args.name, args.host_country, args.joint_body or "", args.signed_on)
    linked = change.result["linked_projects"]
    done = say("cli.agreement.added", number=change.result["id"])
    emit(fmt(args), change.result, f"{done}\n{say('cli.agreement.linked', projects=linked)}" if linked else done)


def cmd_agreement_list(args):
    with workspace(args) as ws:
        rows = ledger.list_agreements(ws)
    data = [{"id": r.id, "name": r.name, "host_country": r.host_country, "joint_body": r.joint_body, "signed_on": r.signed_on} for r in rows]
    emit(fmt(args), data, table([[d["id"], country(d["host_country"]), d["name"], d["joint_body"]] for d in data],
                                ["cli.col.id", "cli.col.host", "cli.col.name", "cli.col.joint_body"]))


def cmd_account_open(args):
    with workspace(args) as ws:
        change = accounts.open_account(ws, actor(), args.holder, args.registry)
    r = change.result
    emit(fmt(args), r, say("cli.account.opened", number=r["id"], holder=r["holder"], registry=country(r["registry"])))


def cmd_account_merge(args):
    with workspace(args) as ws:
        change = accounts.merge_accounts(ws, actor(), args.keep, args.merge)
    r = change.result
    emit(fmt(args), r, say("cli.account.merged", merged=r["merged"], merged_holder=r["merged_holder"], kept=r["kept"], holder=r["holder"],
                           blocks=r["blocks"], transactions=r["transactions"]))


def cmd_account_list(args):
    with workspace(args) as ws:
        rows = accounts.list_accounts(ws, args.registry)
    data = [{"id": r.id, "holder": r.holder, "registry": r.registry_code, "party": r.party_id} for r in rows]
    emit(fmt(args), data, table([[d["id"], country(d["registry"]), d["holder"]] for d in data], ["cli.col.id", "cli.col.registry", "cli.col.holder"]))


def cmd_allocation(args):
    with workspace(args) as ws:
        change = ledger.add_allocation(ws, actor(), args.agreement, assignments(args.set), args.project)
    emit(fmt(args), change.result, say("cli.allocation.added", number=change.result["id"]))


def cmd_issue(args):
    with workspace(args) as ws:
        change = ledger.issue(ws, actor(), args.project, args.period, args.decision_date, args.decision_ref or "")
        lines = ledger.ledger(ws, args.project)
    issued = [line for line in lines if line.block in change.result["blocks"]]
    emit(fmt(args), {"issuance": change.result["issuance"], "blocks": issued},
         "\n".join(say("cli.issue.block", block=b.block, quantity=b.quantity, holder=b.holder, registry=country(b.registry), serials=b.serials)
                   for b in issued))


def cmd_ledger(args):
    with workspace(args) as ws:
        lines = ledger.ledger(ws, args.project)
        if args.csv:
            ledger_exports.write_ledger_csv(ws, args.project, args.csv, force=args.force)
        if args.article6_csv:
            ledger_exports.write_article6_csv(ws, args.project, args.article6_csv, force=args.force)
    emit(fmt(args), lines, table([[x.block, country(x.registry), x.holder, x.vintage, x.quantity, labelled(BlockStatus, x.status), x.serials]
                                  for x in lines],
                                 ["cli.col.block", "cli.col.registry", "cli.col.holder", "cli.col.vintage", "cli.col.tonnes", "cli.col.status",
                                  "cli.col.serials"]))


def cmd_transfer(args):
    with workspace(args) as ws:
        change = ledger.transfer(ws, actor(), args.block, args.to, args.quantity, args.registry, args.price, args.currency or "")
    emit(fmt(args), change.result, say("cli.ledger.transferred", quantity=args.quantity, block=change.result["block"]))


def cmd_retire(args):
    with workspace(args) as ws:
        change = ledger.retire(ws, actor(), args.block, args.quantity, args.purpose, args.beneficiary, args.compliance_year, args.use)
    emit(fmt(args), change.result, say("cli.ledger.retired", quantity=args.quantity, block=change.result["block"]))


def cmd_cancel(args):
    with workspace(args) as ws:
        change = ledger.cancel(ws, actor(), args.block, args.quantity, args.purpose, args.beneficiary or "", args.compliance_year)
    emit(fmt(args), change.result, say("cli.ledger.cancelled", quantity=args.quantity, block=change.result["block"]))


def cmd_hold(args):
    with workspace(args) as ws:
        change = ledger_controls.hold(ws, actor(), args.noun, args.block, args.quantity, args.purpose, args.beneficiary or "")
    emit(fmt(args), change.result, say(f"cli.ledger.{args.noun}", quantity=args.quantity, block=change.result["block"]))


def cmd_release(args):
    with workspace(args) as ws:
        change = ledger_controls.release(ws, actor(), args.block, args.purpose)
    emit(fmt(args), change.result, say("cli.ledger.released", block=args.block))


def cmd_article6(args):
    with workspace(args) as ws:
        change = ledger_controls.set_article6(ws, actor(), args.block, args.country, args.use, args.authorised == Answer.YES, args.adjustment)
    states = change.result["article6"]
    emit(fmt(args), change.result, "\n".join([say("cli.article6.use", block=args.block, use=UnitUse(args.use)), *(
        say("cli.article6.country", country=country(c), authorised=Answer.YES if st["authorised"] else Answer.NO,
            adjustment=labelled(Article6Adjustment, st["adjustment"])) for c, st in states.items())]))


def cmd_decision_add(args):
    with workspace(args) as ws:
        change = decisions.add_decision(ws, actor(), args.project, args.kind, args.on, args.ref, args.period, args.note or "")
    emit(fmt(args), change.result, say("cli.decision.added", number=change.result["id"]))


def cmd_decision_list(args):
    with workspace(args) as ws:
        rows = decisions.decisions_of(ws, args.project)
    data = [{"id": r.id, "kind": r.kind, "decided_on": r.decided_on, "reference": r.reference, "period_id": r.period_id, "note": r.note} for r in rows]
    emit(fmt(args), data, table([[d["id"], labelled(DecisionKind, d["kind"]), d["decided_on"], d["reference"], d["note"]] for d in data],
                                ["cli.col.id", "cli.col.kind", "cli.col.decided_on", "cli.col.reference", "cli.col.note"]))


def register_controls(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = nouns.add_parser("cancel", parents=[common], help=say("cli.help.issuance.cancel_units_in_their_registry"))
    p.add_argument("block", type=int)
    p.add_argument("--quantity", required=True, help=field_help("retirement", "quantity"))
    p.add_argument("--purpose", required=True)
    p.add_argument("--beneficiary")
    p.add_argument("--compliance-year")
    p.set_defaults(run=cmd_cancel)
    for noun in (TransactionKind.PLEDGE, TransactionKind.FREEZE):
        p = nouns.add_parser(noun.value, parents=[common], help=say(f"cli.help.issuance.{noun.value}"))
        p.add_argument("block", type=int)
        p.add_argument("--quantity", required=True, help=field_help("retirement", "quantity"))
        p.add_argument("--purpose", required=True, help=say("cli.help.issuance.contract_or_order_reference"))
        p.add_argument("--beneficiary", help=say("cli.help.issuance.the_pledgee"))
        p.set_defaults(run=cmd_hold)
    p = nouns.add_parser("release", parents=[common], help=say("cli.help.issuance.lift_a_pledge_or_freeze"))
    p.add_argument("block", type=int)
    p.add_argument("--purpose", required=True)
    p.set_defaults(run=cmd_release)
    p = nouns.add_parser("article6", parents=[common], help=say("cli.help.issuance.a_country_s_authorisation_and"))
    p.add_argument("block", type=int)
    p.add_argument("--country", required=True, help=field_help("article6", "country"))
    p.add_argument("--use", required=True, metavar=values_of(UnitUse), help=field_help("article6", "use"))
    p.add_argument("--authorised", required=True, choices=list(Answer))
    p.add_argument("--adjustment", default=Article6Adjustment.NONE, metavar=values_of(Article6Adjustment), help=field_help("article6", "adjustment"))
    p.set_defaults(run=cmd_article6)
    d = nouns.add_parser("decision", parents=[common], help=say("cli.help.issuance.decisions_of_the_joint_management")).add_subparsers(dest="verb", required=True)
    p = d.add_parser("add", parents=[common])
    p.add_argument("project")
    p.add_argument("--kind", required=True, metavar=values_of(DecisionKind), help=field_help("decision", "kind"))
    p.add_argument("--on", required=True, metavar="YYYY-MM-DD", help=field_help("decision", "decided_on"))
    p.add_argument("--ref", required=True, help=field_help("decision", "reference"))
    p.add_argument("--period", help=field_help("decision", "period"))
    p.add_argument("--note", help=field_help("decision", "note"))
    p.set_defaults(run=cmd_decision_add)
    p = d.add_parser("list", parents=[common])
    p.add_argument("project")
    p.set_defaults(run=cmd_decision_list)


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    a = nouns.add_parser("agreement", parents=[common], help=say("cli.help.issuance.bri_cooperation_agreements")).add_subparsers(dest="verb", required=True)
    p = a.add_parser("add", parents=[common])
    p.add_argument("name", help=field_help("agreement", "name"))
    p.add_argument("--host-country", required=True, help=field_help("agreement", "host_country"))
    p.add_argument("--joint-body", help=field_help("agreement", "joint_body"))
    p.add_argument("--signed-on", metavar="YYYY-MM-DD", help=field_help("agreement", "signed_on"))
    p.set_defaults(run=cmd_agreement)
    p = a.add_parser("list", parents=[common])
    p.set_defaults(run=cmd_agreement_list)
    ac = nouns.add_parser("account", parents=[common], help=say("cli.help.issuance.holder_accounts_in_a_registry"))
    ac = ac.add_subparsers(dest="verb", required=True)
    p = ac.add_parser("open", parents=[common], help=say("cli.help.issuance.open_a_holder_s_account"))
    p.add_argument("holder", help=field_help("account", "holder"))
    p.add_argument("--registry", required=True, help=field_help("account", "registry"))
    p.set_defaults(run=cmd_account_open)
    p = ac.add_parser("list", parents=[common])
    p.add_argument("--registry")
    p.set_defaults(run=cmd_account_list)
    p = ac.add_parser("merge", parents=[common], help=say("cli.help.issuance.account_merge"))
    p.add_argument("keep", help=say("cli.help.issuance.account_keep"))
    p.add_argument("merge", help=say("cli.help.issuance.account_merged"))
    p.set_defaults(run=cmd_account_merge)
    al = nouns.add_parser("allocation", parents=[common], help=say("cli.help.issuance.shares_per_registry")).add_subparsers(dest="verb", required=True)
    p = al.add_parser("add", parents=[common], help=say("cli.help.issuance.set_effective_from_china_share"))
    p.add_argument("agreement")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p.add_argument("--project", help=say("cli.help.issuance.an_override_for_one_project"))
    p.set_defaults(run=cmd_allocation)

    p = nouns.add_parser("issue", parents=[common], help=say("cli.help.issuance.issue_a_verified_period_s"))
    p.add_argument("project")
    p.add_argument("--period", required=True)
    p.add_argument("--decision-date", help=say("cli.help.issuance.date_of_the_joint_body"))
    p.add_argument("--decision-ref")
    p.set_defaults(run=cmd_issue)
    p = nouns.add_parser("ledger", parents=[common], help=say("cli.help.issuance.unit_blocks_of_a_project"))
    p.add_argument("project")
    p.add_argument("--csv", help=say("cli.help.issuance.also_write_one_row_per"))
    p.add_argument("--force", action="store_true", help=say("cli.help.issuance.replace_the_csv_files_if"))
    p.add_argument("--article6-csv", help=say("cli.help.issuance.also_write_the_article_6"))
    p.set_defaults(run=cmd_ledger)
    p = nouns.add_parser("transfer", parents=[common], help=say("cli.help.issuance.move_units_to_another_holder"))
    p.add_argument("block", type=int)
    p.add_argument("--to", required=True, help=say("cli.help.issuance.the_receiving_account_its_id"))
    p.add_argument("--quantity", required=True, help=field_help("transfer", "quantity"))
    p.add_argument("--registry")
    p.add_argument("--price", help=field_help("transfer", "price"))
    p.add_argument("--currency", help=field_help("transfer", "currency"))
    p.set_defaults(run=cmd_transfer)
    p = nouns.add_parser("retire", parents=[common], help=say("cli.help.issuance.retire_units"))
    p.add_argument("block", type=int)
    p.add_argument("--quantity", required=True, help=field_help("retirement", "quantity"))
    p.add_argument("--purpose", required=True, help=field_help("retirement", "purpose"))
    p.add_argument("--beneficiary", required=True, help=field_help("retirement", "beneficiary"))
    p.add_argument("--compliance-year", help=field_help("retirement", "compliance_year"))
    p.add_argument("--use", default=UnitUse.VOLUNTARY, metavar=values_of(UnitUse), help=field_help("retirement", "use"))
    p.set_defaults(run=cmd_retire)
    register_controls(nouns, common)
    register_offsets(nouns, common)


def cmd_offset_check(args):
    from workbench.services.issuance import offsets

    with workspace(args) as ws:
        result = offsets.check(ws, args.block, args.market, args.compliance_year, args.base)
    a = result.answer
    lines = [say("cli.offset.verdict_confirm" if result.confirm else "cli.offset.verdict", market=result.market, verdict=a.verdict),
             *(say("cli.offset.reason", reason=r) for r in a.reasons), *(say("cli.offset.condition", condition=c) for c in a.conditions),
             say("cli.offset.maximum", quantity=a.max_quantity) if a.max_quantity is not None else say("cli.offset.no_maximum"),
             say("cli.offset.rule", edition=result.edition)]
    emit(fmt(args), result, "\n".join(lines))


def register_offsets(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = nouns.add_parser("offset-check", parents=[common], help=say("cli.help.issuance.may_a_block_be_used"))
    p.add_argument("block", type=int)
    p.add_argument("--market", required=True, help=say("cli.help.issuance.e_g_national_ets_shanghai"))
    p.add_argument("--compliance-year", required=True, type=int)
    p.add_argument("--base", help=say("cli.help.issuance.the_entity_s_base_quantity"))
    p.set_defaults(run=cmd_offset_check)
