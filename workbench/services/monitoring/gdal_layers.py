"""Parcel outlines from GeoPackages and Esri File Geodatabases — the formats forestry bureaus and GIS tools (ArcGIS,
QGIS, 林草生态网络感知系统 exports) hand over a project's 小班 layer in — read with pyogrio (GDAL's GPKG and
OpenFileGDB drivers), returning (name, stratum, geometry) in WGS84 longitude/latitude like ``boundary_files``.

- The layer: the file's one polygon layer (GDAL's geometry type Polygon, MultiPolygon or a generic geometry);
  a file holding none, or several, is refused naming its layers and their kinds, since importing every polygon
  layer would count an outline and its parcels twice.
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

POLYGONAL = ("Polygon", "MultiPolygon", "Unknown", "Unknown (any)", "GeometryCollection")


def read_geopackage(path: Path) -> Parcels:
    return _read(str(path), str(path), "GeoPackage")


def read_filegdb(path: Path) -> Parcels:
    """A ``.gdb`` folder (or a file inside one, as a file dialog picks it)."""
    folder = path if path.is_dir() else path.parent
    return _read(str(folder), str(folder), "File Geodatabase")


def read_zipped_filegdb(path: Path, member: str) -> Parcels:
    """The File Geodatabase folder ``member`` inside the zip ``path`` (already bounded by ``file_guards``)."""
    return _read(f"/vsizip/{path}/{member}", f"{path} {member}", "File Geodatabase")


def _read(source: str, where: str, kind: str) -> Parcels:
    """GDAL's warnings (a damaged header it reads past) are dropped: what it cannot read is refused in words."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return _parcels(source, where, kind)


def _parcels(source: str, where: str, kind: str) -> Parcels:
    import pyogrio
    import shapely

    try:
        layers = [(str(name), str(geometry) if geometry else "") for name, geometry in pyogrio.list_layers(source)]
    except Exception as exc:  # noqa: BLE001 - GDAL's errors for damaged or foreign files come in several classes
        raise UserError("error.gdal_layers.cannot_be_read", where=where, kind=kind, value=str(exc)[:200]) from None
    polygonal = [name for name, geometry in layers if geometry.removesuffix(" Z").removesuffix(" M") in POLYGONAL]
    listed = ", ".join(f"{name} ({geometry or '-'})" for name, geometry in layers) or "-"
    if not polygonal:
        raise UserError("error.gdal_layers.no_polygon_layer", where=where, kind=kind, layers=listed)
    if len(polygonal) > 1:
        raise UserError("error.gdal_layers.several_polygon_layers", where=where, kind=kind, layers=listed)
    layer = polygonal[0]
    crs, fields, wkb, columns = _features(source, layer, where, kind)
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
    return out


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
