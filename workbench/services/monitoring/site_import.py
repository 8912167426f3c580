"""Parcel boundaries from GIS files (see ``boundary_files`` for the kinds read), with geodesic areas (pyproj) and
the parcel-size rule.

Every polygon is checked (valid, WGS84 ranges after reprojection) before anything is stored; a file with one bad
polygon stores nothing; features that are not polygons (plot-centre points) are left out and listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from typing import TYPE_CHECKING

from sqlalchemy import select

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.domain.progress import QUIET, Steps
from workbench.domain.text import Text
from workbench.services.support.file_guards import guard_input
from workbench.services.support.context import Actor
from workbench.services.projects.projects import resolve
from workbench.services.support.write_action import write_action
from workbench.store.models_boundaries import ParcelRow
from workbench.store.workspace import Workspace

if TYPE_CHECKING:  # shapely and the GIS readers load when parcels are read or imported, not with every command
    from shapely.geometry.base import BaseGeometry

MIN_PARCEL_M2 = Decimal(400)  # CCER-14-001-V01 applicability: parcels of at least 400 m²
MIN_PARCEL_M2_BEFORE_2020 = Decimal(667)  # one mu, for projects started in 2019 or earlier
CENT = Decimal("0.01")


@dataclass
class BoundaryReport:
    file: str
    parcels: list[tuple[str, Decimal]] = field(default_factory=list)
    too_small: list[str] = field(default_factory=list)
    minimum_m2: Decimal = MIN_PARCEL_M2
    skipped: list[str] = field(default_factory=list)  # features that are not polygons (plot centres, tracks), left out
    linearised: list[str] = field(default_factory=list)  # parcels whose outline had arcs, read as straight segments


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
        from shapely import wkt
        from shapely.geometry import MultiPolygon

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
    from shapely.geometry import MultiPolygon, Polygon

    if not isinstance(geometry, (Polygon, MultiPolygon)):
        raise UserError("error.site_import.parcel_is_a_not_a_polygon", where=where, name=name, geom_type=geometry.geom_type)
    if geometry.is_empty or not geometry.is_valid:
        from shapely.validation import explain_validity

        raise UserError("error.site_import.parcel_is_not_a_valid_polygon", where=where, name=name, value=explain_validity(geometry))
    minx, miny, maxx, maxy = geometry.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise UserError("error.site_import.parcel_has_coordinates_outside_wgs84_longitude", where=where, name=name)
    return geometry


def import_boundaries(ws: Workspace, actor: Actor, project: int | str, path: str | Path, steps: Steps = QUIET,
                      layer: str | None = None) -> tuple[Change, BoundaryReport]:
    """The parcels of a boundary file (GeoJSON, KML/KMZ, shapefile, GeoPackage, File Geodatabase), checked and stored
    together; ``layer``: which layer of a GeoPackage or File Geodatabase holding several (``boundary_layers``);
    stopped through ``steps`` (a step per parcel), none."""
    path = _boundary_file(path)
    from workbench.services.monitoring import boundary_files

    steps.step(Text("progress.boundary.reading", file=path.name))
    parcels = boundary_files.read(path, layer)
    return store_parcels(ws, actor, project, parcels, str(path), parcels.skipped, steps, parcels.linearised)


def boundary_layers(path: str | Path) -> list[tuple[str, str]]:
    """(name, geometry type) of each layer of polygons in a GeoPackage or File Geodatabase, to pick the one to
    import; empty for a file of one layer (GeoJSON, KML/KMZ, Shapefile)."""
    from workbench.services.monitoring import boundary_files

    return boundary_files.polygon_layers(_boundary_file(path))


def _boundary_file(path: str | Path) -> Path:
    path = Path(path)
    if path.parent.suffix.lower() == ".gdb" and not path.is_dir():
        path = path.parent  # a file inside a File Geodatabase folder, as a file dialog picks one: the geodatabase
    return guard_input(path)  # sizes, zip expansion and JSON nesting bounded before any reader parses it


def store_parcels(ws: Workspace, actor: Actor, project: int | str, parcels: list[tuple[str, str, BaseGeometry]],
                  where: str, skipped: list[str] | None = None, steps: Steps = QUIET,
                  linearised: list[str] | None = None) -> tuple[Change, BoundaryReport]:
    """Check every (name, stratum, polygon) and store them all with their geodesic areas, or none; ``skipped``: the
    file's features that are not polygons (plot-centre points), reported; ``linearised``: the parcels whose arcs were
    read as straight segments, reported and kept in the action's result."""
    if not parcels:
        if skipped:
            raise UserError("error.site_import.holds_no_polygons_only", where=where, skipped=", ".join(skipped))
        raise UserError("error.site_import.holds_no_polygons", where=where)
    names = [n for n, _, _ in parcels]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate:
        raise UserError("error.site_import.two_parcels_are_named", where=where, duplicate=duplicate)
    checked = [(n, stratum, _check(n, g, f"{where} parcel {n!r}")) for n, stratum, g in parcels]
    source = Path(where).name
    report = BoundaryReport(where, skipped=list(skipped or []), linearised=list(linearised or []))
    with write_action(ws, actor, "site.import", reason=Text("reason.import", file=source), steps=steps) as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        if p.construction_start and p.construction_start < date(2020, 1, 1):
            report.minimum_m2 = MIN_PARCEL_M2_BEFORE_2020
        existing = {r.name for r in s.scalars(select(ParcelRow).where(ParcelRow.project_id == p.id))}
        clash = sorted(existing & set(names))
        if clash:
            raise UserError("error.site_import.the_project_already_has_parcel_s", where=where, value=', '.join(clash))
        rows = []
        for number, (name, stratum, geometry) in enumerate(checked):
            steps.step(Text("progress.boundary.parcel", parcel=name, done=number + 1, total=len(checked)), number, len(checked))
            area = geodesic_area_m2(geometry)
            report.parcels.append((name, area))
            if area < report.minimum_m2:
                report.too_small.append(f"{name} ({area} m²)")
            rows.append(ParcelRow(project_id=p.id, name=name, stratum=stratum, geometry_wkt=geometry.wkt, area_m2=area, source=source, imported_at=actor.now()))
        s.add_all(rows)
        s.flush()
        for r in rows:
            act.created("parcel", r)
        act.result.update(parcels=len(rows), area_ha=str(sum((r.area_m2 for r in rows), Decimal(0)) / 10000),
                          too_small=report.too_small, skipped=report.skipped, **({"linearised": report.linearised} if report.linearised else {}))
    return act.change, report
