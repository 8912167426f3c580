"""The project's risk register (风险登记), preloaded from seed 000's process-oriented checklist."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workbench.store.models import Base, Versioned


class RiskRow(Versioned, Base):
    __tablename__ = "risk"
    __table_args__ = (UniqueConstraint("project_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(20))
    stage: Mapped[str] = mapped_column(String(32))
    title_en: Mapped[str] = mapped_column(Text)
    title_zh: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text, default="")
    likelihood: Mapped[int] = mapped_column(default=0)  # 1..5, 0 = not assessed
    impact: Mapped[int] = mapped_column(default=0)
    mitigation: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | mitigated | closed
