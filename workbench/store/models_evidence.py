"""Evidence files and archived documents (证据与文件存档), kept inside the workspace with their SHA-256.

The bytes live in the workspace so a file cannot go missing from under a project and travels in its package;
``retain_until`` is the end of the record-keeping period (DOMAIN.md §2), before which deletion is warned.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from workbench.store.models import Base, Travelling

TARGETS = ("for_project_id", "for_finding_id", "for_engagement_id", "for_period_id", "for_document_id")
ONE_TARGET = " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in TARGETS) + " = 1"


class EvidenceRow(Travelling, Base):
    """A file kept as evidence of exactly one record (a project, finding, engagement, accounting period or archived
    document), or an archived document itself (``kind`` "document", kept on its project with its own kind and ref).

    A record that still has evidence cannot be deleted (the keys have no ON DELETE: the database refuses too).
    """

    __tablename__ = "evidence_file"
    __table_args__ = (CheckConstraint(ONE_TARGET, name="one_target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12), default="evidence")  # evidence | document
    for_project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    for_finding_id: Mapped[int | None] = mapped_column(ForeignKey("finding.id"), index=True)
    for_engagement_id: Mapped[int | None] = mapped_column(ForeignKey("engagement.id"), index=True)
    for_period_id: Mapped[int | None] = mapped_column(ForeignKey("accounting_period.id"), index=True)
    for_document_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_file.id"), index=True)
    unmatched_target: Mapped[str] = mapped_column(Text, default="")  # an earlier version's target that named nothing: a task
    document_kind: Mapped[str] = mapped_column(String(32), default="")  # an archived document's kind (pdd, …)
    document_ref: Mapped[str] = mapped_column(Text, default="")  # and what it was rendered for ('' for none)
    name: Mapped[str] = mapped_column(Text)  # the file's name as given
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    note: Mapped[str] = mapped_column(Text, default="")
    added_on: Mapped[date]
    added_by: Mapped[str] = mapped_column(Text, default="")
    retain_until: Mapped[date]
    created_at: Mapped[datetime]
