"""Parcel outlines from the files GIS and forestry tools export: one reader per kind of file, each the one place that
file kind is opened (so a resource guard can sit in front of it), each returning (name, stratum, geometry) in
WGS84 longitude/latitude, with the features that are not polygons (plot-centre points, tracks) listed, not refused.

- Shapefile (.shp with its .dbf/.prj, or zipped) with pyshp, GeoJSON with the standard library — not GDAL
  (pyogrio): see ``read_geojson`` for why. A Shapefile's code page: its .cpg, else the DBF language byte, else UTF-8 if every
  byte of the table is UTF-8, else GB18030 (forestry bureaus' GBK tables). A GeoJSON ``crs`` member and a .prj
  are honoured: other coordinate systems are reprojected to WGS84 (pyproj).
- GeoPackage (.gpkg) and Esri File Geodatabase (a .gdb folder, or zipped) with pyogrio: see ``gdal_layers``.
- KML and KMZ (a zip holding doc.kml) are read here with the standard library's expat parser, which fetches no
  external entity and refuses entity expansion bombs: GDAL's KML drivers turn Chinese ExtendedData names (碳层,
  the stratum) into underscores. Any ``kml/2.x`` namespace, Google's old one, or none. Nothing is extracted from
  a KMZ or zip to disk (no zip slip).
"""

from __future__ import annotations

import math
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from workbench.domain.errors import UserError, parse_problem
from workbench.domain.text import Text

NAME_KEYS = ("name", "NAME", "Name", "名称", "小班名称", "小班号")
STRATUM_KEYS = ("stratum", "STRATUM", "碳层")
MAX_KML_BYTES = 64 * 2**20


class Parcels(list):
    """(name, stratum, polygon) per parcel, the features left out because they are not polygons, and the parcels
    whose outline had arcs, read as straight segments (``gdal_layers``)."""

    skipped: list[str]
    linearised: list[str]

    def __init__(self, items=(), skipped=None, linearised=None):
        super().__init__(items)
        self.skipped = skipped or []
        self.linearised = linearised or []


def _label(attrs: dict, i: int) -> tuple[str, str]:
    """A parcel's name and carbon stratum from its attributes (English or Chinese keys)."""
    name = next((str(attrs[k]) for k in NAME_KEYS if attrs.get(k) not in (None, "")), f"parcel {i + 1}")
    return name.strip(), next((str(attrs[k]).strip() for k in STRATUM_KEYS if attrs.get(k) not in (None, "")), "")


# --- Shapefile ----------------------------------------------------------------------------------------------------

LANGUAGE_BYTES = {0x4D: "gbk", 0x7A: "gbk", 0x4F: "big5", 0x78: "big5", 0x4E: "cp949", 0x79: "cp949", 0x4C: "cp932",
                  0x7B: "cp932"}  # the DBF language driver ids of the CJK code pages (ESRI's table)


def _codec(cpg: str) -> str:
    """A .cpg's code page as a Python codec ('936', 'GBK', 'UTF-8', 'ANSI 936' …); GB18030 when it names none known."""
    import codecs

    text = cpg.strip().upper().replace("ANSI", "").strip()
    name = f"cp{text}" if text.isdigit() else text
    try:
        codecs.lookup(name)
        return "utf-8" if name == "cp65001" else name
    except LookupError:
        return "gb18030"


def _dbf_codec(dbf: bytes) -> str:
    """A DBF's code page without a .cpg: its language byte, else UTF-8 when all of it reads so, else GB18030."""
    if len(dbf) > 29 and dbf[29] in LANGUAGE_BYTES:
        return LANGUAGE_BYTES[dbf[29]]
    try:
        dbf.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def _sibling(path: Path, suffix: str) -> Path | None:
    return next((p for p in (path.with_suffix(suffix), path.with_suffix(suffix.upper())) if p.exists()), None)


def read_shapefile(path: Path) -> Parcels:
    """A .shp with its .dbf/.prj/.cpg beside it, or a zip holding them (read in memory: nothing is extracted); a
    damaged file is refused whatever breaks inside."""
    import warnings

    import shapefile

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", shapefile.PossiblyCorruptFileHeader)  # a header at odds with the file: damaged
            return _read_shapefile(path)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - pyshp, pyproj and shapely raise many kinds on damaged bytes
        raise UserError("error.boundary_files.cannot_be_read_as_a_shapefile", where=str(path), error_kind=exc.__class__.__name__, value=str(exc)[:200])


