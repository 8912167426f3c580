"""Opening a workspace: a file (create at head, back up and migrate an older one, refuse a newer one) or, in team
mode, a shared PostgreSQL database (``workbench.store.team_db``)."""

from __future__ import annotations

import os
import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import ast

from sqlalchemy import URL, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from workbench.domain.errors import UserError
from workbench.domain.progress import QUIET, Cancelled, Steps
from workbench.domain.text import Text
from workbench.store.address import is_database_url
from workbench.store.audit_anchor import anchor_path, read_anchor, write_anchor
from workbench.store.team_anchor import move_team_anchor
from workbench.store.backup import backup_dir, daily_backup, daily_backup_due, make_backup
from workbench.store.damage import (CORRUPT, check_after_unclean_shutdown, damaged, mark_open, quick_check, read_only_uri,
                                    refuse_if_damaged)
from workbench.store.conflicts import remember_versions, stale_edit
from workbench.store.write_lock import StorageFault, busy_timeout_seconds, storage_error, take_write_lock

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config():
    from alembic.config import Config  # imported only when a migration runs: it costs ~0.2 s at start-up

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@lru_cache(maxsize=1)
def _revision_graph() -> dict[str, tuple[str, ...]]:
    """Each migration's revision and the revisions it follows, read from the scripts without importing alembic:
    only their ``revision = …`` and ``down_revision = …`` lines are parsed (the whole scripts took a tenth of a
    second at every start)."""
    graph: dict[str, tuple[str, ...]] = {}
    for script in (MIGRATIONS / "versions").glob("*.py"):
        values = {}
        heads = "\n".join(line for line in script.read_text(encoding="utf-8").splitlines() if line.startswith(("revision", "down_revision")))
        for node in ast.parse(heads).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                if node.targets[0].id in ("revision", "down_revision"):
                    values[node.targets[0].id] = ast.literal_eval(node.value)
        down = values.get("down_revision")
        graph[values["revision"]] = tuple(down) if isinstance(down, (tuple, list)) else ((down,) if down else ())
    return graph


def head_revisions() -> set[str]:
    """Heads of the migration graph (capabilities may branch from a common base; all heads are applied)."""
    graph = _revision_graph()
    followed = {down for downs in graph.values() for down in downs}
    return set(graph) - followed


def known_revisions() -> set[str]:
    return set(_revision_graph())


def _on_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # a committed action survives a power cut, not only a crash
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_seconds() * 1000)}")  # another program's action finishes first
    cursor.close()


