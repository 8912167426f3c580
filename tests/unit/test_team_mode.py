"""Team mode: two people on one database — stale edits refused and nothing lost, roles enforced by the database
itself, the audit log naming the real login."""

from __future__ import annotations

import io
import threading

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from tests.cli_helpers import run_cli
from workbench.domain.errors import UserError
from workbench.services.history import audit
from workbench.services.projects import lifecycle, projects
from workbench.services.sharing import team
from workbench.services.support.context import Actor
from workbench.services.history.undo import inverse
from workbench.store.conflicts import EditConflict
from workbench.store.models import ProjectRow
from workbench.store.write_lock import WorkspaceBusy
from workbench.store.workspace import open_workspace

PROJECT = {"code": "TEAM-1", "title_en": "Shared wind farm", "programme": "ccer", "host_country": "CN", "sector": "energy"}


def as_login(url: str, login: str, password: str) -> str:
    return make_url(url).set(username=login, password=password).render_as_string(hide_password=False)


@pytest.fixture
def team_db(pg_url, actor):
    """A team database whose owner (the cluster admin) added consultant wang and reviewer li."""
    owner = open_workspace(pg_url)
    team.add_member(owner, actor, "wang", "consultant", password="wang-pw", full_name="Wang Fang")
    team.add_member(owner, actor, "li", "reviewer", password="li-pw")
    projects.create_project(owner, actor, PROJECT)
    yield owner, as_login(pg_url, "wang", "wang-pw"), as_login(pg_url, "li", "li-pw")
    owner.close()


def test_an_edit_from_an_outdated_view_is_refused_naming_who_changed_what(team_db, actor):
    owner, wang_url, _ = team_db
    wang = open_workspace(wang_url)
    try:
        seen = lifecycle.view_project(owner, "TEAM-1", actor.today).version  # the owner's screen shows version 1
        projects.update_project(wang, Actor("someone-else"), "TEAM-1", {"title_en": "Wang's title"})
        with pytest.raises(EditConflict) as refused:
            projects.update_project(owner, actor, "TEAM-1", {"title_en": "Owner's title"}, seen=seen)
        message = str(refused.value)
        assert "changed by wang" in message and "Title (English) 'Shared wind farm' → \"Wang's title\"" in message
        assert "your copy: version 1, now version 2" in message and "not saved" in message
        # nothing lost: wang's edit stands, the refused one left no trace, the chain is intact
        assert lifecycle.view_project(owner, "TEAM-1", actor.today).snapshot.header.title_en == "Wang's title"
        entries = audit.log(owner, "TEAM-1")
        assert [e.actor for e in entries] == [owner.user, "wang"]  # the login, not what the caller claimed
        assert audit.verify(owner).intact
        # made from the current version, the same edit goes through; undoing it is refused once wang edits again
        mine = projects.update_project(owner, actor, "TEAM-1", {"title_en": "Owner's title"}, seen=2)
        projects.update_project(wang, actor, "TEAM-1", {"title_en": "Wang again"})
        with pytest.raises(EditConflict, match=r"cannot undo: Project 1 was changed by wang .*Owner's title. → 'Wang again'"):
            inverse(mine)(owner, actor)
        assert lifecycle.view_project(owner, "TEAM-1", actor.today).snapshot.header.title_en == "Wang again"
    finally:
        wang.close()


def test_a_second_writer_waits_for_the_first_and_then_is_told_the_workspace_is_busy(ws, actor, monkeypatch):
    """On both back ends the write lock is taken before an action reads: another session cannot change a row
    between this action's read and its write; it waits, and after the busy timeout gets a user error."""
    projects.create_project(ws, actor, PROJECT)
    monkeypatch.setenv("WORKBENCH_BUSY_TIMEOUT", "0.3")
    other = open_workspace(ws.address)
    try:
        with ws.transaction() as s:
            row = s.get(ProjectRow, 1)
            with pytest.raises(WorkspaceBusy, match="the workspace is busy in another program; try again"):
                projects.update_project(other, actor, 1, {"title_en": "Theirs"})
            row.title_en = "Mine"
        assert lifecycle.view_project(ws, 1, actor.today).snapshot.header.title_en == "Mine"
        projects.update_project(other, actor, 1, {"title_en": "Theirs"})  # once the first has finished
        assert lifecycle.view_project(ws, 1, actor.today).snapshot.header.title_en == "Theirs"
    finally:
        other.close()


