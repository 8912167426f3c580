"""``methodology list/check``, ``estimate``, ``parameter set``, ``grid-factor show/import/add/list/confirm``,
``species add/list/confirm``, ``fuel-default add/list/confirm``."""

from __future__ import annotations

import argparse

from workbench.cli.commands_project import assignments
from workbench.cli.output import emit, table
from pathlib import Path

from workbench.cli.session import actor, fmt, workspace, workspace_target
from workbench.methodology.loader import all_methodologies
from workbench.services.methodology import methodology as service
from workbench.services.methodology import data_editions
from workbench.services.methodology import reference_editions as editions


def cmd_list(args: argparse.Namespace) -> int:
    items = [
        {"id": m.full_id, "title_en": m.title.en, "title_zh": m.title.zh, "sector": m.sector,
         "conditions": [c.text.en for c in m.conditions], "parameters": [p.symbol for p in m.parameters]}
        for m in all_methodologies().values()
    ]
    emit(fmt(args), items, table([[i["id"], i["sector"], i["title_en"], i["title_zh"]] for i in items], ["id", "sector", "title", "名称"]))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        results = service.check_project(ws, args.project, args.methodology)
    lines = []
    for r in results:
        lines.append(f"{r.methodology} {'(chosen) ' if r.chosen else ''}{r.title.en}: {r.applicable.value}")
        for c in r.conditions:
            lines.append(f"  [{c.verdict.value}] {c.text.en}: {c.explanation.en}")
            if c.evidence:
                lines.append(f"      evidence: {c.evidence.en}")
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
    text = "\n".join(f"{v['year']}: BE {v['BE']}  PE {v['PE']}  LE {v['LE']}  ER {v['ER']} tCO2e" for v in result["vintages"])
    emit(fmt(args), result, f"{text}\ntotal ER {result['total_ER']} tCO2e")
    return 0


