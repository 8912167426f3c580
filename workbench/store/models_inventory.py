"""Forest inventories (样地调查) and auxiliary fuel deliveries (燃料入库), the monitored data besides meters.

A sample plot is stored once per measurement date, with its trees; a fuel delivery once per date, fuel and
reference (invoice or delivery note). Amounts are exact decimals (CONTRACTS.md §6).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.store.models import Base, Versioned
from workbench.store.types import ExactDecimal


class SamplePlotRow(Base):
    __tablename__ = "sample_plot"
    __table_args__ = (UniqueConstraint("project_id", "code", "measured_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    stratum: Mapped[str] = mapped_column(Text)
    area_m2: Mapped[Decimal] = mapped_column(ExactDecimal)
    latitude: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    longitude: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    measured_on: Mapped[date]
    trees: Mapped[list[TreeRow]] = relationship(back_populates="plot", cascade="all, delete-orphan", order_by="TreeRow.tag")


class TreeRow(Base):
    __tablename__ = "tree_measurement"
    __table_args__ = (UniqueConstraint("plot_id", "tag"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plot_id: Mapped[int] = mapped_column(ForeignKey("sample_plot.id", ondelete="CASCADE"), index=True)
    tag: Mapped[str] = mapped_column(String(64))
    species: Mapped[str] = mapped_column(Text)
    dbh_cm: Mapped[Decimal] = mapped_column(ExactDecimal)
    height_m: Mapped[Decimal] = mapped_column(ExactDecimal)
    plot: Mapped[SamplePlotRow] = relationship(back_populates="trees")


class FuelDeliveryRow(Base):
    __tablename__ = "fuel_delivery"
    __table_args__ = (UniqueConstraint("project_id", "delivered_on", "fuel", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    delivered_on: Mapped[date]
    fuel: Mapped[str] = mapped_column(String(32))
    quantity: Mapped[Decimal] = mapped_column(ExactDecimal)  # in the fuel's unit (t or 10^4 Nm3)
    error_percent: Mapped[Decimal | None] = mapped_column(ExactDecimal)  # meter / weighbridge error; None = invoice amount
    reference: Mapped[str] = mapped_column(Text, default="")


class ImportMappingRow(Versioned, Base):
    """Which columns of a data-logger export hold what, saved per project and kind of data (JSON text)."""

    __tablename__ = "import_mapping"
    __table_args__ = (UniqueConstraint("project_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    mapping: Mapped[str] = mapped_column(Text)