def test_roles_are_enforced_by_the_workbench_and_by_the_database(team_db, actor, pg_url):
    owner, wang_url, li_url = team_db
    li, wang = open_workspace(li_url), open_workspace(wang_url)
    try:
        assert (li.user, li.role, wang.role, owner.role) == ("li", "reviewer", "consultant", "owner")
        assert lifecycle.view_project(li, "TEAM-1", actor.today).snapshot.header.code == "TEAM-1"  # reviewers read
        with pytest.raises(UserError, match="li has read-only access .*reviewer"):
            projects.update_project(li, actor, "TEAM-1", {"title_en": "x"})
        with li.engine.begin() as con, pytest.raises(ProgrammingError, match="permission denied"):
            con.execute(text("UPDATE project SET title_en = 'bypassing the workbench'"))
        projects.update_project(wang, actor, "TEAM-1", {"title_zh": "共享风电场"})  # consultants edit
        with pytest.raises(UserError, match="only an owner can manage the team; wang is a consultant"):
            team.add_member(wang, actor, "wang2", "owner")
        with wang.engine.begin() as con, pytest.raises(ProgrammingError, match="permission denied"):
            con.execute(text("UPDATE team_member SET role = 'owner' WHERE login = 'wang'"))
        assert [(m.login, m.role) for m in team.members(li)] == [("li", "reviewer"), ("wang", "consultant"), (owner.user, "owner")]
    finally:
        li.close()
        wang.close()
    # a login of the server that is not on the team is turned away with what to do
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as con:
        con.execute(text("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'zhao') THEN "
                         "CREATE ROLE zhao LOGIN PASSWORD 'zhao-pw'; END IF; END $$"))
    admin.dispose()
    with pytest.raises(UserError, match="login 'zhao' is not a member of this team database; an owner can add you"):
        open_workspace(as_login(pg_url, "zhao", "zhao-pw"))
    # a removed member keeps no privilege
    team.remove_member(owner, actor, "wang")
    with pytest.raises(UserError, match="login 'wang' is not a member"):
        open_workspace(wang_url)
    assert not audit.verify(owner).problem


def test_concurrent_writers_keep_one_audit_chain(team_db, actor):
    owner, wang_url, _ = team_db
    wang = open_workspace(wang_url)
    errors: list[Exception] = []

    projects.create_project(wang, actor, {**PROJECT, "code": "TEAM-2"})

    def edits(ws, code):
        try:
            for i in range(8):
                projects.update_project(ws, actor, code, {"title_en": f"edit {i}"})
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=edits, args=(owner, "TEAM-1")), threading.Thread(target=edits, args=(wang, "TEAM-2"))]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    finally:
        wang.close()
    assert not errors
    report = audit.verify(owner)
    assert report.intact and report.entries == 4 + 16  # two members added, two projects created, 16 edits


def test_bad_addresses_and_logins_are_clear_errors(pg_url, actor):
    with pytest.raises(UserError, match="cannot use the team database: .*password authentication failed"):
        open_workspace(as_login(pg_url, "workbench_admin", "wrong"))
    with pytest.raises(UserError, match="--db: .*not a database address"):
        open_workspace("postgresql+nosuchdriver://x@127.0.0.1/db")
    owner = open_workspace(pg_url)
    try:
        with pytest.raises(UserError, match="not a login name the workbench accepts"):
            team.add_member(owner, actor, "Robert'); DROP TABLE project;--", "consultant")
        with pytest.raises(UserError, match="'boss' is not a role; accepted: owner, consultant, reviewer"):
            team.add_member(owner, actor, "boss", "boss")
        with pytest.raises(UserError, match="cannot take the owner role from yourself"):
            team.add_member(owner, actor, owner.user, "reviewer")
    finally:
        owner.close()
    with owner.engine.begin() as con:  # a database written by a newer workbench is refused, not touched
        con.execute(text("INSERT INTO alembic_version VALUES ('9999')"))
    with pytest.raises(UserError, match="newer version of the workbench"):
        open_workspace(pg_url)


