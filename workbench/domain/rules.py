"""Imports every module that registers stage guards, so ``GUARDS`` is complete once this is imported."""

from workbench.domain import lifecycle_guards  # noqa: F401
from workbench.domain.guards import GUARDS

__all__ = ["GUARDS"]
