"""Where the workbench keeps its files on this machine (platformdirs)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_cache_path, user_data_path, user_log_path

APP = "ccer-workbench"


def data_dir() -> Path:
    path = user_data_path(APP, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Where tables built from installed libraries' data are kept between runs (safe to delete)."""
    return user_cache_path(APP, appauthor=False)


def default_workspace() -> Path:
    return data_dir() / "workspace.sqlite"


def log_file() -> Path:
    path = user_log_path(APP, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path / "workbench.log"
