"""Copies of a workspace file made with SQLite's online backup API (consistent even while in use)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / f"{db_path.name}.backups"


def make_backup(db_path: Path, label: str) -> Path:
    """Write ``<file>.backups/<stem>-<timestamp>-<label>.sqlite`` and return its path."""
    target_dir = backup_dir(db_path)
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    target = target_dir / f"{db_path.stem}-{stamp}-{label}.sqlite"
    source = sqlite3.connect(db_path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target
