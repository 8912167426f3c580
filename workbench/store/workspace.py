"""Opening a workspace: a file (create at head, back up and migrate an older one, refuse a newer one) or, in team
mode, a shared PostgreSQL database (``workbench.store.team_db``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import ast

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from workbench.domain.errors import UserError
from workbench.store.backup import daily_backup, make_backup
from workbench.store.conflicts import remember_versions, stale_edit
from workbench.store.schema import Base  # noqa: F401 - every mapper configured before first use
from workbench.store.write_lock import busy_timeout_seconds, storage_error, take_write_lock

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config():
    from alembic.config import Config  # imported only when a migration runs: it costs ~0.2 s at start-up

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _revision_graph() -> dict[str, tuple[str, ...]]:
    """Each migration's revision and the revisions it follows, read from the scripts without importing alembic."""
    graph: dict[str, tuple[str, ...]] = {}
    for script in (MIGRATIONS / "versions").glob("*.py"):
        values = {}
        for node in ast.parse(script.read_text(encoding="utf-8")).body:
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


def _check_sqlite_file(path: Path) -> None:
    if path.is_dir():
        raise UserError("error.workspace.is_a_folder_not_a_workspace", where=str(path))
    with path.open("rb") as fh:
        header = fh.read(16)
    if header and header != b"SQLite format 3\x00":
        raise UserError("error.workspace.is_not_a_workbench_workspace_not", where=str(path))
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise UserError("error.workspace.cannot_be_read_as_a_workspace", where=str(path), exc=exc)


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


def _has_tables(path: Path) -> bool:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM sqlite_master WHERE type='table' AND name != 'alembic_version'").fetchone()[0] > 0
    finally:
        con.close()


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

    def _refusal(self, exc: DBAPIError) -> Exception:
        """What to raise for a database error: a user error when the user can act on it, else the error itself."""
        return storage_error(exc, self.location) or exc

    def close(self) -> None:
        self.engine.dispose()


def is_database_url(target: str | Path) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql:", "postgresql+"))


def refuse_newer(revisions: set[str], where: str) -> None:
    unknown = revisions - known_revisions()
    if unknown:
        raise UserError("error.workspace.was_written_by_a_newer_version", where=where, value=', '.join(sorted(unknown)), value2=', '.join(sorted(head_revisions())))


def open_workspace(path: str | Path, *, create: bool = True) -> Workspace:
    """Open (or create) a workspace at the head schema revision: a file, or a team database given by its URL.

    An older file is backed up before it is migrated; a file written by a newer program is refused.
    """
    if is_database_url(path):
        from workbench.store.team_db import open_team_database

        return open_team_database(str(path))
    path = Path(path).expanduser().resolve()
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise UserError("error.workspace.no_such_workspace_file", where=str(path))
    if exists:
        _check_sqlite_file(path)
    else:
        if not path.parent.exists():
            raise UserError("error.workspace.folder_does_not_exist", where=str(path), parent=path.parent)
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    workspace = Workspace(path, engine)
    heads = head_revisions()
    revisions = current_revisions(engine) if exists else set()
    try:
        refuse_newer(revisions, str(path))
    except UserError:
        engine.dispose()
        raise
    if exists and not revisions and _has_tables(path):
        engine.dispose()
        raise UserError("error.workspace.is_an_sqlite_file_but_not", where=str(path))
    if revisions != heads:
        if revisions:
            workspace.backup_path = make_backup(path, "before-migration")
            workspace.migrated_from = ",".join(sorted(revisions))
        with engine.begin() as connection:
            migrate(connection)
    elif exists:
        daily_backup(path)
    return workspace
