"""The project list read straight from a workspace file with sqlite3 (the window's first paint), and when it is not."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from workbench.services.projects import projects
from workbench.services.projects.listing import matching, read_project_list
from workbench.store.schema_head import SCHEMA_HEADS
from workbench.store.workspace import head_revisions, open_workspace

PROJECTS = [
    {"code": "VN-1", "title_en": "Binh Thuan wind", "title_zh": "平顺风电", "programme": "bri", "host_country": "VN", "sector": "energy",
     "agreement": "China–Viet Nam MoU"},
    {"code": "CN-2", "title_en": "Guangxi forest", "programme": "ccer", "host_country": "CN", "sector": "forestry"},
]


def test_the_schema_head_constant_is_the_head_of_the_migrations():
    assert SCHEMA_HEADS == head_revisions()


def test_the_file_read_gives_the_rows_the_workspace_lists(db_path, actor):
    ws = open_workspace(db_path)
    for values in PROJECTS:
        projects.create_project(ws, actor, values)
    listed = projects.list_projects(ws)
    ws.close()
    assert read_project_list(db_path) == listed and [r.code for r in listed] == ["VN-1", "CN-2"]
    assert matching(listed, "平顺") == listed[:1] and matching(listed, " guangxi ") == listed[1:] and matching(listed, "") == listed


def test_a_file_the_read_cannot_trust_sends_the_window_to_the_opening(db_path, tmp_path, actor):
    assert read_project_list(tmp_path / "none.sqlite") is None
    (tmp_path / "text.sqlite").write_text("not a database")
    assert read_project_list(tmp_path / "text.sqlite") is None
    ws = open_workspace(db_path)
    projects.create_project(ws, actor, PROJECTS[0])
    ws.close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '0017_issuance_records'")  # an older file: migrated on opening
    con.commit()
    con.close()
    assert read_project_list(db_path) is None


def test_nothing_of_sqlalchemy_is_loaded_before_the_window_is_painted():
    """The modules of the first paint (``ui.startup``, ``ui.app``) load neither SQLAlchemy nor the ORM models."""
    code = ("import sys, workbench.ui.app, workbench.ui.startup; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'pycountry', 'babel') "
            "or m.startswith('workbench.store.models')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_file_name_with_hash_and_question_mark_is_read_and_nothing_is_written_beside_it(tmp_path, actor):
    path = tmp_path / "team#1 ws?.sqlite"
    ws = open_workspace(path)
    projects.create_project(ws, actor, PROJECTS[1])
    ws.close()
    assert [r.code for r in read_project_list(path)] == ["CN-2"]
    strays = [p.name for p in tmp_path.iterdir() if not p.name.startswith(path.name)]  # SQLite's own -wal/-shm aside
    assert strays == []  # no "team" or "team#1 ws" file where the name was cut
