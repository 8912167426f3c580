"""``demo``, ``project list/show/create/update``, ``party add``, ``site add``, ``stage advance``."""

from __future__ import annotations

import argparse

from workbench.cli.output import country, emit, labelled, message_json, say, table, to_plain
from workbench.cli.session import actor, assignments, fmt, workspace
from workbench.domain.catalogue import render
from workbench.domain.errors import UserError, field_label
from workbench.domain.field_specs import FieldKind
from workbench.domain.project import Programme
from workbench.domain.stages import Stage
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


def cmd_demo(args: argparse.Namespace) -> int:
    from workbench.services.demo.demo import create_demo  # the demo's data (boundaries, forests) only for this command

    with workspace(args, create=True) as ws:
        changes = create_demo(ws, actor())
        created = [c.result for c in changes if c.action == "project.create"]
        listed = projects.list_projects(ws)
    text = "\n".join(say("cli.project.created", number=c["id"], code=c["code"]) for c in created) or say("cli.demo.already")
    emit(fmt(args), {"created": created, "projects": listed}, f"{text}\n{say('cli.demo.workspace', location=ws.location)}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        rows = projects.list_projects(ws, args.search or "")
    zh = args.message_lang == "zh"
    text = table(
        [[r.id, r.code, labelled(Programme, r.programme), country(r.host_country), r.methodology_id, labelled(Stage, r.stage),
          (r.title_zh or r.title_en) if zh else (r.title_en or r.title_zh)] for r in rows],
        ["cli.col.id", "cli.col.code", "cli.col.programme", "cli.col.host", "cli.col.methodology", "cli.col.stage", "cli.col.title"],
    )
    emit(fmt(args), rows, text if rows else say("cli.project.none"))
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
            "reasons": [{"code": r.code, **message_json(r.text), "due": r.due, "provisional": r.provisional} for r in m.reasons],
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
        "history": [{**to_plain(record), "reason": message_json(record.reason)} for record in snap.history],
        "next": moves,
        "tasks": [{"code": t.code, "en": t.text.en, "zh": t.text.zh} for t in view.tasks],
    }
    first, second = (h.title_zh, h.title_en) if lang == "zh" else (h.title_en, h.title_zh)
    lines = [
        render("cli.show.header", lang, code=h.code, number=view.id, version=view.version, title=first or second),
        f"  {second}" if first and second else "",
        render("cli.show.programme", lang, programme=h.programme, sector=h.sector, host=country(h.host_country),
               methodology=data["methodology"] or "-"),
        (render("cli.show.agreement", lang, agreement=h.agreement) if h.agreement_id
         else render("cli.show.agreement_unrecorded", lang, agreement=h.agreement) if h.agreement else ""),
        render("cli.show.stage", lang, stage=snap.stage, since=snap.stage_since),
        render("cli.show.parties", lang),
        *(render("cli.show.party", lang, number=p.id, role=p.role, name=(p.name_zh or p.name_en) if lang == "zh" else (p.name_en or p.name_zh),
                 nationality=p.nationality, country=country(p.country)) for p in snap.parties),
        render("cli.show.sites", lang),
        *(render("cli.show.site", lang, number=s.id, name=s.name, latitude=s.latitude, longitude=s.longitude) for s in snap.sites),
        render("cli.show.next", lang),
    ]
    for m in view.next_moves:
        lines.append(render("cli.show.move", lang, stage=m.transition.target, label=m.transition.label,
                            state=Text("ui.allowed") if m.allowed else Text("ui.blocked")))
        lines += [render("cli.show.reason", lang, reason=r.text) for r in m.reasons]
    if view.tasks:
        lines += [render("cli.show.tasks", lang), *(render("cli.show.task", lang, task=t.text) for t in view.tasks)]
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
    done = say("cli.project.created", number=change.result["id"], code=change.result["code"])
    emit(fmt(args), change.result, f"{done}\n{say('cli.project.agreement_waiting', agreement=waiting)}" if waiting else done)
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    values = assignments(args.set)
    if not values:
        raise UserError("error.commands_project.nothing_to_change_give_set_field", field="project_update")
    with workspace(args) as ws:
        change = projects.update_project(ws, actor(), args.project, values, args.reason or "", seen=args.if_version)
    changed = {k: v for e in change.entities for k, v in e.changed_fields().items()}
    text = "\n".join(say("cli.project.changed", field=field_label(k), before=shown_value(k, a), after=shown_value(k, b))
                     for k, (a, b) in changed.items())
    emit(fmt(args), {"changed": changed}, text or say("cli.nothing_changed"))


def shown_value(key: str, value: object) -> str:
    """A project field's value as a user reads it: a closed set by its label, a country by its name."""
    spec = projects.PROJECT_FIELDS.get(key)
    if value in (None, ""):
        return "-"
    if spec is not None and spec.kind is FieldKind.ENUM and spec.enum is not None:
        return labelled(spec.enum, value)
    if spec is not None and spec.kind is FieldKind.COUNTRY:
        return country(value)
    return str(value)
    return 0


