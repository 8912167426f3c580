"""Project-level methodology inputs: the grid a farm feeds, uniqueness declarations, ex-ante assumptions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workbench.store.models import Base, Versioned


class ProjectParameterRow(Versioned, Base):
    """One value keyed by the methodology's symbol (or ``decl.*`` for declarations), with its source."""

    __tablename__ = "project_parameter"
    __table_args__ = (UniqueConstraint("project_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]
