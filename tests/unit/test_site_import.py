"""Parcel boundaries from GeoJSON, KML and Shapefile with geodesic areas and the parcel-size rule."""

from __future__ import annotations

import json
import math
from datetime import date
from decimal import Decimal as D

import pytest

from tests.cli_helpers import file_digest, run_cli
from workbench.domain.errors import UserError
from workbench.services.monitoring import site_import
from workbench.services.support.context import Actor
from workbench.services.demo.projects import create_demo_projects

# A 0.001° × 0.001° square at the equator. On the WGS84 ellipsoid one degree of longitude at the equator is
# 111,319.49 m and one degree of latitude there 110,574.27 m, so the square is about 111.319 × 110.574 m
# = 12,309.2 m² (to within a few cm² over such a small cell).
SQUARE = [[0.0, 0.0], [0.001, 0.0], [0.001, 0.001], [0.0, 0.001], [0.0, 0.0]]
EXPECTED = 111.31949 * 110.57427


def geojson(path, rings, names):
    features = [{"type": "Feature", "properties": {"name": n}, "geometry": {"type": "Polygon", "coordinates": [r]}} for r, n in zip(rings, names)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


@pytest.fixture
def forest(ws):
    actor = Actor("tester", date(2025, 3, 3))
    create_demo_projects(ws, actor)
    return actor


def test_geodesic_area_of_a_known_square(ws, forest, tmp_path):
    change, report = site_import.import_boundaries(ws, forest, "GX-AR-01", geojson(tmp_path / "p.geojson", [SQUARE], ["C12-a"]))
    ((name, area),) = report.parcels
    assert name == "C12-a" and math.isclose(float(area), EXPECTED, rel_tol=2e-4)
    assert area == area.quantize(D("0.01"))
    (shown,) = site_import.parcels_of(ws, "GX-AR-01")  # what the boundary map draws
    assert (shown.name, shown.area_ha, shown.outlines) == ("C12-a", area / 10000, (tuple(tuple(p) for p in SQUARE),))


def test_kml_and_a_small_parcel_reported(ws, forest, tmp_path):
    small = [[108.0, 24.0], [108.0001, 24.0], [108.0001, 24.0001], [108.0, 24.0001], [108.0, 24.0]]  # ≈ 10 m × 11 m
    coords = " ".join(f"{x},{y},0" for x, y in small)
    kml = tmp_path / "p.kml"
    kml.write_text(f"""<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
      <Placemark><name>Y7-tiny</name><Polygon><outerBoundaryIs><LinearRing><coordinates>{coords}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
      </Document></kml>""")
    _, report = site_import.import_boundaries(ws, forest, "GX-AR-01", kml)
    assert report.minimum_m2 == D(400) and report.too_small and report.too_small[0].startswith("Y7-tiny")


def test_a_zipped_shapefile_in_a_projected_crs_is_reprojected(ws, forest, tmp_path):
    import zipfile

    import shapefile
    from pyproj import CRS

    base = tmp_path / "parcels"
    with shapefile.Writer(str(base), shapeType=shapefile.POLYGON) as w:
        w.field("name", "C")
        # 100 m × 100 m in UTM zone 49N (Guangxi): 10,000 m² on the plane, a little different on the ellipsoid
        w.poly([[[500000, 2730000], [500000, 2730100], [500100, 2730100], [500100, 2730000], [500000, 2730000]]])
        w.record("UTM-square")
    (tmp_path / "parcels.prj").write_text(CRS.from_epsg(32649).to_wkt())
    archive = tmp_path / "parcels.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for ext in ("shp", "shx", "dbf", "prj"):
            z.write(tmp_path / f"parcels.{ext}", f"parcels.{ext}")
    _, report = site_import.import_boundaries(ws, forest, "GX-AR-01", archive)
    ((name, area),) = report.parcels
    assert name == "UTM-square" and math.isclose(float(area), 10000, rel_tol=2e-3)  # UTM scale factor 0.9996 near the meridian


@pytest.mark.parametrize("token", ["nan,nan", "108.0,inf,0"])
def test_a_kml_coordinate_that_is_not_a_finite_number_is_refused_naming_it(ws, forest, tmp_path, token):
    """float() reads "nan" and "inf"; a ring with them is refused as the coordinate it is, not by shapely."""
    kml = tmp_path / "p.kml"
    kml.write_text(f"""<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
      <Placemark><name>odd</name><Polygon><outerBoundaryIs><LinearRing><coordinates>{token} 0,0,0 0,1,0 1,1,0 {token}</coordinates>
      </LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>""")
    with pytest.raises(UserError, match=f"coordinate '{token}' is not lon,lat"):
        site_import.import_boundaries(ws, forest, "GX-AR-01", kml)


def test_a_bad_polygon_stores_nothing_and_the_cli_says_where(ws, forest, tmp_path, capsys):
    bowtie = [[0.0, 0.0], [0.001, 0.001], [0.001, 0.0], [0.0, 0.001], [0.0, 0.0]]
    path = geojson(tmp_path / "bad.geojson", [SQUARE, bowtie], ["ok", "bowtie"])
    ws.close()
    before = file_digest(ws)
    result = run_cli(capsys, "site", "import", "GX-AR-01", path, "--db", ws.address)
    assert result.code == 2 and "parcel 'bowtie' is not a valid polygon (Self-intersection" in result.err
    assert file_digest(ws) == before
    other = tmp_path / "parcels.txt"
    other.write_text("x")
    with pytest.raises(UserError, match="file type .txt is not accepted"):
        site_import.import_boundaries(ws, forest, "GX-AR-01", other)
