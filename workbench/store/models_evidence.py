"""Evidence files and archived documents (证据与文件存档), kept inside the workspace with their SHA-256.

The bytes live in the workspace so a file cannot go missing from under a project and travels in its package;
``retain_until`` is the end of the record-keeping period (DOMAIN.md §2), before which deletion is warned.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from workbench.store.models import Base, Travelling


class EvidenceRow(Travelling, Base):
    __tablename__ = "evidence_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12), default="evidence")  # evidence | document
    attached_to: Mapped[str] = mapped_column(Text, default="")  # "finding 3", "period 1", "document pdd", "" for the project
    name: Mapped[str] = mapped_column(Text)  # the file's name as given
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    note: Mapped[str] = mapped_column(Text, default="")
    added_on: Mapped[date]
    added_by: Mapped[str] = mapped_column(Text, default="")
    retain_until: Mapped[date]
    created_at: Mapped[datetime]
