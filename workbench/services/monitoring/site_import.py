"""Parcel boundaries from GeoJSON, KML or Shapefile, with geodesic areas (pyproj) and the parcel-size rule.

Every polygon is checked (valid, WGS84 ranges, reprojected from the .prj when a Shapefile has another CRS)
before anything is stored; a file with one bad polygon stores nothing.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

from shapely import wkt
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry
from sqlalchemy import select

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.services.support.context import Actor
from workbench.services.projects.projects import resolve
from workbench.services.support.records import entity, record
from workbench.store.models_boundaries import ParcelRow
from workbench.store.workspace import Workspace

MIN_PARCEL_M2 = Decimal(400)  # CCER-14-001-V01 applicability: parcels of at least 400 m²
MIN_PARCEL_M2_BEFORE_2020 = Decimal(667)  # one mu, for projects started in 2019 or earlier
CENT = Decimal("0.01")


@dataclass
class BoundaryReport:
    file: str
    parcels: list[tuple[str, Decimal]] = field(default_factory=list)
    too_small: list[str] = field(default_factory=list)
    minimum_m2: Decimal = MIN_PARCEL_M2


@dataclass(frozen=True)
class ParcelView:
    """A stored parcel as the boundary map and table show it: outlines as (longitude, latitude) rings."""

    id: int
    name: str
    stratum: str
    area_ha: Decimal
    source: str
    outlines: tuple[tuple[tuple[float, float], ...], ...]


def parcels_of(ws: Workspace, project: int | str) -> list[ParcelView]:
    with ws.reading() as s:
        p = resolve(s, project)
        rows = list(s.scalars(select(ParcelRow).where(ParcelRow.project_id == p.id).order_by(ParcelRow.name)))
    out = []
    for r in rows:
        geometry = wkt.loads(r.geometry_wkt)
        polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
        out.append(ParcelView(r.id, r.name, r.stratum, r.area_m2 / 10000, r.source,
                              tuple(tuple((x, y) for x, y, *_ in poly.exterior.coords) for poly in polygons)))
    return out


def stratum_areas(session, project_id: int) -> dict[str, Decimal]:
    """Hectares per carbon stratum: the geodesic areas of the parcels that carry its name."""
    areas: dict[str, Decimal] = {}
    for parcel in session.scalars(select(ParcelRow).where(ParcelRow.project_id == project_id, ParcelRow.stratum != "")):
        areas[parcel.stratum] = areas.get(parcel.stratum, Decimal(0)) + parcel.area_m2 / 10000
    return areas


def geodesic_area_m2(geometry: BaseGeometry) -> Decimal:
    """Area on the WGS84 ellipsoid (pyproj.Geod), not in degrees or a projected plane, to 0.01 m²."""
    from pyproj import Geod

    area, _ = Geod(ellps="WGS84").geometry_area_perimeter(geometry)
    return Decimal(repr(abs(area))).quantize(CENT)


def _check(name: str, geometry: BaseGeometry, where: str) -> BaseGeometry:
    if not isinstance(geometry, (Polygon, MultiPolygon)):
        raise UserError("error.site_import.parcel_is_a_not_a_polygon", where=where, name=name, geom_type=geometry.geom_type)
    if geometry.is_empty or not geometry.is_valid:
        from shapely.validation import explain_validity

        raise UserError("error.site_import.parcel_is_not_a_valid_polygon", where=where, name=name, value=explain_validity(geometry))
    minx, miny, maxx, maxy = geometry.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise UserError("error.site_import.parcel_has_coordinates_outside_wgs84_longitude", where=where, name=name)
    return geometry


NAME_KEYS = ("name", "NAME", "名称")
STRATUM_KEYS = ("stratum", "STRATUM", "碳层")


def _label(attrs: dict, i: int) -> tuple[str, str]:
    """A parcel's name and carbon stratum from its attributes (English or Chinese keys)."""
    name = next((str(attrs[k]) for k in NAME_KEYS if attrs.get(k)), f"parcel {i + 1}")
    return name.strip(), next((str(attrs[k]).strip() for k in STRATUM_KEYS if attrs.get(k)), "")


