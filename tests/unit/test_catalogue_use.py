"""No user-facing wording bypasses the catalogue: errors, fixed bilingual texts and Chinese literals in code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from workbench.domain.errors import MESSAGE_ID

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
ERRORS = {"UserError", "NotFound", "ArgumentError", "Blocked"}
# Where every fixed wording must come from the catalogue. Not yet (listed in issue 20's note): the importers' column
# aliases (services/monitoring).
WORDED = ("workbench/domain", "workbench/methodology", "methodologies", "workbench/ui", "workbench/cli",
          "workbench/services/projects", "workbench/services/validation", "workbench/services/issuance")


def sources(*tops: str):
    for top in tops:
        path = ROOT / top
        for file in [path] if path.suffix == ".py" else sorted(path.rglob("*.py")):
            yield file, ast.parse(file.read_text(encoding="utf-8"))


def is_text(node: ast.AST) -> bool:
    """A literal or f-string, possibly glued with +: wording written in the code."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    return isinstance(node, ast.BinOp) and (is_text(node.left) or is_text(node.right))


def call_name(node: ast.Call) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(node.func, ast.Attribute) else ""


# workbench/documents is being rewritten (ReportLab-native PDFs, issue 22); its few messages move in after that merge.
CONVERTED = ["methodologies", *(f"workbench/{c.name}" for c in sorted((ROOT / "workbench").iterdir())
                                if c.name not in ("documents", "__pycache__") and (c.is_dir() or c.suffix == ".py"))]


def test_every_user_error_is_a_catalogue_message():
    found = []
    for file, tree in sources(*CONVERTED):
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and call_name(node) in ERRORS and node.args and is_text(node.args[0]):
                first = node.args[0]
                if not (isinstance(first, ast.Constant) and MESSAGE_ID.match(first.value)):
                    found.append(f"{file.relative_to(ROOT)}:{node.lineno}")
    assert found == [], "UserError with wording instead of a message id: " + ", ".join(found)


def test_no_fixed_bilingual_wording_in_code():
    found = []
    for file, tree in sources("workbench", "methodologies"):
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and call_name(node) in {"Bilingual", "B"} and len(node.args) == 2
                    and all(is_text(a) for a in node.args) and any(not (isinstance(a, ast.Constant) and a.value == "") for a in node.args)):
                found.append(f"{file.relative_to(ROOT)}:{node.lineno}")
    assert found == [], "Bilingual(...) wording that belongs in the catalogue: " + ", ".join(found)


def test_no_chinese_wording_in_code_outside_the_catalogue():
    found = []
    for file, tree in sources(*WORDED):
        docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings and CJK.search(node.value):
                found.append(f"{file.relative_to(ROOT)}:{node.lineno} {node.value[:30]!r}")
    assert found == [], "Chinese text written in code: " + ", ".join(found)


# Two words of English (or one followed by a colon): wording, not a value, a key, an option or a format.
ENGLISH = re.compile(r"[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}|[A-Za-z]{3,}:\s")


LOG_CALLS = {"debug", "info", "warning", "error", "exception"}  # the log file is for developers, in English


def test_the_cli_writes_no_wording_of_its_own():
    """Every heading, column title, status line, confirmation and help text of the CLI is a catalogue message."""
    found = []
    for file, tree in sources("workbench/cli"):
        if file.name == "argparse_words.py":  # argparse's own messages, as keys to look up in the catalogue
            continue
        docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
        logged = {id(a) for n in ast.walk(tree) if isinstance(n, ast.Call) and call_name(n) in LOG_CALLS for a in n.args}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings | logged
                    and ENGLISH.search(node.value)):
                found.append(f"{file.relative_to(ROOT)}:{node.lineno} {node.value[:40]!r}")
    assert found == [], "wording written in the CLI's code: " + ", ".join(found)
