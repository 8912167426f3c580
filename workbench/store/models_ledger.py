"""Cooperation agreements, allocations, issuances, accounts, unit blocks and their transactions (登记簿)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workbench.store.models import Base, Travelling, Versioned
from workbench.store.types import ExactDecimal


class AgreementRow(Base):
    """A bilateral BRI cooperation agreement between China and a host country."""

    __tablename__ = "agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    host_country: Mapped[str] = mapped_column(String(2))
    joint_body: Mapped[str] = mapped_column(Text, default="")
    signed_on: Mapped[date | None]


class AllocationRow(Travelling, Base):
    """Shares per registry in force from a date; a project override applies to one project only."""

    __tablename__ = "allocation"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    effective_from: Mapped[date]
    china_share: Mapped[Decimal] = mapped_column(ExactDecimal)
    host_share: Mapped[Decimal] = mapped_column(ExactDecimal)
    third_party_share: Mapped[Decimal] = mapped_column(ExactDecimal)
    third_party_registry: Mapped[str] = mapped_column(String(8), default="china")  # china | host
    decision_ref: Mapped[str] = mapped_column(Text, default="")


class JointDecisionRow(Travelling, Base):
    """A decision of the agreement's joint management body: registration, issuance approval and the like."""

    __tablename__ = "joint_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id"), index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # registration | issuance | allocation | other
    decided_on: Mapped[date]
    reference: Mapped[str] = mapped_column(Text)
    period_id: Mapped[int | None] = mapped_column(ForeignKey("accounting_period.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]


class IssuanceRow(Base):
    __tablename__ = "issuance"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("accounting_period.id"), unique=True)
    decision_on: Mapped[date]
    decision_ref: Mapped[str] = mapped_column(Text, default="")
    allocation_id: Mapped[int | None] = mapped_column(ForeignKey("allocation.id"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("joint_decision.id"))
    allocation_applied: Mapped[str] = mapped_column(Text, default="{}")  # JSON of the shares used
    created_at: Mapped[datetime]


class AccountRow(Base):
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    holder: Mapped[str] = mapped_column(Text)
    registry_code: Mapped[str] = mapped_column("registry", String(2))  # CN or the host country's ISO code
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))


class BlockRow(Versioned, Travelling, Base):
    """A range of serials of one project vintage held in one account of one registry."""

    __tablename__ = "unit_block"

    id: Mapped[int] = mapped_column(primary_key=True)
    issuance_id: Mapped[int] = mapped_column(ForeignKey("issuance.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    vintage: Mapped[int]
    first: Mapped[int]
    last: Mapped[int]
    registry_code: Mapped[str] = mapped_column("registry", String(2))
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    status: Mapped[str] = mapped_column(String(12), default="issued")  # issued | transferred | retired | cancelled
    third_party: Mapped[bool] = mapped_column(default=False)
    use: Mapped[str] = mapped_column(String(16), default="")  # ndc | international | voluntary | ets_offset
    article6: Mapped[str] = mapped_column(Text, default="{}")  # JSON per country: {"VN": {"authorised": true, "adjustment": "applied"}}
    pledged: Mapped[bool] = mapped_column(default=False)
    frozen: Mapped[bool] = mapped_column(default=False)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit_block.id"))


class TransactionRow(Travelling, Base):
    __tablename__ = "unit_transaction"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))  # issue | transfer | retire | cancel | pledge | freeze | release
    block_id: Mapped[int] = mapped_column(ForeignKey("unit_block.id", ondelete="CASCADE"), index=True)
    quantity: Mapped[int]
    # the serial range this transaction moved, as it was then (blocks split later); NULL only in rows from packages of
    # workspaces before 0017, where the reader derives it (see services/issuance/issued_records.py)
    first: Mapped[int | None]
    last: Mapped[int | None]
    from_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    to_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    purpose: Mapped[str] = mapped_column(Text, default="")
    beneficiary: Mapped[str] = mapped_column(Text, default="")
    compliance_year: Mapped[int | None]
    price: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    currency: Mapped[str] = mapped_column(String(3), default="")
    on: Mapped[date]
    actor: Mapped[str] = mapped_column(Text)
