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
from workbench.domain.references import near_duplicates
from workbench.services.support import fields as f
from workbench.services.support.context import Actor
from workbench.services.support.write_action import write_action
from workbench.store.models_ledger import AccountRow
from workbench.store.workspace import Workspace


def _holders(s: Session, registry: str) -> dict[int, str]:
    return dict(s.execute(select(AccountRow.id, AccountRow.holder).where(AccountRow.registry_code == registry)).all())


def _suggest(s: Session, holder: str, registry: str) -> str:
    near = near_duplicates(holder, _holders(s, registry))
    return " or ".join(f"account {i} {s.get(AccountRow, i).holder!r}" for i in near)


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
