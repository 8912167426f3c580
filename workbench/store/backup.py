"""Copies of a workspace file made with SQLite's online backup API (consistent even while in use)."""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from workbench.store.audit_anchor import copy_anchor, restore_anchor


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / f"{db_path.name}.backups"


def _copy(source: str, target: Path, *, uri: bool = False) -> None:
    """Copy a database page by page with SQLite's backup API (WAL content included)."""
    src = sqlite3.connect(source, uri=uri)
    try:
        dest = sqlite3.connect(target)
        try:
            src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()


STAMP = "%Y%m%dT%H%M%S%f"
NAMED = re.compile(r"-\d{8}T\d{12}-(.+)$")  # <stem>-<STAMP>-<label>


def make_backup(db_path: Path, label: str) -> Path:
    """Write ``<file>.backups/<stem>-<timestamp>-<label>.sqlite`` and return its path.

    The copy is made under a temporary name and renamed once complete, so a copy cut short (a full disk, a crash)
    never looks like a backup and never pushes a good one out. Errors: ``OSError`` or ``sqlite3.Error`` from the
    disk, with the temporary file removed.
    """
    target_dir = backup_dir(db_path)
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime(STAMP)
    target = target_dir / f"{db_path.stem}-{stamp}-{label}.sqlite"
    partial = target.with_name(target.name + ".part")
    try:
        _copy(str(db_path), partial)
        os.replace(partial, target)
        copy_anchor(db_path, target)  # the backup keeps the head its log had, to check it after a restore
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:  # removed meanwhile (another program pruning, the folder deleted)
        return None


def label_of(backup: Path) -> str:
    """Why a backup was made ("daily", "before-restore", "manual" …), from the name ``make_backup`` gave it."""
    named = NAMED.search(backup.stem)
    return named.group(1) if named else ""


def list_backups(db_path: Path) -> list[Path]:
    folder = backup_dir(Path(db_path).expanduser().resolve())
    try:
        found = [(p, _mtime(p)) for p in folder.glob("*.sqlite")] if folder.is_dir() else []
    except OSError:
        return []
    return [p for p, _ in sorted(((p, m) for p, m in found if m is not None), key=lambda pm: pm[1], reverse=True)]


def restore(db_path: Path, backup: str | Path) -> Path:
    """Replace the workspace with ``backup`` after checking it; the current file is backed up first.

    The copy goes through SQLite's backup API into the live file, so WAL content is handled and a reader never
    sees half a file.
    """
    from workbench.domain.errors import UserError

    db_path = Path(db_path).expanduser().resolve()
    source = Path(backup).expanduser().resolve()
    if not source.is_file():
        raise UserError("error.backup.no_such_backup", where=str(source))
    try:
        con = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            check = con.execute("PRAGMA integrity_check").fetchone()[0]
            con.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise UserError("error.backup.is_not_a_workspace_backup", where=str(source), exc=exc)
    if check != "ok":
        raise UserError("error.backup.failed_the_integrity_check", where=str(source), check=check)
    safety = make_backup(db_path, "before-restore") if db_path.exists() else db_path
    _copy(f"file:{source}?mode=ro", db_path, uri=True)
    restore_anchor(db_path, source)
    return safety


DAILY_KEEP = 10


def daily_backup_due(db_path: Path, now: datetime | None = None) -> bool:
    """Whether the newest backup is a day old or more (or there is none)."""
    now = now or datetime.now()
    existing = list_backups(db_path)
    newest = _mtime(existing[0]) if existing else None
    return newest is None or now.timestamp() - newest >= 86400


def daily_backup(db_path: Path, now: datetime | None = None) -> Path | None:
    """A rolling daily copy: made when the newest backup is a day old or more; the last ``DAILY_KEEP`` daily
    copies are kept (pre-migration and pre-restore copies are never pruned)."""
    if not daily_backup_due(db_path, now):
        return None
    made = make_backup(db_path, "daily")
    daily = [p for p in list_backups(db_path) if label_of(p) == "daily"]
    for old in daily[DAILY_KEEP:]:
        old.unlink(missing_ok=True)
    return made
