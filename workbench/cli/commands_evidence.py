"""``evidence add/move/list/save/remove``: files kept in the workspace with their SHA-256 and retention date."""

from __future__ import annotations

import argparse

from workbench.cli.output import emit, labelled, say, table
from workbench.domain.vocabulary import EvidenceKind
from workbench.cli.session import actor, fmt, workspace
from workbench.services.documents import evidence


def cmd_add(args):
    with workspace(args) as ws:
        change = evidence.attach(ws, actor(), args.project, args.file, args.to, args.note)
    r = change.result
    text = (say("cli.evidence.added", number=r["id"], sha256=r["sha256"][:12], until=r["retain_until"]) if r["new"]
            else say("cli.evidence.already", number=r["id"]))
    emit(fmt(args), r, text)


def cmd_move(args):
    with workspace(args) as ws:
        change = evidence.move(ws, actor(), args.file, args.to)
    emit(fmt(args), {"file": args.file, **change.result}, say("cli.evidence.moved", number=args.file, target=change.result["attached_to"]) if "attached_to" in change.result
                                                         else say("cli.evidence.not_moved", number=args.file))


def cmd_list(args):
    today = actor().today
    with workspace(args) as ws:
        rows = evidence.list_files(ws, args.project)
        keep = evidence.project_retention(ws, args.project, today)
    data = [{"id": r.id, "kind": r.kind, "attached_to": r.attached_to, "name": r.name, "size": r.size, "sha256": r.sha256,
             "added_on": r.added_on, "added_by": r.added_by, "retain_until": r.retain_until,
             "retention_final": keep.final, "deletable": evidence.deletion_warning(r, today, keep) is None} for r in rows]
    emit(fmt(args), data, table([[d["id"], labelled(EvidenceKind, d["kind"]), d["attached_to"], d["name"], f"{d['size']:,}", d["sha256"][:12],
                                  d["added_on"], d["retain_until"]] for d in data],
                                ["cli.col.id", "cli.col.kind", "cli.col.attached_to", "cli.col.file", "cli.col.bytes", "cli.col.sha256",
                                 "cli.col.added_on", "cli.col.keep_until"])
         + ("" if keep.final else "\n" + say("cli.evidence.retention", years=keep.years)))


def cmd_save(args):
    with workspace(args) as ws:
        out = evidence.save_copy(ws, args.file, args.out, force=args.force)
    emit(fmt(args), {"file": args.file, "out": str(out)}, say("cli.evidence.saved", file=out))


def cmd_remove(args):
    with workspace(args) as ws:
        evidence.remove(ws, actor(), args.file, confirmed=args.confirm, reason=args.reason)
    emit(fmt(args), {"file": args.file, "removed": True}, say("cli.evidence.removed", number=args.file))


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    e = nouns.add_parser("evidence", parents=[common], help=say("cli.help.evidence.evidence_files_and_archived_documents")).add_subparsers(dest="verb", required=True)
    p = e.add_parser("add", parents=[common], help=say("cli.help.evidence.copy_a_file_into_the"))
    p.add_argument("project")
    p.add_argument("file")
    p.add_argument("--to", default="", help=say("cli.help.evidence.to"))
    p.add_argument("--note", default="")
    p.set_defaults(run=cmd_add)
    p = e.add_parser("move", parents=[common], help=say("cli.help.evidence.attach_a_stored_file_to"))
    p.add_argument("file", type=int)
    p.add_argument("--to", required=True, help=say("cli.help.evidence.to"))
    p.set_defaults(run=cmd_move)
    p = e.add_parser("list", parents=[common])
    p.add_argument("project")
    p.set_defaults(run=cmd_list)
    p = e.add_parser("save", parents=[common], help=say("cli.help.evidence.write_a_stored_file_out"))
    p.add_argument("file", type=int)
    p.add_argument("--out", required=True)
    p.add_argument("--force", action="store_true", help=say("cli.help.evidence.replace_the_file_if_it"))
    p.set_defaults(run=cmd_save)
    p = e.add_parser("remove", parents=[common], help=say("cli.help.evidence.delete_a_stored_file_inside"))
    p.add_argument("file", type=int)
    p.add_argument("--confirm", action="store_true")
    p.add_argument("--reason", default="")
    p.set_defaults(run=cmd_remove)
