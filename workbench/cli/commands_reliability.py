"""``audit verify``, ``audit log``, ``backup list``, ``backup restore``."""

from __future__ import annotations

import argparse

from workbench.cli.output import emit, labelled, language, message_json, say, table
from workbench.domain.catalogue import has
from workbench.cli.session import fmt, workspace, workspace_path
from workbench.domain.catalogue import render
from workbench.domain.errors import UserError
from workbench.domain.text import Text, line_text
from workbench.domain.vocabulary import PackageAction, PackageSide
from workbench.services.history import audit
from workbench.store import backup


def cmd_verify(args):
    with workspace(args) as ws:
        report = audit.verify(ws)
    if not report.intact:
        raise UserError("error.commands_reliability.audit_log_broken_after_intact_entries", value=report.entries - 1, problem=report.problem)
    if report.ledger_problems:
        raise UserError("error.commands_reliability.the_audit_log_is_unbroken_but", value=list(report.ledger_problems[:5]))
    lang = args.message_lang
    if report.confirmed:
        text = render("cli.audit.intact", lang, entries=report.entries) if ws.path else \
            render("cli.audit.intact_team", lang, entries=report.entries)
        text += f" ({report.note.in_lang(lang)})" if isinstance(report.note, Text) else ""
    else:
        note = report.note.in_lang(lang) if isinstance(report.note, Text) else report.note
        text = render("cli.audit.unconfirmed", lang, entries=report.entries, note=note)
    emit(fmt(args), report, text)


def cmd_log(args):
    with workspace(args) as ws:
        rows = audit.log(ws, args.project)
    data = [{"id": r.id, "at": r.at, "actor": r.actor, "action": r.action, "reason": message_json(line_text(r.reason))} for r in rows]
    emit(fmt(args), data, table([[d["id"], d["at"], d["actor"], action(d["action"]), d["reason"]["message"]] for d in data],
                                ["cli.col.id", "cli.col.at", "cli.col.by", "cli.col.action", "cli.col.reason"]))


def action(code: str) -> str:
    """An audit entry's action by its label (``action.<code>``); an action of a newer version as its code."""
    return say(f"action.{code}") if has(f"action.{code}", language()) else code


def cmd_backups(args):
    items = backup.list_backups(workspace_path(args))
    emit(fmt(args), [{"file": str(p), "bytes": p.stat().st_size} for p in items],
         "\n".join(str(p) for p in items) or say("cli.backup.none"))


def cmd_restore(args):
    target = workspace_path(args)
    safety = backup.restore(target, args.backup)
    emit(fmt(args), {"restored": args.backup, "previous_copy": str(safety)}, say("cli.backup.restored", backup=args.backup, kept=safety))


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    a = nouns.add_parser("audit", parents=[common], help=say("cli.help.reliability.the_hash_chained_audit_log")).add_subparsers(dest="verb", required=True)
    p = a.add_parser("verify", parents=[common], help=say("cli.help.reliability.detect_edited_deleted_inserted_or"))
    p.set_defaults(run=cmd_verify)
    p = a.add_parser("log", parents=[common], help=say("cli.help.reliability.a_project_s_audit_entries"))
    p.add_argument("project")
    p.set_defaults(run=cmd_log)
    b = nouns.add_parser("backup", parents=[common], help=say("cli.help.reliability.copies_of_the_workspace_file")).add_subparsers(dest="verb", required=True)
    p = b.add_parser("list", parents=[common])
    p.set_defaults(run=cmd_backups)
    p = b.add_parser("restore", parents=[common], help=say("cli.help.reliability.replace_the_workspace_with_a"))
    p.add_argument("backup")
    p.set_defaults(run=cmd_restore)
    register_packages(nouns, common)


def cmd_package_export(args):
    from workbench.cli.session import actor
    from workbench.services.sharing import packages

    with workspace(args) as ws:
        path = packages.export_package(ws, actor(), args.project, args.out, force=args.force)
    emit(fmt(args), {"file": str(path)}, say("cli.wrote", file=path))


def _choices(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        ref, _, side = pair.rpartition("=")
        if not ref:
            raise UserError("error.commands_reliability.choose_write_ref_local_or_ref", pair=pair)
        out[ref] = side
    return out


def cmd_package_import(args):
    from workbench.cli.session import actor
    from workbench.services.sharing import packages
    from workbench.services.sharing.package_merge import choose

    choices = _choices(args.choose or [])
    if choices and args.take != "merge":
        raise UserError("error.commands_reliability.choose_settles_differences_of_a_merge")
    with workspace(args, create=True) as ws:
        _, report = packages.import_package(ws, actor(), args.file, take=args.take, new_code=args.as_new_copy, choices=choices,
                                            dry_run=args.dry_run)
    lines = [say("cli.package.result_rows" if report.rows else "cli.package.result", project=report.project,
                 action=labelled(PackageAction, report.action), rows=report.rows)]
    side = lambda d: labelled(PackageSide, choose(d, choices) if args.take == "merge" or not args.take else args.take)  # noqa: E731
    lines += [say("cli.package.difference", side=side(d), difference=d.describe()) for d in report.differences[:200]]
    if len(report.differences) > 200:
        lines.append(say("cli.package.more", count=len(report.differences) - 200))
    lines += [say("cli.package.left_out", row=x) for x in report.left_out]
    lines += [say("cli.package.note", note=x) for x in report.notes]
    if report.audit is not None:
        lines.append("  " + say("cli.package.audit", note=report.audit.note))
    emit(fmt(args), report, "\n".join(lines))


def register_packages(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    pk = nouns.add_parser("package", parents=[common], help=say("cli.help.reliability.one_project_as_a_file")).add_subparsers(dest="verb", required=True)
    p = pk.add_parser("export", parents=[common])
    p.add_argument("project")
    p.add_argument("--out", required=True, metavar="FILE.ccerpkg")
    p.add_argument("--force", action="store_true", help=say("cli.help.reliability.replace_the_file_if_it"))
    p.set_defaults(run=cmd_package_export)
    p = pk.add_parser("import", parents=[common], help=say("cli.help.reliability.checked_whole_before_anything_is"))
    p.add_argument("file")
    p.add_argument("--take", choices=[*PackageSide, "merge"],
                   help=say("cli.help.reliability.when_the_project_exists_and"))
    p.add_argument("--choose", action="append", metavar="REF=local|incoming",
                   help=say("cli.help.reliability.with_take_merge_settle_one"))
    p.add_argument("--as-new-copy", metavar="CODE", help=say("cli.help.reliability.import_as_a_separate_project"))
    p.add_argument("--dry-run", action="store_true")
    p.set_defaults(run=cmd_package_import)
