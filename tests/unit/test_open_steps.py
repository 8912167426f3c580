"""Opening a workspace says its steps and stops where that is safe (``open_workspace(steps=...)``): a file is left as
it was when the stop comes before its migration, and a team database's opening — its migration too — rolls back at
any step."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from tests.cli_helpers import file_digest
from workbench.domain.progress import Cancelled, Step, Steps
from workbench.store.workspace import head_revisions, open_workspace

RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "release_0016" / "workspace.sqlite.gz"


def stopping_after(step_id: str) -> tuple[Steps, list[Step]]:
    """Steps that record what is reported and ask to stop once ``step_id`` has been reported (as Cancel pressed then)."""
    seen: list[Step] = []

    def report(step: Step) -> None:
        seen.append(step)
        if step.what.id == step_id:
            steps.cancel()

    steps = Steps(report)
    return steps, seen


def schema_of(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {row[0] for row in con.execute("SELECT version_num FROM alembic_version")}
    finally:
        con.close()


def test_an_older_file_stopped_while_it_is_backed_up_is_not_migrated(tmp_path):
    old = tmp_path / "release.sqlite"
    old.write_bytes(gzip.decompress(RELEASE.read_bytes()))
    before, schema = file_digest(old), schema_of(old)
    steps, seen = stopping_after("progress.workspace.backing_up")
    with pytest.raises(Cancelled):
        open_workspace(old, create=False, steps=steps)
    assert [s.what.id for s in seen] == ["progress.workspace.checking", "progress.workspace.backing_up"]
    assert file_digest(old) == before and schema_of(old) == schema != head_revisions()
    assert not [p for p in tmp_path.iterdir() if ".open-" in p.name]  # not left marked as open
    steps, seen = stopping_after("none")
    open_workspace(old, create=False, steps=steps).close()  # opened again, it is migrated: the stop cost nothing
    assert [(s.what.id, s.stoppable) for s in seen][-1] == ("progress.workspace.migrating", False) and schema_of(old) == head_revisions()


def test_a_stop_at_the_first_step_creates_no_file(tmp_path):
    steps, _ = stopping_after("progress.workspace.checking")
    steps.cancel()
    with pytest.raises(Cancelled):
        open_workspace(tmp_path / "new.sqlite", steps=steps)
    assert list(tmp_path.iterdir()) == []


def test_a_team_database_stopped_after_its_migration_is_rolled_back(pg_cluster):
    name = f"workbench_steps_{next(pg_cluster.numbers)}"
    with pg_cluster.admin.connect() as con:
        con.execute(text(f"CREATE DATABASE {name}"))
    url = pg_cluster.url(name)
    steps, seen = stopping_after("progress.workspace.creating")
    with pytest.raises(Cancelled):
        open_workspace(url, steps=steps)
    assert [s.what.id for s in seen] == ["progress.workspace.connecting", "progress.workspace.checking_team", "progress.workspace.creating"]
    engine = create_engine(url)
    try:
        with engine.connect() as con:
            assert inspect(con).get_table_names() == []  # the whole set-up was one transaction
    finally:
        engine.dispose()
    ws = open_workspace(url)  # and opens normally afterwards, its first login the owner
    assert ws.role == "owner"
    ws.close()


def test_what_is_being_opened_is_named_without_login_or_password():
    from workbench.store.address import place_name

    assert place_name("/data/field #2.sqlite") == "field #2.sqlite"
    assert place_name("postgresql+psycopg://wang:s3cret@db.example.cn:5433/ccer") == "ccer@db.example.cn"
    assert place_name("postgresql://li@/team") == "team@localhost"
