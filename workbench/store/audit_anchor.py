"""The audit chain's head, anchored outside the workspace file (审计日志锚点).

The hash chain inside the file shows an entry edited, inserted or removed in the middle; it cannot show the newest
entries deleted, or the whole log rewritten and chained again, by someone who holds the file. So after every
committed action the newest entry's id and hash are written to a sidecar file ``<workspace>.audit-anchor``,
signed with HMAC-SHA256 under a key of this workspace kept in the user's data folder (never in the file, never in
a backup or package). ``audit verify`` then tells a log cut short or re-chained from an intact one. Without the
anchor (deleted, or a copy received without it) or without the key it can only say "cannot confirm".

The anchor only moves forward and only over an unbroken chain: when the entry it names no longer holds its
hash, the anchor is left where it is, so the next ``audit verify`` still reports the damage.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
import secrets
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from workbench.paths import data_dir

SUFFIX = ".audit-anchor"


@dataclass(frozen=True)
class Anchor:
    workspace: str  # an id of its own (the file may be renamed or copied)
    last_id: int
    last_hash: str


def anchor_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SUFFIX)


def _key_path(workspace: str) -> Path:
    return data_dir() / "audit-keys" / f"{workspace}.key"


def _key(workspace: str, *, create: bool) -> bytes | None:
    path = _key_path(workspace)
    if path.is_file():
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(32)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "w", encoding="ascii") as fh:
        fh.write(key.hex())
    return key


def _mac(key: bytes, body: dict) -> str:
    return hmac.new(key, json.dumps(body, sort_keys=True).encode("utf-8"), hashlib.sha256).hexdigest()


def _local_copy(db_path: Path) -> Path:
    """This computer's own copy of the anchor, found by the workspace's path: deleting the sidecar does not lose it."""
    return data_dir() / "audit-keys" / (hashlib.sha256(str(db_path.resolve()).encode("utf-8")).hexdigest()[:32] + ".anchor")


def read_anchor(db_path: Path) -> tuple[Anchor | None, str]:
    """(the anchor, "") when it is there and its signature checks; else (None, why it cannot be used). The sidecar
    comes first; this computer's copy stands in when the sidecar is gone."""
    anchor, why = _read(anchor_path(db_path))
    if anchor is None and not anchor_path(db_path).is_file():
        local, _ = _read(_local_copy(db_path))
        if local is not None:
            return local, ""
    return anchor, why


def _read(path: Path) -> tuple[Anchor | None, str]:
    if not path.is_file():
        return None, f"there is no anchor file {path.name} beside the workspace"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        body = {k: stored[k] for k in ("workspace", "last_id", "last_hash")}
        anchor = Anchor(str(body["workspace"]), int(body["last_id"]), str(body["last_hash"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None, f"the anchor file {path.name} cannot be read"
    key = _key(anchor.workspace, create=False)
    if key is None:
        return None, f"this computer does not hold the key of the anchor (workspace {anchor.workspace})"
    if not hmac.compare_digest(_mac(key, body), str(stored.get("mac", ""))):
        return None, f"the anchor file {path.name} was altered (its signature does not match)"
    return anchor, ""


def write_anchor(db_path: Path, last_id: int, last_hash: str, *, previous: Anchor | None = None) -> None:
    """Move the anchor to entry ``last_id`` — never backwards (another program may have moved it further)."""
    path = anchor_path(db_path)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        current, _ = read_anchor(db_path)
        if current is not None and current.last_id >= last_id:
            return
        workspace = (current or previous).workspace if (current or previous) else uuid.uuid4().hex
        body = {"workspace": workspace, "last_id": last_id, "last_hash": last_hash}
        signed = {**body, "mac": _mac(_key(workspace, create=True), body)}
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
