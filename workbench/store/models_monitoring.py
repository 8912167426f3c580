"""Revenue meters, their calibrations and interval readings (计量表与读数). Energy as integer Wh."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workbench.store.models import Base
from workbench.store.types import ExactDecimal


class MeterRow(Base):
    __tablename__ = "meter"
    __table_args__ = (UniqueConstraint("project_id", "serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    serial: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))  # export | import
    accuracy_class: Mapped[Decimal] = mapped_column(ExactDecimal)  # maximum permissible error, % (e.g. 0.5)
    calibrated_on: Mapped[date | None]
    calibration_error: Mapped[Decimal | None] = mapped_column(ExactDecimal)  # error found at calibration, %
    location: Mapped[str] = mapped_column(Text, default="")


class ReadingRow(Base):
    """Energy through one meter in one interval, in whole Wh (CONTRACTS.md §6)."""

    __tablename__ = "meter_reading"
    __table_args__ = (UniqueConstraint("meter_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meter_id: Mapped[int] = mapped_column(ForeignKey("meter.id", ondelete="CASCADE"))  # searched by the unique (meter, start) index
    start: Mapped[datetime]
    minutes: Mapped[int]
    wh: Mapped[int] = mapped_column(BigInteger)
