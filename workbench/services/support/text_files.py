"""Text files as the field hands them over: UTF-8 (with or without a byte-order mark), else GB18030 — the code page
Excel/WPS on Chinese Windows saves CSV in (GB18030 is a superset of GBK and GB2312).

``read_text_file`` (a small file, whole) and ``open_text_file`` (a stream, for long readings files) are the places a
CSV-like text file is opened, so a resource guard can sit in front of them.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import TextIO

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


def encoding_of(path: Path) -> str:
    """The first code page of ENCODINGS that reads every byte of the file, checked in chunks (nothing kept)."""
    for encoding in ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as fh:
                while chunk := fh.read(2**20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    raise UserError("error.text_files.is_neither_utf_8_nor_gb18030", where=str(path))


def open_text_file(path: Path) -> TextIO:
    """The file as a text stream in its code page (for csv.reader: newline='')."""
    if not path.is_file():
        raise UserError("error.text_files.no_such_file", where=str(path))
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise UserError("error.text_files.is_mib_at_most_mib_are", where=str(path), value=size / 2**20, value2=MAX_TEXT_BYTES / 2**20)
    return path.open(encoding=encoding_of(path), newline="")
