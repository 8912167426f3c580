"""Entry point: ``workbench [--db PATH] [--format text|json] NOUN VERB ARGS…``.

Exit codes: 0 success; 2 user error (one line on stderr, nothing written); 1 unexpected fault (logged).
Language: ``--lang zh|en``, else ``WORKBENCH_LANG``, else the locale (any ``zh*`` gives Chinese). An error is one
line ``error: …`` in that language, or with ``--format json`` the object ``{"error": {"id", "message", "field"}}``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import traceback

from workbench.cli.output import say, use_language
from workbench.domain.catalogue import render
from workbench.domain.errors import UserError
from workbench.domain.language import Language, choose_language
from workbench.domain.text import Text
from workbench.locale import ensure_compiled
from workbench.paths import log_file
from workbench.cli import (
    commands_deadlines,
    commands_document,
    commands_evidence,
    commands_issuance,
    commands_methodology,
    commands_monitoring,
    commands_project,
    commands_reliability,
    commands_risks,
    commands_team,
    commands_validation,
)


# Every noun's commands, listed by name so renaming a file cannot silently drop a command.
COMMAND_MODULES = (
    commands_deadlines,
    commands_document,
    commands_evidence,
    commands_issuance,
    commands_methodology,
    commands_monitoring,
    commands_project,
    commands_reliability,
    commands_risks,
    commands_team,
    commands_validation,
)


class ArgumentError(UserError):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would exit on its own; we want exit 2 and one line
        raise ArgumentError(Text("cli.bad_arguments", prog=self.prog, detail=message))


def common_options(suppress: bool) -> argparse.ArgumentParser:
    """--db and --format, accepted before or after the subcommand."""
    parent = argparse.ArgumentParser(add_help=False)
    default = argparse.SUPPRESS if suppress else None
    parent.add_argument("--db", metavar="PATH", default=default, help=say("cli.help.db"))
    parent.add_argument("--format", choices=["text", "json"], default=default if suppress else "text", help=say("cli.help.format"))
    parent.add_argument("--lang", choices=[*(lang.value for lang in Language), "bilingual"], default=default,
                        help=say("cli.help.lang"))
    return parent


def requested(argv: list[str], option: str) -> str | None:
    """The value of ``option`` wherever it stands in ``argv`` — known even when parsing fails."""
    for index, arg in enumerate(argv):
        if arg == option and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith(option + "="):
            return arg.split("=", 1)[1]
    return None


def report(exc: UserError, lang: Language, fmt: str | None) -> None:
    if fmt == "json":
        sys.stderr.write(json.dumps({"error": exc.as_json(lang)}, ensure_ascii=False) + "\n")
    else:
        sys.stderr.write(render("cli.error", lang, message=exc.in_lang(lang)) + "\n")


def build_parser() -> Parser:
    parser = Parser(prog="workbench", description=say("cli.help.workbench"), parents=[common_options(False)])
    nouns = parser.add_subparsers(dest="noun", required=True, parser_class=Parser)
    common = common_options(True)
    for module in COMMAND_MODULES:
        module.register(nouns, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    flag = requested(argv, "--lang")
    lang = choose_language(flag if flag in set(Language) else None, os.environ)
    ensure_compiled()
    use_language(lang)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        args.message_lang = lang
        return int(args.run(args) or 0)  # commands return None for success
    except UserError as exc:
        report(exc, lang, requested(argv, "--format"))
        return 2
    except BrokenPipeError:  # output piped into a reader that stopped early (e.g. head)
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        sys.stderr.write(say("cli.interrupted") + "\n")
        return 2
    except Exception:  # noqa: BLE001 - last resort: log it, never show a traceback
        path = log_file()
        logging.basicConfig(filename=path, level=logging.ERROR)
        logging.getLogger("workbench").error("unexpected fault in %s\n%s", argv or sys.argv[1:], traceback.format_exc())
        sys.stderr.write(say("cli.fault", path=path) + "\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
