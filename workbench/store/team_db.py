"""Team mode: a workspace in a shared PostgreSQL database, its members and what each may do.

The database login is the person: the audit log records it, and the database itself enforces the role by what
it grants (owner: everything incl. members; consultant: edit project data; reviewer: read only). The first
login to open an empty database sets it up and becomes its owner.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, String, create_engine, make_url, select, text
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from workbench.domain.errors import UserError
from workbench.domain.progress import QUIET, Cancelled, Steps
from workbench.domain.text import Text
from workbench.store.models_team import TeamMemberRow

MIGRATION_LOCK = 0x43434552_5742  # pg_advisory_xact_lock key: one client migrates at a time
LOGIN = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
MEMBER_TABLES = ("team_member", "alembic_version")  # what only owners may change
APPEND_ONLY = ("audit_entry",)  # non-owners add entries, never change or remove one
OWNERS_ONLY = ("audit_anchor",)  # the head of the audit chain as owners signed it (``team_anchor``)


def _reason(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)


def check_login(login: str) -> str:
    if not LOGIN.match(login or ""):
        raise UserError("error.team_db.is_not_a_login_name_the", field="login", login=login)
    return login


def _quote(con: Connection, name: str) -> str:
    return con.dialect.identifier_preparer.quote(name)


def _literal(con: Connection, value: str) -> str:
    return String().literal_processor(con.dialect)(value)


def revoke(con: Connection, login: str) -> None:
    """Take every privilege on the workspace's tables from ``login``."""
    who = _quote(con, login)
    con.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {who}"))
    con.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {who}"))


