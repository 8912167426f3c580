"""Parcel outlines from GeoPackages and Esri File Geodatabases — the formats forestry bureaus and GIS tools (ArcGIS,
QGIS, 林草生态网络感知系统 exports) hand over a project's 小班 layer in — read with pyogrio (GDAL's GPKG and
OpenFileGDB drivers), returning (name, stratum, geometry) in WGS84 longitude/latitude like ``boundary_files``.

- The layer: the one named (``layer``; the CLI's ``--layer``, the GUI's layer picker), else the file's one polygon
  layer (GDAL's geometry type Polygon, MultiPolygon or a generic geometry); a file holding none, or several and no
  layer named, is refused naming its layers and their kinds, since importing every polygon layer would count an
  outline and its parcels twice. ``polygon_layers`` lists them for a picker.
- Curves: outlines with arcs (CURVEPOLYGON, MULTISURFACE — ArcGIS's true curves, QGIS's circular arcs) are read as
  GDAL linearises them, straight segments of at most 4° of arc (its OGR_ARC_STEPSIZE default); the parcels that
  had arcs are named in ``Parcels.linearised`` so the import says so.
- Text: GeoPackage text is UTF-8 by its standard and a File Geodatabase's is Unicode; a GeoPackage whose text is
  not UTF-8 (a tool that wrote the Windows code page) is read as GB18030.
- Coordinates: the layer's CRS (a projected CGCS2000 Gauss–Krüger zone, say) is reprojected to WGS84 with pyproj;
  a geographic CRS is taken as WGS84 (``boundary_files._to_wgs84``); Z values are dropped.
- A File Geodatabase is a folder (``*.gdb``): given as the folder, as a file inside it, or zipped (read inside the
  zip through GDAL's /vsizip/, nothing extracted).
"""

from __future__ import annotations

from pathlib import Path

from workbench.domain.errors import UserError
from workbench.services.monitoring.boundary_files import Parcels, _keep, _label, _to_wgs84

# GDAL's names of the layer geometry types that hold polygons (a curved layer's type comes linearised: a CURVEPOLYGON
# layer is listed as Polygon, a MULTISURFACE one as MultiPolygon)
POLYGONAL = ("Polygon", "MultiPolygon", "Unknown", "Unknown (any)", "GeometryCollection")
CURVED = ("CURVEPOLYGON", "MULTISURFACE", "COMPOUNDCURVE", "CIRCULARSTRING", "MULTICURVE", "CURVE", "SURFACE")  # OGR_GEOMETRY's names


def read_geopackage(path: Path, layer: str | None = None) -> Parcels:
    return _read(str(path), str(path), "GeoPackage", layer)


def read_filegdb(path: Path, layer: str | None = None) -> Parcels:
    """A ``.gdb`` folder (or a file inside one, as a file dialog picks it)."""
    folder = path if path.is_dir() else path.parent
    return _read(str(folder), str(folder), "File Geodatabase", layer)


def read_zipped_filegdb(path: Path, member: str, layer: str | None = None) -> Parcels:
    """The File Geodatabase folder ``member`` inside the zip ``path`` (already bounded by ``file_guards``)."""
    return _read(f"/vsizip/{path}/{member}", f"{path} {member}", "File Geodatabase", layer)


def polygon_layers(source: str, where: str, kind: str) -> list[tuple[str, str]]:
    """(name, GDAL geometry type) of each layer of polygons in the file, in the file's order."""
    return [(name, geometry) for name, geometry in _quietly(_layers, source, where, kind) if _polygonal(geometry)]


