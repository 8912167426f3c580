"""Running the real ``workbench`` entry point in-process and capturing what a user would see."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from workbench.cli.main import main


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def run_cli(capsys, *args: str) -> Result:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def file_digest(path) -> str:
    """Digest of the workspace content (a file after checkpoint, or a Workspace's every table in key order):
    equal digests mean nothing was written."""
    import sqlite3

    if not isinstance(path, (str, Path)):
        from sqlalchemy import select

        from workbench.store.schema import Base

        with path.engine.connect() as con:
            dump = repr([(t.name, con.execute(select(t).order_by(*t.primary_key.columns)).all()) for t in Base.metadata.sorted_tables])
        return hashlib.sha256(dump.encode()).hexdigest()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    dump = "\n".join(con.iterdump())
    con.close()
    return hashlib.sha256(dump.encode()).hexdigest()
