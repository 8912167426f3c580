"""Every module that registers stage guards, listed by name (renaming a file cannot silently drop a guard), so
``GUARDS`` is complete once this is imported."""

from workbench.domain import (
    crediting_guards,
    eligibility_guards,
    issuance_guards,
    lifecycle_guards,
    registration_guards,
    validation_guards,
)
from workbench.domain.guards import GUARDS

GUARD_MODULES = (
    crediting_guards,
    eligibility_guards,
    issuance_guards,
    lifecycle_guards,
    registration_guards,
    validation_guards,
)

__all__ = ["GUARDS", "GUARD_MODULES"]