def _quietly(read, *args):
    """GDAL's warnings (a damaged header it reads past) are dropped: what it cannot read is refused in words."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return read(*args)


def _read(source: str, where: str, kind: str, layer: str | None) -> Parcels:
    return _quietly(_parcels, source, where, kind, layer)


def _layers(source: str, where: str, kind: str) -> list[tuple[str, str]]:
    import pyogrio

    try:
        return [(str(name), str(geometry) if geometry else "") for name, geometry in pyogrio.list_layers(source)]
    except Exception as exc:  # noqa: BLE001 - GDAL's errors for damaged or foreign files come in several classes
        raise UserError("error.gdal_layers.cannot_be_read", where=where, kind=kind, value=str(exc)[:200]) from None


def _polygonal(geometry: str) -> bool:
    return geometry.removesuffix(" Z").removesuffix(" M") in POLYGONAL


def _chosen(layers: list[tuple[str, str]], layer: str | None, where: str, kind: str) -> str:
    """The layer to read: ``layer`` when it is one of polygons, else the file's one layer of polygons."""
    polygonal = [name for name, geometry in layers if _polygonal(geometry)]
    listed = ", ".join(f"{name} ({geometry or '-'})" for name, geometry in layers) or "-"
    if layer is not None:
        if layer not in polygonal:
            raise UserError("error.gdal_layers.no_such_polygon_layer", where=where, kind=kind, value=layer, layers=listed)
        return layer
    if not polygonal:
        raise UserError("error.gdal_layers.no_polygon_layer", where=where, kind=kind, layers=listed)
    if len(polygonal) > 1:
        raise UserError("error.gdal_layers.several_polygon_layers", where=where, kind=kind, layers=listed)
    return polygonal[0]


def _parcels(source: str, where: str, kind: str, layer: str | None) -> Parcels:
    import shapely

    layer = _chosen(_layers(source, where, kind), layer, where, kind)
    crs, fields, wkb, columns = _features(source, layer, where, kind)
    curved = _curved(source, layer)
    transform = _to_wgs84(crs, Path(where))
    out = Parcels()
    for i, blob in enumerate(wkb):
        attrs = {f: column[i] for f, column in zip(fields, columns)}
        name, stratum = _label(attrs, i)
        if blob is None:
            raise UserError("error.boundary_files.feature_has_no_geometry_draw_its", where=f"{where} layer {layer}", value=i + 1, label=name)
        try:
            geometry = shapely.force_2d(shapely.from_wkb(blob))
        except Exception as exc:  # noqa: BLE001 - shapely (GEOS) raises several kinds for geometry it cannot build
            raise UserError("error.boundary_files.feature_geometry_cannot_be_read", where=f"{where} layer {layer}", value=i + 1, label=name,
                            error_kind=exc.__class__.__name__, value2=str(exc)[:160]) from None
        if transform is not None:
            geometry = shapely.transform(geometry, transform)
        _keep(out, name, stratum, geometry)
        if i in curved:
            out.linearised.append(name)
    return out


def _curved(source: str, layer: str) -> set[int]:
    """The positions of the layer's features whose geometry has arcs, as GDAL holds them before it linearises them
    (OGR SQL's OGR_GEOMETRY: the feature's own geometry type, in the order ``raw.read`` gives the features)."""
    from pyogrio import raw

    quoted = layer.replace('"', '""')
    try:
        _, _, _, (types,) = raw.read(source, sql=f'SELECT OGR_GEOMETRY FROM "{quoted}"', sql_dialect="OGRSQL", read_geometry=False)
    except Exception:  # noqa: BLE001 - a driver without OGR SQL's geometry field: the outlines are read as GDAL gives them
        return set()
    return {i for i, kind in enumerate(types) if str(kind or "").split(" ")[0] in CURVED}


def _features(source: str, layer: str, where: str, kind: str):
    """The layer's CRS, field names, WKB geometries and attribute columns: text as UTF-8, else as GB18030 (the
    field names, which GDAL writes in UTF-8 whatever the values are in, from the layer's description)."""
    import pyogrio
    from pyogrio import raw

    for encoding in (None, "GB18030"):
        try:
            meta, _, wkb, columns = raw.read(source, layer=layer, encoding=encoding)
            fields = meta["fields"] if encoding is None else pyogrio.read_info(source, layer=layer)["fields"]
            return meta.get("crs"), [str(f) for f in fields], wkb, columns
        except UnicodeDecodeError:
            continue
        except Exception as exc:  # noqa: BLE001 - as in ``_read``
            raise UserError("error.gdal_layers.cannot_be_read", where=where, kind=kind, value=str(exc)[:200]) from None
    raise UserError("error.gdal_layers.text_not_unicode_nor_gb18030", where=where, layer=layer)
