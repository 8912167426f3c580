"""The whole schema: the foundation models plus every capability's models module, listed by name so renaming a
file cannot silently drop its tables."""

from workbench.store import (
    models_boundaries,
    models_evidence,
    models_inventory,
    models_ledger,
    models_methodology,
    models_monitoring,
    models_periods,
    models_risks,
    models_team,
    models_validation,
)
from workbench.store.models import Base

MODEL_MODULES = (
    models_boundaries,
    models_evidence,
    models_inventory,
    models_ledger,
    models_methodology,
    models_monitoring,
    models_periods,
    models_risks,
    models_team,
    models_validation,
)

__all__ = ["Base", "MODEL_MODULES"]