def _on_connect_read_only(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _check_sqlite_file(path: Path) -> None:
    if path.is_dir():
        raise UserError("error.workspace.is_a_folder_not_a_workspace", where=str(path))
    with path.open("rb") as fh:
        header = fh.read(16)
    if header and header != b"SQLite format 3\x00":
        raise UserError("error.workspace.is_not_a_workbench_workspace_not", where=str(path))
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if any(word in str(exc).lower() for word in CORRUPT):
            raise damaged(path, str(exc)) from None
        raise StorageFault("error.workspace.cannot_be_read_now_the_disk", where=str(path), exc=exc) from None


def revisions_on(connection) -> set[str]:
    if not inspect(connection).has_table("alembic_version"):
        return set()
    return {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as con:
        return revisions_on(con)


def migrate(connection) -> None:
    """Upgrade the schema on ``connection`` to every head, inside the caller's transaction."""
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "heads")


def migrate_file(engine: Engine) -> None:
    """Upgrade a workspace file with its foreign keys off, then check every reference, as SQLite's procedure for
    schema changes asks (lang_altertable.html, "Making Other Kinds Of Table Schema Changes").

    Batch mode rebuilds a table by copying it and dropping the original; with foreign keys on, that DROP deletes
    the rows of every table that refers to it with ON DELETE CASCADE (a project's parties, findings, readings …).
    A reference left dangling refuses the whole migration: nothing is committed.
    """
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # outside a transaction, or SQLite ignores it
        connection.commit()
        try:
            with connection.begin():
                migrate(connection)
                dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if dangling:
                    raise UserError("error.workspace.the_upgrade_would_leave_references_to", value=', '.join(sorted({f'{r[0]} → {r[2]}' for r in dangling})))
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def _has_tables(path: Path) -> bool:
    con = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        return con.execute("SELECT count(*) FROM sqlite_master WHERE type='table' AND name != 'alembic_version'").fetchone()[0] > 0
    finally:
        con.close()


_OPEN: weakref.WeakSet[Workspace] = weakref.WeakSet()
COMPANIONS = ("-wal", "-shm", "-journal")


def protected_paths() -> list[tuple[Path, str]]:
    """Every file and folder of the workspaces open in this program, with what it is: no output may go there."""
    found = []
    for ws in list(_OPEN):
        if ws.path is None:
            continue
        found.append((ws.path, "the open workspace file"))
        found += [(ws.path.with_name(ws.path.name + suffix), "a file SQLite keeps beside the open workspace") for suffix in COMPANIONS]
        found.append((backup_dir(ws.path), "the workspace's backups folder"))
        found.append((anchor_path(ws.path), "the anchor of the workspace's audit log"))
    return found


class Workspace:
    """One open workspace: its engine and a transaction per user action.

    ``path`` is the workspace file; a team database has none, and knows its signed-in ``user`` and ``role``.
    """

    def __init__(self, path: Path | None, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", remember_versions)
        self.migrated_from: str | None = None
        self.backup_path: Path | None = None
        self.user: str | None = None
        self.role: str | None = None
        self.read_only = False
        self.notices: list[Text] = []  # what the user should know about this opening (a backup that failed, read-only)
        self.marker: Path | None = None  # this program has the file open (``damage.mark_open``)
        _OPEN.add(self)

    @property
    def location(self) -> str:
        """Where the workspace is, fit to show and remember: the file, or the database address without its password."""
        return str(self.path) if self.path else self.engine.url._replace(password=None).render_as_string(hide_password=False)

    @property
    def address(self) -> str:
        """What opens this workspace again (``--db``): the file, or the database URL with its password."""
        return str(self.path) if self.path else self.engine.url.render_as_string(hide_password=False)

    @property
    def name(self) -> str:
        return self.path.name if self.path else f"{self.engine.url.database}@{self.engine.url.host or 'localhost'}"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: everything commits together or nothing does.

        The write lock is taken before anything is read (``write_lock.take_write_lock``), so two programs' actions
        run one after the other; a program kept waiting longer than the busy timeout gets ``WorkspaceBusy``. An edit
        made from a copy someone else has changed meanwhile is refused (``conflicts.EditConflict``); a full disk, a
        read-only or damaged file, or a rule of the database broken by a racing action is a ``UserError`` and
        nothing of the action is written.
        """
        if self.role == "reviewer":
            raise UserError("error.workspace.has_read_only_access_to_this", user=self.user)
        if self.read_only:
            raise UserError("error.workspace.the_workspace_file_or_its_folder", where=self.location)
        session = self._sessions()
        try:
            with session.begin():
                take_write_lock(session)
                if self.user:
                    session.info["user"] = self.user  # the audit log names the signed-in login, whoever the caller says
                yield session
                head = session.info.get("audit_head")
                if head is not None and self.path is None and self.role == "owner":
                    self._move_team_anchor(session, head)
                anchor_holds = head is not None and self.path is not None and anchored_entry_holds(self.path, session)
            if anchor_holds:
                self._move_anchor(*head)
        except StaleDataError:
            raise stale_edit(self.engine, session.info.get("versions", {})) from None
        except DBAPIError as exc:
            raise self._refusal(exc) from None
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except DBAPIError as exc:
            raise self._refusal(exc) from None

    def _move_anchor(self, last_id: int, last_hash: str) -> None:
        """After the commit: the anchor follows the new head. A failure here (a full disk) loses no work; the next
        ``audit verify`` says which entries it could not confirm."""
        try:
            write_anchor(self.path, last_id, last_hash)
        except OSError:
            pass

    def _move_team_anchor(self, session: Session, head: tuple[int, str]) -> None:
        """An owner's action moves the team's anchor in the same transaction; a key folder that cannot be written
        (the first owner's key is made there) leaves it where it was."""
        try:
            move_team_anchor(session, self.user or "", head)
        except OSError:
            pass

    def _refusal(self, exc: DBAPIError) -> Exception:
        """What to raise for a database error: a user error when the user can act on it, else the error itself. An
        error the user cannot explain sends the file through ``PRAGMA quick_check``: a damaged file is named as such."""
        refusal = storage_error(exc, self.location)
        if self.path is None or (refusal is not None and not isinstance(refusal, StorageFault)):
            return refusal or exc
        problem = quick_check(self.path)
        return damaged(self.path, problem) if problem else (refusal or exc)

    def close(self) -> None:
        _OPEN.discard(self)
        self.engine.dispose()
        if self.marker is not None:
            self.marker.unlink(missing_ok=True)
            self.marker = None


def refuse_newer(revisions: set[str], where: str) -> None:
    unknown = revisions - known_revisions()
    if unknown:
        raise UserError("error.workspace.was_written_by_a_newer_version", where=where, value=', '.join(sorted(map(str, unknown))),
                        value2=', '.join(sorted(head_revisions())))


def anchored_entry_holds(path: Path, session: Session) -> bool:
    """Whether the entry the anchor names still holds the anchored hash (or there is no usable anchor yet): only
    then may the anchor move on, so a log cut short or rewritten stays reported."""
    anchor, _ = read_anchor(path)
    if anchor is None:
        return True
    stored = session.execute(text("SELECT hash FROM audit_entry WHERE id = :id"), {"id": anchor.last_id}).scalar()
    return stored == anchor.last_hash


def _writable(path: Path) -> bool:
    """Whether this program may change the file: SQLite also writes its -wal and -shm files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _engine(path: Path, read_only: bool) -> Engine:
    if not read_only:
        engine = create_engine(URL.create("sqlite", database=str(path)))  # as given: a '?' or '#' is part of the name
        event.listen(engine, "connect", _on_connect)
        return engine
    # immutable: the folder may not even allow SQLite's -shm file; nobody can write the file from here either way
    engine = create_engine(URL.create("sqlite", database=read_only_uri(path), query={"uri": "true"}))
    event.listen(engine, "connect", _on_connect_read_only)
    return engine


def open_workspace(path: str | Path, *, create: bool = True, steps: Steps = QUIET) -> Workspace:
    """Open (or create) a workspace at the head schema revision: a file, or a team database given by its URL.

    An older file is backed up before it is migrated; a file written by a newer program is refused. A file this
    program may not write is opened for reading only, with a notice. A damaged file (``damage``) is refused with the
    backup commands; it is checked after an unclean shutdown, at the day's first opening and on a database error.
    ``steps`` hears each phase (checking the file, backing up, migrating, the day's backup); a stop asked for is
    taken before the migration starts — from then on the steps say it cannot be stopped — and closes what was
    opened.
    """
    if is_database_url(path):
        from workbench.store.team_db import open_team_database

        return open_team_database(str(path), steps)
    path = Path(path).expanduser().resolve()
    steps.step(Text("progress.workspace.checking", name=path.name))
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise UserError("error.workspace.no_such_workspace_file", where=str(path))
    if exists:
        _check_sqlite_file(path)
    else:
        if not path.parent.exists():
            raise UserError("error.workspace.folder_does_not_exist", where=str(path), parent=path.parent)
        if not os.access(path.parent, os.W_OK | os.X_OK):
            raise UserError("error.workspace.folder_cannot_be_written_to_so", where=str(path), parent=path.parent)
    read_only = exists and not _writable(path)
    if exists and not read_only:
        check_after_unclean_shutdown(path)
    workspace = Workspace(path, _engine(path, read_only))
    workspace.read_only = read_only
    try:
        _bring_to_head(workspace, exists, steps)
    except (UserError, Cancelled):
        workspace.close()
        raise
    except (DBAPIError, sqlite3.DatabaseError) as exc:
        workspace.close()
        problem = quick_check(path)
        if problem:
            raise damaged(path, problem) from None
        refusal = storage_error(exc, str(path)) if isinstance(exc, DBAPIError) else None
        if refusal is None:
            raise
        raise refusal from None
    if read_only:
        workspace.notices.append(Text("notice.workspace_read_only"))
    else:
        workspace.marker = mark_open(path)
    return workspace


def _bring_to_head(workspace: Workspace, exists: bool, steps: Steps) -> None:
    path, engine = workspace.path, workspace.engine
    heads = head_revisions()
    revisions = current_revisions(engine) if exists else set()
    if revisions - known_revisions():  # a schema this program does not know: a newer program's, or a damaged file
        refuse_if_damaged(path)
    refuse_newer(revisions, str(path))
    if exists and not revisions and _has_tables(path):
        raise UserError("error.workspace.is_an_sqlite_file_but_not", where=str(path))
    if revisions != heads:
        if workspace.read_only:
            raise UserError("error.workspace.is_read_only_here_and_was", where=str(path), value=', '.join(sorted(revisions)))
        if revisions:
            steps.step(Text("progress.workspace.backing_up"))
            workspace.backup_path = make_backup(path, "before-migration")
            workspace.migrated_from = ",".join(sorted(revisions))
        steps.check()  # the last chance to stop: the migration runs to its end
        steps.tell(Text("progress.workspace.migrating") if revisions else Text("progress.workspace.creating"))
        migrate_file(engine)
        if revisions:  # said where the user looks: the file changed under them, and where it is as it was
            workspace.notices.append(Text("notice.workspace_upgraded", name=path.name, backup=str(workspace.backup_path)))
    elif exists and not workspace.read_only and daily_backup_due(path):
        steps.step(Text("progress.workspace.daily_backup"))
        refuse_if_damaged(path)  # the day's first opening: a damaged file must not replace a good backup
        try:
            daily_backup(path)
        except (OSError, sqlite3.Error) as exc:  # a backup that failed never blocks the work nor counts as a backup
            workspace.notices.append(Text("notice.daily_backup_failed", exc=exc, folder=backup_dir(path)))
