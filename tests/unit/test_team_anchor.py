"""Team mode: the audit chain's head is anchored with a key only the owners hold, outside the database. An owner's
`audit verify` confirms the log; a consultant's says "cannot confirm" with the reason; a log cut short or an anchor
altered in the database is reported; an owner without the key is told how to get it."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError

from tests.cli_helpers import run_cli
from tests.unit.test_team_mode import PROJECT, as_login
from workbench.services.history import audit
from workbench.services.projects import projects
from workbench.services.sharing import team
from workbench.store import audit_keys
from workbench.store.workspace import open_workspace


@pytest.fixture
def owners(pg_url, actor):
    """A team database: the cluster admin owns it and edited a project; wang is a consultant, zhao a second owner."""
    owner = open_workspace(pg_url)
    team.add_member(owner, actor, "wang", "consultant", password="wang-pw")
    team.add_member(owner, actor, "zhao", "owner", password="zhao-pw")
    projects.create_project(owner, actor, PROJECT)
    yield owner, as_login(pg_url, "wang", "wang-pw"), as_login(pg_url, "zhao", "zhao-pw")
    owner.close()


def verified(url: str):
    ws = open_workspace(url)
    try:
        return audit.verify(ws)
    finally:
        ws.close()


def sql(url: str, statement: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as con:
            con.execute(text(statement))
    finally:
        engine.dispose()


def test_an_owner_confirms_the_log_and_a_consultant_cannot(owners, pg_url, actor, capsys):
    owner, wang_url, _ = owners
    keys = list(audit_keys.key_folder().glob("*.key"))
    assert len(keys) == 1  # the owner's first action made the owners' key, in the owner's key folder
    with owner.reading() as s:
        stored = s.execute(text("SELECT workspace, last_id FROM audit_anchor")).one()
        assert keys[0].read_text() not in repr(s.execute(text("SELECT * FROM audit_anchor")).all())  # the key is not in the database
    assert keys[0].name == f"{stored.workspace}.key" and stored.last_id == 3

    report = verified(pg_url)
    assert (report.entries, report.intact, report.confirmed) == (3, True, True)
    result = run_cli(capsys, "audit", "verify", "--db", pg_url)
    assert result.code == 0 and "audit log intact: 3 entries, its head confirmed by the anchor signed with the owners' key" in result.out

    wang = open_workspace(wang_url)
    try:
        projects.update_project(wang, actor, "TEAM-1", {"title_en": "Wang's title"})  # a consultant's action moves no anchor
        report = audit.verify(wang)
    finally:
        wang.close()
    assert report.intact and not report.confirmed
    assert str(report.note) == "only the team's owners hold the anchor key; you are signed in as wang (Consultant)"
    result = run_cli(capsys, "audit", "verify", "--db", wang_url)
    assert result.code == 0 and "cannot be confirmed: only the team's owners hold the anchor key" in result.out and "intact" not in result.out
    zh = run_cli(capsys, "audit", "verify", "--db", wang_url, "--lang", "zh")
    assert "只有团队的所有者持有锚点密钥" in zh.out
    with pytest.raises(ProgrammingError, match="permission denied"):
        sql(wang_url, "UPDATE audit_anchor SET last_id = 1")

    report = verified(pg_url)  # the owner finds wang's entry follows the anchor unbroken: anchored there now
    assert (report.entries, report.intact, report.confirmed) == (4, True, True) and "1 entries written since" in str(report.note)
    with owner.reading() as s:
        assert s.execute(text("SELECT last_id FROM audit_anchor")).scalar() == 4


def test_a_log_cut_short_or_an_anchor_altered_in_the_database_is_reported(owners, pg_url, actor, capsys):
    owner, _, _ = owners
    projects.update_project(owner, actor, "TEAM-1", {"title_en": "Second title"})
    sql(pg_url, "DELETE FROM audit_entry WHERE id = 4")  # someone with the database's own privileges
    report = verified(pg_url)
    assert not report.intact and "the log ends at entry 3 but its anchor outside the file records entry 4" in str(report.problem)
    assert run_cli(capsys, "audit", "verify", "--db", pg_url).code == 2

    sql(pg_url, "UPDATE audit_anchor SET last_id = 3, last_hash = (SELECT hash FROM audit_entry WHERE id = 3)")  # rolled back by hand
    report = verified(pg_url)
    assert not report.intact and "its signature does not match the owners' key" in str(report.problem)


def test_an_owner_without_the_key_is_told_how_to_get_it(owners, pg_url, monkeypatch, tmp_path, capsys):
    _, _, zhao_url = owners
    key_file = next(audit_keys.key_folder().glob("*.key"))
    kept = tmp_path / "owners-key.key"
    kept.write_text(key_file.read_text())
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "zhao-computer"))  # the second owner, on another computer
    report = verified(zhao_url)
    assert report.intact and not report.confirmed
    assert "you do not hold the owners' anchor key" in str(report.note) and f"{key_file.stem}.key" in str(report.note)
    assert "WORKBENCH_AUDIT_KEY_FILE" in str(report.note)
    monkeypatch.setenv("WORKBENCH_AUDIT_KEY_FILE", str(kept))  # a file the owner keeps outside the database
    report = verified(zhao_url)
    assert report.intact and report.confirmed
    assert run_cli(capsys, "audit", "verify", "--db", zhao_url).code == 0

    other = tmp_path / "not-the-key.key"
    other.write_text("00" * 32)
    monkeypatch.setenv("WORKBENCH_AUDIT_KEY_FILE", str(other))
    report = verified(zhao_url)
    assert report.intact and not report.confirmed and "is not the owners' key that signed the anchor" in str(report.note)


def test_packages_from_a_team_database_are_signed_only_by_an_owner_holding_the_key(owners, pg_url, actor, tmp_path):
    from workbench.services.sharing import packages

    owner, wang_url, _ = owners
    signed = packages.export_package(owner, actor, "TEAM-1", tmp_path / "owner.ccerpkg")
    wang = open_workspace(wang_url)
    try:
        unsigned = packages.export_package(wang, actor, "TEAM-1", tmp_path / "wang.ccerpkg")
    finally:
        wang.close()
    received = open_workspace(tmp_path / "received.sqlite")
    try:  # this computer holds the owners' key (the owner exported here)
        report = packages.import_package(received, actor, signed)[1]
        assert report.audit.confirmed and report.audit.entries == 1
        report = packages.import_package(received, actor, unsigned, new_code="TEAM-COPY")[1]
        assert not report.audit.confirmed
        assert "exported from a team database by someone who does not hold the owners' key" in str(report.audit.note)
    finally:
        received.close()
