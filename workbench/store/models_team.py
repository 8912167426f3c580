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


class AuditAnchorRow(Base):
    """Team mode: the audit chain's head as an owner last confirmed it, signed with the owners' key (``team_anchor``).
    Only owners may write it (database grants); a workspace file anchors in a sidecar file instead and leaves this
    table empty."""

    __tablename__ = "audit_anchor"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace: Mapped[str] = mapped_column(String(32))  # names the owners' key file, <workspace>.key
    last_id: Mapped[int]
    last_hash: Mapped[str] = mapped_column(String(64))
    signed_by: Mapped[str] = mapped_column(Text)
    signed_at: Mapped[str] = mapped_column(String(32))  # ISO time, as signed
    key: Mapped[str] = mapped_column(String(16))  # the signing key's fingerprint
    mac: Mapped[str] = mapped_column(String(64))
