"""Finding the modules each capability contributes, by name, so no shared list has to be edited."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def modules_matching(package: str, prefix: str = "", suffix: str = "") -> list[ModuleType]:
    """Import every module of ``package`` whose name starts with ``prefix`` and ends with ``suffix``, sorted."""
    pkg = importlib.import_module(package)
    names = sorted(
        m.name for m in pkgutil.iter_modules(pkg.__path__) if m.name.startswith(prefix) and m.name.endswith(suffix)
    )
    return [importlib.import_module(f"{package}.{name}") for name in names]
