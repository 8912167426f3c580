"""Real GIS exports (tests/data/cases/boundaries): GBK Shapefiles with and without .cpg, KMZ, KML of any namespace,
plot-centre points beside parcels, a GeoJSON crs member, a feature without geometry."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from tests.cli_helpers import file_digest, run_cli
from workbench.domain.errors import UserError
from workbench.services.demo.projects import create_demo_projects
from workbench.services.monitoring import site_import
from workbench.services.support.context import Actor
from workbench.store.workspace import open_workspace

CASES = Path(__file__).parent.parent / "data" / "cases" / "boundaries"
ON = Actor("tester", date(2026, 2, 1))
# 0.005° × 0.004° at 24.69° N on the WGS84 ellipsoid (pyproj.Geod, by hand ≈ 505.9 m × 442.9 m)
PARCEL_A_M2 = 224_000


@pytest.fixture
def forest(ws):
    create_demo_projects(ws, ON)
    return ws


@pytest.mark.parametrize("name", ["gbk-shapefile-no-cpg/小班.shp", "gbk-shapefile-zipped.zip"])
def test_gbk_shapefiles_import_with_chinese_names_and_strata(forest, name):
    _, report = site_import.import_boundaries(forest, ON, "GX-AR-01", CASES / name)
    shown = {(p.name, p.stratum) for p in site_import.parcels_of(forest, "GX-AR-01")}
    assert shown == {("金城江12林班3小班", "杉木"), ("金城江12林班4小班", "马尾松")}
    assert len(report.parcels) == 2


@pytest.mark.parametrize("name", ["parcels.kmz", "legacy-namespace.kml", "no-namespace.kml"])
def test_kmz_and_kml_of_any_namespace_import(forest, name):
    _, report = site_import.import_boundaries(forest, ON, "GX-AR-01", CASES / name)
    ((parcel, area),) = report.parcels
    assert parcel == "地块A" and math.isclose(float(area), PARCEL_A_M2, rel_tol=0.02)


def test_plot_centre_points_are_left_out_and_listed_not_refused(tmp_path, capsys):
    db = tmp_path / "w.sqlite"
    ws = open_workspace(db)
    create_demo_projects(ws, ON)
    ws.close()
    result = run_cli(capsys, "--db", db, "site", "import", "GX-AR-01", CASES / "parcels-with-plot-markers.kml")
    assert result.code == 0
    assert "left out, not polygons: 地块B (Point), 样地P1中心 (Point)" in result.out
    ws = open_workspace(db)
    ((parcel,),) = [[p for p in site_import.parcels_of(ws, "GX-AR-01")]]
    assert (parcel.name, parcel.stratum, len(parcel.outlines)) == ("地块B", "杉木", 2)
    ws.close()


def test_a_geojson_crs_member_is_honoured_like_a_prj(forest):
    """GK-1 is 地块A's outline written in CGCS2000 / 3-degree Gauss-Kruger zone 36 (EPSG:4524)."""
    _, report = site_import.import_boundaries(forest, ON, "GX-AR-01", CASES / "projected-crs-member.geojson")
    ((parcel, area),) = report.parcels
    assert parcel == "GK-1" and math.isclose(float(area), PARCEL_A_M2, rel_tol=0.02)
    (shown,) = site_import.parcels_of(forest, "GX-AR-01")
    assert math.isclose(shown.outlines[0][0][0], 108.061, abs_tol=1e-6)


def test_a_feature_without_geometry_is_named_and_nothing_is_stored(forest):
    before = file_digest(forest)
    with pytest.raises(UserError, match=r"feature-without-geometry.geojson: feature 2 \('N-2 \(not yet surveyed\)'\) has no geometry"):
        site_import.import_boundaries(forest, ON, "GX-AR-01", CASES / "feature-without-geometry.geojson")
    assert file_digest(forest) == before


def test_a_utf8_shapefile_without_cpg_keeps_its_names(forest, tmp_path):
    import shapefile

    with shapefile.Writer(str(tmp_path / "u"), shapeType=shapefile.POLYGON, encoding="utf-8") as w:
        w.field("名称", "C")
        w.field("碳层", "C")
        w.poly([[[108.0, 24.0], [108.0, 24.002], [108.002, 24.002], [108.002, 24.0], [108.0, 24.0]]])
        w.record("东山1号", "桉树")
    site_import.import_boundaries(forest, ON, "GX-AR-01", tmp_path / "u.shp")
    assert [(p.name, p.stratum) for p in site_import.parcels_of(forest, "GX-AR-01")] == [("东山1号", "桉树")]
