"""``evidence add/move/list/save/remove``: files kept in the workspace with their SHA-256 and retention date."""

from __future__ import annotations

import argparse

from workbench.cli.output import emit, table
from workbench.cli.session import actor, fmt, workspace
from workbench.services.documents import evidence


def cmd_add(args):
    with workspace(args) as ws:
        change = evidence.attach(ws, actor(), args.project, args.file, args.to, args.note)
    r = change.result
    text = (f"added evidence file {r['id']} (sha256 {r['sha256'][:12]}…), kept until {r['retain_until']}" if r["new"]
            else f"already stored as evidence file {r['id']}")
    emit(fmt(args), r, text)


def cmd_move(args):
    with workspace(args) as ws:
        change = evidence.move(ws, actor(), args.file, args.to)
    emit(fmt(args), {"file": args.file, **change.result}, f"evidence file {args.file} attached to {change.result.get('attached_to', 'the same record')}")


def cmd_list(args):
    today = actor().today
    with workspace(args) as ws:
        rows = evidence.list_files(ws, args.project)
        keep = evidence.project_retention(ws, args.project, today)
    data = [{"id": r.id, "kind": r.kind, "attached_to": r.attached_to, "name": r.name, "size": r.size, "sha256": r.sha256,
             "added_on": r.added_on, "added_by": r.added_by, "retain_until": r.retain_until,
             "retention_final": keep.final, "deletable": evidence.deletion_warning(r, today, keep) is None} for r in rows]
    emit(fmt(args), data, table([[d["id"], d["kind"], d["attached_to"] or "project", d["name"], f"{d['size']:,}", d["sha256"][:12],
                                  d["added_on"], d["retain_until"]] for d in data],
                                ["id", "kind", "attached to", "file", "bytes", "sha256", "added", "keep until"])
         + ("" if keep.final else f"\nkept at least {keep.years} years after the project's last reduction registration; "
            "the dates are the earliest possible while registrations may follow"))


def cmd_save(args):
    with workspace(args) as ws:
        out = evidence.save_copy(ws, args.file, args.out, force=args.force)
    emit(fmt(args), {"file": args.file, "out": str(out)}, f"wrote {out} (SHA-256 checked)")


def cmd_remove(args):
    with workspace(args) as ws:
        evidence.remove(ws, actor(), args.file, confirmed=args.confirm, reason=args.reason)
    emit(fmt(args), {"file": args.file, "removed": True}, f"evidence file {args.file} removed")


TO_HELP = ("finding:ID, engagement:ID, period:NUMBER or document:FILE-ID|KIND (an archived document; a kind names the newest), "
           "empty: the project")


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    e = nouns.add_parser("evidence", parents=[common], help="evidence files and archived documents").add_subparsers(dest="verb", required=True)
    p = e.add_parser("add", parents=[common], help="copy a file into the workspace")
    p.add_argument("project")
    p.add_argument("file")
    p.add_argument("--to", default="", help=TO_HELP)
    p.add_argument("--note", default="")
    p.set_defaults(run=cmd_add)
    p = e.add_parser("move", parents=[common], help="attach a stored file to another record of its project")
    p.add_argument("file", type=int)
    p.add_argument("--to", required=True, help=TO_HELP)
    p.set_defaults(run=cmd_move)
    p = e.add_parser("list", parents=[common])
    p.add_argument("project")
    p.set_defaults(run=cmd_list)
    p = e.add_parser("save", parents=[common], help="write a stored file out, checked against its SHA-256")
    p.add_argument("file", type=int)
    p.add_argument("--out", required=True)
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p.set_defaults(run=cmd_save)
    p = e.add_parser("remove", parents=[common], help="delete a stored file (inside its retention period: --confirm --reason)")
    p.add_argument("file", type=int)
    p.add_argument("--confirm", action="store_true")
    p.add_argument("--reason", default="")
    p.set_defaults(run=cmd_remove)
