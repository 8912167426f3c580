"""The whole schema: the foundation models plus every ``workbench/store/models_*.py`` module."""

from workbench.plugins import modules_matching
from workbench.store.models import Base

MODEL_MODULES = modules_matching("workbench.store", prefix="models_")

__all__ = ["Base", "MODEL_MODULES"]
