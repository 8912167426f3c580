"""``methodology list/check``, ``estimate``, ``parameter set``, ``grid-factor show/import/add/list/confirm``."""

from __future__ import annotations

import argparse

from workbench.cli.commands_project import assignments
from workbench.cli.output import emit, labelled, say, table
from workbench.domain.project import Sector
from workbench.cli.session import actor, fmt, workspace
from workbench.methodology.loader import all_methodologies
from workbench.services.methodology import methodology as service
from workbench.services.methodology import reference_editions as editions


def cmd_list(args: argparse.Namespace) -> int:
    items = [
        {"id": m.full_id, "title_en": m.title.en, "title_zh": m.title.zh, "sector": m.sector,
         "conditions": [c.text.en for c in m.conditions], "parameters": [p.symbol for p in m.parameters]}
        for m in all_methodologies().values()
    ]
    zh = args.message_lang == "zh"
    emit(fmt(args), items, table([[i["id"], labelled(Sector, i["sector"]), i["title_zh"] if zh else i["title_en"]] for i in items],
                                 ["cli.col.methodology", "cli.col.sector", "cli.col.title"]))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        results = service.check_project(ws, args.project, args.methodology)
    lines = []
    for r in results:
        lines.append(say("cli.methodology.chosen" if r.chosen else "cli.methodology.result", methodology=r.methodology, title=r.title,
                         verdict=r.applicable))
        for c in r.conditions:
            lines.append(say("cli.methodology.condition", verdict=c.verdict, condition=c.text, explanation=c.explanation))
            if c.evidence:
                lines.append(say("cli.methodology.evidence", evidence=c.evidence))
    emit(fmt(args), results, "\n".join(lines))
    return 0


def cmd_estimate(args: argparse.Namespace) -> int:
    result = service.estimate(args.methodology, service.load_input(args.input))
    lines = [say("cli.estimate.vintage", year=v["year"], BE=v["BE"], PE=v["PE"], LE=v["LE"], ER=v["ER"]) for v in result["vintages"]]
    emit(fmt(args), result, "\n".join([*lines, say("cli.estimate.total", ER=result["total_ER"])]))
    return 0


def cmd_parameter_set(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        service.set_parameter(ws, actor(), args.project, args.key, args.value, args.source or "")
    emit(fmt(args), {"key": args.key, "value": args.value}, say("cli.parameter.set", key=args.key, value=args.value))
    return 0


def cmd_grid_show(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        factor = service.grid_factor_for(ws, args.project, args.stage, actor().today, args.vintage)
    emit(fmt(args), factor, "\n".join([say("cli.grid.factor", grid=factor.grid, edition=factor.edition, om=factor.ef_om, bm=factor.ef_bm,
                                             source=factor.source), *grid_flags(factor), factor.rule]))


def grid_flags(factor) -> list[str]:
    """What a user must know of an edition: a demo value, one to confirm, the user's own, who confirmed it."""
    return ([say("cli.grid.demo")] if factor.demo else []) + ([say("cli.grid.to_confirm")] if factor.confirm else []) + (
        [say("cli.grid.user_edition")] if factor.overridden else []) + (
        [say("cli.grid.confirmed_by", who=factor.confirmed)] if factor.confirmed else [])
    return 0


def cmd_grid_import(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        change = service.import_grid_edition(ws, actor(), args.file)
    emit(fmt(args), change.result, say("cli.grid.imported", count=change.result["rows"]))
    return 0


def cmd_grid_add(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        change = editions.add_grid_edition(ws, actor(), assignments(args.set))
    emit(fmt(args), change.result, say("cli.grid.added", number=change.result["id"], grid=change.result["grid"]))
    return 0


def cmd_grid_list(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        rows = editions.list_grid_editions(ws)
    status = lambda r: " ".join(([say("cli.grid.demo")] if r["demo"] else []) + (  # noqa: E731
        [say("cli.grid.confirmed_by", who=r["confirmed"])] if r["confirmed"] else [say("cli.grid.to_confirm")] if r["confirm"] else []))
    emit(fmt(args), rows, table([[r["id"] or "-", r["grid"], r["edition"], r["data_year"], r["ef_om"], r["ef_bm"], r["published"],
                                  say(f"cli.grid.origin.{r['origin']}"), status(r), r["source"]] for r in rows],
                                ["cli.col.id", "cli.col.grid", "cli.col.edition", "cli.col.year", "cli.col.om", "cli.col.bm", "cli.col.published",
                                 "cli.col.origin", "cli.col.status", "cli.col.source"]))
    return 0


def cmd_grid_confirm(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        change = editions.confirm_grid_edition(ws, actor(), args.edition, args.source)
    emit(fmt(args), change.result, say("cli.grid.confirmed", edition=args.edition, who=change.result["confirmed_by"], source=args.source))
    return 0


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    m = nouns.add_parser("methodology", parents=[common], help=say("cli.help.methodology.methodologies")).add_subparsers(dest="verb", required=True)
    p = m.add_parser("list", parents=[common], help=say("cli.help.methodology.every_methodology_package_found"))
    p.set_defaults(run=cmd_list)
    p = m.add_parser("check", parents=[common], help=say("cli.help.methodology.applicability_of_every_methodology_to"))
    p.add_argument("project")
    p.add_argument("--methodology", help=say("cli.help.methodology.check_only_this_one"))
    p.set_defaults(run=cmd_check)

    p = nouns.add_parser("estimate", parents=[common], help=say("cli.help.methodology.calculate_reductions_from_a_json"))
    p.add_argument("methodology")
    p.add_argument("--input", required=True, metavar="FILE.json")
    p.set_defaults(run=cmd_estimate)

    par = nouns.add_parser("parameter", parents=[common], help=say("cli.help.methodology.project_parameters_and_declarations")).add_subparsers(dest="verb", required=True)
    p = par.add_parser("set", parents=[common], help=say("cli.help.methodology.e_g_parameter_set_p"))
    p.add_argument("project")
    p.add_argument("key")
    p.add_argument("value")
    p.add_argument("--source")
    p.set_defaults(run=cmd_parameter_set)

    g = nouns.add_parser("grid-factor", parents=[common], help=say("cli.help.methodology.grid_emission_factor_editions")).add_subparsers(dest="verb", required=True)
    p = g.add_parser("show", parents=[common], help=say("cli.help.methodology.the_edition_the_rule_picks"))
    p.add_argument("project")
    p.add_argument("--stage", choices=["pdd", "validation", "verification"], default="pdd")
    p.add_argument("--vintage", type=int)
    p.set_defaults(run=cmd_grid_show)
    p = g.add_parser("import", parents=[common], help=say("cli.help.methodology.add_an_edition_from_a"))
    p.add_argument("file")
    p.set_defaults(run=cmd_grid_import)
    p = g.add_parser("add", parents=[common], help=say("cli.help.methodology.add_one_grid_s_factors"))
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p.set_defaults(run=cmd_grid_add)
    p = g.add_parser("list", parents=[common], help=say("cli.help.methodology.every_edition_shipped_and_the"))
    p.set_defaults(run=cmd_grid_list)
    p = g.add_parser("confirm", parents=[common], help=say("cli.help.methodology.record_that_a_user_edition"))
    p.add_argument("edition", help=say("cli.help.methodology.edition_id_from_grid_factor"))
    p.add_argument("--source", required=True, help=say("cli.help.methodology.document_table_and_page_checked"))
    p.set_defaults(run=cmd_grid_confirm)
