"""A forestry PDD's annex of parcels, strata and sample plots (地块、碳层与样地): what the boundary figure draws and
the strata table sums, parcel by parcel, so a validator can tie each area to its tenure document and each plot to
its stratum (AR-TOOL14 stratified estimation, AR-TOOL03 sampling; the boundary to at least 6 decimals)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.store.models import ProjectRow
from workbench.store.models_boundaries import ParcelRow
from workbench.store.models_inventory import SamplePlotRow, TreeRow

HECTARE_M2 = Decimal(10000)
AREA = Decimal("0.01")  # ha, as the strata table prints them
PARCEL_AREA = Decimal("0.0001")  # ha (1 m²): a parcel's area exact enough that the rows add up to the stratum's
DEGREES = Decimal("0.000001")  # 6 decimals (CCER-01-002-V01 site coordinates; the same precision for parcels)


def _centre(geometry_wkt: str) -> tuple[Decimal, Decimal]:
    """The parcel's representative point (inside the polygon), latitude and longitude to 6 decimals."""
    from shapely import wkt  # the GIS library loads when parcels are read, not with every command
    point = wkt.loads(geometry_wkt).representative_point()
    return Decimal(repr(point.y)).quantize(DEGREES), Decimal(repr(point.x)).quantize(DEGREES)


def _natural(code: str) -> tuple:
    """F2 before F10: the digits of a code compare as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code))


def plot_annex(s: Session, row: ProjectRow) -> dict[str, Any] | None:
    """``{"parcels": [{name, stratum, latitude, longitude, area}], "strata": [{name, parcels, area}], "area",
    "plots": [{code, stratum, area_m2, latitude, longitude, measured_on, trees}]}`` with areas in ha (Decimal, to
    0.01 ha, each stratum the exact sum of its parcels rounded as the strata table rounds it; a parcel to 0.0001 ha),
    plot areas in m²; plots in natural order of their codes (F2 before F10); None when the
    project has no parcels. A plot measured more than once is listed with its latest measurement."""
    parcels = s.scalars(select(ParcelRow).where(ParcelRow.project_id == row.id).order_by(ParcelRow.stratum, ParcelRow.name)).all()
    if not parcels:
        return None
    listed, strata = [], {}
    for p in parcels:
        latitude, longitude = _centre(p.geometry_wkt)
        listed.append({"name": p.name, "stratum": p.stratum, "latitude": latitude, "longitude": longitude,
                       "area": (p.area_m2 / HECTARE_M2).quantize(PARCEL_AREA)})
        total = strata.setdefault(p.stratum, {"name": p.stratum, "parcels": 0, "area": Decimal(0)})
        total["parcels"] += 1
        total["area"] += p.area_m2 / HECTARE_M2
    for total in strata.values():
        total["area"] = total["area"].quantize(AREA)
    trees = dict(s.execute(select(TreeRow.plot_id, func.count()).join(SamplePlotRow)
                           .where(SamplePlotRow.project_id == row.id).group_by(TreeRow.plot_id)).all())
    latest: dict[str, SamplePlotRow] = {}
    for plot in s.scalars(select(SamplePlotRow).where(SamplePlotRow.project_id == row.id).order_by(SamplePlotRow.measured_on)):
        latest[plot.code] = plot
    plots = [{"code": p.code, "stratum": p.stratum, "area_m2": p.area_m2, "latitude": p.latitude, "longitude": p.longitude,
              "measured_on": str(p.measured_on), "trees": trees.get(p.id, 0)}
             for p in sorted(latest.values(), key=lambda p: (p.stratum, _natural(p.code)))]
    area = sum((p.area_m2 for p in parcels), Decimal(0)) / HECTARE_M2
    return {"parcels": listed, "strata": [strata[k] for k in sorted(strata)], "area": area.quantize(AREA), "plots": plots}
