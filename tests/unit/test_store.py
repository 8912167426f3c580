"""Workspace files: created at head, WAL and foreign keys on, newer files refused, older ones backed up."""

from __future__ import annotations

import sqlite3
import pytest
from sqlalchemy import text

from workbench.domain.errors import UserError
from workbench.services.projects import projects
from workbench.store.backup import backup_dir
from workbench.store.workspace import current_revisions, head_revisions, open_workspace


def test_new_file_is_created_at_head_with_wal_and_foreign_keys(db_path):
    ws = open_workspace(db_path)
    assert current_revisions(ws.engine) == head_revisions()
    with ws.engine.connect() as con:
        assert con.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert con.execute(text("PRAGMA foreign_keys")).scalar() == 1
    ws.close()
    tables = {r[0] for r in sqlite3.connect(db_path).execute("select name from sqlite_master where type='table'")}
    assert {"project", "party", "site", "stage_event", "audit_entry", "alembic_version"} <= tables


def test_a_file_from_a_newer_program_is_refused_untouched(db_path):
    open_workspace(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("update alembic_version set version_num='9999_future'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(UserError, match="newer version of the workbench"):
        open_workspace(db_path)
    assert db_path.read_bytes() == before


def test_an_older_file_is_backed_up_then_migrated(db_path):
    ws = open_workspace(db_path)
    ws.close()
    con = sqlite3.connect(db_path)
    tables = [r[0] for r in con.execute("select name from sqlite_master where type='table' and name != 'alembic_version'")]
    for name in tables:  # an empty file of the first program version: only the version table says so
        con.execute(f"drop table {name}")
    con.execute("delete from alembic_version")
    con.commit()
    con.close()
    ws = open_workspace(db_path)
    assert current_revisions(ws.engine) == head_revisions()
    ws.close()


def test_migration_from_an_empty_file_then_reopen_keeps_data(db_path, actor):
    ws = open_workspace(db_path)
    projects.create_project(ws, actor, {"code": "A", "title_en": "A", "programme": "ccer", "host_country": "CN", "sector": "energy"})
    ws.close()
    again = open_workspace(db_path)
    assert [p.code for p in projects.list_projects(again)] == ["A"]
    assert again.backup_path is None  # nothing to migrate, nothing backed up
    again.close()


def test_backup_before_migration_keeps_the_old_revision(db_path, monkeypatch):
    from workbench.store import workspace as module

    open_workspace(db_path).close()
    (real_head,) = module.head_revisions()
    # pretend this program has one more revision than the file: the opener must back up first
    monkeypatch.setattr(module, "head_revisions", lambda: {"ffff_next"})
    monkeypatch.setattr(module, "known_revisions", lambda: {real_head, "ffff_next"})
    import alembic.command

    monkeypatch.setattr(alembic.command, "upgrade", lambda config, target: None)
    ws = module.open_workspace(db_path)
    assert ws.migrated_from == real_head
    assert ws.backup_path is not None and ws.backup_path.parent == backup_dir(db_path.resolve())
    copy = sqlite3.connect(ws.backup_path)
    assert copy.execute("select version_num from alembic_version").fetchone()[0] == real_head
    ws.close()


@pytest.mark.parametrize("content", [b"not a database at all, just text", b"PK\x03\x04zipfile"])
def test_a_file_that_is_not_a_workspace_is_refused(tmp_path, content):
    path = tmp_path / "bad.sqlite"
    path.write_bytes(content)
    with pytest.raises(UserError, match="not"):
        open_workspace(path)
    assert path.read_bytes() == content


def test_a_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("create table t (x)")
    con.commit()
    con.close()
    with pytest.raises(UserError, match="not a workbench workspace"):
        open_workspace(path)


def test_decimals_round_trip_exactly(ws, actor):
    from workbench.services.projects.parties import add_site

    change = projects.create_project(ws, actor, {"code": "D", "title_en": "D", "programme": "ccer", "host_country": "CN", "sector": "energy"})
    add_site(ws, actor, change.result["id"], {"name": "s", "latitude": "24.123456", "longitude": "108.654321", "area_ha": "0.100000000000000000001"})
    with ws.engine.connect() as con:  # the raw stored value, past our column type
        raw = tuple(con.execute(text("select area_ha, latitude from site")).one())
    assert raw == ("0.100000000000000000001", "24.123456")  # stored as text: no float anywhere


def test_a_migration_that_rebuilds_a_table_keeps_the_rows_referring_to_it(db_path):
    """0015 rebuilds the engagement table (batch mode copies it and drops the original); with foreign keys on, that
    drop deleted every finding through ON DELETE CASCADE. Files are now migrated with foreign keys off and checked."""
    from alembic import command
    from sqlalchemy import create_engine, event

    from workbench.store.workspace import _on_connect, alembic_config

    engine = create_engine(f"sqlite:///{db_path}")
    event.listen(engine, "connect", _on_connect)
    with engine.begin() as con:
        config = alembic_config()
        config.attributes["connection"] = con
        command.upgrade(config, "0014")
        con.execute(text("INSERT INTO project (id, code, title_en, title_zh, programme, host_country, sector, methodology_id, "
                         "methodology_version, agreement, registry_account, stage, stage_since, created_at, updated_at, version) VALUES "
                         "(1, 'A', 'A', '', 'ccer', 'CN', 'energy', '', '', '', '', 'design', '2025-01-01', '2025-01-01 00:00:00', "
                         "'2025-01-01 00:00:00', 1)"))
        con.execute(text("INSERT INTO vvb (id, name_en, name_zh, scopes) VALUES (1, 'V', '', '')"))
        con.execute(text("INSERT INTO engagement (id, project_id, vvb_id, kind, team, started_on, report_status, sampled_sites, version) "
                         "VALUES (1, 1, 1, 'validation', 'a, b', '2025-01-01', 'draft', '', 1)"))
        con.execute(text("INSERT INTO finding (id, engagement_id, number, type, text, raised_on, response, status, version) "
                         "VALUES (1, 1, 1, 'CAR', 'meter certificate missing', '2025-01-01', '', 'open', 1)"))
    engine.dispose()
    open_workspace(db_path).close()
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT text FROM finding").fetchall() == [("meter certificate missing",)]
    assert con.execute("SELECT count(*) FROM evidence_file").fetchone() == (0,)
    con.close()