def _read_shapefile(path: Path) -> Parcels:
    from io import BytesIO

    import shapefile
    from shapely.geometry import shape

    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise UserError("error.site_import.is_not_a_zip_file", where=str(path))
        names = {Path(n).suffix.lower(): n for n in archive.namelist() if not n.endswith("/")}
        if ".shp" not in names:
            raise UserError("error.site_import.holds_no_shp_file", where=str(path))
        members = {ext: archive.read(names[ext]) for ext in (".shp", ".dbf", ".prj", ".cpg") if ext in names}
    else:
        members = {ext: p.read_bytes() for ext in (".shp", ".dbf", ".prj", ".cpg") if (p := _sibling(path, ext) if ext != ".shp" else path)}
    dbf = members.get(".dbf")
    codec = _codec(members[".cpg"].decode("ascii", "replace")) if ".cpg" in members else _dbf_codec(dbf) if dbf else "utf-8"
    try:
        reader = shapefile.Reader(shp=BytesIO(members[".shp"]), dbf=BytesIO(dbf) if dbf else None, encoding=codec)
    except shapefile.ShapefileException as exc:
        raise UserError("error.site_import.is_not_a_shapefile", where=str(path), exc=exc)
    prj = members[".prj"].decode("utf-8", "replace") if ".prj" in members else None
    transform = _to_wgs84(prj, path)
    fields = [f[0] for f in reader.fields[1:]]
    out = Parcels()
    for i, record_ in enumerate(reader.shapeRecords()):
        name, stratum = _label(dict(zip(fields, record_.record)) if fields else {}, i)
        geometry = shape(record_.shape.__geo_interface__)
        if transform is not None:
            import shapely

            geometry = shapely.transform(geometry, transform)
        _keep(out, name, stratum, geometry)
    return out


def _to_wgs84(crs: str | None, path: Path):
    """A coordinate transform to WGS84 longitude/latitude for (n, 2) arrays, or None when the file is in WGS84 (or a
    geographic CRS as close as CGCS2000, or has none: then it is assumed to be and checked against the ranges)."""
    if not crs:
        return None
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError

    try:
        source = CRS.from_user_input(crs)
    except CRSError as exc:
        raise UserError("error.boundary_files.names_a_coordinate_system_that_cannot", where=str(path), value=str(exc)[:160])
    if source.is_geographic:
        return None
    import numpy as np

    transformer = Transformer.from_crs(source, CRS.from_epsg(4326), always_xy=True)
    return lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))


def _keep(out: Parcels, name: str, stratum: str, geometry: BaseGeometry) -> None:
    """Polygons kept (from a mixed collection too); anything else listed as left out."""
    parts = list(getattr(geometry, "geoms", [geometry]))
    polygons = [g for g in parts if isinstance(g, (Polygon, MultiPolygon))]
    others = sorted({g.geom_type for g in parts if not isinstance(g, (Polygon, MultiPolygon))})
    if others:
        out.skipped.append(f"{name} ({', '.join(others)})")
    if polygons:
        out.append((name, stratum, polygons[0] if len(polygons) == 1 else MultiPolygon(
            [p for g in polygons for p in getattr(g, "geoms", [g])])))


