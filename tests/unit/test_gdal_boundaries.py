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


# --- several layers: the one to import named (--layer; the GUI asks) -------------------------------------------------

@pytest.fixture
def two_layers(tmp_path):
    """A GeoPackage as a forestry bureau hands it over: the project's outline, its 小班 and the plot centres."""
    path = _write(tmp_path / "林场.gpkg", [A.union(B)], {"name": ["项目边界"]}, driver="GPKG", epsg=4326, layer="项目边界",
                  geometry_type="MultiPolygon")
    _write(path, _in([A, B], 4524), {"小班名称": NAMES, "碳层": STRATA}, driver="GPKG", epsg=4524, layer="小班", append=False)
    _write(path, [Point(108.062, 24.691)], {"name": ["样地1"]}, driver="GPKG", epsg=4326, layer="样地", geometry_type="Point", append=False)
    return path


def test_the_layers_of_polygons_are_listed_for_a_picker(two_layers):
    assert site_import.boundary_layers(two_layers) == [("项目边界", "MultiPolygon"), ("小班", "Polygon")]


def test_the_named_layer_of_several_is_imported(forest, two_layers):
    _, report = site_import.import_boundaries(forest, ON, "GX-AR-01", two_layers, layer="小班")
    assert _shown(forest) == list(zip(NAMES, STRATA))
    assert math.isclose(float(dict(report.parcels)[NAMES[0]]), PARCEL_A_M2, rel_tol=0.02)


@pytest.mark.parametrize("layer", ["样地", "小斑"])
def test_a_layer_that_is_not_one_of_polygons_is_refused_naming_the_layers(forest, two_layers, layer):
    before = file_digest(forest)
    with pytest.raises(UserError, match=rf"林场.gpkg: has no layer of polygons named '{layer}' \(its layers: 项目边界 \(MultiPolygon\), "
                                        r"小班 \(Polygon\), 样地 \(Point\)\)"):
        site_import.import_boundaries(forest, ON, "GX-AR-01", two_layers, layer=layer)
    assert file_digest(forest) == before


def test_a_layer_named_for_a_file_of_one_layer_is_refused(forest, tmp_path):
    path = tmp_path / "p.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    with pytest.raises(UserError, match=r"p.geojson: holds one layer only; a layer \('小班'\) can be named for a GeoPackage"):
        site_import.import_boundaries(forest, ON, "GX-AR-01", path, layer="小班")
    assert site_import.boundary_layers(path) == []


def test_a_zipped_file_geodatabase_of_two_layers_imports_the_named_one(forest, tmp_path):
    folder = _write(tmp_path / "林场.gdb", [A.union(B)], {"name": ["边界"]}, driver="OpenFileGDB", epsg=4490,
                    layer="boundary", geometry_type="MultiPolygon")
    _write(folder, [shapely.MultiPolygon([A]), shapely.MultiPolygon([B])], {"名称": NAMES, "STRATUM": STRATA}, driver="OpenFileGDB",
           epsg=4490, layer="xiaoban", geometry_type="MultiPolygon", append=False)
    zipped = tmp_path / "林场.gdb.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        for member in folder.iterdir():
            archive.write(member, f"{folder.name}/{member.name}")
    assert [name for name, _ in site_import.boundary_layers(zipped)] == ["boundary", "xiaoban"]
    with pytest.raises(UserError, match="several layers of polygons"):
        site_import.import_boundaries(forest, ON, "GX-AR-01", zipped)
    site_import.import_boundaries(forest, ON, "GX-AR-01", zipped, layer="xiaoban")
    assert _shown(forest) == list(zip(NAMES, STRATA))


def test_the_cli_imports_the_layer_named_and_its_refusal_names_the_option(tmp_path, capsys, two_layers):
    db = tmp_path / "w.sqlite"
    ws = open_workspace(db)
    create_demo_projects(ws, ON)
    ws.close()
    refused = run_cli(capsys, "--db", db, "site", "import", "GX-AR-01", two_layers)
    assert refused.code == 2 and "--layer" in refused.err and "小班 (Polygon)" in refused.err
    result = run_cli(capsys, "--db", db, "site", "import", "GX-AR-01", two_layers, "--layer", "小班")
    assert result.code == 0, result.err
    assert NAMES[0] in result.out and NAMES[1] in result.out and "项目边界" not in result.out


