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
    accuracy_special: Mapped[bool] = mapped_column(default=False)  # an "S" class (0.2S, 0.5S): same error limit
    calibrated_on: Mapped[date | None]  # the latest calibration, kept for lists; MeterCalibrationRow is the record
    calibration_error: Mapped[Decimal | None] = mapped_column(ExactDecimal)  # error found at that calibration, %
    location: Mapped[str] = mapped_column(Text, default="")
    fuel: Mapped[str | None] = mapped_column(String(32))  # the fuel a fuel meter (role "fuel") measures

    @property
    def accuracy_label(self) -> str:
        return f"{self.accuracy_class}{'S' if self.accuracy_special else ''}"


class MeterCalibrationRow(Base):
    """One calibration of a meter (校准记录): the day, the error found (signed, %), pass or fail, the certificate.

    The §7.3.4 correction of every reading follows from these records (workbench.methodology.meter_corrections).
    """

    __tablename__ = "meter_calibration"
    __table_args__ = (UniqueConstraint("meter_id", "calibrated_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meter_id: Mapped[int] = mapped_column(ForeignKey("meter.id", ondelete="CASCADE"), index=True)
    calibrated_on: Mapped[date]
    error_percent: Mapped[Decimal] = mapped_column(ExactDecimal)
    passed: Mapped[bool]
    reference: Mapped[str] = mapped_column(Text, default="")


class ReadingRow(Base):
    """Energy through one meter in one interval, in whole Wh (CONTRACTS.md §6)."""

    __tablename__ = "meter_reading"
    __table_args__ = (UniqueConstraint("meter_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meter_id: Mapped[int] = mapped_column(ForeignKey("meter.id", ondelete="CASCADE"))  # searched by the unique (meter, start) index
    start: Mapped[datetime]
    minutes: Mapped[int]
    wh: Mapped[int] = mapped_column(BigInteger)