def read_geojson(path: Path) -> Parcels:
    """GeoJSON read with the standard library (json) and shapely, its ``crs`` member honoured (pyproj only when there
    is one). Not through GDAL: GDAL names a CRS for every file, and a second pyproj ``CRS()`` in the GUI's worker
    pool crashes the program (segmentation fault; seen with GDAL loaded or not), so a plain WGS84 file must not
    parse a CRS at all."""
    import json

    from shapely.geometry import shape

    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError("error.site_import.is_not_geojson", where=str(path), exc=parse_problem(exc))
    features = data.get("features") if isinstance(data, dict) and data.get("type") == "FeatureCollection" else [data]
    if not isinstance(features, list):
        raise UserError("error.site_import.features_of_the_featurecollection_is_not", where=str(path))
    crs = data.get("crs") if isinstance(data, dict) else None
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) and isinstance(crs.get("properties"), dict) else None
    transform = _to_wgs84(name, path) if isinstance(name, str) else None
    out = Parcels()
    for i, feature in enumerate(features):
        if not isinstance(feature, dict):
            raise UserError("error.site_import.is_not_a_geojson_feature", where=f"{path} feature {i + 1}")
        props = feature.get("properties")
        label, stratum = _label(props if isinstance(props, dict) else {}, i)
        geometry = feature.get("geometry", feature if feature.get("type") in ("Polygon", "MultiPolygon") else None)
        if geometry is None:
            raise UserError("error.boundary_files.feature_has_no_geometry_draw_its", where=str(path), value=i + 1, label=label)
        try:
            geometry = shape(geometry)
            if transform is not None:
                import shapely

                geometry = shapely.transform(geometry, transform)
        except Exception as exc:  # noqa: BLE001 - shapely raises several kinds for malformed coordinates
            raise UserError("error.boundary_files.feature_geometry_cannot_be_read", where=str(path), value=i + 1, label=label, error_kind=exc.__class__.__name__, value2=str(exc)[:160])
        _keep(out, label, stratum, geometry)
    return out


# --- KML and KMZ ---------------------------------------------------------------------------------------------------

def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str):
    return [c for c in element if _local(c.tag) == name]


def _descendants(element, name: str):
    return [e for e in element.iter() if _local(e.tag) == name]


def _ring(text: str, where: str) -> list[tuple[float, float]]:
    points = []
    for token in text.split():
        parts = token.split(",")
        try:
            point = float(parts[0]), float(parts[1])
        except (ValueError, IndexError):
            point = ()
        if not (point and all(map(math.isfinite, point))):  # "nan" and "inf" are floats, not coordinates
            raise UserError("error.site_import.coordinate_is_not_lon_lat_alt", where=where, token=token)
        points.append(point)
    return points


def _ring_of(boundary, where: str) -> list[tuple[float, float]]:
    text = "".join(c.text or "" for ring in _descendants(boundary, "LinearRing") for c in _children(ring, "coordinates"))
    return _ring(text, where)


def _kml_text(data: bytes, where: str) -> Parcels:
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise UserError("error.site_import.is_not_kml", where=where, exc=exc)
    if _local(root.tag) != "kml":
        raise UserError("error.boundary_files.is_not_kml_its_root_element", where=where, value=_local(root.tag))
    out = Parcels()
    for i, placemark in enumerate(_descendants(root, "Placemark")):
        place = f"{where} placemark {i + 1}"
        attrs = {d.get("name"): next((v.text for v in _children(d, "value")), None) for d in _descendants(placemark, "Data")}
        attrs.update({d.get("name"): d.text for d in _descendants(placemark, "SimpleData")})
        attrs["name"] = next((n.text for n in _children(placemark, "name")), None)
        name, stratum = _label(attrs, i)
        polygons = []
        for polygon in _descendants(placemark, "Polygon"):
            outer = [_ring_of(b, place) for b in _children(polygon, "outerBoundaryIs")]
            inner = [_ring_of(b, place) for b in _children(polygon, "innerBoundaryIs")]
            try:
                polygons.append(Polygon(outer[0] if outer else [], inner))
            except ValueError as exc:  # shapely: a ring of fewer than 4 points and the like
                raise UserError("error.site_import.placemark_polygon_cannot_be_built", where=place, name=name, exc=exc)
        others = sorted({_local(e.tag) for e in placemark.iter() if _local(e.tag) in ("Point", "LineString", "Track", "gx:Track", "Model")})
        if others:
            out.skipped.append(f"{name} ({', '.join(others)})")
        if polygons:
            out.append((name, stratum, polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)))
    return out


