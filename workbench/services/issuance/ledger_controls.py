"""Holds on units (pledge 质押, freeze 冻结, release) and the Article 6 state of a block per country."""

from __future__ import annotations

import json

from workbench.domain import article6
from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.domain.vocabulary import BlockStatus, TransactionKind
from workbench.domain.text import Text
from workbench.services.support import fields as f
from workbench.services.support.context import Actor
from workbench.services.issuance.ledger import check_movable, find_block, move_entities, split_front
from workbench.services.support.records import row_fields
from workbench.services.support.write_action import write_action
from workbench.store.models import ProjectRow
from workbench.store.models_ledger import TransactionRow
from workbench.store.workspace import Workspace

HOLDS = (TransactionKind.PLEDGE, TransactionKind.FREEZE)


def hold(ws: Workspace, actor: Actor, kind: str, block_id: int, quantity: int, purpose: str, beneficiary: str = "") -> Change:
    """Pledge units to a lender or freeze them by order; held units do not move until released (seed 003)."""
    if kind not in HOLDS:
        raise UserError("error.ledger_controls.is_not_one_of", field="hold", kind=kind, value=', '.join(HOLDS))
    if not purpose.strip():
        raise UserError("error.ledger_controls.say_why_the_units_are_contract", field="purpose", value=Text("state.pledged") if kind == "pledge" else Text("state.frozen"))
    if kind == "pledge" and not beneficiary.strip():
        raise UserError("error.ledger_controls.name_the_pledgee_the_lender_holding", field="beneficiary")
    with write_action(ws, actor, kind) as act:
        s = act.session
        block = find_block(s, block_id)
        act.project_id = block.project_id
        check_movable(block)
        before = row_fields(block)
        part = split_front(s, block, int(quantity))
        if kind == "pledge":
            part.pledged = True
        else:
            part.frozen = True
        tx = TransactionRow(kind=kind, block_id=part.id, quantity=int(quantity), first=part.first, last=part.last, from_account_id=part.account_id,
                            purpose=purpose.strip(), beneficiary=beneficiary.strip(), on=actor.today, actor=actor.name)
        s.add(tx)
        s.flush()
        act.add(*move_entities(block, part, before, tx))
        act.result["block"] = part.id
    return act.change


def release(ws: Workspace, actor: Actor, block_id: int, purpose: str) -> Change:
    """Lift a pledge or freeze from a whole block."""
    if not purpose.strip():
        raise UserError("error.ledger_controls.say_why_the_hold_is_lifted", field="purpose")
    with write_action(ws, actor, "release") as act:
        s = act.session
        block = find_block(s, block_id)
        act.project_id = block.project_id
        if not (block.pledged or block.frozen):
            raise UserError("error.ledger_controls.block_is_neither_pledged_nor_frozen", field="block", number=block.id)
        before = row_fields(block)
        block.pledged = block.frozen = False
        tx = TransactionRow(kind="release", block_id=block.id, quantity=block.last - block.first + 1, first=block.first, last=block.last,
                            from_account_id=block.account_id,
                            purpose=purpose.strip(), on=actor.today, actor=actor.name)
        s.add(tx)
        s.flush()
        act.updated("unit_block", block, before)
        act.created("unit_transaction", tx)
        act.result["block"] = block.id
    return act.change


def set_article6(ws: Workspace, actor: Actor, block_id: int, country: str, use: str, authorised: bool, adjustment: str = "none") -> Change:
    """Record one country's authorisation and corresponding-adjustment status, and the block's intended use (country,
    use and adjustment parsed by the Article 6 field specs)."""
    given = f.parse_record("article6", country=country, use=use, adjustment=adjustment)
    code, use, adjustment = given["country"], given["use"], given["adjustment"]
    with write_action(ws, actor, "article6") as act:
        s = act.session
        block = find_block(s, block_id)
        act.project_id = block.project_id
        if block.status in ("retired", "cancelled"):
            raise UserError("error.ledger_controls.block_is_its_article_6_state", field="block", number=block.id, status=BlockStatus(block.status))
        project = s.get(ProjectRow, block.project_id)
        countries = ("CN", project.host_country) if project.programme == "bri" else ("CN", "CN")
        why = article6.check(use, code, bool(authorised), adjustment, third_party=block.third_party, countries=countries)
        if why:
            raise UserError(why, field="article6")
        before = row_fields(block)
        states = article6.parse(block.article6)
        states[code] = article6.CountryState(bool(authorised), adjustment)
        block.article6, block.use = article6.dump(states), use
        s.flush()
        act.updated("unit_block", block, before)
        act.result.update(block=block.id, article6=json.loads(block.article6))
    return act.change
