"""Files the workbench writes for the user (CONTRACTS.md §10): the place is checked before any work starts, and a
file appears whole or not at all.

Refused, before anything is computed: a folder; a folder that does not exist or cannot be written; an open
workspace file, its ``-wal``/``-shm``/``-journal`` companions, its audit anchor, or anything in its backups folder
(``store.workspace.protected_paths``); an existing file unless the caller passes ``force`` (``--force``; the GUI's
save dialog has asked already). The body goes to a temporary file in the same folder, is flushed to the disk and
renamed over the target; on any failure the temporary file is removed and the target is left as it was.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.domain.errors import UserError
from workbench.store.workspace import protected_paths


def _is_protected(out: Path) -> str | None:
    for path, why in protected_paths():
        if out == path or path in out.parents:
            return why
        try:
            if out.exists() and path.exists() and os.path.samefile(out, path):  # a hard link or another name for it
                return why
        except OSError:
            continue
    return None


def output_path(out: str | Path, *, force: bool = False) -> Path:
    """``out`` checked as a place to write a new file, else a user error saying why and what to do.

    Shape: the absolute path to write. Errors: ``UserError`` for a folder, a missing or read-only folder, a
    workspace's own files, or an existing file without ``force``.
    """
    given = str(out)
    out = Path(out).expanduser()
    if not given.strip() or out.name in ("", ".", ".."):
        raise UserError("error.output_files.give_a_file_name_to_write", where=given or "--out")
    folder = out.parent.resolve()
    out = folder / out.name
    if out.is_dir():
        raise UserError("error.output_files.is_a_folder_give_the_name", where=given)
    if not folder.is_dir():
        raise UserError("error.output_files.folder_does_not_exist_2", where=given, folder=folder)
    why = _is_protected(out.resolve() if out.is_symlink() else out)
    if why:
        raise UserError("error.output_files.is_writing_there_would_destroy_it", where=given, why=why)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError("error.output_files.folder_cannot_be_written_to_read", where=given, folder=folder)
    if out.exists() and not force:
        raise UserError("error.output_files.already_exists_choose_another_file_name", where=given)
    return out


def _umask() -> int:
    """The process's umask, read from /proc where Linux offers it (setting it to read it back races other threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode(out: Path) -> int:
    """The permissions ``out`` gets: those of the file it replaces, else a new file's under the user's umask
    (0o644 under the usual 022) — not the owner-only 0o600 of a temporary file."""
    try:
        return out.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


@contextmanager
def replacing(out: Path) -> Iterator[Path]:
    """A temporary file beside ``out`` that takes its place only once writing has finished and reached the disk; the
    file gets :func:`file_mode`'s permissions."""
    handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, file_mode(out))
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise UserError("error.output_files.the_disk_is_full_the_file", where=str(out)) from None
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise UserError("error.output_files.cannot_be_written", where=str(out), strerror=exc.strerror) from None
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(out: Path, body: bytes) -> Path:
    with replacing(out) as tmp:
        tmp.write_bytes(body)
    return out
