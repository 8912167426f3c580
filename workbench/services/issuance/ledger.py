"""Issuance into registries and the unit ledger: transfer, retirement (注销) (DOMAIN.md §1, §5)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.domain.act_order import check_decision_date as check_act_date
from workbench.domain.allocation import split_bri
from workbench.domain import field_specs as fs
from workbench.domain.article6 import UnitUse
from workbench.domain.change import Change
from workbench.domain.errors import NotFound, UserError
from workbench.domain.parties import Nationality, PartyRole
from workbench.domain.references import match_key
from workbench.domain.serials import serial_label, take
from workbench.domain.text import Text
from workbench.domain.vocabulary import BlockStatus, PeriodStatus, Registry, TransactionKind
from workbench.services.documents.evidence import refresh_retention
from workbench.services.support import fields as f
from workbench.services.support import values
from workbench.services.monitoring.accounting import period_of
from workbench.services.support.context import Actor
from workbench.services.issuance import accounts, act_dates
from workbench.services.projects import agreements
from workbench.services.projects.decisions import agreement_of, decide
from workbench.services.projects.projects import resolve
from workbench.services.support.records import entity, row_fields
from workbench.services.support.write_action import write_action
from workbench.store.models import PartyRow, ProjectRow
from workbench.store.models_ledger import AccountRow, AgreementRow, AllocationRow, BlockRow, IssuanceRow, TransactionRow
from workbench.store.workspace import Workspace



def add_agreement(ws: Workspace, actor: Actor, name: str, host_country: str, joint_body: str = "", signed_on: Any = None) -> Change:
    host = f.country(host_country, "host_country")
    if host == "CN" or not name.strip():
        raise UserError("error.ledger.an_agreement_needs_a_name_and", field="agreement")
    with write_action(ws, actor, "agreement.add") as act:
        s = act.session
        same = [f"{i}: {n!r}" for i, n in agreements.recorded(s).items() if match_key(n) == match_key(name)]
        if same:
            raise UserError("error.ledger.agreement_is_already_recorded_as_names", field="agreement", value=name.strip(), value2=', '.join(same))
        row = AgreementRow(name=name.strip(), host_country=host, joint_body=joint_body, signed_on=f.optional_date(signed_on, "signed_on"))
        s.add(row)
        s.flush()
        linked = agreements.link_waiting_projects(s, row)
        act.created("agreement", row)
        act.add(*linked)
        act.result.update(id=row.id, linked_projects=[e.entity_id for e in linked])
    return act.change


def list_agreements(ws: Workspace) -> list[AgreementRow]:
    with ws.reading() as s:
        return list(s.scalars(select(AgreementRow).order_by(AgreementRow.id)))


def add_allocation(ws: Workspace, actor: Actor, agreement: str, values: dict[str, Any], project: int | str | None = None) -> Change:
    """Shares in force from ``effective_from``; optional third-party entitlement and its chosen registry."""
    parsed = f.parse_fields(values, fs.flat(fs.ALLOCATION), "allocation")
    if parsed.get("effective_from") is None:
        raise UserError("error.fields.required", field="effective_from")
    china, host = parsed.get("china_share"), parsed.get("host_share")
    third = parsed.get("third_party_share") or Decimal(0)
    if china is None or host is None or china + host != 1:
        raise UserError("error.ledger.china_share_host_share_must_be", field="allocation", china=china, host=host)
    if not 0 <= third < 1:
        raise UserError("error.ledger.third_party_share_must_be_in", field="allocation", third=third)
    registry = parsed.get("third_party_registry") or Registry.CHINA
    with write_action(ws, actor, "allocation.add") as act:
        s = act.session
        a = agreements.required_agreement(s, agreement)
        row = AllocationRow(agreement_id=a.id, project_id=resolve(s, project).id if project is not None else None,
                            effective_from=parsed["effective_from"], china_share=china, host_share=host, third_party_share=third,
                            third_party_registry=registry, decision_ref=parsed.get("decision_ref", ""))
        s.add(row)
        s.flush()
        act.project_id = row.project_id
        act.created("allocation", row)
        act.result["id"] = row.id
    return act.change


def allocation_in_force(s: Session, project: ProjectRow, on: date) -> AllocationRow:
    """The project override, else the agreement's allocation, in force on the joint body's decision date."""
    a = agreement_of(s, project)
    rows = s.scalars(select(AllocationRow).where(AllocationRow.agreement_id == a.id, AllocationRow.effective_from <= on)).all()
    own = [r for r in rows if r.project_id == project.id]
    general = [r for r in rows if r.project_id is None]
    chosen = max(own or general, key=lambda r: r.effective_from, default=None)
    if chosen is None:
        raise UserError("error.ledger.no_allocation_of_is_in_force", field="allocation", name=a.name, on=on)
    return chosen


def shares_on(ws: Workspace, project: int | str, on: Any) -> AllocationRow | None:
    """The allocation an issuance decided on ``on`` would split by (a BRI project's; None for a domestic one, whose
    units all go to the China registry); refused as ``issue`` refuses when none is in force."""
    day = f.optional_date(on, "decided_on")
    with ws.reading() as s:
        p = resolve(s, project)
        return allocation_in_force(s, p, day) if p.programme == "bri" and day is not None else None


def check_decision_date(ws: Workspace, today: date, project: int | str, period: int | str, on: Any) -> None:
    """Refuse an issuance decision date out of the procedure's order, as ``issue`` would (for the wizard's page)."""
    day = f.optional_date(on, "decided_on")
    with ws.reading() as s:
        p = resolve(s, project)
        per = period_of(s, p.id, period)
        if day is not None:
            check_act_date(day, today, act_dates.before_issuance(s, p, per), "decided_on")


def _party(s: Session, project: ProjectRow, role: PartyRole, nationality: Nationality | None = None) -> PartyRow | None:
    for p in project.parties:
        if p.role == role and (nationality is None or p.nationality == nationality):
            return p
    return None


def next_serial(s: Session, project_id: int, vintage: int) -> int:
    last = s.scalar(select(func.max(BlockRow.last)).where(BlockRow.project_id == project_id, BlockRow.vintage == vintage))
    return (last or 0) + 1


def issue(ws: Workspace, actor: Actor, project: int | str, period: int | str, decision_on: Any = None, decision_ref: str = "") -> Change:
    """Turn a verified period's credited tonnes into serial blocks: all in the China registry for a domestic
    CCER project; for a BRI project split per the allocation in force on the joint body's decision date. The decision
    is dated no later than today and no earlier than the period's end, the registration, the final verification report
    and the application (``check_decision_date``)."""
    decided = f.optional_date(decision_on, "decided_on") or actor.today
    with write_action(ws, actor, "issuance") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        per = period_of(s, p.id, period)
        if per.status != "verified":
            raise UserError("error.ledger.period_is_only_verified_periods_are", field="period", number=per.number, status=PeriodStatus(per.status))
        check_act_date(decided, actor.today, act_dates.before_issuance(s, p, per), "decided_on")
        owner = _party(s, p, PartyRole.PROJECT_OWNER)
        if owner is None:
            raise UserError("error.ledger.the_project_has_no_owner_to", field="parties")
        owner_name = owner.name_en or owner.name_zh
        allocation = allocation_in_force(s, p, decided) if p.programme == "bri" else None
        third = _party(s, p, PartyRole.INVESTOR, Nationality.THIRD_PARTY) or _party(s, p, PartyRole.CO_DEVELOPER, Nationality.THIRD_PARTY)
        if allocation is not None and allocation.third_party_share > 0 and third is None:
            raise UserError("error.ledger.the_allocation_gives_a_third_party", field="allocation")
        applied = {} if allocation is None else {
            "allocation_id": allocation.id, "effective_from": str(allocation.effective_from), "china_share": str(allocation.china_share),
            "host_share": str(allocation.host_share), "third_party_share": str(allocation.third_party_share),
            "third_party_registry": allocation.third_party_registry, "rule": "largest remainder, ties to the China registry",
        }
        decision = None
        if p.programme == "bri":  # the joint body's issuance approval, recorded with the issuance it decided
            decision = decide(act, p, "issuance", decided, decision_ref.strip(), per.id)
        issuance = IssuanceRow(project_id=p.id, period_id=per.id, decision_on=decided, decision_ref=decision_ref,
                               allocation_id=allocation.id if allocation else None, decision_id=decision.id if decision else None,
                               allocation_applied=json.dumps(applied), created_at=actor.now())
        s.add(issuance)
        s.flush()
        blocks: list[BlockRow] = []
        for v in per.vintages:
            if v.credited <= 0:
                continue
            if allocation is None:
                parts = [("CN", owner_name, owner.id, v.credited, False)]
            else:
                split = split_bri(v.credited, allocation.china_share, allocation.host_share, allocation.third_party_share, allocation.third_party_registry)
                host_holder = _party(s, p, PartyRole.CO_DEVELOPER, Nationality.HOST) or owner
                tp_registry = "CN" if split.third_party_registry == "china" else p.host_country
                parts = [
                    ("CN", owner_name, owner.id, split.china - (split.third_party if tp_registry == "CN" else 0), False),
                    (p.host_country, host_holder.name_en or host_holder.name_zh, host_holder.id,
                     split.host - (split.third_party if tp_registry != "CN" else 0), False),
                    (tp_registry, third.name_en or third.name_zh, third.id, split.third_party, True) if third else ("CN", "", None, 0, True),
                ]
            serial = next_serial(s, p.id, v.vintage)
            for registry, holder, party_id, quantity, is_third in parts:
                if quantity <= 0:
                    continue
                acc = accounts.party_account(s, holder, registry, party_id)
                block = BlockRow(issuance_id=issuance.id, project_id=p.id, vintage=v.vintage, first=serial, last=serial + quantity - 1,
                                 registry_code=registry, account_id=acc.id, status="issued", third_party=is_third,
                                 use="", article6="{}", pledged=False, frozen=False)
                s.add(block)
                s.flush()
                s.add(TransactionRow(kind="issue", block_id=block.id, quantity=quantity, first=block.first, last=block.last, to_account_id=acc.id,
                                     on=decided, actor=actor.name))
                blocks.append(block)
                serial += quantity
        if not blocks:
            raise UserError("error.ledger.period_credits_no_whole_tonne", field="period", number=per.number)
        before = row_fields(per)
        per.status = "issued"
        s.flush()
        kept = refresh_retention(s, p, decided)  # records are kept 10 years after the last registration (Measures arts. 11, 18)
        act.created("issuance", issuance)
        act.updated("accounting_period", per, before)
        for b in blocks:
            act.created("unit_block", b)
        for row, old in kept:
            act.updated("evidence_file", row, old)
        act.result = {"issuance": issuance.id, "blocks": [b.id for b in blocks]}
    return act.change


def find_block(s: Session, block_id: int) -> BlockRow:
    row = s.get(BlockRow, int(block_id))
    if row is None:
        raise NotFound("error.ledger.no_block_workbench_ledger_project_lists", field="block", block_id=block_id)
    return row


def check_movable(block: BlockRow) -> None:
    if block.status in ("retired", "cancelled"):
        raise UserError("error.ledger.block_is_its_units_never_move", field="block", number=block.id, status=BlockStatus(block.status))
    if block.pledged or block.frozen:
        raise UserError("error.ledger.block_is_release_it_first", field="block", number=block.id, value=Text("state.pledged") if block.pledged else Text("state.frozen"))


def check_block_movable(ws: Workspace, block_id: int) -> None:
    """Refuse, as a transfer, retirement or hold would, a block whose units cannot move (retired, cancelled, held)."""
    with ws.reading() as s:
        check_movable(find_block(s, block_id))


def split_front(s: Session, block: BlockRow, quantity: int) -> BlockRow:
    """The block holding exactly ``quantity`` units taken from the front of ``block`` (itself when all move)."""
    moved, rest = take(block.first, block.last, quantity)
    if rest is None:
        return block
    block.first, block.last = rest
    part = BlockRow(issuance_id=block.issuance_id, project_id=block.project_id, vintage=block.vintage, first=moved[0], last=moved[1],
                    registry_code=block.registry_code, account_id=block.account_id, status=block.status, third_party=block.third_party,
                    use=block.use, article6=block.article6, pledged=block.pledged, frozen=block.frozen, parent_id=block.id)
    s.add(part)
    s.flush()
    return part


def move_entities(block: BlockRow, part: BlockRow, before: dict[str, Any], tx: TransactionRow) -> tuple:
    """The entities a move changed: the block (shortened, when only part of it moved), the part, the transaction."""
    split = part is not block
    return (*((entity("unit_block", block, before),) if split else ()), entity("unit_block", part, None if split else before),
            entity("unit_transaction", tx, None))


def transfer(ws: Workspace, actor: Actor, block_id: int, to_holder: str, quantity: int, registry: str | None = None,
             price: Any = None, currency: str = "") -> Change:
    """Move units to an existing account (``to_holder``: its id or its holder's exact name; ``accounts.open_account``
    opens one). Units stay in their registry: a serial is active in one registry only, and a third party's units never
    enter the second registry."""
    given = f.parse_record("transfer", to_account=to_holder, quantity=quantity, price=price, currency=currency)
    amount, currency, quantity = given["price"], given["currency"], given["quantity"]
    if amount is not None and not currency:
        raise UserError("error.ledger.give_the_currency_of_the_price", field="currency")
    with write_action(ws, actor, "transfer") as act:
        s = act.session
        block = find_block(s, block_id)
        act.project_id = block.project_id
        check_movable(block)
        target_registry = (registry or block.registry_code).upper()
        if target_registry != block.registry_code:
            why = Text("ledger.third_party_one_registry") if block.third_party else Text("ledger.serial_active_in_one_registry")
            raise UserError("error.ledger.block_is_held_in_the_registry", field="registry", number=block.id, registry_code=block.registry_code, target_registry=target_registry, why=why)
        acc = accounts.receiving_account(s, given["to_account"], target_registry)
        before = row_fields(block)
        part = split_front(s, block, int(quantity))
        source = part.account_id
        part.account_id, part.status = acc.id, "transferred"
        tx = TransactionRow(kind="transfer", block_id=part.id, quantity=int(quantity), first=part.first, last=part.last, from_account_id=source,
                            to_account_id=acc.id, price=amount, currency=currency, on=actor.today, actor=actor.name)
        s.add(tx)
        s.flush()
        act.add(*move_entities(block, part, before, tx))
        act.result["block"] = part.id
    return act.change


def retire(ws: Workspace, actor: Actor, block_id: int, quantity: int, purpose: str, beneficiary: str, compliance_year: Any = None,
           use: str = "voluntary") -> Change:
    """Retire units for offsetting or a claim; they never move again. The values are parsed by the retirement's field
    specs (quantity, purpose, beneficiary, compliance year, use)."""
    given = f.parse_record("retirement", quantity=quantity, purpose=purpose, beneficiary=beneficiary, compliance_year=compliance_year, use=use)
    return _close_out(ws, actor, "retire", block_id, given["quantity"], given["purpose"], given["beneficiary"], given["compliance_year"],
                      given["use"])


def cancel(ws: Workspace, actor: Actor, block_id: int, quantity: int, purpose: str, beneficiary: str = "", compliance_year: Any = None) -> Change:
    """Cancel (注销) units in their registry — for a compliance surrender, a correction, or before the other registry
    issues the same serials; they never move again."""
    return _close_out(ws, actor, "cancel", block_id, quantity, purpose, beneficiary or "-", compliance_year, None)


def _close_out(ws: Workspace, actor: Actor, kind: str, block_id: int, quantity: int, purpose: str, beneficiary: str, compliance_year: Any,
               use: str | None) -> Change:
    quantity = f.parse_value(fs.RETIREMENT["quantity"], quantity, "quantity")
    if use is not None and not UnitUse.has_value(use):
        raise UserError("error.ledger.use_is_not_one_of", field="use", use=use, value=', '.join(UnitUse))
    if not purpose.strip() or not beneficiary.strip():
        raise UserError("error.ledger.a_names_its_purpose_and_its", where=kind, value=TransactionKind(kind))
    year = values.compliance_year(compliance_year)
    with write_action(ws, actor, kind) as act:
        s = act.session
        block = find_block(s, block_id)
        act.project_id = block.project_id
        check_movable(block)
        project = s.get(ProjectRow, block.project_id)
        if use == "ndc" and block.third_party:
            raise UserError("error.ledger.a_third_party_developer_s_units", field="use")
        if use == "ndc" and block.registry_code not in ("CN", project.host_country):
            raise UserError("error.ledger.units_in_the_registry_cannot_count", field="use", registry_code=block.registry_code)
        before = row_fields(block)
        part = split_front(s, block, int(quantity))
        part.status = "retired" if kind == "retire" else "cancelled"
        if use is not None:
            part.use = use
        tx = TransactionRow(kind=kind, block_id=part.id, quantity=int(quantity), first=part.first, last=part.last, from_account_id=part.account_id,
                            purpose=purpose.strip(), beneficiary=beneficiary.strip(), compliance_year=year, on=actor.today, actor=actor.name)
        s.add(tx)
        s.flush()
        act.add(*move_entities(block, part, before, tx))
        act.result.update(block=part.id, transaction=tx.id)
    return act.change


@dataclass(frozen=True)
class LedgerLine:
    block: int
    serials: str
    vintage: int
    quantity: int
    registry: str
    holder: str
    status: str
    third_party: bool
    use: str


def holdings(s: Session, project: ProjectRow) -> list[tuple[BlockRow, str, str]]:
    """Every block of a project with its holder and serial label, by vintage and first serial."""
    rows = s.execute(select(BlockRow, AccountRow.holder).join(AccountRow, AccountRow.id == BlockRow.account_id)
                     .where(BlockRow.project_id == project.id).order_by(BlockRow.vintage, BlockRow.first)).all()
    return [(b, holder, serial_label(project.programme, project.host_country, project.code, b.vintage, b.first, b.last)) for b, holder in rows]


def ledger(ws: Workspace, project: int | str) -> list[LedgerLine]:
    with ws.reading() as s:
        return [LedgerLine(b.id, serials, b.vintage, b.last - b.first + 1, b.registry_code, holder, b.status, b.third_party, b.use)
                for b, holder, serials in holdings(s, resolve(s, project))]
