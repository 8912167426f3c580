"""Imports every module that registers stage guards (``workbench/domain/*_guards.py``), so ``GUARDS`` is
complete once this is imported."""

import importlib
import pkgutil

import workbench.domain as _domain
from workbench.domain.guards import GUARDS

for _module in sorted(m.name for m in pkgutil.iter_modules(_domain.__path__) if m.name.endswith("_guards")):
    importlib.import_module(f"workbench.domain.{_module}")

__all__ = ["GUARDS"]