def test_team_commands_through_the_cli(pg_url, capsys, monkeypatch, db_path):
    assert run_cli(capsys, "project", "create", "--code", "CLI-1", "--title-en", "CLI", "--programme", "ccer", "--host-country", "CN",
                   "--sector", "energy", "--db", pg_url).code == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("wang-pw\n"))
    added = run_cli(capsys, "team", "add", "wang", "--role", "consultant", "--name", "Wang Fang", "--password-stdin", "--db", pg_url)
    assert added.code == 0 and added.out.strip() == "wang added as Consultant"
    listed = run_cli(capsys, "team", "list", "--db", pg_url, "--format", "json").json()
    assert {(m["login"], m["role"], m["full_name"]) for m in listed} == {("workbench_admin", "owner", ""), ("wang", "consultant", "Wang Fang")}
    wang_url = as_login(pg_url, "wang", "wang-pw")
    shown = run_cli(capsys, "project", "show", "CLI-1", "--db", wang_url, "--format", "json").json()
    assert shown["version"] == 1
    assert run_cli(capsys, "project", "update", "CLI-1", "--set", "title_en=Wang's", "--if-version", "1", "--db", wang_url).code == 0
    stale = run_cli(capsys, "project", "update", "CLI-1", "--set", "title_en=Mine", "--if-version", "1", "--db", pg_url)
    assert stale.code == 2 and "Project 1 was changed by wang" in stale.err and "Traceback" not in stale.err
    assert run_cli(capsys, "audit", "log", "CLI-1", "--db", pg_url, "--format", "json").json()[-1]["actor"] == "wang"
    refused = run_cli(capsys, "backup", "list", "--db", pg_url)
    assert refused.code == 2 and "its server keeps its backups" in refused.err
    assert "password" not in run_cli(capsys, "project", "list", "--db", pg_url).out.lower()
    open_workspace(db_path).close()
    no_team = run_cli(capsys, "team", "list", "--db", db_path)
    assert no_team.code == 2 and "a workspace file has no team" in no_team.err


def test_non_owners_only_add_audit_entries_and_reviewers_cannot_hold_the_write_lock(team_db, actor, pg_url):
    owner, wang_url, li_url = team_db
    with create_engine(pg_url).begin() as con:  # a team database set up by an earlier version: wider grants
        con.execute(text("GRANT UPDATE, DELETE, TRUNCATE ON audit_entry TO wang"))
    open_workspace(pg_url).close()  # the owner opens it with this version: they are revoked
    wang_db, li_db = create_engine(wang_url), create_engine(li_url)
    try:
        for statement in ("DELETE FROM audit_entry", "UPDATE audit_entry SET actor = 'nobody'", "TRUNCATE audit_entry"):
            with wang_db.begin() as con, pytest.raises(ProgrammingError, match="permission denied"):
                con.execute(text(statement))
        with li_db.begin() as con, pytest.raises(ProgrammingError, match="permission denied"):
            con.execute(text("SELECT id FROM write_lock WHERE id = 1 FOR UPDATE"))  # a reviewer cannot stall the writers
        wang = open_workspace(wang_url)
        try:
            projects.update_project(wang, actor, "TEAM-1", {"title_zh": "共享风电场"})  # consultants still write
        finally:
            wang.close()
        assert audit.verify(owner).intact
    finally:
        wang_db.dispose()
        li_db.dispose()
