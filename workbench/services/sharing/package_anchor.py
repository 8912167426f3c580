"""The audit slice a project package carries, and its anchor (项目包的审计记录与锚点).

A package carries the project's own audit entries (``audit.json``: each entry with the hash that chains it in the
sending workspace) and an anchor (``anchor.json``) that signs, with the sending workspace's key
(``store.audit_keys``; in team mode the owners' key), the digest of every member the manifest lists and of the
slice. The receiver checks the slice entry by entry (each must hold its hash) and the anchor against the members
and the slice; whoever holds the signing key (the same person or computer, the team's owners) also checks the
signature:

- a slice whose entry does not hold its hash, an anchor that does not match the package, or — with the key — a
  signature that does not match: the package was altered after it was written; refused (exit 2);
- signed and checked: the import says the package's data and history (N entries) are as that workspace wrote them;
- no slice or no anchor (an earlier version, a consultant without the owners' key, a sending workspace without its
  anchor) or no key here: the import goes ahead and says its history "cannot be confirmed", never "intact".
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.errors import UserError, parse_problem
from workbench.domain.text import Text
from workbench.services.support.file_guards import guard_json
from workbench.services.support.records import entry_hash
from workbench.store import audit_keys
from workbench.store.audit_anchor import read_anchor
from workbench.store.models import AuditRow
from workbench.store.team_anchor import read_team_anchor
from workbench.store.workspace import Workspace, anchored_entry_holds

AUDIT_MEMBER = "audit.json"
ANCHOR_MEMBER = "anchor.json"
UNSIGNED = ("no_anchor", "no_owner_key")  # why a package was written without an anchor (manifest "audit_anchor")


@dataclass(frozen=True)
class PackageAudit:
    """What the receiver can say of a package's history: ``confirmed`` by the anchor, or not, and why (``note``)."""

    confirmed: bool
    note: Text
    entries: int = 0
    workspace: str = ""


def audit_slice(s: Session, project_id: int) -> list[list[Any]]:
    """The project's audit entries, each as [id, at, actor, action, project_id, reason, payload, prev_hash, hash]."""
    rows = s.execute(select(AuditRow.id, AuditRow.at, AuditRow.actor, AuditRow.action, AuditRow.project_id, AuditRow.reason,
                            AuditRow.payload, AuditRow.prev_hash, AuditRow.hash).where(AuditRow.project_id == project_id)
                     .order_by(AuditRow.id))
    return [[r.id, str(r.at), r.actor, r.action, r.project_id, r.reason, r.payload, r.prev_hash, r.hash] for r in rows]


def _broken(entries: list[list[Any]]) -> int | None:
    """The id of the first entry that does not hold its hash, if any."""
    for id_, at, actor, action, project_id, reason, payload, prev_hash, digest in entries:
        if entry_hash(prev_hash, at, actor, action, project_id, reason, payload) != digest:
            return id_
    return None


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _body(code: str, members: dict[str, Any], entries: list[list[Any]]) -> dict[str, Any]:
    return {"project": code, "members": _digest(members), "entries": len(entries),
            "slice": _digest([[e[0], e[8]] for e in entries]), "last_id": entries[-1][0] if entries else 0}


def sign(ws: Workspace, s: Session, code: str, members: dict[str, Any], entries: list[list[Any]]) -> tuple[dict | None, str]:
    """(the anchor of a package with manifest ``members`` and audit slice ``entries``, "") — or (None, why it is not
    signed: ``UNSIGNED``). A slice whose entry does not hold its hash, or a workspace log its own anchor no longer
    vouches for, is refused: a package must not pass such a history on."""
    broken = _broken(entries)
    if broken is not None or (ws.path is not None and not anchored_entry_holds(ws.path, s)):
        raise UserError("error.package_anchor.log_broken", entry=broken if broken is not None else "—")
    if ws.path is not None:
        anchor, _ = read_anchor(ws.path)
        key = anchor and audit_keys.signing_key(anchor.workspace, create=False, named_file=False)
        workspace, why = (anchor.workspace, "") if anchor else ("", UNSIGNED[0])
    else:
        anchor, _, _ = read_team_anchor(s, ws.user, ws.role)
        key = anchor and audit_keys.signing_key(anchor.workspace, create=False)
        workspace, why = (anchor.workspace, "") if anchor else ("", UNSIGNED[1])
    if not key:
        return None, why or UNSIGNED[0]
    return audit_keys.signed({"workspace": workspace, **_body(code, members, entries)}, key), ""


def _entries(raw: bytes, where: str) -> list[list[Any]]:
    try:
        entries = json.loads(guard_json(raw, f"{where} {AUDIT_MEMBER}"))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise UserError("error.package_anchor.slice_unreadable", where=where, exc=parse_problem(exc)) from None
    shape = (int, str, str, str, (int, type(None)), str, str, str, str)
    if not isinstance(entries, list) or not all(isinstance(e, list) and len(e) == len(shape) and all(isinstance(v, t) for v, t in zip(e, shape))
                                                for e in entries):
        raise UserError("error.package_anchor.slice_unreadable", where=where, exc=Text("package.audit.not_entries"))
    return entries


def check(where: str, manifest: dict[str, Any], bodies: dict[str, bytes], anchor_raw: bytes | None) -> PackageAudit:
    """What the receiver can say of the package's history; refuses (UserError) a package altered after it was written."""
    if AUDIT_MEMBER not in bodies:
        return PackageAudit(False, Text("package.audit.no_slice"))
    entries = _entries(bodies[AUDIT_MEMBER], where)
    broken = _broken(entries)
    if broken is not None:
        raise UserError("error.package_anchor.slice_altered", where=where, entry=broken)
    if anchor_raw is None:
        why = manifest.get("audit_anchor")
        return PackageAudit(False, Text(f"package.audit.unsigned.{why}" if why in UNSIGNED else "package.audit.anchor_removed"), len(entries))
    try:
        anchor = json.loads(guard_json(anchor_raw, f"{where} {ANCHOR_MEMBER}"))
        workspace = str(anchor["workspace"])
        body = {k: anchor.get(k) for k in ("project", "members", "entries", "slice", "last_id")}
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError, KeyError, TypeError) as exc:
        raise UserError("error.package_anchor.anchor_unreadable", where=where, exc=parse_problem(exc)) from None
    data_code = manifest.get("project")
    if body != _body(data_code, manifest["members"], entries):
        raise UserError("error.package_anchor.does_not_match", where=where)
    signed = audit_keys.check(anchor, workspace)
    if signed is None:
        return PackageAudit(False, Text("package.audit.no_key", workspace=workspace), len(entries), workspace)
    if not signed:
        raise UserError("error.package_anchor.signature", where=where)
    return PackageAudit(True, Text("package.audit.confirmed", entries=len(entries), workspace=workspace), len(entries), workspace)
