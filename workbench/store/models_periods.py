"""Monitoring / accounting periods (监测期/核算期) and their results per vintage.

Shared by the validation capability (period rules, verification status), the accounting calculation that fills
the vintage results, and issuance (which issues the credited whole tonnes of verified periods).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.store.models import Base, Versioned
from workbench.store.types import ExactDecimal


class AccountingPeriodRow(Versioned, Base):
    __tablename__ = "accounting_period"
    __table_args__ = (UniqueConstraint("project_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]  # 1, 2, 3… within the project
    start: Mapped[date]
    end: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft, reported, verified, issued
    created_at: Mapped[datetime]

    vintages: Mapped[list[VintageResultRow]] = relationship(
        back_populates="period", cascade="all, delete-orphan", order_by="VintageResultRow.vintage"
    )


class VintageResultRow(Base):
    """Reductions of one vintage (calendar year) inside one accounting period, exact, with what was used."""

    __tablename__ = "vintage_result"
    __table_args__ = (UniqueConstraint("period_id", "vintage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("accounting_period.id", ondelete="CASCADE"), index=True)
    vintage: Mapped[int]
    baseline: Mapped[Decimal] = mapped_column(ExactDecimal)  # BE, tCO2e
    project_emissions: Mapped[Decimal] = mapped_column(ExactDecimal)  # PE
    leakage: Mapped[Decimal] = mapped_column(ExactDecimal)  # LE
    reductions: Mapped[Decimal] = mapped_column(ExactDecimal)  # ER = BE - PE - LE (or net removals), exact
    credited: Mapped[int]  # whole tonnes, rounded down (CONTRACTS.md §6)
    ex_ante_estimate: Mapped[Decimal | None] = mapped_column(ExactDecimal)  # the PDD's estimate for the vintage
    deviation_note: Mapped[str] = mapped_column(Text, default="")
    calculation: Mapped[str] = mapped_column(Text, default="{}")  # JSON: inputs and sourced parameters used

    period: Mapped[AccountingPeriodRow] = relationship(back_populates="vintages")
