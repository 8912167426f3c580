"""Files the workbench writes for the user: the folder is checked first, and a file appears whole or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.domain.errors import UserError


def output_path(out: str | Path) -> Path:
    """``out`` as a path whose folder exists, else a user error naming it."""
    out = Path(out)
    if not out.parent.is_dir():
        raise UserError("error.output_files.folder_does_not_exist", where=str(out), parent=out.parent)
    return out


@contextmanager
def replacing(out: Path) -> Iterator[Path]:
    """A temporary file beside ``out`` that takes its place only once writing has finished."""
    tmp = out.with_suffix(out.suffix + ".part")
    try:
        yield tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(out)


def write_bytes(out: Path, body: bytes) -> Path:
    with replacing(out) as tmp:
        tmp.write_bytes(body)
    return out