def grant(con: Connection, login: str, role: str) -> None:
    """Give ``login`` exactly the database privileges of ``role`` on every table there is now."""
    who = _quote(con, login)
    database = _quote(con, con.execute(text("SELECT current_database()")).scalar())
    con.execute(text(f"GRANT CONNECT ON DATABASE {database} TO {who}"))
    con.execute(text(f"GRANT USAGE ON SCHEMA public TO {who}"))
    revoke(con, login)
    con.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {who}"))
    if role in ("owner", "consultant"):
        con.execute(text(f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {who}"))
        con.execute(text(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {who}"))
    if role == "consultant":
        for table in MEMBER_TABLES:
            con.execute(text(f"REVOKE INSERT, UPDATE, DELETE ON {table} FROM {who}"))
    if role != "owner":
        for table in APPEND_ONLY:
            con.execute(text(f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM {who}"))
        con.execute(text(f"REVOKE INSERT, DELETE, TRUNCATE ON write_lock FROM {who}"))  # its one row stays
        for table in OWNERS_ONLY:
            con.execute(text(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {table} FROM {who}"))


def enforce_append_only(con: Connection) -> None:
    """Take UPDATE, DELETE and TRUNCATE on the audit log, and every write on its anchor, from every non-owner (grants
    an earlier version gave stay revoked however the database was set up); run whenever an owner opens the database."""
    for member in con.execute(select(TeamMemberRow.login).where(TeamMemberRow.role != "owner")):
        for table in APPEND_ONLY:
            con.execute(text(f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM {_quote(con, member.login)}"))
        for table in OWNERS_ONLY:
            con.execute(text(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {table} FROM {_quote(con, member.login)}"))


def grant_members(con: Connection, skip: str) -> None:
    """Re-apply every member's privileges (after a migration added tables)."""
    for member in con.execute(select(TeamMemberRow.login, TeamMemberRow.role)):
        if member.login != skip:
            grant(con, member.login, member.role)


def ensure_login(con: Connection, login: str, password: str | None) -> None:
    """Create the database login when it does not exist yet; set its password when one is given."""
    exists = con.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login}).first()
    clause = f" PASSWORD {_literal(con, password)}" if password else ""
    try:
        if exists:
            if password:
                con.execute(text(f"ALTER ROLE {_quote(con, login)} WITH LOGIN{clause}"))
        else:
            con.execute(text(f"CREATE ROLE {_quote(con, login)} WITH LOGIN{clause}"))
    except DBAPIError as exc:
        raise UserError("error.team_db.the_database_refused_to_create_or", field="login", login=login, value=_reason(exc)) from None


DUMP_VARIABLE = "WORKBENCH_PG_DUMP"


def confirm_dump(revisions: set[str], heads: set[str], where: str, address: str) -> None:
    """Refuse to upgrade a team database holding data until its owner names a ``pg_dump`` of it in the environment
    variable ``WORKBENCH_PG_DUMP``: the file must exist and be a dump (custom format, ``PGDMP``; plain SQL; or a
    directory-format dump's folder). A workspace file is copied by the workbench itself before it is migrated."""
    named = os.environ.get(DUMP_VARIABLE, "").strip()
    params = dict(revisions=", ".join(sorted(revisions)), heads=", ".join(sorted(heads)), address=address, variable=DUMP_VARIABLE)
    if not named:
        raise UserError("error.team_db.back_up_before_upgrading", where=where, **params)
    dump = Path(named).expanduser()
    if dump.is_dir() and (dump / "toc.dat").is_file():
        return
    head = dump.read_bytes()[:4096] if dump.is_file() else b""
    if not (head.startswith(b"PGDMP") or b"PostgreSQL database dump" in head):
        raise UserError("error.team_db.not_a_pg_dump_back_up_before_upgrading", where=where, dump=str(dump), **params)


def _not_a_member(login: str, where: str) -> UserError:
    return UserError("error.team_db.login_is_not_a_member_of", where=where, login=login)


CONNECT_TIMEOUT_S = 15  # libpq waits for an unreachable server without end unless told; the address may set its own


def open_team_database(url: str, steps: Steps = QUIET):
    """A ``Workspace`` on a PostgreSQL database: schema brought to head (by an owner), signed-in member and role.

    Everything runs in one transaction, a migration too (PostgreSQL's DDL is transactional): a stop asked of
    ``steps`` at any of its steps (connecting, checking the schema, migrating, the members' rights) rolls it all back.
    """
    from workbench.store.workspace import Workspace, head_revisions, migrate, refuse_newer, revisions_on

    try:
        engine = create_engine(url, pool_pre_ping=True,
                               connect_args={} if "connect_timeout" in make_url(url).query else {"connect_timeout": CONNECT_TIMEOUT_S})
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise UserError("error.team_db.is_not_a_database_address_the", field="db", exc=exc) from None
    where = engine.url.render_as_string(hide_password=True)
    try:
        steps.step(Text("progress.workspace.connecting", name=f"{engine.url.database}@{engine.url.host or 'localhost'}"))
        with engine.begin() as con:
            user = con.execute(text("SELECT current_user")).scalar()
            steps.step(Text("progress.workspace.checking_team"))
            con.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            revisions, heads = revisions_on(con), head_revisions()
            refuse_newer(revisions, where)
            has_members = bool(revisions) and con.execute(select(TeamMemberRow.id).limit(1)).first() is not None
            member = con.execute(select(TeamMemberRow).where(TeamMemberRow.login == user)).first() if has_members else None
            if has_members and member is None:
                raise _not_a_member(user, where)
            migrated_from = None
            if revisions != heads:
                if member is not None and member.role != "owner":
                    raise UserError("error.team_db.the_team_database_is_at_schema", where=where, value=', '.join(sorted(revisions)), value2=', '.join(sorted(heads)))
                if revisions:
                    confirm_dump(revisions, heads, where, engine.url.set(drivername="postgresql", password=None).render_as_string(False))
                steps.step(Text("progress.workspace.migrating") if revisions else Text("progress.workspace.creating"))
                migrate(con)
                migrated_from = ",".join(sorted(revisions)) or None
                steps.step(Text("progress.workspace.granting"))
                grant_members(con, user)
            if member is None:  # an empty database: whoever sets it up owns it
                con.execute(TeamMemberRow.__table__.insert().values(
                    login=user, role="owner", full_name="", added_by=user, added_at=datetime.now().replace(microsecond=0)))
                role = "owner"
            else:
                role = member.role
            if role == "owner":
                enforce_append_only(con)
    except DBAPIError as exc:
        engine.dispose()
        if getattr(exc.orig, "sqlstate", None) == "42501":  # insufficient privilege: a login of the server, not of the team
            raise _not_a_member(engine.url.username or "this login", where) from None
        raise UserError("error.team_db.cannot_use_the_team_database", where=where, value=_reason(exc)) from None
    except (UserError, Cancelled):
        engine.dispose()
        raise
    ws = Workspace(None, engine)
    ws.user, ws.role, ws.migrated_from = user, role, migrated_from
    return ws

