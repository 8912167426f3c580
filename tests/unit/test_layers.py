"""The layer arrows of HOUSE_STYLE.md hold: import-linter checks the contracts in pyproject.toml."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 7 kept, 0 broken" in result.stdout


def _modules(folder: str, pattern: str) -> set[str]:
    return {p.stem for p in (ROOT / folder).glob(pattern) if p.stem != "__init__"}


def test_every_contributing_module_is_registered_by_name():
    """Guards, facts, commands, pages, models and demo parts are listed explicitly; a file that contributes one
    but is missing from its list (say after a rename) would be silently dropped, so this fails instead."""
    from workbench.cli.main import COMMAND_NOUNS
    from workbench.domain.rules import GUARD_MODULES
    from workbench.services.demo.demo import EXTENSIONS
    from workbench.services.projects.lifecycle import FACT_MODULES
    from workbench.store.schema import MODEL_MODULES

    def names(modules) -> set[str]:
        return {m.__name__.rsplit(".", 1)[1] for m in modules}

    assert names(GUARD_MODULES) == _modules("workbench/domain", "*_guards.py")
    assert names(MODEL_MODULES) == _modules("workbench/store", "models_*.py")
    assert set(COMMAND_NOUNS) == _modules("workbench/cli", "commands_*.py")
    facts = {p.stem for p in (ROOT / "workbench/services").glob("*/*.py") if "def provide(" in p.read_text()}
    assert names(FACT_MODULES) == facts
    demo_parts = {p.stem for p in (ROOT / "workbench/services/demo").glob("*.py") if "def extend_demo(" in p.read_text()}
    assert names(EXTENSIONS) == demo_parts

