"""Parameters, declarations, evidence references and PDD texts in their own tables (migration 0018_parameter_split).

The workspace written by the release (tests/fixtures/release_0016, brought to 0017_issuance_records — the schema of
the current release — by the release's own migrations) keeps every one of them after the migration; packages written
before it import in the new shape.
"""

from __future__ import annotations

import gzip
import sqlite3
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, select, text

from workbench.domain.errors import UserError
from workbench.domain.project_inputs import split_parameter
from workbench.services.documents import pdd
from workbench.services.history.undo import inverse
from workbench.services.methodology import methodology, project_inputs
from workbench.services.projects import lifecycle, projects
from workbench.services.sharing import packages
from workbench.services.support.context import Actor
from workbench.store.models_methodology import DeclarationRow, EvidenceReferenceRow, PddTextRow, ProjectParameterRow
from workbench.store.workspace import alembic_config, open_workspace

import pytest

RELEASE = Path(__file__).parent.parent / "fixtures" / "release_0016"
ON = Actor("tester", date(2026, 5, 4))
CURRENT_RELEASE = "0017_issuance_records"


def release_0017(tmp_path: Path) -> Path:
    """The release's workspace at the current release's schema, with a declaration answered neither yes nor no (the
    release refused those, older files may hold one) and a text in a third language."""
    path = tmp_path / "release.sqlite"
    path.write_bytes(gzip.decompress((RELEASE / "workspace.sqlite.gz").read_bytes()))
    con = sqlite3.connect(path)
    con.executemany("INSERT INTO project_parameter (project_id, key, value, source, updated_at, version) VALUES (1, ?, ?, 'old file', "
                    "'2024-12-01 09:00:00', 1)", [("decl.no_double_counting", "maybe"), ("text.description.fr", "64 éoliennes")])
    con.commit()
    con.close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, CURRENT_RELEASE)
    engine.dispose()
    return path


def stored(path: Path) -> tuple[list[tuple], list[tuple]]:
    con = sqlite3.connect(path)
    try:
        parameters = con.execute("SELECT project_id, key, value, source FROM project_parameter ORDER BY id").fetchall()
        events = con.execute("SELECT id, project_id, evidence FROM stage_event WHERE evidence != '' ORDER BY id").fetchall()
    finally:
        con.close()
    return parameters, events


def test_split_rule():
    assert split_parameter("decl.no_green_certificate", " Yes ") == ("project_declaration", {"key": "no_green_certificate", "answer": True})
    assert split_parameter("decl.no_other_programme", "no")[1]["answer"] is False
    assert split_parameter("decl.no_other_programme", "maybe") is None
    assert split_parameter("evidence.grid_connection", "PPA 117") == (
        "evidence_reference", {"condition": "grid_connection", "stage_event_id": None, "reference": "PPA 117"})
    assert split_parameter("text.stakeholders.zh", "无") == ("pdd_text", {"section": "stakeholders", "lang": "zh", "body": "无"})
    assert split_parameter("text.description.fr", "x") is None
    assert split_parameter("grid", "VN-National") is None and split_parameter("plan.S1.species", "eucalyptus") is None


def test_migrating_the_release_workspace_keeps_every_parameter_declaration_reference_and_text(tmp_path):
    path = release_0017(tmp_path)
    parameters, events = stored(path)
    assert len(parameters) == 13 and events == [(5, 1, "JC decision 2025-07")]
    ws = open_workspace(path)
    try:
        assert ws.migrated_from == CURRENT_RELEASE
        check_split(ws, parameters, events)
        with ws.reading() as s:
            kept = {r.key: (r.value, r.source) for r in s.scalars(select(ProjectParameterRow))}
        assert kept["decl.no_double_counting"] == ("maybe", "old file") and kept["text.description.fr"][0] == "64 éoliennes"  # not guessed
    finally:
        ws.close()


def check_split(ws, parameters: list[tuple], events: list[tuple]) -> None:
    """Every 0017 parameter is in its new table with the same value and source, or still a parameter."""
    with ws.reading() as s:
        now = {
            "project_parameter": {(r.project_id, r.key): (r.value, r.source) for r in s.scalars(select(ProjectParameterRow))},
            "project_declaration": {(r.project_id, r.key): (r.answer, r.source) for r in s.scalars(select(DeclarationRow))},
            "evidence_reference": {(r.project_id, r.condition or r.stage_event_id): (r.reference, r.source)
                                   for r in s.scalars(select(EvidenceReferenceRow))},
            "pdd_text": {(r.project_id, r.section, r.lang): (r.body, r.source) for r in s.scalars(select(PddTextRow))},
        }
    expected: dict[str, dict] = {name: {} for name in now}
    for project_id, key, value, source in parameters:
        target = split_parameter(key, value)
        if target is None:
            expected["project_parameter"][(project_id, key)] = (value, source)
        elif target[0] == "project_declaration":
            expected[target[0]][(project_id, target[1]["key"])] = (target[1]["answer"], source)
        elif target[0] == "evidence_reference":
            expected[target[0]][(project_id, target[1]["condition"])] = (value, source)
        else:
            expected[target[0]][(project_id, target[1]["section"], target[1]["lang"])] = (value, source)
    for event_id, project_id, reference in events:
        expected["evidence_reference"][(project_id, event_id)] = (reference, "stage change")
    assert now == expected
    assert now["pdd_text"][(1, "description", "zh")] == ("64台风机", "")