def _geojson(path: Path) -> list[tuple[str, str, BaseGeometry]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError("error.site_import.is_not_geojson", where=str(path), exc=exc)
    features = data.get("features") if isinstance(data, dict) and data.get("type") == "FeatureCollection" else [data]
    if not isinstance(features, list):
        raise UserError("error.site_import.features_of_the_featurecollection_is_not", where=str(path))
    out = []
    for i, feature in enumerate(features):
        where = f"{path} feature {i + 1}"
        if not isinstance(feature, dict):
            raise UserError("error.site_import.is_not_a_geojson_feature", where=where)
        geometry = feature.get("geometry", feature if feature.get("type") in ("Polygon", "MultiPolygon") else None)
        props = feature.get("properties")
        try:
            out.append((*_label(props if isinstance(props, dict) else {}, i), shape(geometry)))
        except Exception as exc:  # noqa: BLE001 - shapely raises several kinds for malformed coordinates
            raise UserError("error.site_import.geometry_cannot_be_read", where=where, error_kind=exc.__class__.__name__, exc=exc)
    return out


KML = "{http://www.opengis.net/kml/2.2}"


def _ring(text: str, where: str) -> list[tuple[float, float]]:
    points = []
    for token in text.split():
        parts = token.split(",")
        try:
            points.append((float(parts[0]), float(parts[1])))
        except (ValueError, IndexError):
            raise UserError("error.site_import.coordinate_is_not_lon_lat_alt", where=where, token=token)
    return points


def _kml(path: Path) -> list[tuple[str, str, BaseGeometry]]:
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as exc:
        raise UserError("error.site_import.is_not_kml", where=str(path), exc=exc)
    out = []
    for i, placemark in enumerate(root.iter(f"{KML}Placemark")):
        where = f"{path} placemark {i + 1}"
        attrs = {d.get("name"): d.findtext(f"{KML}value") for d in placemark.iter(f"{KML}Data")}
        attrs.update({d.get("name"): d.text for d in placemark.iter(f"{KML}SimpleData")})
        attrs["name"] = placemark.findtext(f"{KML}name")
        name, stratum = _label(attrs, i)
        polygons = []
        for polygon in placemark.iter(f"{KML}Polygon"):
            outer = polygon.findtext(f"{KML}outerBoundaryIs/{KML}LinearRing/{KML}coordinates") or ""
            inner = [_ring(e.text or "", where) for e in polygon.findall(f"{KML}innerBoundaryIs/{KML}LinearRing/{KML}coordinates")]
            try:
                polygons.append(Polygon(_ring(outer, where), inner))
            except ValueError as exc:  # shapely: a ring of fewer than 4 points and the like
                raise UserError("error.site_import.placemark_polygon_cannot_be_built", where=where, name=name, exc=exc)
        if not polygons:
            raise UserError("error.site_import.placemark_has_no_polygon", where=where, name=name)
        out.append((name, stratum, polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)))
    return out


def _shapefile(path: Path) -> list[tuple[str, str, BaseGeometry]]:
    """A .shp (with its .dbf, .prj beside it) or a zip holding them; a damaged file is refused whatever breaks inside."""
    import warnings

    import shapefile

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", shapefile.PossiblyCorruptFileHeader)  # a header at odds with the file: damaged
            return _read_shapefile(path)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - pyshp, pyproj and shapely raise many kinds on damaged bytes
        raise UserError("error.site_import.cannot_be_read_as_a_shapefile", where=str(path), error_kind=exc.__class__.__name__, value=str(exc)[:200])


