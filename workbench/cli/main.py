"""Entry point: ``workbench [--db PATH] [--format text|json] NOUN VERB ARGS…``.

Exit codes: 0 success; 2 user error (one line on stderr, nothing written); 1 unexpected fault (logged).
Language: ``--lang zh|en``, else ``WORKBENCH_LANG``, else the locale (any ``zh*`` gives Chinese). An error is one
line ``error: …`` in that language, or with ``--format json`` the object ``{"error": {"id", "message", "field"}}``.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import logging
import os
import sys
import traceback
from types import ModuleType

from workbench.cli.argparse_words import argparse_in
from workbench.cli.output import say, use_language
from workbench.domain.catalogue import render
from workbench.domain.errors import UserError
from workbench.domain.language import Language, choose_language
from workbench.domain.text import Text
from workbench.locale import ensure_compiled
from workbench.paths import log_file


# Every noun's commands, by the module that registers them — listed by name so renaming a file cannot silently drop a
# command (tests/unit/test_cli_nouns.py holds this table to what each module registers). A command imports only its
# own noun's module, and so only the services it uses: start-up is part of every command's time.
COMMAND_NOUNS = {
    "commands_deadlines": ("deadlines",),
    "commands_document": ("document",),
    "commands_evidence": ("evidence",),
    "commands_issuance": ("agreement", "account", "allocation", "issue", "ledger", "transfer", "retire", "cancel", "pledge",
                          "freeze", "release", "article6", "decision", "offset-check"),
    "commands_methodology": ("methodology", "estimate", "parameter", "grid-factor", "species", "fuel-default"),
    "commands_monitoring": ("meter", "monitoring", "period", "fieldbook"),
    "commands_project": ("demo", "project", "party", "site", "stage"),
    "commands_reliability": ("audit", "backup", "package"),
    "commands_risks": ("risk",),
    "commands_team": ("team",),
    "commands_validation": ("vvb", "finding"),
}
VALUED_OPTIONS = ("--db", "--format", "--lang")


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


def noun_of(argv: list[str]) -> str | None:
    """The noun a command line names (its first word that is no option nor an option's value), or None."""
    words = iter(argv)
    for arg in words:
        if arg in VALUED_OPTIONS:
            next(words, None)
        elif not arg.startswith("-"):
            return arg
    return None


def command_modules(noun: str | None) -> list[ModuleType]:
    """The module of ``noun``'s commands; every module when there is no such noun (help lists them all, and a
    mistyped noun is refused with every noun there is)."""
    names = [name for name, nouns in COMMAND_NOUNS.items() if noun in nouns] or list(COMMAND_NOUNS)
    return [importlib.import_module(f"workbench.cli.{name}") for name in names]


def _imported_at_start(noun: str | None, whole_process: bool) -> list[ModuleType]:
    """``command_modules(noun)``, with the garbage collector paused while they load: importing creates many objects
    and no garbage, and the collections it would trigger meanwhile take about a tenth of a command's start-up. When
    the command is the ``whole_process``, what is loaded by then lives to its end: frozen out of the collector's
    reach, no later collection walks it again (nor the ones at exit) — not when ``main`` is called within another
    program, whose objects would stay uncollected."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return command_modules(noun)
    finally:
        if whole_process:
            gc.freeze()
        if was_enabled:
            gc.enable()


def build_parser(modules: list[ModuleType] | None = None) -> Parser:
    parser = Parser(prog="workbench", description=say("cli.help.workbench"), parents=[common_options(False)])
    nouns = parser.add_subparsers(dest="noun", required=True, parser_class=Parser)
    common = common_options(True)
    for module in command_modules(None) if modules is None else modules:
        module.register(nouns, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    """The ``workbench`` program: ``argv`` None when it is the whole process (its entry point), else the words of
    a command run within another program; the exit status (0 done, 2 refused, 1 an unexpected fault, logged)."""
    whole_process = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    flag = requested(argv, "--lang")
    lang = choose_language(flag if flag in set(Language) else None, os.environ)
    ensure_compiled()
    use_language(lang)
    try:
        with argparse_in(lang):
            args = build_parser(_imported_at_start(noun_of(argv), whole_process)).parse_args(argv)
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
