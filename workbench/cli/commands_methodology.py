"""``methodology list/check``, ``estimate``, ``parameter set``, ``grid-factor show/import``."""

from __future__ import annotations

import argparse

from workbench.cli.output import emit, table
from workbench.cli.session import actor, fmt, workspace
from workbench.methodology.loader import all_methodologies
from workbench.services.methodology import methodology as service


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
    result = service.estimate(args.methodology, service.load_input(args.input))
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
