"""What a workspace address is: a file's path, or a team database's URL (light enough for the window's first paint)."""

from __future__ import annotations

from pathlib import Path


def is_database_url(target: str | Path) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql:", "postgresql+"))


def place_name(target: str | Path) -> str:
    """What to call ``target`` while it opens: a file by its name, a team database as ``database@host`` (never its
    login or password)."""
    if not is_database_url(target):
        return Path(target).name
    from urllib.parse import urlsplit  # not SQLAlchemy's parser: it is not loaded before the workspace is

    parts = urlsplit(str(target))
    return f"{parts.path.lstrip('/') or '?'}@{parts.hostname or 'localhost'}"
