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
    key = methodology_id.strip().upper()
    for m in all_methodologies().values():
        if key in (m.id, m.full_id):
            return m
    known = ", ".join(sorted(all_methodologies()))
    raise UserError("error.loader.unknown_methodology_known", field="methodology", methodology_id=methodology_id, known=known)
