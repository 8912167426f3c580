"""Finds every methodology package in ``methodologies/``: each exposes ``METHODOLOGY``."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

import methodologies
from workbench.domain.errors import UserError
from workbench.methodology.protocol import Methodology


@lru_cache(maxsize=1)
def all_methodologies() -> dict[str, Methodology]:
    found: dict[str, Methodology] = {}
    for module in sorted(pkgutil.iter_modules(methodologies.__path__), key=lambda m: m.name):
        if module.ispkg:
            m = importlib.import_module(f"methodologies.{module.name}").METHODOLOGY
            found[m.id] = m
    return found


def get(methodology_id: str) -> Methodology:
    """The methodology by its id (``CCER-01-002``) or its id with version (``CCER-01-002-V01``): its package alone is
    imported when ``methodologies.PACKAGES`` names it. Raises UserError naming the known ids for any other."""
    key = methodology_id.strip().upper()
    package = methodologies.PACKAGES.get(key) or methodologies.PACKAGES.get(key.rsplit("-", 1)[0])
    candidates = [importlib.import_module(f"methodologies.{package}").METHODOLOGY] if package else all_methodologies().values()
    for m in candidates:
        if key in (m.id, m.full_id):
            return m
    known = ", ".join(sorted(all_methodologies()))
    raise UserError("error.loader.unknown_methodology_known", field="methodology", methodology_id=methodology_id, known=known)
