"""``document check``, ``document render`` (PDF) and ``document export-docx`` (Word)."""

from __future__ import annotations

import argparse

from workbench.cli.output import emit, say
from workbench.domain.vocabulary import DocumentKind
from workbench.cli.session import actor, fmt, workspace
from workbench.services.documents import documents


def cmd_check(args):
    with workspace(args) as ws:
        missing = documents.check(ws, args.kind, args.project, actor().today, args.period or args.retirement)
    text = "\n".join(say("cli.document.missing", section=m.section, item=m.item) for m in missing) or say(
        "cli.document.complete", kind=DocumentKind(args.kind))
    emit(fmt(args), {"complete": not missing, "missing": missing}, text)


def cmd_render(args):
    with workspace(args) as ws:
        path = documents.render(ws, args.kind, args.project, args.lang or "zh", args.out, actor().today, final=args.final,
                                ref=args.period or args.retirement, font=args.font, archive=actor(), force=args.force)
    emit(fmt(args), {"file": str(path)}, say("cli.document.archived" if args.final else "cli.wrote", file=path))


def cmd_export_docx(args):
    with workspace(args) as ws:
        path = documents.export_docx(ws, args.kind, args.project, args.lang or "zh", args.out, actor().today, final=args.final,
                                     ref=args.period or args.retirement, force=args.force)
    emit(fmt(args), {"file": str(path)}, say("cli.wrote", file=path))


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    d = nouns.add_parser("document", parents=[common], help=say("cli.help.document.pdd_reports_statements_certificates")).add_subparsers(dest="verb", required=True)
    for verb, run in (("check", cmd_check), ("render", cmd_render), ("export-docx", cmd_export_docx)):
        p = d.add_parser(verb, parents=[common])
        p.add_argument("kind", choices=list(DocumentKind))
        p.add_argument("project")
        p.add_argument("--period", help=say("cli.help.document.accounting_period_monitoring_report_allocation"))
        p.add_argument("--retirement", help=say("cli.help.document.retired_block_id_certificate"))
        p.set_defaults(run=run)
        if verb in ("render", "export-docx"):
            p.add_argument("--out", required=True)
            p.add_argument("--force", action="store_true", help=say("cli.help.document.replace_the_file_if_it"))
            p.add_argument("--final", action="store_true", help=say("cli.help.document.refuse_if_anything_is_missing"))
            if verb == "render":
                p.add_argument("--font", help=say("cli.help.document.truetype_cjk_font_file_to"))
