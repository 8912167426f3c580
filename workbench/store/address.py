"""What a workspace address is: a file's path, or a team database's URL (light enough for the window's first paint)."""

from __future__ import annotations

from pathlib import Path


def is_database_url(target: str | Path) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql:", "postgresql+"))
