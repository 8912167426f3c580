"""Text files as the field hands them over: UTF-8 (with or without a byte-order mark), else GB18030 — the code page
Excel/WPS on Chinese Windows saves CSV in (GB18030 is a superset of GBK and GB2312).

``read_text_file`` is the one place a CSV-like text file is opened, so a resource guard can sit in front of it.
"""

from __future__ import annotations

from pathlib import Path

from workbench.domain.errors import UserError

ENCODINGS = ("utf-8-sig", "gb18030")
MAX_TEXT_BYTES = 512 * 2**20  # a text file is decoded whole (to know its code page): larger ones are refused


def decode(data: bytes, where: str) -> str:
    """The text in the first code page that reads every byte; UTF-8 first (a GBK file is almost never valid UTF-8)."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError("error.text_files.is_neither_utf_8_nor_gb18030", where=where)


def read_text_file(path: Path) -> str:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError("error.text_files.no_such_file", where=str(path))
    if size > MAX_TEXT_BYTES:
        raise UserError("error.text_files.is_mib_at_most_mib_are", where=str(path), value=size / 2**20, value2=MAX_TEXT_BYTES / 2**20)
    return decode(path.read_bytes(), str(path))
