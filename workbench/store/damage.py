"""Damaged workspace files: found without slowing every start-up, refused before anything is written to them.

``PRAGMA quick_check`` reads every page, so it runs only when there is reason to doubt the file: a program that
had it open did not close it (its marker is still there and the process is gone), the day's first opening (the
daily backup reads every page anyway, and a damaged file must not push a good backup out), or any database error
other than a busy or full disk.
"""

from __future__ import annotations

import os
from urllib.parse import quote
import sqlite3
from pathlib import Path

from workbench.domain.errors import UserError


class DamagedWorkspace(UserError):
    """The workspace file ``path`` fails SQLite's check (``problem``); nothing is written to it."""

    path: Path
    problem: str


def damaged(path: Path, problem: str) -> DamagedWorkspace:
    error = DamagedWorkspace("error.damage.the_workspace_file_is_damaged_nothing", where=str(path), problem=problem, path=path)
    error.path, error.problem = path, problem
    return error


CORRUPT = ("malformed", "not a database", "corrupt")


def read_only_uri(path: Path) -> str:
    """An SQLite URI that reads ``path`` without writing anything; ``immutable`` where even SQLite's -shm file
    cannot be made (a read-only folder or disk) — nobody can be changing the file from here then."""
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)
    # percent-encoded: a '#' or '?' in a file name would otherwise end the path and SQLite open (create) another file
    return f"file:{quote(path.as_posix(), safe='/:')}?mode=ro" + ("" if writable else "&immutable=1")


def quick_check(path: Path) -> str | None:
    """The first problems ``PRAGMA quick_check`` finds in the file, or None when it is sound — or cannot be checked
    right now (a full disk, no permission: no evidence of damage, and the caller's own error says what happened)."""
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            rows = [r[0] for r in con.execute("PRAGMA quick_check(5)")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return str(exc) if any(word in str(exc).lower() for word in CORRUPT) else None
    return None if rows == ["ok"] else "; ".join(rows)


def refuse_if_damaged(path: Path) -> None:
    problem = quick_check(path)
    if problem:
        raise damaged(path, problem)


def _hostname() -> str:
    import socket  # only where a marker is made or read: the window's first paint reads the file without either

    return socket.gethostname()


def _marker_prefix(path: Path) -> str:
    return f".{path.name}.open-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def left_open(path: Path) -> list[Path]:
    """Markers of programs on this computer that had ``path`` open and ended without closing it."""
    host = _hostname()
    stale = []
    for marker in path.parent.glob(_marker_prefix(path) + "*"):
        owner = marker.name.removeprefix(_marker_prefix(path))
        marker_host, _, pid = owner.rpartition("-")
        if marker_host == host and pid.isdigit() and not _alive(int(pid)):
            stale.append(marker)
    return stale


def mark_open(path: Path) -> Path | None:
    """Leave a marker that this program has ``path`` open (None when the folder cannot be written)."""
    marker = path.parent / f"{_marker_prefix(path)}{_hostname()}-{os.getpid()}"
    try:
        marker.touch()
    except OSError:
        return None
    return marker


def check_after_unclean_shutdown(path: Path) -> None:
    """Quick-check ``path`` when a program that had it open ended without closing it; clear its markers if sound."""
    stale = left_open(path)
    if not stale:
        return
    refuse_if_damaged(path)
    for marker in stale:
        marker.unlink(missing_ok=True)