def _read_shapefile(path: Path) -> list[tuple[str, str, BaseGeometry]]:
    import shapefile

    base, prj = path, None
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise UserError("error.site_import.is_not_a_zip_file", where=str(path))
        names = {Path(n).suffix.lower(): n for n in archive.namelist() if not n.endswith("/")}
        if ".shp" not in names:
            raise UserError("error.site_import.holds_no_shp_file", where=str(path))
        from io import BytesIO

        reader = shapefile.Reader(shp=BytesIO(archive.read(names[".shp"])), dbf=BytesIO(archive.read(names[".dbf"])) if ".dbf" in names else None)
        prj = archive.read(names[".prj"]).decode("utf-8", "replace") if ".prj" in names else None
    else:
        try:
            reader = shapefile.Reader(str(base))
        except shapefile.ShapefileException as exc:
            raise UserError("error.site_import.is_not_a_shapefile", where=str(path), exc=exc)
        prj_path = path.with_suffix(".prj")
        prj = prj_path.read_text(encoding="utf-8", errors="replace") if prj_path.exists() else None
    fields = [f[0] for f in reader.fields[1:]]
    transform = None
    if prj:
        from pyproj import CRS, Transformer

        crs = CRS.from_wkt(prj)
        if not crs.equals(CRS.from_epsg(4326)) and not crs.is_geographic:
            transform = Transformer.from_crs(crs, CRS.from_epsg(4326), always_xy=True).transform
    out = []
    for i, record_ in enumerate(reader.shapeRecords()):
        attrs = dict(zip(fields, record_.record)) if fields else {}
        name, stratum = _label(attrs, i)
        geometry = shape(record_.shape.__geo_interface__)
        if transform is not None:
            import numpy as np
            import shapely

            geometry = shapely.transform(geometry, lambda xy: np.column_stack(transform(xy[:, 0], xy[:, 1])))
        out.append((name, stratum, geometry))
    return out


READERS = {".geojson": _geojson, ".json": _geojson, ".kml": _kml, ".shp": _shapefile, ".zip": _shapefile}


def import_boundaries(ws: Workspace, actor: Actor, project: int | str, path: str | Path) -> tuple[Change, BoundaryReport]:
    path = Path(path)
    if not path.is_file():
        raise UserError("error.site_import.no_such_file", where=str(path))
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UserError("error.site_import.file_type_is_not_accepted_use", where=str(path), value=path.suffix or '(none)')
    return store_parcels(ws, actor, project, reader(path), str(path))


def store_parcels(ws: Workspace, actor: Actor, project: int | str, parcels: list[tuple[str, str, BaseGeometry]],
                  where: str) -> tuple[Change, BoundaryReport]:
    """Check every (name, stratum, polygon) and store them all with their geodesic areas, or none."""
    if not parcels:
        raise UserError("error.site_import.holds_no_polygons", where=where)
    names = [n for n, _, _ in parcels]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate:
        raise UserError("error.site_import.two_parcels_are_named", where=where, duplicate=duplicate)
    checked = [(n, stratum, _check(n, g, f"{where} parcel {n!r}")) for n, stratum, g in parcels]
    source = Path(where).name
    report = BoundaryReport(where)
    with ws.transaction() as s:
        p = resolve(s, project)
        if p.construction_start and p.construction_start < date(2020, 1, 1):
            report.minimum_m2 = MIN_PARCEL_M2_BEFORE_2020
        existing = {r.name for r in s.scalars(select(ParcelRow).where(ParcelRow.project_id == p.id))}
        clash = sorted(existing & set(names))
        if clash:
            raise UserError("error.site_import.the_project_already_has_parcel_s", where=where, value=', '.join(clash))
        rows = []
        for name, stratum, geometry in checked:
            area = geodesic_area_m2(geometry)
            report.parcels.append((name, area))
            if area < report.minimum_m2:
                report.too_small.append(f"{name} ({area} m²)")
            rows.append(ParcelRow(project_id=p.id, name=name, stratum=stratum, geometry_wkt=geometry.wkt, area_m2=area, source=source, imported_at=actor.now()))
        s.add_all(rows)
        s.flush()
        change = Change("site.import", actor.name, actor.now(), p.id, reason=f"import {source}",
                        entities=tuple(entity("parcel", r, None) for r in rows),
                        result={"parcels": len(rows), "area_ha": str(sum((r.area_m2 for r in rows), Decimal(0)) / 10000),
                                "too_small": report.too_small})
        return record(s, change), report
