"""Bounds every input file is held to before any reader parses it, whichever reader that is (CONTRACTS.md §10).

A small file must not be able to take the machine's memory: a zip whose members expand a thousandfold, a
workbook whose shared-strings table is hundreds of megabytes, a JSON document nested a hundred thousand deep.
The bounds leave a year of 15-minute readings from ten meters (350,400 rows, ~77 MiB of sheet XML) well inside.

- any input file: at most ``MAX_FILE`` (500 MiB) on disk;
- a zip (XLSX, ODS, KMZ, zipped Shapefile, project package): at most ``MAX_MEMBERS`` members, ``MAX_UNPACKED``
  (500 MiB) uncompressed together, and no member above 1 MiB expanding more than ``MAX_RATIO`` (100×);
- an XLSX's shared-strings table: at most ``MAX_SHARED_STRINGS`` (64 MiB) uncompressed;
- a JSON document: at most ``MAX_JSON`` (128 MiB) and ``MAX_JSON_DEPTH`` (64) levels of nesting;
- a folder read as one file (a File Geodatabase): as a zip's members, at most ``MAX_MEMBERS`` files, ``MAX_FILE``
  together.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from workbench.domain.errors import UserError

MiB = 2**20
MAX_FILE = 500 * MiB
MAX_MEMBERS = 10_000
MAX_UNPACKED = 500 * MiB
MAX_RATIO = 100
RATIO_FROM = 1 * MiB  # small members (styles, manifests) compress far better than data; only large ones count
MAX_SHARED_STRINGS = 64 * MiB
MAX_JSON = 128 * MiB
MAX_JSON_DEPTH = 64
ZIPPED = (".xlsx", ".xlsm", ".ods", ".zip", ".kmz", ".ccerpkg")
JSON = (".json", ".geojson")
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)


def _mib(size: int) -> str:
    return f"{size / MiB:,.1f} MiB"


def guard_file(path: str | Path, limit: int = MAX_FILE, *, too_large: str = "error.file_guards.is_files_of_at_most_are",
               field: str | None = None) -> Path:
    """``path`` as an existing file of at most ``limit`` bytes, else a user error naming the bound: ``too_large``, a
    catalogue message with the file's size as ``{value}`` and the bound as ``{value2}`` (the caller's own wording —
    evidence files, say), about ``field``."""
    path = Path(path)
    if not path.is_file():
        raise UserError("error.evidence.no_such_file", where=str(path), field=field)
    size = path.stat().st_size
    if size > limit:
        raise UserError(too_large, where=str(path), field=field, value=_mib(size), value2=_mib(limit))
    return path


def guard_zip(path: str | Path, *, max_unpacked: int = MAX_UNPACKED, max_members: int = MAX_MEMBERS,
              kind: str | None = None) -> list[zipfile.ZipInfo]:
    """Check a zip's directory (count, sizes, ratios) without expanding anything; returns its members. ``kind`` names
    what the user meant the file to be, for the refusal of a file that is no zip at all."""
    path = guard_file(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UserError(kind or "error.file_guards.is_not_a_readable_zip_file", where=str(path), exc=exc) from None
    if len(infos) > max_members:
        raise UserError("error.file_guards.holds_files_at_most_are_accepted", where=str(path), count=len(infos), max_members=max_members)
    total = sum(i.file_size for i in infos)
    if total > max_unpacked:
        raise UserError("error.file_guards.would_expand_to_at_most_are", where=str(path), value=_mib(total), value2=_mib(max_unpacked))
    for info in infos:
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UserError("error.file_guards.member_would_expand_to_at_most", where=str(path), filename=info.filename, value=info.file_size // max(info.compress_size, 1), value2=_mib(info.file_size), MAX_RATIO=MAX_RATIO)
    return infos


def guard_xlsx(path: str | Path) -> None:
    """A workbook's zip bounds, and its shared-strings table (read whole by every reader) at most 64 MiB."""
    for info in guard_zip(path, kind="error.file_guards.not_a_spreadsheet_not_a_zip"):
        if info.filename.lower().endswith("sharedstrings.xml") and info.file_size > MAX_SHARED_STRINGS:
            raise UserError("error.file_guards.its_shared_strings_table_would_take", where=str(path), value=_mib(info.file_size), value2=_mib(MAX_SHARED_STRINGS))


def json_depth(body: bytes) -> int:
    """How deep objects and arrays nest in a JSON text (strings skipped), counted without parsing it."""
    import numpy as np  # a running sum over a 100 MiB text in C, not a Python loop

    skeleton = np.frombuffer(_STRINGS.sub(b'""', body), dtype=np.uint8)
    steps = np.zeros(skeleton.shape, dtype=np.int32)
    steps[(skeleton == ord("[")) | (skeleton == ord("{"))] = 1
    steps[(skeleton == ord("]")) | (skeleton == ord("}"))] = -1
    return int(np.cumsum(steps).max(initial=0))


def guard_json(body: bytes, where: str) -> bytes:
    """A JSON text within the size and nesting bounds (checked before ``json.loads``)."""
    if len(body) > MAX_JSON:
        raise UserError("error.file_guards.holds_of_json_at_most_are", where=where, value=_mib(len(body)), value2=_mib(MAX_JSON))
    depth = json_depth(body)
    if depth > MAX_JSON_DEPTH:
        raise UserError("error.file_guards.nests_levels_deep_json_of_at", where=where, depth=depth, MAX_JSON_DEPTH=MAX_JSON_DEPTH)
    return body


def guard_folder(path: Path) -> Path:
    """A folder read as one file (an Esri File Geodatabase, ``*.gdb``): at most ``MAX_MEMBERS`` files of at most
    ``MAX_FILE`` together."""
    files = [p for p in path.rglob("*") if p.is_file()]
    if len(files) > MAX_MEMBERS:
        raise UserError("error.file_guards.holds_files_at_most_are_accepted", where=str(path), count=len(files), max_members=MAX_MEMBERS)
    size = sum(p.stat().st_size for p in files)
    if size > MAX_FILE:
        raise UserError("error.file_guards.is_files_of_at_most_are", where=str(path), value=_mib(size), value2=_mib(MAX_FILE))
    return path


def guard_input(path: str | Path) -> Path:
    """The one check in front of every reader, by the file's kind: zip-based, JSON, a File Geodatabase folder, or any
    other file."""
    path = Path(path)
    if path.suffix.lower() == ".gdb" and path.is_dir():
        return guard_folder(path)
    path = guard_file(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        guard_xlsx(path)
    elif suffix in ZIPPED:
        guard_zip(path)
    elif suffix in JSON:
        guard_json(guard_file(path, MAX_JSON).read_bytes(), str(path))
    return path
