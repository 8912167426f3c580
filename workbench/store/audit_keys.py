"""The keys that sign audit anchors (审计锚点密钥): HMAC-SHA256, one key per workspace file or team database.

A key is 32 random bytes, kept as hex text in a file of its own, never in the workspace, a backup or a package:

- in the key folder, ``<id>.key`` where ``<id>`` names the workspace the key signs for — the user's data folder
  (``…/ccer-workbench/audit-keys``), or the folder ``WORKBENCH_AUDIT_KEYS`` names (removable media the owner
  keeps, say);
- or the one file ``WORKBENCH_AUDIT_KEY_FILE`` names — how an owner of a team database holds the team's key
  outside their data folder.

The owners of a team database hold its key: the first owner's workbench makes it, and they give a copy of the file
to each other owner (``workbench audit key`` says where it is). Consultants and reviewers never need it. Whoever
holds a key can sign; whoever lacks it can only say "cannot confirm".
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

from workbench.paths import data_dir

FOLDER_VARIABLE = "WORKBENCH_AUDIT_KEYS"
FILE_VARIABLE = "WORKBENCH_AUDIT_KEY_FILE"


def key_folder() -> Path:
    named = os.environ.get(FOLDER_VARIABLE, "").strip()
    return Path(named).expanduser() if named else data_dir() / "audit-keys"


def key_path(workspace: str) -> Path:
    return key_folder() / f"{workspace}.key"


def _read(path: Path) -> bytes | None:
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def held_keys(workspace: str, *, named_file: bool = True) -> list[bytes]:
    """Every key this user holds that may sign for ``workspace``: its file in the key folder, then (for a team
    database, ``named_file``) the file ``WORKBENCH_AUDIT_KEY_FILE`` names."""
    found = [_read(key_path(workspace))]
    named = os.environ.get(FILE_VARIABLE, "").strip()
    if named and named_file:
        found.append(_read(Path(named).expanduser()))
    return [k for k in found if k]


def make_key(workspace: str) -> bytes:
    """A new key for ``workspace`` in the key folder (readable by this user only); an existing one is kept."""
    path = key_path(workspace)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(32)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path) or key
    with os.fdopen(handle, "w", encoding="ascii") as fh:
        fh.write(key.hex())
    return key


def fingerprint(key: bytes) -> str:
    """A short public name of a key (it tells which key signed, and gives nothing of the key away)."""
    return hashlib.sha256(b"ccer-workbench audit key" + key).hexdigest()[:16]


def mac(key: bytes, body: dict) -> str:
    return hmac.new(key, json.dumps(body, sort_keys=True).encode("utf-8"), hashlib.sha256).hexdigest()


def signing_key(workspace: str, *, create: bool, named_file: bool = True) -> bytes | None:
    held = held_keys(workspace, named_file=named_file)
    if held:
        return held[0]
    return make_key(workspace) if create else None


def signed(body: dict, key: bytes) -> dict:
    """``body`` with the key's fingerprint and the HMAC over both."""
    body = {**body, "key": fingerprint(key)}
    return {**body, "mac": mac(key, body)}


def check(stored: dict, workspace: str, *, named_file: bool = True) -> bool | None:
    """True: a key held here signed ``stored``; False: a key is held but the signature does not match (altered);
    None: no key for ``workspace`` is held here."""
    body = {k: v for k, v in stored.items() if k != "mac"}
    held = held_keys(workspace, named_file=named_file)
    if not held:
        return None
    return any(hmac.compare_digest(mac(key, body), str(stored.get("mac", ""))) for key in held)
