"""Taking back an issuance recorded by mistake (Edit › Undo right after the Issue units wizard), as long as none of its
units has moved: the blocks, their issue transactions, the issuance and the joint body's decision it recorded are
removed, the period is verified again and the evidence files' retention dates go back to what they were."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.services.support.context import Actor
from workbench.services.support.records import row_fields
from workbench.services.support.write_action import write_action
from workbench.store.models_evidence import EvidenceRow
from workbench.store.models_ledger import BlockRow, IssuanceRow, JointDecisionRow, TransactionRow
from workbench.store.models_periods import AccountingPeriodRow
from workbench.store.workspace import Workspace


def untouched(s, issuance: IssuanceRow, blocks: list[BlockRow]) -> bool:
    """Every block the issuance made is still whole in its first account, unmarked, with only its issue transaction."""
    ids = [b.id for b in blocks]
    moved = s.scalar(select(TransactionRow.id).where(TransactionRow.block_id.in_(ids), TransactionRow.kind != "issue").limit(1))
    return moved is None and all(b.status == "issued" and not b.pledged and not b.frozen and b.use == "" and b.article6 == "{}"
                                 and b.parent_id is None for b in blocks)


def withdraw_issuance(ws: Workspace, actor: Actor, issued: Change) -> Change:
    """Undo the issuance ``issued`` (the Change ``ledger.issue`` returned); refused once a unit has moved."""
    created = {(e.entity, e.entity_id) for e in issued.entities if e.before is None}
    kept = {e.entity_id: date.fromisoformat(str(e.before["retain_until"])) for e in issued.entities if e.entity == "evidence_file" and e.before}
    with write_action(ws, actor, "issuance.withdraw") as act:
        s = act.session
        issuance = s.get(IssuanceRow, issued.result["issuance"])
        blocks = list(s.scalars(select(BlockRow).where(BlockRow.issuance_id == issuance.id))) if issuance else []
        if issuance is None or not untouched(s, issuance, blocks):
            raise UserError("error.ledger.issuance_units_moved", field="block")
        act.project_id = issuance.project_id
        period = s.get(AccountingPeriodRow, issuance.period_id)
        act.result = {"period": period.number, "decision_on": str(issuance.decision_on), "decision_ref": issuance.decision_ref}
        for tx in s.scalars(select(TransactionRow).where(TransactionRow.block_id.in_([b.id for b in blocks]))):
            act.deleted("unit_transaction", tx, row_fields(tx))
            s.delete(tx)
        s.flush()
        for b in blocks:
            act.deleted("unit_block", b, row_fields(b))
            s.delete(b)
        s.flush()
        decision = s.get(JointDecisionRow, issuance.decision_id) if issuance.decision_id else None
        act.deleted("issuance", issuance, row_fields(issuance))
        s.delete(issuance)
        s.flush()
        if decision is not None and ("joint_decision", decision.id) in created:
            act.deleted("joint_decision", decision, row_fields(decision))
            s.delete(decision)
        before = row_fields(period)
        period.status = "verified"
        act.updated("accounting_period", period, before)
        for row in s.scalars(select(EvidenceRow).where(EvidenceRow.id.in_(list(kept)))):
            old = row_fields(row)
            row.retain_until = kept[row.id]
            act.updated("evidence_file", row, old)
        s.flush()
    return act.change
