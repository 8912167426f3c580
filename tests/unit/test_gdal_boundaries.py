"""GeoPackage and File Geodatabase boundaries, as forestry bureaus and GIS tools export a project's 小班 layer: real
files written by GDAL (pyogrio) here — Chinese names, a projected CGCS2000 zone reprojected to WGS84, a geodatabase
as a folder, as a file inside it and zipped, text in GB18030 — and clear refusals that store nothing."""

from __future__ import annotations

import math
import sqlite3
import zipfile
from datetime import date

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import Point, Polygon

from tests.cli_helpers import file_digest, run_cli
from workbench.domain.errors import UserError
from workbench.services.demo.projects import create_demo_projects
from workbench.services.monitoring import site_import
from workbench.services.support.context import Actor
from workbench.store.workspace import open_workspace

ON = Actor("tester", date(2026, 2, 1))
# 0.005° × 0.004° at 24.69° N on the WGS84 ellipsoid (by hand ≈ 505.9 m × 442.9 m, as test_field_files_boundaries)
PARCEL_A_M2 = 224_000
A = Polygon([(108.061, 24.69), (108.066, 24.69), (108.066, 24.694), (108.061, 24.694)])
B = Polygon([(108.07, 24.69), (108.075, 24.69), (108.075, 24.694), (108.07, 24.694)])
NAMES = ["金城江12林班3小班", "金城江12林班4小班"]
STRATA = ["杉木", "马尾松"]


def _in(polygons, epsg: int):
    """The outlines in the CRS ``epsg`` (CGCS2000 / 3-degree Gauss–Krüger zone 36 is EPSG:4524)."""
    if epsg in (4326, 4490):
        return polygons
    to = Transformer.from_crs(4326, epsg, always_xy=True)
    return [shapely.transform(p, lambda xy: np.column_stack(to.transform(xy[:, 0], xy[:, 1]))) for p in polygons]


def _write(path, polygons, columns: dict, *, driver: str, epsg: int, layer: str = "xiaoban", geometry_type: str = "Polygon", **options):
    from pyogrio import raw

    geometry = np.array([None if g is None else shapely.to_wkb(g) for g in polygons], dtype=object)
    raw.write(str(path), geometry, [np.array(v, dtype=object) for v in columns.values()], list(columns), driver=driver,
              geometry_type=geometry_type, crs=f"EPSG:{epsg}", layer=layer, **options)
    return path


@pytest.fixture
def forest(ws):
    create_demo_projects(ws, ON)
    return ws


def _shown(ws):
    return [(p.name, p.stratum) for p in site_import.parcels_of(ws, "GX-AR-01")]


def test_a_geopackage_in_a_projected_cgcs2000_zone_imports_in_wgs84_with_chinese_names(forest, tmp_path):
    path = _write(tmp_path / "小班.gpkg", _in([A, B], 4524), {"小班名称": NAMES, "碳层": STRATA}, driver="GPKG", epsg=4524)
    _, report = site_import.import_boundaries(forest, ON, "GX-AR-01", path)
    assert _shown(forest) == list(zip(NAMES, STRATA))
    assert math.isclose(float(dict(report.parcels)[NAMES[0]]), PARCEL_A_M2, rel_tol=0.02)
    first = site_import.parcels_of(forest, "GX-AR-01")[0].outlines[0]
    assert min(x for x, _ in first) == pytest.approx(108.061, abs=1e-7) and min(y for _, y in first) == pytest.approx(24.69, abs=1e-7)


def test_heights_are_dropped(forest, tmp_path):
    raised = [shapely.force_3d(p, 120.0) for p in _in([A], 4524)]
    path = _write(tmp_path / "z.gpkg", raised, {"name": ["Z-1"]}, driver="GPKG", epsg=4524, geometry_type="Polygon Z")
    _, report = site_import.import_boundaries(forest, ON, "GX-AR-01", path)
    assert [n for n, _ in report.parcels] == ["Z-1"]


@pytest.fixture
def geodatabase(tmp_path):
    """A File Geodatabase folder (ArcGIS's format, GDAL's OpenFileGDB driver) of multipolygons in CGCS2000."""
    return _write(tmp_path / "林场.gdb", [shapely.MultiPolygon([A]), shapely.MultiPolygon([B])], {"名称": NAMES, "STRATUM": STRATA},
                  driver="OpenFileGDB", epsg=4490, geometry_type="MultiPolygon")


def test_a_file_geodatabase_folder_imports(forest, geodatabase):
    site_import.import_boundaries(forest, ON, "GX-AR-01", geodatabase)
    assert _shown(forest) == list(zip(NAMES, STRATA))