def cmd_party_add(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        change = parties.add_party(ws, actor(), args.project, assignments(args.set))
    emit(fmt(args), change.result, say("cli.party.added", number=change.result["id"]))
    return 0


def cmd_site_add(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        change = parties.add_site(ws, actor(), args.project, assignments(args.set))
    emit(fmt(args), change.result, say("cli.site.added", number=change.result["id"]))
    return 0


def cmd_site_import(args: argparse.Namespace) -> int:
    from workbench.services.monitoring import site_import

    with workspace(args) as ws:
        change, report = site_import.import_boundaries(ws, actor(), args.project, args.file, layer=args.layer)
    lines = [say("cli.site.imported", count=len(report.parcels), area=change.result["area_ha"])]
    lines += [say("cli.site.parcel", name=name, area=area) for name, area in report.parcels]
    if report.too_small:
        lines.append(say("cli.site.too_small", minimum=report.minimum_m2, names=report.too_small))
    if report.skipped:
        lines.append(say("cli.site.skipped", names=report.skipped))
    if report.linearised:
        lines.append(say("cli.site.linearised", names=", ".join(report.linearised)))
    emit(fmt(args), {"parcels": report.parcels, "too_small": report.too_small, "minimum_m2": report.minimum_m2,
                     "skipped": report.skipped, "linearised": report.linearised}, "\n".join(lines))
    return 0


def cmd_advance(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        try:
            change = lifecycle.advance(ws, actor(), args.project, stage_named(args.stage), args.reason or "", args.evidence or "")
        except lifecycle.Blocked as blocked:
            raise UserError(blocked.text) from None
    emit(fmt(args), change.result, say("cli.stage.moved", stage=Stage(change.result["stage"])))


def stage_named(text: str) -> str:
    """A stage given by its value or by its label in either language (as ``project show`` lists the next ones)."""
    wanted = text.strip().casefold()
    return next((s.value for s in Stage if wanted in (s.label("zh").casefold(), s.label("en").casefold())), text)
    return 0


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    demo = nouns.add_parser("demo", parents=[common], help=say("cli.help.project.create_the_demo_projects"))
    demo.set_defaults(run=cmd_demo)

    project = nouns.add_parser("project", parents=[common], help=say("cli.help.project.projects")).add_subparsers(dest="verb", required=True)
    p = project.add_parser("list", parents=[common], help=say("cli.help.project.list_projects"))
    p.add_argument("--search", help=say("cli.help.project.text_in_code_or_titles"))
    p.set_defaults(run=cmd_list)
    p = project.add_parser("show", parents=[common], help=say("cli.help.project.a_project_its_stage_and"))
    p.add_argument("project", help=say("cli.help.project.id_or_code"))
    p.set_defaults(run=cmd_show)
    p = project.add_parser("create", parents=[common], help=say("cli.help.project.create_a_project"))
    for option, field in CREATE_OPTIONS.items():
        p.add_argument(option, dest=field)
    p.set_defaults(run=cmd_create)
    p = project.add_parser("update", parents=[common], help=say("cli.help.project.change_project_fields"))
    p.add_argument("project", help=say("cli.help.project.id_or_code"))
    p.add_argument("--set", action="append", metavar="FIELD=VALUE", help=say("cli.help.project.e_g_set_crediting_end"))
    p.add_argument("--reason")
    p.add_argument("--if-version", type=int, metavar="N",
                   help=say("cli.help.project.refuse_unless_the_project_is"))
    p.set_defaults(run=cmd_update)

    party = nouns.add_parser("party", parents=[common], help=say("cli.help.project.parties")).add_subparsers(dest="verb", required=True)
    p = party.add_parser("add", parents=[common], help=say("cli.help.project.add_a_party_set_role"))
    p.add_argument("project")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p.set_defaults(run=cmd_party_add)

    site = nouns.add_parser("site", parents=[common], help=say("cli.help.project.sites")).add_subparsers(dest="verb", required=True)
    p = site.add_parser("add", parents=[common], help=say("cli.help.project.add_a_site_set_name"))
    p.add_argument("project")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p.set_defaults(run=cmd_site_add)
    p = site.add_parser("import", parents=[common], help=say("cli.help.project.parcel_boundaries_from_geojson_kml"))
    p.add_argument("project")
    p.add_argument("file")
    p.add_argument("--layer", metavar="NAME", help=say("cli.help.project.layer_to_import"))
    p.set_defaults(run=cmd_site_import)

    stage = nouns.add_parser("stage", parents=[common], help=say("cli.help.project.lifecycle_stages")).add_subparsers(dest="verb", required=True)
    p = stage.add_parser("advance", parents=[common], help=say("cli.help.project.move_a_project_to_another"))
    p.add_argument("project")
    p.add_argument("stage")
    p.add_argument("--reason")
    p.add_argument("--evidence", help=say("cli.help.project.reference_or_path_of_the"))
    p.set_defaults(run=cmd_advance)
