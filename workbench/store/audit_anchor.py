"""The audit chain's head, anchored outside the workspace file (审计日志锚点).

The hash chain inside the file shows an entry edited, inserted or removed in the middle; it cannot show the newest
entries deleted, or the whole log rewritten and chained again, by someone who holds the file. So after every
committed action the newest entry's id and hash are written to a sidecar file ``<workspace>.audit-anchor``,
signed with HMAC-SHA256 under a key of this workspace kept in the user's key folder (``store.audit_keys``; never in
the file, never in a backup or package). ``audit verify`` then tells a log cut short or re-chained from an intact one. Without the
anchor (deleted, or a copy received without it) or without the key it can only say "cannot confirm".

The anchor only moves forward and only over an unbroken chain: when the entry it names no longer holds its
hash, the anchor is left where it is, so the next ``audit verify`` still reports the damage.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from workbench.domain.text import Text
from workbench.paths import data_dir
from workbench.store import audit_keys

SUFFIX = ".audit-anchor"


@dataclass(frozen=True)
class Anchor:
    workspace: str  # an id of its own (the file may be renamed or copied)
    last_id: int
    last_hash: str


def anchor_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SUFFIX)


def _local_copy(db_path: Path) -> Path:
    """This computer's own copy of the anchor, found by the workspace's path: deleting the sidecar does not lose it."""
    return data_dir() / "audit-keys" / (hashlib.sha256(str(db_path.resolve()).encode("utf-8")).hexdigest()[:32] + ".anchor")


def read_anchor(db_path: Path) -> tuple[Anchor | None, Text | None]:
    """(the anchor, None) when it is there and its signature checks; else (None, why it cannot be used). The sidecar
    comes first; this computer's copy stands in when the sidecar is gone."""
    anchor, why = _read(anchor_path(db_path))
    if anchor is None and not anchor_path(db_path).is_file():
        local, _ = _read(_local_copy(db_path))
        if local is not None:
            return local, None
    return anchor, why


def _read(path: Path) -> tuple[Anchor | None, Text | None]:
    if not path.is_file():
        return None, Text("audit.anchor.no_file", name=path.name)
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        anchor = Anchor(str(stored["workspace"]), int(stored["last_id"]), str(stored["last_hash"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None, Text("audit.anchor.unreadable", name=path.name)
    signed = audit_keys.check(stored, anchor.workspace, named_file=False)
    if signed is None:
        return None, Text("audit.anchor.no_key", workspace=anchor.workspace)
    if not signed:
        return None, Text("audit.anchor.altered", name=path.name)
    return anchor, None


def write_anchor(db_path: Path, last_id: int, last_hash: str, *, previous: Anchor | None = None) -> None:
    """Move the anchor to entry ``last_id`` — never backwards (another program may have moved it further)."""
    path = anchor_path(db_path)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        current, _ = read_anchor(db_path)
        if current is not None and current.last_id >= last_id:
            return
        workspace = (current or previous).workspace if (current or previous) else uuid.uuid4().hex
        key = audit_keys.signing_key(workspace, create=True, named_file=False)
        signed = audit_keys.signed({"workspace": workspace, "last_id": last_id, "last_hash": last_hash}, key)
        for target in (path, _local_copy(db_path)):
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".part")
            partial.write_text(json.dumps(signed, indent=1), encoding="utf-8")
            os.replace(partial, target)


def copy_anchor(db_path: Path, copy: Path) -> None:
    """Put the workspace's anchor beside a copy of the file (a backup), if there is one."""
    source = anchor_path(db_path)
    if source.is_file():
        shutil.copyfile(source, anchor_path(copy))


def restore_anchor(db_path: Path, backup: Path) -> None:
    """After a restore the log is the backup's: so is its anchor (or none, when the backup had none)."""
    source = anchor_path(backup)
    for target in (anchor_path(db_path), _local_copy(db_path)):
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        else:
            target.unlink(missing_ok=True)