def cmd_parameter_set(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        service.set_parameter(ws, actor(), args.project, args.key, args.value, args.source or "")
    emit(fmt(args), {"key": args.key, "value": args.value}, f"{args.key} = {args.value}")
    return 0


def cmd_grid_show(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        factor = service.grid_factor_for(ws, args.project, args.stage, actor().today, args.vintage)
    emit(fmt(args), factor, factor.cite())
    return 0


def cmd_grid_import(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        change = service.import_grid_edition(ws, actor(), args.file)
    emit(fmt(args), change.result, f"imported {change.result['rows']} grid factor row(s)")
    return 0


def cmd_grid_add(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        change = editions.add_grid_edition(ws, actor(), assignments(args.set, "grid edition"))
    emit(fmt(args), change.result, f"added grid edition {change.result['id']} for {change.result['grid']}")
    return 0


def cmd_grid_list(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        rows = editions.list_grid_editions(ws)
    status = lambda r: ("DEMO " if r["demo"] else "") + (f"confirmed by {r['confirmed']}" if r["confirmed"] else "confirm" if r["confirm"] else "")  # noqa: E731
    emit(fmt(args), rows, table([[r["id"] or "-", r["grid"], r["edition"], r["data_year"], r["ef_om"], r["ef_bm"], r["published"], r["origin"],
                                  status(r), r["source"]] for r in rows],
                                ["id", "grid", "edition", "year", "OM", "BM", "published", "origin", "status", "source"]))
    return 0


def cmd_grid_confirm(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        change = editions.confirm_grid_edition(ws, actor(), args.edition, args.source)
    emit(fmt(args), change.result, f"grid edition {args.edition} confirmed by {change.result['confirmed_by']} against {args.source}")
    return 0


def _status(r: dict) -> str:
    return ("DEMO " if r["demo"] else "") + (f"confirmed by {r['confirmed']}" if r["confirmed"] else "confirm" if r["confirm"] else "")


def cmd_species_add(args: argparse.Namespace) -> int:
    with workspace(args, create=True) as ws:  # reference data may come before the first project
        change = data_editions.add_species_edition(ws, actor(), assignments(args.set, "species edition"))
    emit(fmt(args), change.result, f"added species edition {change.result['id']} for {change.result['species']}")
    return 0


def cmd_species_import(args: argparse.Namespace) -> int:
    with workspace(args, create=True) as ws:
        change = data_editions.import_species_editions(ws, actor(), args.file)
    emit(fmt(args), change.result, f"imported {change.result['rows']} species edition(s)")
    return 0


def cmd_species_list(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        rows = data_editions.list_species(ws, args.methodology)
    numbers = lambda r: " ".join(f"{k}={v}" for k, v in r["numbers"].items())  # noqa: E731
    emit(fmt(args), rows, table([[r["id"] or "-", r["methodology"], r["species"], r["name_zh"], r["method"], numbers(r), r["published"],
                                  r["origin"], _status(r), r["source"]] for r in rows],
                                ["id", "methodology", "species", "名称", "method", "numbers", "published", "origin", "status", "source"]))
    return 0


def cmd_fuel_add(args: argparse.Namespace) -> int:
    with workspace(args, create=True) as ws:  # reference data may come before the first project
        change = data_editions.add_fuel_edition(ws, actor(), assignments(args.set, "fuel edition"))
    emit(fmt(args), change.result, f"added fuel-default edition {change.result['id']} for {change.result['fuel']}")
    return 0


def cmd_fuel_list(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        rows = data_editions.list_fuels(ws)
    emit(fmt(args), rows, table([[r["id"] or "-", r["fuel"], r["name_zh"], f"{r['ncv']} {r['ncv_unit']}", f"{r['carbon_content']} tC/GJ",
                                  f"{r['oxidation']} %", r["published"], r["origin"], _status(r), r["source"]] for r in rows],
                                ["id", "fuel", "名称", "NCV", "CC", "OF", "published", "origin", "status", "source"]))
    return 0


def cmd_edition_confirm(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        change = data_editions.confirm_edition(ws, actor(), args.kind, args.edition, args.source)
    emit(fmt(args), change.result, f"edition {args.edition} confirmed by {change.result['confirmed_by']} against {args.source}")
    return 0


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    m = nouns.add_parser("methodology", parents=[common], help="methodologies").add_subparsers(dest="verb", required=True)
    p = m.add_parser("list", parents=[common], help="every methodology package found")
    p.set_defaults(run=cmd_list)
    p = m.add_parser("check", parents=[common], help="applicability of every methodology to a project, explained")
    p.add_argument("project")
    p.add_argument("--methodology", help="check only this one")
    p.set_defaults(run=cmd_check)

    p = nouns.add_parser("estimate", parents=[common], help="calculate reductions from a JSON of parameter values")
    p.add_argument("methodology")
    p.add_argument("--input", required=True, metavar="FILE.json")
    p.set_defaults(run=cmd_estimate)

    par = nouns.add_parser("parameter", parents=[common], help="project parameters and declarations").add_subparsers(dest="verb", required=True)
    p = par.add_parser("set", parents=[common], help="e.g. 'parameter set P grid CN-East' or 'parameter set P decl.no_green_certificate yes'")
    p.add_argument("project")
    p.add_argument("key")
    p.add_argument("value")
    p.add_argument("--source")
    p.set_defaults(run=cmd_parameter_set)

    g = nouns.add_parser("grid-factor", parents=[common], help="grid emission-factor editions").add_subparsers(dest="verb", required=True)
    p = g.add_parser("show", parents=[common], help="the edition the rule picks for a project and stage")
    p.add_argument("project")
    p.add_argument("--stage", choices=["pdd", "validation", "verification"], default="pdd")
    p.add_argument("--vintage", type=int)
    p.set_defaults(run=cmd_grid_show)
    p = g.add_parser("import", parents=[common], help="add an edition from a CSV shaped like the shipped table")
    p.add_argument("file")
    p.set_defaults(run=cmd_grid_import)
    _edition_verbs(g, common, "grid-factor", "add one grid's factors: --set grid=MA-National edition=… data_year=2022 ef_om=… ef_bm=… "
                   "source='document, table, page' published=YYYY-MM-DD", cmd_grid_add, cmd_grid_list, dict(run=cmd_grid_confirm))

    sp = nouns.add_parser("species", parents=[common], help="species and species-group editions of the forestry methodologies").add_subparsers(
        dest="verb", required=True)
    listing = _edition_verbs(sp, common, "species", "add one species: --set methodology=CCER-14-001 species=… "
                             "method=allometric|volume_bef|komiyama (a b c | vol_a vol_b vol_c wood_density bef | wood_density) root_shoot=… "
                             "dbh_min=… dbh_max=… [carbon_fraction=… growth_max=…] source='document, table, page' published=YYYY-MM-DD",
                             cmd_species_add, cmd_species_list, dict(run=cmd_edition_confirm, kind="species"))
    listing.add_argument("--methodology", help="only this forestry methodology")
    p = sp.add_parser("import", parents=[common], help="add a species table from a CSV whose columns are the fields of 'species add'")
    p.add_argument("file")
    p.set_defaults(run=cmd_species_import)

    fd = nouns.add_parser("fuel-default", parents=[common], help="fuel-default editions (NCV, CC tC/GJ, OF %%)").add_subparsers(dest="verb", required=True)
    _edition_verbs(fd, common, "fuel-default", "add one fuel: --set fuel=… fuel_unit=t|'10^4 Nm3' ncv=… carbon_content=… oxidation=… "
                   "source='document, table, page' published=YYYY-MM-DD", cmd_fuel_add, cmd_fuel_list, dict(run=cmd_edition_confirm, kind="fuel"))


def _edition_verbs(sub, common: argparse.ArgumentParser, noun: str, add_help: str, add, listing, confirm: dict) -> argparse.ArgumentParser:
    """``NOUN add --set …``, ``NOUN list`` and ``NOUN confirm ID --source S``, alike for every kind of reference edition;
    returns the list parser for options of its own."""
    p = sub.add_parser("add", parents=[common], help=add_help)
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p.set_defaults(run=add)
    shown = sub.add_parser("list", parents=[common], help="every row, shipped and the user's, with source and status")
    shown.set_defaults(run=listing)
    p = sub.add_parser("confirm", parents=[common], help="record that a user edition was checked against its published source")
    p.add_argument("edition", help=f"edition id from '{noun} list'")
    p.add_argument("--source", required=True, help="document, table and page checked")
    p.set_defaults(**confirm)
    return shown
