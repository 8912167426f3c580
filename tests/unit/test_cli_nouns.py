"""A command loads only its own noun's module: the table of nouns by module says what each module registers, and a
command line is parsed the same with that module alone as with all of them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.cli_helpers import run_cli
from workbench.cli.main import COMMAND_NOUNS, Parser, build_parser, command_modules, common_options, noun_of


def _registered(name: str) -> tuple[str, ...]:
    parser = Parser(prog="workbench")
    nouns = parser.add_subparsers(dest="noun", parser_class=Parser)
    (module,) = command_modules(COMMAND_NOUNS[name][0])
    assert module.__name__ == f"workbench.cli.{name}"
    module.register(nouns, common_options(True))
    return tuple(nouns.choices)


@pytest.mark.parametrize("name", sorted(COMMAND_NOUNS))
def test_each_module_registers_exactly_its_nouns(name):
    assert _registered(name) == COMMAND_NOUNS[name]


@pytest.mark.parametrize(("argv", "noun"), [
    (["monitoring", "import", "P", "f.csv"], "monitoring"),
    (["--db", "project", "monitoring", "list", "P"], "monitoring"),  # a workspace file named like a noun
    (["--lang", "zh", "--format", "json", "ledger", "P"], "ledger"),
    (["--db=w.sqlite", "period", "list", "P"], "period"),
    (["--help"], None),
    ([], None),
])
def test_the_noun_is_the_first_word_that_is_no_option_value(argv, noun):
    assert noun_of(argv) == noun


def test_one_module_parses_a_command_as_all_of_them_do():
    argv = ["--db", "w.sqlite", "monitoring", "import", "VN-OFW-01", "readings.csv", "--kind", "readings", "--dry-run"]
    alone = build_parser(command_modules(noun_of(argv))).parse_args(argv)
    every = build_parser().parse_args(argv)
    assert {k: v for k, v in vars(alone).items() if k != "run"} == {k: v for k, v in vars(every).items() if k != "run"}
    assert alone.run.__qualname__ == every.run.__qualname__ == "cmd_import"


def test_a_mistyped_noun_is_refused_naming_every_noun(capsys):
    result = run_cli(capsys, "monitorin", "list", "P")
    assert result.code == 2
    assert "monitoring" in result.err and "ledger" in result.err and "vvb" in result.err


def test_importing_readings_loads_no_documents_demo_or_plotting_code(tmp_path):
    """What a readings import does not use stays out of its start-up (Jinja2 and the PDF path, the demo's
    boundaries with shapely, the methodologies' numpy calculations)."""
    code = ("import sys; from workbench.cli.main import command_modules, build_parser;"
            "build_parser(command_modules('monitoring'));"
            "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'reportlab', 'shapely', 'numpy', 'pandas'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []
