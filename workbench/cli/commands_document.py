"""``document check``, ``document render`` (PDF) and ``document export-docx`` (Word)."""

from __future__ import annotations

import argparse

from workbench.cli.output import emit
from workbench.cli.session import actor, fmt, workspace
from workbench.services.documents import documents


def cmd_check(args):
    with workspace(args) as ws:
        missing = documents.check(ws, args.kind, args.project, actor().today, args.period or args.retirement)
    text = "\n".join(f"- {m.section.en}: {m.item.en}" for m in missing) or f"the {args.kind} is complete"
    emit(fmt(args), {"complete": not missing, "missing": missing}, text)


def cmd_render(args):
    with workspace(args) as ws:
        path = documents.render(ws, args.kind, args.project, args.lang or "zh", args.out, actor().today, final=args.final,
                                ref=args.period or args.retirement, font=args.font, archive=actor(), force=args.force)
    emit(fmt(args), {"file": str(path)}, f"wrote {path}" + (" and kept a copy in the workspace" if args.final else ""))


def cmd_export_docx(args):
    with workspace(args) as ws:
        path = documents.export_docx(ws, args.kind, args.project, args.lang or "zh", args.out, actor().today, final=args.final,
                                     ref=args.period or args.retirement, force=args.force)
    emit(fmt(args), {"file": str(path)}, f"wrote {path}")


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    d = nouns.add_parser("document", parents=[common], help="PDD, reports, statements, certificates").add_subparsers(dest="verb", required=True)
    for verb, run in (("check", cmd_check), ("render", cmd_render), ("export-docx", cmd_export_docx)):
        p = d.add_parser(verb, parents=[common])
        p.add_argument("kind", choices=documents.KINDS)
        p.add_argument("project")
        p.add_argument("--period", help="accounting period (monitoring report, allocation statement)")
        p.add_argument("--retirement", help="retired block id (certificate)")
        p.set_defaults(run=run)
        if verb in ("render", "export-docx"):
            p.add_argument("--out", required=True)
            p.add_argument("--force", action="store_true", help="replace the file if it exists")
            p.add_argument("--final", action="store_true", help="refuse if anything is missing; no DRAFT watermark")
            if verb == "render":
                p.add_argument("--font", help="TrueType CJK font file to embed")
