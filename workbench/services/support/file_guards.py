"""Bounds every input file is held to before any reader parses it, whichever reader that is (CONTRACTS.md §10).

A small file must not be able to take the machine's memory: a zip whose members expand a thousandfold, a
workbook whose shared-strings table is hundreds of megabytes, a JSON document nested a hundred thousand deep.
The bounds leave a year of 15-minute readings from ten meters (350,400 rows, ~77 MiB of sheet XML) well inside.

- any input file: at most ``MAX_FILE`` (500 MiB) on disk;
- a zip (XLSX, ODS, KMZ, zipped Shapefile, project package): at most ``MAX_MEMBERS`` members, ``MAX_UNPACKED``
  (500 MiB) uncompressed together, and no member above 1 MiB expanding more than ``MAX_RATIO`` (100×);
- an XLSX's shared-strings table: at most ``MAX_SHARED_STRINGS`` (64 MiB) uncompressed;
- a JSON document: at most ``MAX_JSON`` (128 MiB) and ``MAX_JSON_DEPTH`` (64) levels of nesting.
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


def guard_file(path: str | Path, limit: int = MAX_FILE) -> Path:
    """``path`` as an existing file of at most ``limit`` bytes, else a user error naming the bound."""
    path = Path(path)
    if not path.is_file():
        raise UserError("no such file", where=str(path))
    size = path.stat().st_size
    if size > limit:
        raise UserError(f"is {_mib(size)}; files of at most {_mib(limit)} are accepted — split it", where=str(path))
    return path


def guard_zip(path: str | Path, *, max_unpacked: int = MAX_UNPACKED, max_members: int = MAX_MEMBERS,
              kind: str = "a zip file") -> list[zipfile.ZipInfo]:
    """Check a zip's directory (count, sizes, ratios) without expanding anything; returns its members. ``kind`` names
    what the user meant the file to be, for the refusal of a file that is no zip at all."""
    path = guard_file(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UserError(f"cannot be read as {kind} ({exc})", where=str(path)) from None
    if len(infos) > max_members:
        raise UserError(f"holds {len(infos):,} files; at most {max_members:,} are accepted", where=str(path))
    total = sum(i.file_size for i in infos)
    if total > max_unpacked:
        raise UserError(f"would expand to {_mib(total)}; at most {_mib(max_unpacked)} are accepted (a zip bomb, or split it)",
                        where=str(path))
    for info in infos:
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UserError(f"member {info.filename!r} would expand {info.file_size // max(info.compress_size, 1):,}× "
                            f"(to {_mib(info.file_size)}); at most {MAX_RATIO}× is accepted — refused as a zip bomb", where=str(path))
    return infos


def guard_xlsx(path: str | Path) -> None:
    """A workbook's zip bounds, and its shared-strings table (read whole by every reader) at most 64 MiB."""
    for info in guard_zip(path, kind="a spreadsheet (an XLSX workbook is a zip file)"):
        if info.filename.lower().endswith("sharedstrings.xml") and info.file_size > MAX_SHARED_STRINGS:
            raise UserError(f"its shared-strings table would take {_mib(info.file_size)}; at most {_mib(MAX_SHARED_STRINGS)} "
                            "are accepted", where=str(path))


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
        raise UserError(f"holds {_mib(len(body))} of JSON; at most {_mib(MAX_JSON)} are accepted", where=where)
    depth = json_depth(body)
    if depth > MAX_JSON_DEPTH:
        raise UserError(f"nests {depth:,} levels deep; JSON of at most {MAX_JSON_DEPTH} levels is accepted", where=where)
    return body


def guard_input(path: str | Path) -> Path:
    """The one check in front of every reader, by the file's kind: zip-based, JSON, or any other file."""
    path = guard_file(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        guard_xlsx(path)
    elif suffix in ZIPPED:
        guard_zip(path)
    elif suffix in JSON:
        guard_json(guard_file(path, MAX_JSON).read_bytes(), str(path))
    return path
