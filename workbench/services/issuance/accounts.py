"""Holder accounts in a registry (登记账户). Units move only into an account that exists: a registry opens an account
first (``open_account``), then transfers name it. A holder typed slightly differently is never a new account by
accident: a name equal to an existing holder's but for case, spacing or full-width characters is refused with
that account suggested.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.change import Change
from workbench.domain.errors import NotFound, UserError
from workbench.domain.references import match_key, near_duplicates
from workbench.domain.text import Joined, Text
from workbench.services.support import fields as f
from workbench.services.support.context import Actor
from workbench.services.support.write_action import write_action
from workbench.services.support.records import row_fields
from workbench.store.models import PartyRow
from workbench.store.models_ledger import AccountRow, BlockRow, TransactionRow
from workbench.store.workspace import Workspace


def _holders(s: Session, registry: str) -> dict[int, str]:
    return dict(s.execute(select(AccountRow.id, AccountRow.holder).where(AccountRow.registry_code == registry)).all())


def _suggest(s: Session, holder: str, registry: str) -> Joined | None:
    """The accounts in ``registry`` whose holder differs from ``holder`` only by case, spacing or full-width
    characters, each worded as "account 8 'Holder'" / "账户 8（“Holder”）"; None when there is none."""
    near = near_duplicates(holder, _holders(s, registry))
    return Joined(tuple(Text("accounts.near_account", number=i, holder=s.get(AccountRow, i).holder) for i in near)) if near else None


def receiving_account(s: Session, to: str, registry: str) -> AccountRow:
    """The account ``to`` names in ``registry``: its id, or its holder's exact name.

    Errors: no such account (open it first), or a holder that differs from an existing one only by case, spacing or
    full-width characters (the existing account is named).
    """
    to = str(to or "").strip()
    if not to:
        raise UserError("error.accounts.name_the_receiving_account_its_id", field="to")
    if to.isdigit():
        row = s.get(AccountRow, int(to))
        if row is None:
            raise NotFound("error.accounts.no_account_workbench_account_list_shows", field="to", to=to)
        if row.registry_code != registry:
            raise UserError("error.accounts.account_is_in_the_registry_the", field="to", number=row.id, holder=row.holder, registry_code=row.registry_code, registry=registry)
        return row
    row = s.scalar(select(AccountRow).where(AccountRow.holder == to, AccountRow.registry_code == registry).order_by(AccountRow.id))
    if row is not None:
        return row
    near = _suggest(s, to, registry)
    if near:
        raise UserError("error.accounts.no_account_held_by_in_the_2", field="to", to=to, registry=registry, near=near)
    raise NotFound("error.accounts.no_account_held_by_in_the", field="to", to=to, registry=registry)


def open_account(ws: Workspace, actor: Actor, holder: str, registry: str) -> Change:
    """Open a holder's account in a registry (CN or a host country's ISO code). A holder already holding one there, or
    differing from one only by case, spacing or full-width characters, is refused with that account named."""
    code = f.country(registry, "registry")
    holder = " ".join(str(holder or "").split())
    if not holder:
        raise UserError("error.accounts.an_account_needs_its_holder_s", field="holder")
    with write_action(ws, actor, "account.open") as act:
        s = act.session
        same = s.scalar(select(AccountRow).where(AccountRow.holder == holder, AccountRow.registry_code == code))
        if same is not None:
            raise UserError("error.accounts.already_holds_account_in_the_registry", field="holder", holder=holder, number=same.id, code=code)
        near = _suggest(s, holder, code)
        if near:
            raise UserError("error.accounts.differs_only_by_case_spacing_or", field="holder", holder=holder, near=near, code=code)
        row = AccountRow(holder=holder, registry_code=code, party_id=None)
        s.add(row)
        s.flush()
        act.created("account", row)
        act.result.update(id=row.id, holder=holder, registry=code)
    return act.change

def merge_accounts(ws: Workspace, actor: Actor, keep: int | str, drop: int | str) -> Change:
    """Make two accounts of one holder one again: earlier versions opened a second account for a holder typed with
    other case, spacing or full-width characters (the project task "accounts … differ only by case"). Every unit block
    and transaction of ``drop`` moves to ``keep`` and ``drop`` is closed, all recorded in the audit log.

    Refused, changing nothing: an account that does not exist, the same account twice, holders that differ by more
    than case, spacing or width, accounts in two registries or holding units of another registry (a serial is active
    in one registry only), or accounts of two different project parties.
    """
    with write_action(ws, actor, "account.merge") as act:
        s = act.session
        kept, gone = _account(s, keep, "account_kept"), _account(s, drop, "account_merged")
        if kept.id == gone.id:
            raise UserError("error.accounts.merge_into_itself", field="account_merged", number=kept.id)
        if match_key(kept.holder) != match_key(gone.holder):
            raise UserError("error.accounts.merge_other_holder", field="account_merged", number=kept.id, holder=kept.holder, number2=gone.id,
                            holder2=gone.holder)
        foreign = sorted({b.registry_code for b in s.scalars(select(BlockRow).where(BlockRow.account_id.in_((kept.id, gone.id))))}
                         - {kept.registry_code})
        if kept.registry_code != gone.registry_code or foreign:
            raise UserError("error.accounts.merge_registries", field="account_merged", number=kept.id, registry=kept.registry_code, number2=gone.id,
                            registry2=", ".join(sorted({gone.registry_code, *foreign} - {kept.registry_code})) or gone.registry_code)
        if kept.party_id is not None and gone.party_id is not None and kept.party_id != gone.party_id:
            names = [(p.name_en or p.name_zh) for p in (s.get(PartyRow, kept.party_id), s.get(PartyRow, gone.party_id))]
            raise UserError("error.accounts.merge_two_parties", field="account_merged", number=kept.id, number2=gone.id, party=names[0], party2=names[1])
        act.label = Text("change.account.merge", subject=f"{gone.id} → {kept.id} {kept.holder}")
        blocks = list(s.scalars(select(BlockRow).where(BlockRow.account_id == gone.id).order_by(BlockRow.id)))
        for block in blocks:
            before = row_fields(block)
            block.account_id = kept.id
            act.updated("unit_block", block, before)
        moves = list(s.scalars(select(TransactionRow).where((TransactionRow.from_account_id == gone.id) | (TransactionRow.to_account_id == gone.id))
                               .order_by(TransactionRow.id)))
        for tx in moves:
            before = row_fields(tx)
            tx.from_account_id = kept.id if tx.from_account_id == gone.id else tx.from_account_id
            tx.to_account_id = kept.id if tx.to_account_id == gone.id else tx.to_account_id
            act.updated("unit_transaction", tx, before)
        if kept.party_id is None and gone.party_id is not None:
            before = row_fields(kept)
            kept.party_id = gone.party_id
            act.updated("account", kept, before)
        s.flush()
        before = row_fields(gone)
        s.delete(gone)
        s.flush()
        act.deleted("account", gone, before)
        act.result.update(kept=kept.id, holder=kept.holder, merged=gone.id, merged_holder=before["holder"], blocks=len(blocks),
                          transactions=len(moves))
    return act.change


def _account(s: Session, ref: int | str, field: str) -> AccountRow:
    row = s.get(AccountRow, int(ref)) if str(ref).strip().isdigit() else None
    if row is None:
        raise NotFound("error.accounts.no_account_workbench_account_list_shows", field=field, to=ref)
    return row


def list_accounts(ws: Workspace, registry: str | None = None) -> list[AccountRow]:
    with ws.reading() as s:
        query = select(AccountRow).order_by(AccountRow.registry_code, AccountRow.holder, AccountRow.id)
        if registry:
            query = query.where(AccountRow.registry_code == registry.strip().upper())
        return list(s.scalars(query))


def party_account(s: Session, holder: str, registry: str, party_id: int | None) -> AccountRow:
    """The account issuance credits a project party with: the party's own in that registry, else the one its name
    holds, else one opened for it (a registry opens the project owner's account on registration, DOMAIN.md §2)."""
    row = None
    if party_id is not None:
        row = s.scalar(select(AccountRow).where(AccountRow.party_id == party_id, AccountRow.registry_code == registry).order_by(AccountRow.id))
    if row is None:
        row = s.scalar(select(AccountRow).where(AccountRow.holder == holder, AccountRow.registry_code == registry).order_by(AccountRow.id))
    if row is None:
        row = AccountRow(holder=holder, registry_code=registry, party_id=party_id)
        s.add(row)
        s.flush()
    return row
