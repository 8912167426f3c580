"""SQLAlchemy models of a workspace file. Quantities are Decimal as text or integers, never float."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from workbench.store.types import ExactDecimal

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def new_uid() -> str:
    return uuid.uuid4().hex


class Travelling:
    """A row with no natural key of its own keeps this identity when its project travels in a package (ids are local
    to a workspace), so two workspaces' copies of it are compared and merged field by field."""

    uid: Mapped[str] = mapped_column(String(32), default=new_uid)


class Versioned:
    """A row edited in place. Every UPDATE raises its version by one and only matches the version it was based on,
    so an edit made from an older copy is refused instead of overwriting someone else's (optimistic locking)."""

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


class ProjectRow(Versioned, Base):
    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title_en: Mapped[str] = mapped_column(Text, default="")
    title_zh: Mapped[str] = mapped_column(Text, default="")
    programme: Mapped[str] = mapped_column(String(16))
    host_country: Mapped[str] = mapped_column(String(2))
    sector: Mapped[str] = mapped_column(String(32))
    methodology_id: Mapped[str] = mapped_column(String(40), default="")
    methodology_version: Mapped[str] = mapped_column(String(16), default="")
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreement.id"), index=True)  # a BRI project's agreement
    agreement_unmatched: Mapped[str] = mapped_column(Text, default="")  # a name that matches no recorded agreement: a task
    construction_start: Mapped[date | None]
    operation_start: Mapped[date | None]
    project_start: Mapped[date | None]  # 项目开始日期: the start of the project activity (e.g. planting), which rules tie to
    lifetime_years: Mapped[int | None]
    crediting_start: Mapped[date | None]
    crediting_end: Mapped[date | None]
    registry_account: Mapped[str] = mapped_column(String(80), default="")
    stage: Mapped[str] = mapped_column(String(32))
    stage_since: Mapped[date]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    parties: Mapped[list[PartyRow]] = relationship(back_populates="project", cascade="all, delete-orphan", order_by="PartyRow.id")
    sites: Mapped[list[SiteRow]] = relationship(back_populates="project", cascade="all, delete-orphan", order_by="SiteRow.id")
    stage_events: Mapped[list[StageEventRow]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="StageEventRow.id"
    )


class PartyRow(Versioned, Travelling, Base):
    __tablename__ = "party"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    name_en: Mapped[str] = mapped_column(Text, default="")
    name_zh: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[str] = mapped_column(String(32))
    nationality: Mapped[str] = mapped_column(String(16))
    country: Mapped[str] = mapped_column(String(2))
    participation_form: Mapped[str | None] = mapped_column(String(32))
    contact: Mapped[str] = mapped_column(Text, default="")

    project: Mapped[ProjectRow] = relationship(back_populates="parties")


class SiteRow(Versioned, Base):
    __tablename__ = "site"
    __table_args__ = (UniqueConstraint("project_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    latitude: Mapped[Decimal] = mapped_column(ExactDecimal)
    longitude: Mapped[Decimal] = mapped_column(ExactDecimal)
    area_ha: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    distance_to_shore_km: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    water_depth_m: Mapped[Decimal | None] = mapped_column(ExactDecimal)

    project: Mapped[ProjectRow] = relationship(back_populates="sites")


class StageEventRow(Travelling, Base):
    __tablename__ = "stage_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    source: Mapped[str | None] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(32))
    on: Mapped[date]
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")

    project: Mapped[ProjectRow] = relationship(back_populates="stage_events")


class AuditRow(Base):
    """Every change made through a service (CONTRACTS.md §3)."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(64))
    project_id: Mapped[int | None] = mapped_column(Integer, index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")  # sha256 of prev_hash + this entry: a tamper-evident chain


class ReferenceOverrideRow(Base):
    """A reference-data row the user added from a CSV; shipped tables are never edited in place."""

    __tablename__ = "reference_override"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64), index=True)
    key: Mapped[str] = mapped_column(Text)
    columns: Mapped[str] = mapped_column(Text)  # JSON of the CSV row as given
    origin: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime]
    confirmed_by: Mapped[str | None] = mapped_column(Text)  # who checked the row against its published source
    confirmed_at: Mapped[datetime | None]
    confirmed_source: Mapped[str | None] = mapped_column(Text)  # the document, table and page it was checked against