# --- curved outlines (true curves of ArcGIS, circular arcs of QGIS): linearised by GDAL, and said ------------------

# a circle through four points about (108.065, 24.69), radius 0.005°: by hand an ellipse on the ground of 505.9 m (east)
# × 553.6 m (north) half-axes (the scales of PARCEL_A_M2), π × 505.9 × 553.6 ≈ 879,850 m²; 90 chords of 4° keep
# sin(4°)/(4° in radians) ≈ 0.99919 of it ≈ 879,140 m²
CIRCLE = [(108.06, 24.69), (108.065, 24.695), (108.07, 24.69), (108.065, 24.685), (108.06, 24.69)]
CIRCLE_M2 = 879_140


def _curve_polygon() -> bytes:
    """ISO WKB of CURVEPOLYGON(CIRCULARSTRING(CIRCLE)) — shapely (GEOS) builds no curves, so by hand."""
    import struct

    ring = struct.pack("<BII", 1, 8, len(CIRCLE)) + b"".join(struct.pack("<dd", *p) for p in CIRCLE)
    return struct.pack("<BII", 1, 10, 1) + ring


def _multi_surface() -> bytes:
    import struct

    return struct.pack("<BII", 1, 12, 1) + _curve_polygon()


def _curved_geopackage(path, type_name: str, curve: bytes):
    """A GeoPackage whose layer is declared CURVEPOLYGON or MULTISURFACE (as QGIS writes arcs): written through GDAL
    as a generic layer, its declared type then set in gpkg_geometry_columns."""
    from pyogrio import raw

    square = shapely.to_wkb(B)
    raw.write(str(path), np.array([curve, square], dtype=object), [np.array(["圆形小班", "方形小班"], dtype=object)], ["name"],
              driver="GPKG", geometry_type="Unknown", crs="EPSG:4326", layer="xiaoban")
    with sqlite3.connect(path) as con:
        con.execute("UPDATE gpkg_geometry_columns SET geometry_type_name = ?", (type_name,))
    return path


@pytest.mark.parametrize(("type_name", "curve"), [("CURVEPOLYGON", _curve_polygon()), ("MULTISURFACE", _multi_surface())])
def test_curved_outlines_in_a_geopackage_are_linearised_and_named(forest, tmp_path, type_name, curve):
    path = _curved_geopackage(tmp_path / f"{type_name}.gpkg", type_name, curve)
    change, report = site_import.import_boundaries(forest, ON, "GX-AR-01", path)
    assert report.linearised == ["圆形小班"] and change.result["linearised"] == ["圆形小班"]
    circle = next(p for p in site_import.parcels_of(forest, "GX-AR-01") if p.name == "圆形小班")
    assert len(circle.outlines[0]) == 91  # 90 chords of 4° and the closing point
    assert math.isclose(float(dict(report.parcels)["圆形小班"]), CIRCLE_M2, rel_tol=0.002)


def test_a_file_geodatabase_with_true_curves_is_linearised_and_the_cli_says_so(tmp_path, capsys):
    from pyogrio import raw

    folder = tmp_path / "curves.gdb"
    raw.write(str(folder), np.array([_multi_surface(), shapely.to_wkb(shapely.MultiPolygon([B]))], dtype=object),
              [np.array(["圆形小班", "方形小班"], dtype=object)], ["名称"], driver="OpenFileGDB", geometry_type="MultiPolygon",
              crs="EPSG:4490", layer="xiaoban")
    db = tmp_path / "w.sqlite"
    ws = open_workspace(db)
    create_demo_projects(ws, ON)
    ws.close()
    result = run_cli(capsys, "--db", db, "--lang", "zh", "site", "import", "GX-AR-01", folder)
    assert result.code == 0, result.err
    assert "含弧段的边界已按直线段读入（GDAL，每段不超过 4° 弧）：圆形小班" in result.out
    assert "方形小班" in result.out.split("：圆形小班")[0]  # both imported; only the circle named as linearised
