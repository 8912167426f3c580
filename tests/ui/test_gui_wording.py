"""A message that names a CLI command has GUI wording (``ID.gui``), and the GUI shows that instead."""

from __future__ import annotations

import re

from workbench.domain import catalogue
from workbench.domain.errors import UserError
from workbench.domain.text import Text
from workbench.locale.build import read
from workbench.ui.i18n import GUI, Language

CLI = re.compile(r"'workbench |workbench [a-z]+ (add|list|set|open|import|update|move|preload|sample)")
# Messages only the CLI or the command-line start shows (the GUI offers its own dialog for these)
CLI_ONLY = ("cli.", "error.team_db.", "error.damage.", "error.write_lock.", "error.package", "error.projects.no_project_with",
            "error.forestry_calc.unknown_species", "error.solar_thermal.unknown_fuel", "error.reference_editions.",
            "error.methodology.unknown_grid", "error.workspace.is_", "error.workspace.was_written", "error.team.",
            "fieldbook.")  # fieldbook.*: written into the field workbook, which names both ways to import it


def test_the_gui_variants_name_no_command_and_keep_the_parameters():
    ids = {m.id for m in read("en") if m.id}
    variants = [i for i in ids if i.endswith(GUI)]
    assert len(variants) >= 20
    for lang in ("en", "zh"):
        for gui in variants:
            base, shown = gui.removesuffix(GUI), catalogue.translations(lang).gettext(gui)
            assert base in ids and "workbench " not in shown, gui
            fields = set(re.findall(r"{(\w+)", catalogue.translations(lang).gettext(base)))
            assert set(re.findall(r"{(\w+)", shown)) <= fields, gui


def test_messages_the_gui_shows_that_name_a_command_have_gui_wording():
    ids = {m.id for m in read("en") if m.id}
    naming = [i for i in ids if CLI.search(catalogue.translations("en").gettext(i)) and not i.endswith(GUI)]
    missing = [i for i in naming if i + GUI not in ids and not i.startswith(CLI_ONLY)]
    assert missing == []


def test_the_gui_shows_the_gui_wording():
    for code in ("en", "zh"):
        lang = Language(code)
        shown = lang.error(UserError("error.accounting.no_accounting_period_in_this_project", ref="7"))
        assert "workbench" not in shown and "7" in shown
        assert "workbench" not in lang.pick(Text("issuance_guards.the_verified_period_s_units_have"))
    assert "'workbench period list'" in UserError("error.accounting.no_accounting_period_in_this_project", ref="7").in_lang("en")
