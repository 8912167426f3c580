"""Project packages between two workspaces: round trip, idempotence, differences, and hostile packages."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_helpers import file_digest, run_cli


@pytest.fixture
def exported(demo_db, tmp_path, capsys):
    package = tmp_path / "wind.ccerpkg"
    assert run_cli(capsys, "package", "export", "VN-OFW-01", "--out", package, "--db", demo_db).code == 0
    return package


def test_round_trip_into_another_workspace_keeps_everything(exported, tmp_path, capsys, demo_db):
    other = tmp_path / "consultant.sqlite"
    result = run_cli(capsys, "package", "import", exported, "--db", other, "--format", "json")
    assert result.code == 0, result.err
    assert result.json()["action"] == "created"
    for command in (["monitoring", "list", "VN-OFW-01"], ["finding", "list", "VN-OFW-01"], ["risk", "list", "VN-OFW-01"],
                    ["document", "check", "pdd", "VN-OFW-01"]):
        mine = run_cli(capsys, *command, "--db", demo_db, "--format", "json").json()
        theirs = run_cli(capsys, *command, "--db", other, "--format", "json").json()
        if command[0] == "finding":  # ids are workspace-local
            mine = [[{k: v for k, v in f.items() if k != "id"} for f in e["findings"]] for e in mine]
            theirs = [[{k: v for k, v in f.items() if k != "id"} for f in e["findings"]] for e in theirs]
        assert mine == theirs
    again = run_cli(capsys, "package", "import", exported, "--db", other, "--format", "json")
    assert again.json()["action"] == "unchanged"  # importing the same package twice changes nothing
    assert run_cli(capsys, "audit", "verify", "--db", other).code == 0


def test_edits_on_both_sides_are_shown_and_merged_as_chosen(exported, tmp_path, capsys, demo_db):
    other = tmp_path / "consultant.sqlite"
    run_cli(capsys, "package", "import", exported, "--db", other)
    run_cli(capsys, "project", "update", "VN-OFW-01", "--set", "title_en=Consultant's title", "--db", other)
    run_cli(capsys, "risk", "update", "VN-OFW-01", "dev-verification", "--set", "owner=Consultant", "--db", other)
    back = tmp_path / "back.ccerpkg"
    run_cli(capsys, "package", "export", "VN-OFW-01", "--out", back, "--db", other)
    run_cli(capsys, "project", "update", "VN-OFW-01", "--set", "title_zh=业主改的标题", "--db", demo_db)
    before = file_digest(demo_db)
    refused = run_cli(capsys, "package", "import", back, "--db", demo_db)
    assert refused.code == 2 and "project#title_en" in refused.err and "project#title_zh" in refused.err
    assert "risk/dev-verification#owner: here" in refused.err and "by " in refused.err
    assert file_digest(demo_db) == before
    kept = run_cli(capsys, "package", "import", back, "--take", "local", "--db", demo_db, "--format", "json").json()
    assert kept["action"] == "unchanged"
    taken = run_cli(capsys, "package", "import", back, "--take", "incoming", "--db", demo_db, "--format", "json").json()
    assert taken["action"] == "replaced"
    shown = run_cli(capsys, "project", "show", "VN-OFW-01", "--db", demo_db, "--format", "json").json()
    assert shown["title_en"] == "Consultant's title"
    copy = run_cli(capsys, "package", "import", exported, "--as-new-copy", "VN-OFW-01-OLD", "--db", demo_db, "--format", "json").json()
    assert copy["action"] == "copied"
    codes = [p["code"] for p in run_cli(capsys, "project", "list", "--db", demo_db, "--format", "json").json()]
    assert "VN-OFW-01-OLD" in codes and "VN-OFW-01" in codes


def rewrite(source, target, change):
    with zipfile.ZipFile(source) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    change(members)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return target


@pytest.mark.parametrize("change, message", [
    (lambda m: m.__setitem__("../../evil.txt", b"x"), "absolute or parent path"),
    (lambda m: m.__setitem__("/etc/passwd", b"x"), "absolute or parent path"),
    (lambda m: m.__setitem__("bomb.bin", b"\0" * 5_000_000), "zip bomb"),
    (lambda m: m.__setitem__("data.json", m["data.json"].replace(b"Binh", b"Bin_")), "does not match its SHA-256"),
    (lambda m: m.pop("manifest.json"), "no manifest.json"),
    (lambda m: m.__setitem__("manifest.json", json.dumps({**json.loads(m["manifest.json"]), "schema": ["9999"]}).encode()), "newer version"),
])
def test_hostile_packages_are_refused_and_nothing_is_written(exported, tmp_path, capsys, change, message):
    bad = rewrite(exported, tmp_path / "bad.ccerpkg", change)
    target = tmp_path / "target.sqlite"
    assert run_cli(capsys, "demo", "--db", target).code == 0
    before = file_digest(target)
    result = run_cli(capsys, "package", "import", bad, "--db", target)
    assert result.code == 2 and message in result.err and "Traceback" not in result.err
    assert file_digest(target) == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_are_a_clear_error(tmp_path_factory, data):
    from workbench.domain.errors import UserError
    from workbench.services.sharing.packages import read_package

    path = tmp_path_factory.mktemp("pkg") / "x.ccerpkg"
    path.write_bytes(data)
    with pytest.raises(UserError):
        read_package(path)


@pytest.fixture(scope="module")
def forest_package(tmp_path_factory):
    from datetime import date

    from workbench.services.sharing import packages
    from workbench.services.support.context import Actor
    from workbench.services.demo.projects import create_demo_projects
    from workbench.store.workspace import open_workspace

    folder = tmp_path_factory.mktemp("forest")
    ws = open_workspace(folder / "source.sqlite")
    actor = Actor("tester", date(2025, 3, 3))
    create_demo_projects(ws, actor)
    out = packages.export_package(ws, actor, "GX-AR-01", folder / "forest.ccerpkg")
    ws.close()
    target = open_workspace(folder / "target.sqlite")
    yield out, target
    target.close()


JSON_VALUES = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(), st.text(max_size=10)),
                           lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)),
                           max_leaves=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pick=st.integers(0, 10**6), column=st.integers(0, 40), value=JSON_VALUES, code=st.integers(0, 10**9))
def test_a_package_with_any_value_in_any_field_is_imported_or_refused_clearly(forest_package, tmp_path_factory, pick, column, value, code):
    """Even with a manifest that matches (a package made by another program), data.json is checked before writing."""
    from workbench.domain.errors import UserError
    from workbench.services.sharing import packages
    from workbench.services.support.context import Actor

    source, target = forest_package

    def change(members):
        data = json.loads(members["data.json"])
        rows = [(name, row) for name in sorted(data) for row in data[name]]
        name, row = rows[pick % len(rows)]
        keys = sorted(row)
        row[keys[column % len(keys)]] = value
        members["data.json"] = json.dumps(data).encode()
        manifest = json.loads(members["manifest.json"])
        manifest["members"]["data.json"] = {"sha256": hashlib.sha256(members["data.json"]).hexdigest(), "size": len(members["data.json"])}
        members["manifest.json"] = json.dumps(manifest).encode()

    bad = rewrite(source, tmp_path_factory.mktemp("p") / "changed.ccerpkg", change)
    before = file_digest(target)
    try:
        packages.import_package(target, Actor("fuzz"), bad, new_code=f"COPY-{code}")
    except UserError as exc:
        assert str(exc) and file_digest(target) == before
