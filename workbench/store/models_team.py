"""Who may work on a shared team database, and in which role (team mode on PostgreSQL)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workbench.store.models import Base


class TeamMemberRow(Base):
    """A database login of the team and its role: owners manage members, consultants edit, reviewers only read."""

    __tablename__ = "team_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(63), unique=True)  # the PostgreSQL role name (at most 63 bytes)
    role: Mapped[str] = mapped_column(String(16))
    full_name: Mapped[str] = mapped_column(Text, default="")
    added_by: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime]
