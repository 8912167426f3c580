"""Project-level methodology inputs, each in its own table: parameters keyed by symbol (the grid a farm feeds, ex-ante
assumptions), uniqueness declarations, evidence references, and the PDD's prose (migration 0018_parameter_split)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from workbench.store.models import Base, Versioned


class ProjectParameterRow(Versioned, Base):
    """One value keyed by the methodology's symbol or a project input's name (``grid``, ``plan.S1.species``), with its source."""

    __tablename__ = "project_parameter"
    __table_args__ = (UniqueConstraint("project_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]


class DeclarationRow(Versioned, Base):
    """A uniqueness declaration of the project (``no_other_programme``, ``no_green_certificate``): yes or no."""

    __tablename__ = "project_declaration"
    __table_args__ = (UniqueConstraint("project_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    answer: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]


class EvidenceReferenceRow(Versioned, Base):
    """Where a claim is shown (a document, clause, page, decision number): for one applicability condition of the
    project's methodology, or for one stage change. Exactly one of ``condition`` and ``stage_event_id`` is set."""

    __tablename__ = "evidence_reference"
    __table_args__ = (
        UniqueConstraint("project_id", "condition", "stage_event_id"),  # the identity that travels in packages
        CheckConstraint("(condition IS NULL) != (stage_event_id IS NULL)", name="one_subject"),
        # partial in both dialects (migration 0018 gives PostgreSQL its WHERE too); only SQLite's option is declared,
        # since a postgresql_* option loads that dialect into every start-up — and with NULLs distinct in a unique
        # index, the index means the same with or without it
        Index("ix_evidence_reference_one_per_condition", "project_id", "condition", unique=True,
              sqlite_where=text("condition IS NOT NULL")),
        Index("ix_evidence_reference_one_per_stage_event", "stage_event_id", unique=True,
              sqlite_where=text("stage_event_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    condition: Mapped[str | None] = mapped_column(String(64))
    stage_event_id: Mapped[int | None] = mapped_column(ForeignKey("stage_event.id", ondelete="CASCADE"))
    reference: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]


class PddTextRow(Versioned, Base):
    """One PDD section's prose in one language (``description``, ``en``), written in the PDD editor."""

    __tablename__ = "pdd_text"
    __table_args__ = (UniqueConstraint("project_id", "section", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    section: Mapped[str] = mapped_column(String(64))
    lang: Mapped[str] = mapped_column(String(8))
    body: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]
