"""``methodology list/check``, ``estimate``, ``parameter set``, ``grid-factor show/import/add/list/confirm``,
``species add/list/confirm``, ``fuel-default add/list/confirm``."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.output import cell, emit, labelled, say, table
from workbench.cli.session import actor, assignments, fmt, workspace, workspace_target
from workbench.domain.project import Sector
from workbench.methodology.loader import all_methodologies
from workbench.services.methodology import data_editions
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
    values = service.load_input(args.input)
    target = workspace_target(args)
    if isinstance(target, Path) and not target.exists():  # no workspace yet: no user editions, only the input's own rows
        result = service.estimate(args.methodology, values)
    else:
        with workspace(args) as ws:
            result = service.estimate(args.methodology, values, ws, actor().today)
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
                                             source=factor.source), *grid_flags(factor), cell(factor.rule)]))


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
    emit(fmt(args), rows, table([[r["id"] or "-", r["grid"], r["edition"], r["data_year"], r["ef_om"], r["ef_bm"], r["published"],
                                  origin(r), status(r), r["source"]] for r in rows],
                                ["cli.col.id", "cli.col.grid", "cli.col.edition", "cli.col.year", "cli.col.om", "cli.col.bm", "cli.col.published",
                                 "cli.col.origin", "cli.col.status", "cli.col.source"]))
    return 0


def status(r: dict) -> str:
    """An edition's standing: a demo value, one to confirm, or who confirmed it."""
    return " ".join(([say("cli.grid.demo")] if r["demo"] else []) + (
        [say("cli.grid.confirmed_by", who=r["confirmed"])] if r["confirmed"] else [say("cli.grid.to_confirm")] if r["confirm"] else []))


def origin(r: dict) -> str:
    return say(f"cli.grid.origin.{r['origin']}")


def cmd_grid_confirm(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        change = editions.confirm_grid_edition(ws, actor(), args.edition, args.source)
    emit(fmt(args), change.result, say("cli.grid.confirmed", edition=args.edition, who=change.result["confirmed_by"], source=args.source))
    return 0


def cmd_species_add(args: argparse.Namespace) -> int:
    with workspace(args, create=True) as ws:  # reference data may come before the first project
        change = data_editions.add_species_edition(ws, actor(), assignments(args.set))
    emit(fmt(args), change.result, say("cli.species.added", number=change.result["id"], species=change.result["species"]))
    return 0


def cmd_species_import(args: argparse.Namespace) -> int:
    with workspace(args, create=True) as ws:
        change = data_editions.import_species_editions(ws, actor(), args.file)
    emit(fmt(args), change.result, say("cli.species.imported", count=change.result["rows"]))
    return 0


def cmd_species_list(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        rows = data_editions.list_species(ws, args.methodology)
    numbers = lambda r: " ".join(f"{k}={v}" for k, v in r["numbers"].items())  # noqa: E731
    zh = args.message_lang == "zh"
    emit(fmt(args), rows, table([[r["id"] or "-", r["methodology"], (r["name_zh"] or r["species"]) if zh else r["species"], r["method"], numbers(r),
                                  r["published"], origin(r), status(r), r["source"]] for r in rows],
                                ["cli.col.id", "cli.col.methodology", "cli.col.species", "cli.col.method", "cli.col.numbers", "cli.col.published",
                                 "cli.col.origin", "cli.col.status", "cli.col.source"]))
    return 0


def cmd_fuel_add(args: argparse.Namespace) -> int:
    with workspace(args, create=True) as ws:  # reference data may come before the first project
        change = data_editions.add_fuel_edition(ws, actor(), assignments(args.set))
    emit(fmt(args), change.result, say("cli.fuel_default.added", number=change.result["id"], fuel=change.result["fuel"]))
    return 0


def cmd_fuel_list(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        rows = data_editions.list_fuels(ws)
    emit(fmt(args), rows, table([[r["id"] or "-", data_editions.fuel_name(r["fuel"], r["name_zh"]), f"{r['ncv']} {r['ncv_unit']}",
                                  f"{r['carbon_content']} tC/GJ", f"{r['oxidation']} %", r["published"], origin(r), status(r), r["source"]]
                                 for r in rows],
                                ["cli.col.id", "cli.col.fuel", "cli.col.ncv", "cli.col.cc", "cli.col.of", "cli.col.published", "cli.col.origin",
                                 "cli.col.status", "cli.col.source"]))
    return 0


def cmd_edition_confirm(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        change = data_editions.confirm_edition(ws, actor(), args.kind, args.edition, args.source)
    emit(fmt(args), change.result, say("cli.edition.confirmed", edition=args.edition, who=change.result["confirmed_by"], source=args.source))
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
    _edition_verbs(g, common, "grid-factor", say("cli.help.methodology.add_one_grid_s_factors"), cmd_grid_add, cmd_grid_list,
                   dict(run=cmd_grid_confirm))

    sp = nouns.add_parser("species", parents=[common], help=say("cli.help.methodology.species")).add_subparsers(dest="verb", required=True)
    listing = _edition_verbs(sp, common, "species", say("cli.help.methodology.species_add"), cmd_species_add, cmd_species_list,
                             dict(run=cmd_edition_confirm, kind="species"))
    listing.add_argument("--methodology", help=say("cli.help.methodology.only_this_forestry_methodology"))
    p = sp.add_parser("import", parents=[common], help=say("cli.help.methodology.species_import"))
    p.add_argument("file")
    p.set_defaults(run=cmd_species_import)

    fd = nouns.add_parser("fuel-default", parents=[common], help=say("cli.help.methodology.fuel_default")).add_subparsers(dest="verb", required=True)
    _edition_verbs(fd, common, "fuel-default", say("cli.help.methodology.fuel_default_add"), cmd_fuel_add, cmd_fuel_list,
                   dict(run=cmd_edition_confirm, kind="fuel"))


def _edition_verbs(sub, common: argparse.ArgumentParser, noun: str, add_help: str, add, listing, confirm: dict) -> argparse.ArgumentParser:
    """``NOUN add --set …``, ``NOUN list`` and ``NOUN confirm ID --source S``, alike for every kind of reference edition;
    returns the list parser for options of its own."""
    p = sub.add_parser("add", parents=[common], help=add_help)
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p.set_defaults(run=add)
    shown = sub.add_parser("list", parents=[common], help=say("cli.help.methodology.every_edition_shipped_and_the"))
    shown.set_defaults(run=listing)
    p = sub.add_parser("confirm", parents=[common], help=say("cli.help.methodology.record_that_a_user_edition"))
    p.add_argument("edition", help=say("cli.help.methodology.edition_id_from_list", noun=noun))
    p.add_argument("--source", required=True, help=say("cli.help.methodology.document_table_and_page_checked"))
    p.set_defaults(**confirm)
    return shown
