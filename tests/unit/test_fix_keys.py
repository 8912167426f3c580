"""Every reason a stage guard gives names the fix that clears it, as a stable key of ``Fix``."""

from __future__ import annotations

import ast
import inspect

from workbench.domain import crediting, guards
from workbench.domain.fixes import Fix
from workbench.domain.rules import GUARD_MODULES


def reason_calls(module) -> list[ast.Call]:
    tree = ast.parse(inspect.getsource(module))
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "Reason"]


def test_every_reason_built_in_the_domain_passes_a_fix_key():
    modules = (*GUARD_MODULES, crediting, guards)
    calls = [(m.__name__, c) for m in modules for c in reason_calls(m)]
    assert len(calls) >= 20  # the guards of every capability were read
    missing = [f"{name}:{c.lineno}" for name, c in calls if not any(k.arg == "fix" for k in c.keywords)]
    assert missing == []


def test_fix_keys_are_plain_distinct_strings():
    values = [f.value for f in Fix]
    assert len(set(values)) == len(values)
    assert all(v == v.lower() and " " not in v for v in values)
