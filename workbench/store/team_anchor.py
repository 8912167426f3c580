"""Team mode: the audit chain's head anchored with the owners' key (团队审计锚点).

On a shared database everyone who may write could, with the database's own tools and enough privileges, cut the
log short or rewrite it and chain it again. So the head of the chain is signed (HMAC-SHA256) with a key only the
team's owners hold, outside the database (``store.audit_keys``: their key folder or ``WORKBENCH_AUDIT_KEY_FILE``),
and kept in the table ``audit_anchor``, which only owners may write (``team_db.grant``).

The anchor moves when an owner holding the key commits an action, or checks the log and finds it unbroken since
the anchor; only over an unbroken chain, so a log cut short or rewritten stays reported. The first owner's
workbench makes the key; the other owners receive a copy of its file. A consultant's or reviewer's check, or an
owner's without the key, can only say "cannot confirm", with the reason.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.text import Text
from workbench.store import audit_keys
from workbench.store.models import AuditRow
from workbench.store.models_team import AuditAnchorRow

ROW = 1  # the one anchor of a team database


@dataclass(frozen=True)
class TeamAnchor:
    workspace: str
    last_id: int
    last_hash: str
    signed_by: str
    signed_at: str


def _stored(row: AuditAnchorRow) -> dict:
    return {"workspace": row.workspace, "last_id": row.last_id, "last_hash": row.last_hash, "signed_by": row.signed_by,
            "signed_at": row.signed_at, "key": row.key, "mac": row.mac}


def read_team_anchor(session: Session, user: str | None, role: str | None) -> tuple[TeamAnchor | None, Text | None, bool]:
    """(the anchor, None, False) when ``user`` may and can check it; else (None, why not, whether the anchor row was
    altered — signed with the owners' key as held here, and not matching)."""
    if role != "owner":
        return None, Text("audit.team.not_owner", user=user or "—", role=Text(f"team_role.{role}") if role else "—"), False
    row = session.get(AuditAnchorRow, ROW)
    if row is None:
        return None, Text("audit.team.no_anchor"), False
    held = audit_keys.held_keys(row.workspace)
    if not held:
        return None, Text("audit.team.no_key", workspace=row.workspace, key=row.key, folder=str(audit_keys.key_folder()),
                          variable=audit_keys.FILE_VARIABLE), False
    if row.key not in {audit_keys.fingerprint(k) for k in held}:
        return None, Text("audit.team.other_key", key=row.key, held=", ".join(audit_keys.fingerprint(k) for k in held)), False
    if not audit_keys.check(_stored(row), row.workspace):
        return None, Text("audit.team.altered"), True
    return TeamAnchor(row.workspace, row.last_id, row.last_hash, row.signed_by, row.signed_at), None, False


def move_team_anchor(session: Session, user: str, head: tuple[int, str]) -> bool:
    """Inside an owner's transaction (under the write lock): sign ``head`` (id, hash) as the new anchor — when this
    owner holds the key (made here when the database has no anchor yet), the current anchor's signature holds and
    the entry it names still holds its hash. Returns whether it moved."""
    if session.scalar(select(AuditRow.hash).where(AuditRow.id == head[0])) != head[1]:
        return False
    row = session.get(AuditAnchorRow, ROW)
    if row is None:
        workspace = uuid.uuid4().hex
        key = audit_keys.signing_key(workspace, create=True)
        row = AuditAnchorRow(id=ROW, workspace=workspace)
        session.add(row)
    else:
        key = audit_keys.signing_key(row.workspace, create=False)
        if key is None or not audit_keys.check(_stored(row), row.workspace) or row.last_id >= head[0]:
            return False
        if session.scalar(select(AuditRow.hash).where(AuditRow.id == row.last_id)) != row.last_hash:
            return False
    body = {"workspace": row.workspace, "last_id": head[0], "last_hash": head[1], "signed_by": user,
            "signed_at": datetime.now().replace(microsecond=0).isoformat()}
    signed = audit_keys.signed(body, key)
    for name in ("last_id", "last_hash", "signed_by", "signed_at", "key", "mac"):
        setattr(row, name, signed[name])
    session.flush()
    return True

