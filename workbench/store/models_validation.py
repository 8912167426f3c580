"""Validation and verification bodies, engagements and findings (审定与核查)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.store.models import Base, Travelling, Versioned


class VvbRow(Base):
    __tablename__ = "vvb"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_en: Mapped[str] = mapped_column(Text, default="")
    name_zh: Mapped[str] = mapped_column(Text, default="")
    scopes: Mapped[str] = mapped_column(Text, default="")  # comma-separated sectors it is accredited for


class EngagementRow(Versioned, Travelling, Base):
    __tablename__ = "engagement"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    vvb_id: Mapped[int] = mapped_column(ForeignKey("vvb.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # validation | verification
    period_id: Mapped[int | None] = mapped_column(ForeignKey("accounting_period.id"))
    team: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[date]
    report_status: Mapped[str] = mapped_column(String(8), default="draft")  # draft | final
    final_on: Mapped[date | None]
    sample_seed: Mapped[int | None]  # the seed of the site-visit sample, so anyone can redraw it
    sampled_sites: Mapped[str] = mapped_column(Text, default="")  # comma-separated site names to visit

    findings: Mapped[list[FindingRow]] = relationship(back_populates="engagement", cascade="all, delete-orphan", order_by="FindingRow.id")


class FindingRow(Versioned, Travelling, Base):
    __tablename__ = "finding"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagement.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    type: Mapped[str] = mapped_column(String(3))  # CAR | CL | FAR
    text: Mapped[str] = mapped_column(Text)
    raised_on: Mapped[date]
    response: Mapped[str] = mapped_column(Text, default="")
    responded_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | responded | closed | carried_forward
    closed_on: Mapped[date | None]

    engagement: Mapped[EngagementRow] = relationship(back_populates="findings")
