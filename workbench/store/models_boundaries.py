"""Site and parcel boundaries (地块边界) with their geodesic areas."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workbench.store.models import Base
from workbench.store.types import ExactDecimal


class ParcelRow(Base):
    __tablename__ = "parcel"
    __table_args__ = (UniqueConstraint("project_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    geometry_wkt: Mapped[str] = mapped_column(Text)  # WGS84 lon/lat
    stratum: Mapped[str] = mapped_column(Text, default="")  # the carbon stratum (碳层) the parcel belongs to
    area_m2: Mapped[Decimal] = mapped_column(ExactDecimal)  # geodesic, on the WGS84 ellipsoid, to 0.01 m²
    source: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[datetime]