def test_a_file_picked_inside_a_geodatabase_folder_reads_the_geodatabase(forest, geodatabase):
    """A file dialog picks files, not folders: any file of the geodatabase stands for it."""
    site_import.import_boundaries(forest, ON, "GX-AR-01", geodatabase / "gdb")
    assert [n for n, _ in _shown(forest)] == NAMES


def test_a_zipped_file_geodatabase_is_read_inside_the_zip(forest, geodatabase, tmp_path):
    zipped = tmp_path / "林场.gdb.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        for member in geodatabase.iterdir():
            archive.write(member, f"{geodatabase.name}/{member.name}")
    site_import.import_boundaries(forest, ON, "GX-AR-01", zipped)
    assert _shown(forest) == list(zip(NAMES, STRATA))


def test_a_geopackage_whose_text_is_gbk_keeps_its_chinese_names(forest, tmp_path):
    """Some tools write the Windows code page into GeoPackage text: read as GB18030."""
    path = _write(tmp_path / "gbk.gpkg", [A, B], {"名称": ["x", "y"], "碳层": ["x", "y"]}, driver="GPKG", epsg=4326)
    with sqlite3.connect(path) as con:
        triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'xiaoban'").fetchall()
        for name, _ in triggers:  # their SQL functions live in GDAL, not in the sqlite3 module
            con.execute(f'DROP TRIGGER "{name}"')
        for fid, (name, stratum) in enumerate(zip(NAMES, STRATA), start=1):
            con.execute("UPDATE xiaoban SET 名称 = CAST(? AS TEXT), 碳层 = CAST(? AS TEXT) WHERE fid = ?",
                        (name.encode("gbk"), stratum.encode("gbk"), fid))
        for _, sql in triggers:
            con.execute(sql)
    site_import.import_boundaries(forest, ON, "GX-AR-01", path)
    assert _shown(forest) == list(zip(NAMES, STRATA))


def test_several_polygon_layers_are_refused_naming_them_and_nothing_is_stored(forest, tmp_path):
    path = _write(tmp_path / "two.gpkg", [A.union(B)], {"name": ["outline"]}, driver="GPKG", epsg=4326, layer="项目边界",
                  geometry_type="MultiPolygon")
    _write(path, [A, B], {"name": NAMES}, driver="GPKG", epsg=4326, layer="小班", append=False)
    before = file_digest(forest)
    with pytest.raises(UserError, match=r"two.gpkg: holds several layers of polygons \((?=.*项目边界 \(MultiPolygon\))(?=.*小班 \(Polygon\)).*\); export"):
        site_import.import_boundaries(forest, ON, "GX-AR-01", path)
    assert file_digest(forest) == before


def test_a_file_of_plot_centres_only_is_refused_naming_its_layers(forest, tmp_path):
    path = _write(tmp_path / "plots.gpkg", [Point(108.06, 24.69)], {"name": ["样地1"]}, driver="GPKG", epsg=4326, layer="样地",
                  geometry_type="Point")
    with pytest.raises(UserError, match=r"plots.gpkg: holds no layer of polygons \(its layers: 样地 \(Point\)\)"):
        site_import.import_boundaries(forest, ON, "GX-AR-01", path)


def test_a_feature_without_geometry_is_named(forest, tmp_path):
    path = _write(tmp_path / "gap.gpkg", [A, None], {"name": ["N-1", "N-2 (not yet surveyed)"]}, driver="GPKG", epsg=4326)
    before = file_digest(forest)
    with pytest.raises(UserError, match=r"gap.gpkg layer xiaoban: feature 2 \('N-2 \(not yet surveyed\)'\) has no geometry"):
        site_import.import_boundaries(forest, ON, "GX-AR-01", path)
    assert file_digest(forest) == before


def test_a_damaged_geopackage_is_refused_in_the_users_language(tmp_path, capsys):
    db = tmp_path / "w.sqlite"
    ws = open_workspace(db)
    create_demo_projects(ws, ON)
    ws.close()
    damaged = tmp_path / "broken.gpkg"
    damaged.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    result = run_cli(capsys, "--db", db, "--lang", "zh", "site", "import", "GX-AR-01", damaged)
    assert result.code == 2 and "broken.gpkg" in result.err and "无法作为 GeoPackage 读取" in result.err
    assert "Traceback" not in result.err


def test_the_cli_imports_a_geopackage(tmp_path, capsys):
    db = tmp_path / "w.sqlite"
    ws = open_workspace(db)
    create_demo_projects(ws, ON)
    ws.close()
    path = _write(tmp_path / "小班.gpkg", _in([A], 4524), {"小班号": ["3"], "碳层": ["杉木"]}, driver="GPKG", epsg=4524)
    result = run_cli(capsys, "--db", db, "site", "import", "GX-AR-01", path)
    assert result.code == 0, result.err
    assert "3" in result.out
