"""A sweep of damaged workspace files, as the attack found them (flipped bytes on every kind of page, truncations,
a wiped header): none is written to, none ends in an unexpected fault (exit 1) — each is refused with the backup
commands (exit 2), unless the damage fell where SQLite's own check finds nothing wrong."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli
from workbench.store.backup import backup_dir, make_backup

CREATE = ("project", "create", "--code", "DMG-1", "--title-en", "Damaged farm", "--programme", "ccer", "--host-country", "CN",
          "--sector", "energy")


@pytest.fixture(scope="module")
def sound(tmp_path_factory) -> Path:
    """A workspace file whose tables span many pages (a project edited 60 times), checkpointed."""
    folder = tmp_path_factory.mktemp("sound")
    db = folder / "w.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_DATA_HOME", str(folder / "data"))
        _build(db)
    return db


def _build(db: Path) -> None:
    from workbench.cli.main import main

    assert main([*CREATE, "--db", str(db)]) == 0
    for n in range(60):
        assert main(["project", "update", "DMG-1", "--db", str(db), "--set", f"title_zh=风电场 {n} " + "长" * 300]) == 0
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def _pages(db: Path) -> tuple[int, int]:
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA page_size").fetchone()[0], con.execute("PRAGMA page_count").fetchone()[0]
    finally:
        con.close()


def _flip(offset: int, length: int = 16):
    def damage(db: Path) -> None:
        with db.open("r+b") as fh:
            fh.seek(offset)
            body = fh.read(length)
            fh.seek(offset)
            fh.write(bytes(b ^ 0xA5 for b in body))
    return damage


def _truncate(fraction: float):
    def damage(db: Path) -> None:
        body = db.read_bytes()
        db.write_bytes(body[: int(len(body) * fraction)])
    return damage


def variants(db: Path) -> list[tuple[str, object]]:
    """37 damages: 16 bytes flipped at the start, a quarter and the middle of each of the first nine pages (27), the
    header wiped (1), and nine truncations from 10 % to 90 % of the file."""
    size, count = _pages(db)
    assert count >= 9
    found: list[tuple[str, object]] = []
    for page in range(9):
        for at in (8, size // 4, size // 2):
            found.append((f"page {page + 1} byte {at}", _flip(page * size + at)))
    found.append(("header wiped", _flip(0, 100)))
    found += [(f"truncated to {n}0 %", _truncate(n / 10)) for n in range(1, 10)]
    return found


def _quick_check_passes(db: Path) -> bool:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return [r[0] for r in con.execute("PRAGMA quick_check")] == ["ok"]
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False


def test_every_damaged_file_is_refused_or_sound_and_never_written(sound, tmp_path, capsys):
    outcomes = {}
    for name, damage in variants(sound):
        db = tmp_path / name.replace(" ", "-").replace("%", "pc") / "w.sqlite"
        db.parent.mkdir()
        shutil.copyfile(sound, db)
        damage(db)
        before = hashlib.sha256(db.read_bytes()).hexdigest()
        sound_after_damage = _quick_check_passes(db)
        # the day's first opening (no backup from today yet): the file is checked before anything is written
        listed = run_cli(capsys, "project", "update", "DMG-1", "--db", db, "--set", "title_en=Written anyway")
        outcomes[name] = listed.code
        assert listed.code in (0, 2), (name, listed.err)
        if listed.code == 2:
            assert "damaged" in listed.err or "not a workspace" in listed.err or "not an SQLite" in listed.err or "cannot" in listed.err, (name, listed.err)
            assert hashlib.sha256(db.read_bytes()).hexdigest() == before, name  # nothing written
            assert not [p for p in backup_dir(db).glob("*.sqlite")] if backup_dir(db).is_dir() else True  # never a backup
        else:
            assert sound_after_damage, f"{name}: a file SQLite finds damaged was written to"
    refused = {name for name, code in outcomes.items() if code == 2}
    assert {"header wiped", *(f"truncated to {n}0 %" for n in range(1, 10))} <= refused, outcomes


def test_damage_found_later_in_the_day_is_never_an_unexpected_fault(sound, tmp_path, capsys):
    """With today's backup made, opening does not check the file; a command that meets the damage is refused in
    words (exit 2), never exit 1."""
    for name, damage in variants(sound):
        db = tmp_path / name.replace(" ", "-").replace("%", "pc") / "w.sqlite"
        db.parent.mkdir()
        shutil.copyfile(sound, db)
        make_backup(db, "daily")
        damage(db)
        for command in (("project", "list"), ("project", "show", "DMG-1"), ("audit", "verify")):
            result = run_cli(capsys, *command, "--db", db)
            assert result.code in (0, 2) and "unexpected fault" not in result.err, (name, command, result.err)