def test_the_migrated_inputs_read_as_before(tmp_path):
    ws = open_workspace(release_0017(tmp_path))
    try:
        assert pdd.texts(ws, "VN-ACC-01")[("environment", "zh")] == "2022年环评批复"
        check = next(r for r in methodology.check_project(ws, "VN-ACC-01") if r.chosen)
        assert any(c.evidence is None and "PPA EVN-2024-117" in c.explanation.en for c in check.conditions)
        history = lifecycle.view_project(ws, "VN-ACC-01", ON.today).snapshot.history
        assert [h.evidence for h in history if h.target.value == "registered"] == ["JC decision 2025-07"]
    finally:
        ws.close()


def test_the_migration_goes_back_to_one_table(tmp_path):
    path = release_0017(tmp_path)
    parameters, events = stored(path)
    open_workspace(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, CURRENT_RELEASE)
        assert connection.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'pdd_text'")).scalar() == 0
    engine.dispose()
    back_parameters, back_events = stored(path)
    assert sorted(back_parameters) == sorted(parameters) and back_events == events


PROJECT = {"code": "SPLIT-1", "title_en": "Split wind farm", "programme": "ccer", "host_country": "CN", "sector": "energy"}


def test_parameter_set_names_each_input_and_undo_takes_it_back(ws, actor):
    projects.create_project(ws, actor, PROJECT)
    declared = methodology.set_parameter(ws, actor, "SPLIT-1", "decl.no_green_certificate", "YES", "owner's letter")
    assert [e.entity for e in declared.entities] == ["project_declaration"] and declared.label.zh == "填写声明 no_green_certificate"
    methodology.set_parameter(ws, actor, "SPLIT-1", "evidence.grid_connection", "PPA 2025-3", "site file")
    pdd.set_text(ws, actor, "SPLIT-1", "description", "en", "Twenty turbines")
    changed = methodology.set_parameter(ws, actor, "SPLIT-1", "decl.no_green_certificate", "no")
    with ws.reading() as s:
        pid = projects.resolve(s, "SPLIT-1").id
        assert project_inputs.declarations_of(s, pid) == {"no_green_certificate": False}
        assert project_inputs.condition_evidence_of(s, pid) == {"grid_connection": "PPA 2025-3"}
        assert s.scalars(select(ProjectParameterRow)).all() == []
    inverse(changed)(ws, actor)
    inverse(declared)(ws, actor)
    with ws.reading() as s:
        assert project_inputs.declarations_of(s, pid) == {}
    with pytest.raises(UserError, match="a declaration is yes or no"):
        methodology.set_parameter(ws, actor, "SPLIT-1", "decl.no_other_programme", "perhaps")
    with pytest.raises(UserError, match="not 'Grid Connection'"):
        methodology.set_parameter(ws, actor, "SPLIT-1", "evidence.Grid Connection", "x")
    methodology.delete_parameter(ws, actor, "SPLIT-1", "evidence.grid_connection")
    assert pdd.texts(ws, "SPLIT-1")[("description", "en")] == "Twenty turbines"
    removed = pdd.set_text(ws, actor, "SPLIT-1", "description", "en", "")
    assert removed.entities[0].kind == "deleted"
    with ws.reading() as s:
        assert project_inputs.condition_evidence_of(s, pid) == {} and project_inputs.pdd_texts_of(s, pid) == {}


@pytest.mark.parametrize("release", ["release_0016", "release_0017"])
def test_a_package_written_by_an_earlier_release_imports_in_the_new_shape(tmp_path, release):
    ws = open_workspace(tmp_path / "w.sqlite")
    try:
        assert packages.import_package(ws, ON, RELEASE.parent / release / "vn-acc-01.zip")[1].action == "created"
        with ws.reading() as s:
            pid = projects.resolve(s, "VN-ACC-01").id
            assert project_inputs.declarations_of(s, pid) == {"no_other_programme": True, "no_green_certificate": True}
            assert project_inputs.condition_evidence_of(s, pid) == {"grid_connection": "PPA EVN-2024-117"}
            assert project_inputs.pdd_texts_of(s, pid)[("stakeholders", "zh")] == "未收到反对意见"
            assert list(project_inputs.stage_evidence_of(s, pid).values()) == ["JC decision 2025-07"]
            assert sorted(s.scalars(select(ProjectParameterRow.key))) == ["ex_ante_EG_MWh", "grid"]
        out = packages.export_package(ws, ON, "VN-ACC-01", tmp_path / "again.zip")
    finally:
        ws.close()
    other = open_workspace(tmp_path / "other.sqlite")
    try:
        packages.import_package(other, ON, out)
        with other.reading() as s:
            pid = projects.resolve(s, "VN-ACC-01").id
            assert len(project_inputs.pdd_texts_of(s, pid)) == 6 and list(project_inputs.stage_evidence_of(s, pid).values()) == ["JC decision 2025-07"]
    finally:
        other.close()
