"""``demo``, ``project list/show/create/update``, ``party add``, ``site add``, ``stage advance``."""

from __future__ import annotations

import argparse

from workbench.cli.output import emit, table
from workbench.cli.session import actor, fmt, workspace
from workbench.domain.errors import UserError
from workbench.domain.catalogue import render
from workbench.domain.text import Text
from workbench.services.projects import lifecycle, parties, projects

CREATE_OPTIONS = {
    "--code": "code",
    "--title-en": "title_en",
    "--title-zh": "title_zh",
    "--programme": "programme",
    "--host-country": "host_country",
    "--sector": "sector",
    "--methodology": "methodology_id",
    "--methodology-version": "methodology_version",
    "--agreement": "agreement",
    "--construction-start": "construction_start",
    "--operation-start": "operation_start",
    "--project-start": "project_start",
    "--lifetime": "lifetime_years",
    "--crediting-start": "crediting_start",
    "--crediting-end": "crediting_end",
    "--registry-account": "registry_account",
}


def assignments(pairs: list[str], what: str) -> dict[str, str]:
    """``field=value`` pairs from the command line."""
    out: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UserError("error.commands_project.is_not_field_value", where=what, pair=pair)
        out[name.strip()] = value
    return out


def cmd_demo(args: argparse.Namespace) -> int:
    from workbench.services.demo.demo import create_demo  # the demo's data (boundaries, forests) only for this command

    with workspace(args, create=True) as ws:
        changes = create_demo(ws, actor())
        created = [c.result for c in changes if c.action == "project.create"]
        listed = projects.list_projects(ws)
    text = (
        "\n".join(f"created project {c['id']} {c['code']}" for c in created)
        if created
        else "the demo projects are already in this workspace"
    )
    emit(fmt(args), {"created": created, "projects": listed}, f"{text}\nworkspace: {ws.location}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        rows = projects.list_projects(ws, args.search or "")
    text = table(
        [[r.id, r.code, r.programme, r.host_country, r.methodology_id, r.stage, r.title_en or r.title_zh] for r in rows],
        ["id", "code", "programme", "host", "methodology", "stage", "title"],
    )
    emit(fmt(args), rows, text if rows else "no projects in this workspace (try 'workbench demo')")
    return 0


def describe_view(view: lifecycle.ProjectView, lang: str) -> tuple[dict, str]:
    """The JSON object (stable values) and the text (labels in ``lang``) of ``project show``."""
    snap = view.snapshot
    h = snap.header
    moves = [
        {
            "stage": m.transition.target.value,
            "label": m.transition.label.en,
            "label_zh": m.transition.label.zh,
            "direction": m.transition.direction.value,
            "allowed": m.allowed,
            "reasons": [{"code": r.code, "id": getattr(r.text, "id", None), "en": r.text.en, "zh": r.text.zh, "due": r.due, "provisional": r.provisional} for r in m.reasons],
        }
        for m in view.next_moves
    ]
    data = {
        "id": view.id,
        "version": view.version,
        "code": h.code,
        "title_en": h.title_en,
        "title_zh": h.title_zh,
        "programme": h.programme,
        "host_country": h.host_country,
        "sector": h.sector,
        "methodology": f"{h.methodology_id} {h.methodology_version}".strip(),
        "agreement": h.agreement,
        "agreement_id": h.agreement_id,  # None while the name waits for a recorded agreement (see tasks)
        "dates": h.dates,
        "registry_account": snap.registry_account,
        "stage": snap.stage.value,
        "stage_since": snap.stage_since,
        "stages": [s.value for s in view.stages],
        "parties": snap.parties,
        "sites": snap.sites,
        "history": snap.history,
        "next": moves,
        "tasks": [{"code": t.code, "en": t.text.en, "zh": t.text.zh} for t in view.tasks],
    }
    first, second = (h.title_zh, h.title_en) if lang == "zh" else (h.title_en, h.title_zh)
    lines = [
        render("cli.show.header", lang, code=h.code, number=view.id, version=view.version, title=first or second),
        f"  {second}" if first and second else "",
        render("cli.show.programme", lang, programme=h.programme, sector=h.sector, host=h.host_country,
               methodology=data["methodology"] or "-"),
        (render("cli.show.agreement", lang, agreement=h.agreement) if h.agreement_id
         else render("cli.show.agreement_unrecorded", lang, agreement=h.agreement) if h.agreement else ""),
        render("cli.show.stage", lang, stage=snap.stage, since=snap.stage_since),
        render("cli.show.parties", lang),
        *(render("cli.show.party", lang, number=p.id, role=p.role, name=(p.name_zh or p.name_en) if lang == "zh" else (p.name_en or p.name_zh),
                 nationality=p.nationality, country=p.country) for p in snap.parties),
        render("cli.show.sites", lang),
        *(f"  [{s.id}] {s.name}: {s.latitude}, {s.longitude}" for s in snap.sites),
        render("cli.show.next", lang),
    ]
    for m in view.next_moves:
        lines.append(render("cli.show.move", lang, stage=m.transition.target, value=m.transition.target.value, label=m.transition.label,
                            state=Text("ui.allowed") if m.allowed else Text("ui.blocked")))
        lines += [f"       - {r.text.in_lang(lang)}" for r in m.reasons]
    if view.tasks:
        lines += [render("cli.show.tasks", lang), *(f"  - {t.text.in_lang(lang)}" for t in view.tasks)]
    return data, "\n".join(line for line in lines if line)


def cmd_show(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        view = lifecycle.view_project(ws, args.project, actor().today)
    data, text = describe_view(view, args.message_lang)
    emit(fmt(args), data, text)
    return 0


def cmd_create(args: argparse.Namespace) -> int:
    values = {field: getattr(args, field) for field in CREATE_OPTIONS.values() if getattr(args, field) is not None}
    with workspace(args, create=True) as ws:
        change = projects.create_project(ws, actor(), values)
    waiting = change.result["agreement_unmatched"]
    emit(fmt(args), change.result, f"created project {change.result['id']} {change.result['code']}" + (
        f"; agreement {waiting!r} is not recorded yet: kept as a task until 'workbench agreement add' records it" if waiting else ""))
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    values = assignments(args.set, "--set")
    if not values:
        raise UserError("error.commands_project.nothing_to_change_give_set_field", field="project_update")
    with workspace(args) as ws:
        change = projects.update_project(ws, actor(), args.project, values, args.reason or "", seen=args.if_version)
    changed = {k: v for e in change.entities for k, v in e.changed_fields().items()}
    emit(fmt(args), {"changed": changed}, "\n".join(f"{k}: {a!r} -> {b!r}" for k, (a, b) in changed.items()) or "nothing changed")
    return 0


def cmd_party_add(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        change = parties.add_party(ws, actor(), args.project, assignments(args.set, "party"))
    emit(fmt(args), change.result, f"added party {change.result['id']}")
    return 0


def cmd_site_add(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        change = parties.add_site(ws, actor(), args.project, assignments(args.set, "site"))
    emit(fmt(args), change.result, f"added site {change.result['id']}")
    return 0


def cmd_site_import(args: argparse.Namespace) -> int:
    from workbench.services.monitoring import site_import

    with workspace(args) as ws:
        change, report = site_import.import_boundaries(ws, actor(), args.project, args.file)
    lines = [f"imported {len(report.parcels)} parcel(s), {change.result['area_ha']} ha in all"]
    lines += [f"  {name}: {area} m²" for name, area in report.parcels]
    if report.too_small:
        lines.append(f"below the {report.minimum_m2} m² parcel rule: {', '.join(report.too_small)}")
    if report.skipped:
        lines.append(f"left out, not polygons: {', '.join(report.skipped)}")
    emit(fmt(args), {"parcels": report.parcels, "too_small": report.too_small, "minimum_m2": report.minimum_m2,
                     "skipped": report.skipped}, "\n".join(lines))
    return 0


def cmd_advance(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        try:
            change = lifecycle.advance(ws, actor(), args.project, args.stage, args.reason or "", args.evidence or "")
        except lifecycle.Blocked as blocked:
            raise UserError(blocked.text) from None
    emit(fmt(args), change.result, f"moved to {change.result['stage']}")
    return 0


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    demo = nouns.add_parser("demo", parents=[common], help="create the demo projects")
    demo.set_defaults(run=cmd_demo)

    project = nouns.add_parser("project", parents=[common], help="projects").add_subparsers(dest="verb", required=True)
    p = project.add_parser("list", parents=[common], help="list projects")
    p.add_argument("--search", help="text in code or titles")
    p.set_defaults(run=cmd_list)
    p = project.add_parser("show", parents=[common], help="a project, its stage and every possible next stage")
    p.add_argument("project", help="id or code")
    p.set_defaults(run=cmd_show)
    p = project.add_parser("create", parents=[common], help="create a project")
    for option, field in CREATE_OPTIONS.items():
        p.add_argument(option, dest=field)
    p.set_defaults(run=cmd_create)
    p = project.add_parser("update", parents=[common], help="change project fields")
    p.add_argument("project", help="id or code")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE", help="e.g. --set crediting_end=2034-12-31")
    p.add_argument("--reason")
    p.add_argument("--if-version", type=int, metavar="N",
                   help="refuse unless the project is still at version N (as 'project show' gave it): no overwriting a colleague's edit")
    p.set_defaults(run=cmd_update)

    party = nouns.add_parser("party", parents=[common], help="parties").add_subparsers(dest="verb", required=True)
    p = party.add_parser("add", parents=[common], help="add a party: --set role=... nationality=... country=...")
    p.add_argument("project")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p.set_defaults(run=cmd_party_add)

    site = nouns.add_parser("site", parents=[common], help="sites").add_subparsers(dest="verb", required=True)
    p = site.add_parser("add", parents=[common], help="add a site: --set name=... latitude=... longitude=...")
    p.add_argument("project")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p.set_defaults(run=cmd_site_add)
    p = site.add_parser("import", parents=[common], help="parcel boundaries from GeoJSON, KML or Shapefile (.shp or zipped)")
    p.add_argument("project")
    p.add_argument("file")
    p.set_defaults(run=cmd_site_import)

    stage = nouns.add_parser("stage", parents=[common], help="lifecycle stages").add_subparsers(dest="verb", required=True)
    p = stage.add_parser("advance", parents=[common], help="move a project to another stage")
    p.add_argument("project")
    p.add_argument("stage")
    p.add_argument("--reason")
    p.add_argument("--evidence", help="reference or path of the evidence")
    p.set_defaults(run=cmd_advance)