def read_kml(path: Path) -> Parcels:
    if path.stat().st_size > MAX_KML_BYTES:
        raise UserError("error.boundary_files.is_larger_than_mib_split_it", where=str(path), value=MAX_KML_BYTES // 2**20)
    return _kml_text(path.read_bytes(), str(path))


def read_kmz(path: Path) -> Parcels:
    """A KMZ: its doc.kml (or its first .kml at the top), read in memory."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".kml")]
            doc = "doc.kml" if "doc.kml" in names else next((n for n in names if "/" not in n), names[0] if names else None)
            if doc is None:
                raise UserError("error.boundary_files.holds_no_kml_file_a_kmz", where=str(path))
            if archive.getinfo(doc).file_size > MAX_KML_BYTES:
                raise UserError("error.boundary_files.holds_a_kml_larger_than_mib", where=str(path), value=MAX_KML_BYTES // 2**20)
            data = archive.read(doc)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError("error.boundary_files.is_not_a_kmz_zip_file", where=str(path), exc=exc)
    return _kml_text(data, f"{path} {doc}")


def _zipped_filegdb(path: Path) -> str | None:
    """The File Geodatabase folder inside the zip ``path`` (its first), or None when it holds none."""
    try:
        with zipfile.ZipFile(path) as archive:
            folders = sorted({n[:n.lower().index(".gdb/") + 4] for n in archive.namelist() if ".gdb/" in n.lower()})
    except zipfile.BadZipFile:
        raise UserError("error.site_import.is_not_a_zip_file", where=str(path))
    return folders[0] if folders else None


def read_zip(path: Path, layer: str | None = None) -> Parcels:
    """A zipped File Geodatabase (a member inside a ``*.gdb`` folder), else a zipped Shapefile (of one layer)."""
    folder = _zipped_filegdb(path)
    if folder is None:
        _one_layer(path, layer)
        return read_shapefile(path)
    from workbench.services.monitoring.gdal_layers import read_zipped_filegdb

    return read_zipped_filegdb(path, folder, layer)


def read_geopackage(path: Path, layer: str | None = None) -> Parcels:
    from workbench.services.monitoring import gdal_layers  # GDAL loaded only for the files it reads

    return gdal_layers.read_geopackage(path, layer)


def read_filegdb(path: Path, layer: str | None = None) -> Parcels:
    from workbench.services.monitoring import gdal_layers

    return gdal_layers.read_filegdb(path, layer)


def _one_layer(path: Path, layer: str | None) -> None:
    """A layer named for a file of one layer (GeoJSON, KML, Shapefile) is refused: only GeoPackages and File
    Geodatabases hold several."""
    if layer is not None:
        raise UserError("error.boundary_files.file_has_one_layer", where=str(path), value=layer)


def polygon_layers(path: Path) -> list[tuple[str, str]]:
    """(name, geometry type) of each layer of polygons a GeoPackage or File Geodatabase (a folder, a file inside
    it, or zipped) holds, for a picker; empty for the other files, which hold one layer."""
    from workbench.services.monitoring import gdal_layers

    suffix = path.suffix.lower()
    if suffix == ".gpkg":
        return gdal_layers.polygon_layers(str(path), str(path), "GeoPackage")
    if suffix == ".gdb":
        folder = path if path.is_dir() else path.parent
        return gdal_layers.polygon_layers(str(folder), str(folder), "File Geodatabase")
    folder = _zipped_filegdb(path) if suffix == ".zip" else None
    if folder is None:
        return []
    return gdal_layers.polygon_layers(f"/vsizip/{path}/{folder}", f"{path} {folder}", "File Geodatabase")


def read(path: Path, layer: str | None = None) -> Parcels:
    """The parcels of a boundary file by its kind (its suffix); ``layer``: the layer of a GeoPackage or File
    Geodatabase to read."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UserError("error.site_import.file_type_is_not_accepted_use_2", where=str(path), value=path.suffix or '(none)', ACCEPTED=ACCEPTED)
    if reader in LAYERED:
        return reader(path, layer)
    _one_layer(path, layer)
    return reader(path)


READERS = {".geojson": read_geojson, ".json": read_geojson, ".kml": read_kml, ".kmz": read_kmz, ".shp": read_shapefile,
           ".zip": read_zip, ".gpkg": read_geopackage, ".gdb": read_filegdb}
LAYERED = (read_zip, read_geopackage, read_filegdb)  # readers taking the layer to read
ACCEPTED = Text("import.accepted.boundary_files")
