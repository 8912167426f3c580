"""The write lock every action takes before it reads what it will change (CONTRACTS.md §10), and what the database
says when it cannot do what an action asked, put in words a user can act on.

One writer at a time, taken first: on SQLite ``BEGIN IMMEDIATE`` (the reserved lock, before the first read, so
what an action reads — the last audit hash among it — cannot change under it); on PostgreSQL a row lock on
``write_lock`` (``SELECT … FOR UPDATE`` needs UPDATE on that table, which reviewers do not hold, so a read-only
login cannot stall the writers the way anyone could with an advisory lock). A second program waits up to
``WORKBENCH_BUSY_TIMEOUT`` seconds (30 by default) and then gets a user error, not a fault.
"""

from __future__ import annotations

import os

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from workbench.domain.errors import UserError

DEFAULT_BUSY_SECONDS = 30
BUSY = "error.write_lock.busy"  # the workspace is busy in another program; try again


class WorkspaceBusy(UserError):
    """Another program held the write lock for longer than the busy timeout."""


class StorageFault(UserError):
    """The disk or the file refused a write (full, read-only, damaged); nothing of the action was saved."""


def busy_timeout_seconds() -> float:
    """``WORKBENCH_BUSY_TIMEOUT`` in seconds (default 30); a value that is not a number ≥ 0 is a user error."""
    raw = os.environ.get("WORKBENCH_BUSY_TIMEOUT", "").strip()
    if not raw:
        return DEFAULT_BUSY_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1
    if not 0 <= seconds < 86400:
        raise UserError("error.write_lock.is_not_a_number_of_seconds", where="WORKBENCH_BUSY_TIMEOUT", raw=raw)
    return seconds


def take_write_lock(session: Session) -> None:
    """Hold the workspace's write lock until ``session``'s transaction ends; call it before the first statement."""
    if session.info.get("write_locked"):
        return
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        session.info["write_locked"] = True
        return
    connection.execute(text(f"SET LOCAL lock_timeout = '{int(busy_timeout_seconds() * 1000)}ms'"))
    if connection.execute(text("SELECT id FROM write_lock WHERE id = 1 FOR UPDATE")).first() is None:
        raise UserError("error.write_lock.the_team_database_s_write_lock", field="write_lock")
    session.info["write_locked"] = True


def _message(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)


def storage_error(exc: DBAPIError, where: str) -> UserError | None:
    """The user error for a database refusal a user can act on, or None for a fault of the program."""
    message = _message(exc)
    lowered = message.lower()
    code = getattr(exc.orig, "sqlstate", None) or ""
    if "database is locked" in lowered or "database is busy" in lowered or code in ("55P03", "40P01"):
        return WorkspaceBusy(BUSY, where=where)
    if "disk is full" in lowered or "disk full" in lowered or code == "53100":
        return StorageFault("error.write_lock.the_disk_is_full_nothing_of", where=where)
    if "readonly database" in lowered or "read-only" in lowered:
        return StorageFault("error.write_lock.the_workspace_cannot_be_written_here", where=where)
    if "disk i/o error" in lowered or "unable to open database file" in lowered:
        return StorageFault("error.write_lock.the_workspace_could_not_be_read", where=where, message_value=message)
    if "malformed" in lowered or "not a database" in lowered:
        return StorageFault("error.write_lock.the_workspace_file_is_damaged_nothing", where=where, message_value=message)
    if isinstance(exc, IntegrityError):
        return UserError("error.write_lock.the_change_was_refused_because_it", where=where, message_value=message)
    if isinstance(exc, OperationalError) and code == "40001":
        return WorkspaceBusy(BUSY, where=where)
    return None
