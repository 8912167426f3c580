"""Members of a team database: add, change role, remove, list (team mode on PostgreSQL; owners only)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from workbench.domain.change import Change
from workbench.domain.errors import NotFound, UserError
from workbench.services.support.context import Actor
from workbench.services.support.records import row_fields
from workbench.services.support.write_action import write_action
from workbench.domain.vocabulary import TeamRole
from workbench.store.models_team import TeamMemberRow
from workbench.store.team_db import check_login, ensure_login, grant, revoke
from workbench.store.workspace import Workspace


@dataclass(frozen=True)
class Member:
    login: str
    role: str
    full_name: str
    added_by: str
    added_at: str


def _team_database(ws: Workspace) -> None:
    if ws.path is not None:
        raise UserError("error.team.a_workspace_file_has_no_team", field="team")


def _owner_only(ws: Workspace) -> None:
    _team_database(ws)
    if ws.role != "owner":
        raise UserError("error.team.only_an_owner_can_manage_the", field="team", user=ws.user, role=ws.role)


def _role(role: str) -> str:
    if not TeamRole.has_value(role):
        raise UserError("error.team.is_not_a_role_accepted", field="role", role=role, value=', '.join(TeamRole))
    return role


def members(ws: Workspace) -> list[Member]:
    """Everyone on the team with their role (any member may look)."""
    _team_database(ws)
    with ws.reading() as s:
        return [Member(m.login, m.role, m.full_name, m.added_by, m.added_at.isoformat(sep=" "))
                for m in s.scalars(select(TeamMemberRow).order_by(TeamMemberRow.login))]


def add_member(ws: Workspace, actor: Actor, login: str, role: str, *, password: str | None = None,
               full_name: str = "") -> Change:
    """Add a login in a role, or change the role of a member; creates the database login when missing."""
    _owner_only(ws)
    check_login(login)
    _role(role)
    if login == ws.user and role != "owner":
        raise UserError("error.team.you_cannot_take_the_owner_role", field="role")
    with write_action(ws, actor, "team.add") as act:
        s = act.session
        row = s.scalar(select(TeamMemberRow).where(TeamMemberRow.login == login))
        before = row_fields(row) if row else None
        ensure_login(s.connection(), login, password)
        if row is None:
            row = TeamMemberRow(login=login, role=role, full_name=full_name.strip(), added_by=actor.name, added_at=actor.now())
            s.add(row)
        else:
            row.role = role
            if full_name.strip():
                row.full_name = full_name.strip()
        s.flush()
        grant(s.connection(), login, role)
        if before is None:
            act.created("team_member", row)
        else:
            act.name = "team.role"
            act.updated("team_member", row, before)
    return act.change


def remove_member(ws: Workspace, actor: Actor, login: str) -> Change:
    """Take a member off the team: their login keeps no privilege on the workspace's tables."""
    _owner_only(ws)
    if login == ws.user:
        raise UserError("error.team.you_cannot_remove_yourself_another_owner", field="login")
    with write_action(ws, actor, "team.remove") as act:
        s = act.session
        row = s.scalar(select(TeamMemberRow).where(TeamMemberRow.login == login))
        if row is None:
            raise NotFound("error.team.is_not_a_member_workbench_team", field="login", login=login)
        before = row_fields(row)
        s.delete(row)
        s.flush()
        revoke(s.connection(), login)
        act.deleted("team_member", row, before)
    return act.change
