"""Crash safety (SIGKILL in the middle of an import, a calculation and an issuance) and hostile input to the importers."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_helpers import file_digest
from workbench.domain.errors import UserError
from workbench.reference import parse_rows
from workbench.services.monitoring import meters, monitoring_import
from workbench.services.support.context import Actor
from workbench.services.demo.projects import create_demo_projects
from workbench.store.workspace import open_workspace


def prepared(path: Path) -> None:
    ws = open_workspace(path)
    actor = Actor("tester", date(2026, 2, 1))
    create_demo_projects(ws, actor)
    meters.add_meter(ws, actor, "VN-OFW-01", {"serial": "EXP-1", "role": "export", "accuracy_class": "0.2"})
    ws.close()


@pytest.mark.parametrize("delay", [0.8, 1.6])
def test_a_killed_import_leaves_the_file_whole_and_nothing_half_written(tmp_path, delay):
    db = tmp_path / "w.sqlite"
    prepared(db)
    rows = 200_000
    csv = tmp_path / "big.csv"
    start = datetime(2025, 1, 1)
    with csv.open("w") as fh:
        fh.write("meter,start,minutes,wh\n")
        fh.writelines(f"EXP-1,{start + timedelta(minutes=15 * i):%Y-%m-%d %H:%M},15,{i}\n" for i in range(rows))
    before_projects = sqlite3.connect(db).execute("select count(*) from project").fetchone()[0]
    proc = subprocess.Popen([sys.executable, "-m", "workbench.cli.main", "monitoring", "import", "VN-OFW-01", str(csv), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "WORKBENCH_TODAY": "2026-02-01"})
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("select count(*) from project").fetchone()[0] == before_projects
    stored = con.execute("select count(*) from meter_reading").fetchone()[0]
    assert stored in (0, rows)  # all of the action or none of it
    con.close()
    ws = open_workspace(db)  # and the workbench opens it again
    ws.close()


def content(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return list(con.iterdump())
    finally:
        con.close()


def kill_driver(db: Path, action: str, kill_at: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tests.kill_driver", str(db), action, str(kill_at)], capture_output=True, text=True,
                          cwd=Path(__file__).parents[2], env={**os.environ, "WORKBENCH_TODAY": "2026-02-01"})


@pytest.mark.parametrize("action", ["calculate", "issue"])
def test_a_calculation_or_issuance_killed_at_any_point_leaves_the_file_as_it_was(tmp_path, action):
    from tests.unit.test_ledger import measured_wind_period, verified_wind_period

    db = tmp_path / "w.sqlite"
    ws = open_workspace(db)
    (verified_wind_period if action == "issue" else measured_wind_period)(ws, tmp_path)
    ws.close()
    before = content(db)
    trial = tmp_path / "trial.sqlite"
    trial.write_bytes(db.read_bytes())
    finished = kill_driver(trial, action, 0)
    assert finished.returncode == 0, finished.stderr
    opened, total = map(int, finished.stdout.split())
    assert total - opened >= 3 and content(trial) != before  # the action writes, in several statements
    for kill_at in sorted({opened + 1, (opened + total) // 2, total - 1, total}):
        killed = kill_driver(db, action, kill_at)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        assert content(db) == before, f"killed after statement {kill_at} of {total}: the file changed"
    ws = open_workspace(db, create=False)  # the workbench opens it, the audit chain holds, and the action now goes through
    try:
        from workbench.services.history import audit

        assert audit.verify(ws).intact
    finally:
        ws.close()
    assert kill_driver(db, action, 0).returncode == 0


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "w.sqlite"
    prepared(path)
    return path


CELLS = st.one_of(st.text(max_size=12), st.sampled_from(["EXP-1", "2025-01-01 00:00", "60", "15", "-1", "1e400", "NaN", "0.0005", "１２", "", "\x00"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.lists(st.sampled_from(["meter", "start", "minutes", "kwh", "wh", "mwh", "表号", "时间", "x", ""]), max_size=5),
       rows=st.lists(st.lists(CELLS, max_size=5), max_size=6), raw=st.binary(max_size=64))
def test_any_csv_gives_a_clear_error_or_a_clean_import_and_nothing_else(fuzz_db, tmp_path_factory, header, rows, raw):
    path = tmp_path_factory.mktemp("f") / "input.csv"
    body = "\n".join(",".join(r) for r in [header, *rows]).encode("utf-8", "surrogatepass") if header else raw
    path.write_bytes(body)
    ws = open_workspace(fuzz_db)
    before = file_digest(fuzz_db)
    try:
        monitoring_import.import_readings(ws, Actor("fuzz", date(2026, 2, 1)), "VN-OFW-01", path, dry_run=True)
    except UserError as exc:
        assert str(exc)
    finally:
        ws.close()
    assert file_digest(fuzz_db) == before  # a dry run never writes, whatever the input


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=200))
def test_any_reference_csv_gives_a_user_error_or_rows(text):
    try:
        rows = parse_rows("fuzz", "key,source,valid_from\n" + text, origin="fuzz.csv", decimal_columns=())
    except UserError as exc:
        assert "fuzz.csv" in str(exc)
    else:
        assert all(r.source and r.key for r in rows)


NUMBER = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**20, 10**20), st.text(max_size=3), st.none())
POINT = st.lists(NUMBER, max_size=3)
RING = st.one_of(st.lists(POINT, max_size=6), st.just([[0, 0], [0.001, 0], [0.001, 0.001], [0, 0.001], [0, 0]]))
GEOMETRY = st.fixed_dictionaries({"type": st.sampled_from(["Polygon", "MultiPolygon", "Point", "LineString", "GeometryCollection", "?"]),
                                  "coordinates": st.one_of(NUMBER, RING, st.lists(RING, max_size=2), st.lists(st.lists(RING, max_size=2), max_size=2))})
PROPERTIES = st.one_of(st.none(), st.integers(), st.dictionaries(st.sampled_from(["name", "stratum", "名称", "碳层", "x"]),
                                                               st.one_of(st.text(max_size=8), st.integers(), st.none(), st.lists(st.integers()))))
FEATURE = st.one_of(st.fixed_dictionaries({"type": st.just("Feature"), "properties": PROPERTIES, "geometry": st.one_of(GEOMETRY, NUMBER)}),
                    GEOMETRY, NUMBER)
GEOJSON = st.one_of(st.fixed_dictionaries({"type": st.just("FeatureCollection"), "features": st.one_of(st.lists(FEATURE, max_size=3), NUMBER)}),
                    FEATURE)


def imports_cleanly_or_says_why(db: Path, path: Path) -> None:
    """The boundary importer either stores the parcels or raises a UserError naming the file, and then wrote nothing."""
    from workbench.services.monitoring import site_import

    ws = open_workspace(db)
    before = file_digest(ws)
    try:
        site_import.import_boundaries(ws, Actor("fuzz", date(2026, 2, 1)), "GX-AR-01", path)
    except UserError as exc:
        assert str(path) in str(exc)
        assert file_digest(ws) == before
    finally:
        ws.close()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=GEOJSON, raw=st.one_of(st.none(), st.binary(max_size=40)))
def test_any_geojson_is_imported_or_refused_clearly(fuzz_db, tmp_path_factory, doc, raw):
    import json

    path = tmp_path_factory.mktemp("g") / "parcels.geojson"
    path.write_bytes(raw if raw is not None else json.dumps(doc).encode())
    imports_cleanly_or_says_why(fuzz_db, path)


TOKEN = st.one_of(st.sampled_from(["0,0,0", "0.001,0", "0.001,0.001", "0,0.001", "1e999,2", "nan,nan", ",", "a,b", "180.1,0"]),
                  st.text(alphabet="0123456789.,-e ", max_size=8))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(placemarks=st.lists(st.tuples(st.text(max_size=6), st.lists(TOKEN, max_size=6), st.booleans(), st.booleans()), max_size=3),
       raw=st.one_of(st.none(), st.binary(max_size=40)))
def test_any_kml_is_imported_or_refused_clearly(fuzz_db, tmp_path_factory, placemarks, raw):
    from xml.sax.saxutils import escape

    body = "".join(
        f"<Placemark><name>{escape(name)}</name>" + ("<Polygon><outerBoundaryIs><LinearRing><coordinates>" + " ".join(tokens) +
                                                   "</coordinates></LinearRing></outerBoundaryIs>" +
                                                   ("<innerBoundaryIs><LinearRing><coordinates>0,0</coordinates></LinearRing></innerBoundaryIs>"
                                                    if hole else "") + "</Polygon>" if polygon else "") + "</Placemark>"
        for name, tokens, polygon, hole in placemarks)
    path = tmp_path_factory.mktemp("k") / "parcels.kml"
    path.write_bytes(raw if raw is not None else
                     f'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>{body}</Document></kml>'.encode())
    imports_cleanly_or_says_why(fuzz_db, path)


@pytest.fixture(scope="module")
def shapefile_members(tmp_path_factory):
    import shapefile
    from pyproj import CRS

    folder = tmp_path_factory.mktemp("shp")
    with shapefile.Writer(str(folder / "p"), shapeType=shapefile.POLYGON) as w:
        w.field("name", "C")
        w.poly([[[500000, 2730000], [500000, 2730100], [500100, 2730100], [500100, 2730000], [500000, 2730000]]])
        w.record("UTM-square")
    (folder / "p.prj").write_text(CRS.from_epsg(32649).to_wkt())
    return {ext: (folder / f"p.{ext}").read_bytes() for ext in ("shp", "shx", "dbf", "prj")}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(member=st.sampled_from(["shp", "shx", "dbf", "prj"]), edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=4),
       cut=st.one_of(st.none(), st.integers(0, 300)), zipped=st.booleans())
def test_any_damaged_shapefile_is_imported_or_refused_clearly(fuzz_db, shapefile_members, tmp_path_factory, member, edits, cut, zipped):
    import zipfile

    members = dict(shapefile_members)
    body = bytearray(members[member])
    for position, value in edits:
        body[position % len(body)] = value
    members[member] = bytes(body[:cut] if cut is not None else body)
    folder = tmp_path_factory.mktemp("s")
    if zipped:
        path = folder / "parcels.zip"
        with zipfile.ZipFile(path, "w") as z:
            for ext, data in members.items():
                z.writestr(f"parcels.{ext}", data)
    else:
        for ext, data in members.items():
            (folder / f"parcels.{ext}").write_bytes(data)
        path = folder / "parcels.shp"
    imports_cleanly_or_says_why(fuzz_db, path)
