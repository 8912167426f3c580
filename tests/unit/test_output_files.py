"""Outputs (CONTRACTS.md §10): every ``--out`` variant refuses the workspace and its companions, a folder, and an
existing file without ``--force``; what it writes appears whole, through a temporary file that never stays behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.cli_helpers import file_digest, run_cli
from workbench.domain.errors import UserError
from workbench.services.support.output_files import output_path, write_bytes
from workbench.store.backup import backup_dir
from workbench.store.workspace import open_workspace

P = "VN-OFW-01"


def writers(db: Path, out: Path) -> dict[str, list]:
    """Every command that writes a file the user names, writing to ``out``."""
    return {
        "document render": ["document", "render", "pdd", P, "--lang", "en", "--out", out],
        "document export-docx": ["document", "export-docx", "pdd", P, "--lang", "en", "--out", out],
        "package export": ["package", "export", P, "--out", out],
        "ledger --csv": ["ledger", P, "--csv", out],
        "ledger --article6-csv": ["ledger", P, "--article6-csv", out],
        "evidence save": ["evidence", "save", "1", "--out", out],
        "monitoring export": ["monitoring", "export", P, "--out", out],
        "fieldbook export": ["fieldbook", "export", P, "--out", out],
        "deadlines --ics": ["deadlines", P, "--ics", out],
    }


@pytest.fixture
def demo_with_evidence(demo_db, tmp_path, capsys):
    note = tmp_path / "survey.txt"
    note.write_text("wind survey 2024", encoding="utf-8")
    assert run_cli(capsys, "evidence", "add", P, note, "--db", demo_db).code == 0
    return demo_db


def test_no_output_can_go_onto_the_workspace_its_companions_or_its_backups(demo_with_evidence, capsys):
    db = demo_with_evidence
    backup = backup_dir(db) / "mine.sqlite"
    before = file_digest(db)
    for target in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"), backup):
        for name, command in writers(db, target).items():
            result = run_cli(capsys, *command, "--db", db, "--force")
            assert result.code == 2, (name, target, result.err)
            assert "writing there would destroy it" in result.err, (name, result.err)
    assert file_digest(db) == before
    assert not backup.exists()
    assert run_cli(capsys, "audit", "verify", "--db", db).code == 0


def test_a_folder_or_a_missing_folder_is_refused_and_leaves_nothing_behind(demo_with_evidence, tmp_path, capsys):
    db = demo_with_evidence
    folder = tmp_path / "exports"
    folder.mkdir()
    for name, command in writers(db, folder).items():
        result = run_cli(capsys, *command, "--db", db)
        assert (result.code, "is a folder; give the name of a file to write" in result.err) == (2, True), (name, result.err)
    for name, command in writers(db, tmp_path / "nowhere" / "out.file").items():
        result = run_cli(capsys, *command, "--db", db)
        assert result.code == 2 and "does not exist" in result.err, (name, result.err)
    assert list(folder.iterdir()) == []
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_an_existing_file_is_replaced_only_with_force(demo_with_evidence, tmp_path, capsys):
    db = demo_with_evidence
    names = {"document render": "pdd.pdf", "document export-docx": "pdd.docx", "package export": "p.ccerpkg",
             "ledger --csv": "l.csv", "ledger --article6-csv": "a.csv", "evidence save": "e.txt", "monitoring export": "m.csv",
             "fieldbook export": "f.xlsx", "deadlines --ics": "d.ics"}
    for name, command in writers(db, Path("unused")).items():
        out = tmp_path / names[name]
        out.write_bytes(b"keep me")
        command = [out if part == Path("unused") else part for part in command]
        refused = run_cli(capsys, *command, "--db", db)
        assert refused.code == 2 and "already exists" in refused.err and out.read_bytes() == b"keep me", (name, refused.err)
        replaced = run_cli(capsys, *command, "--db", db, "--force")
        assert replaced.code == 0, (name, replaced.err)
        assert out.read_bytes() != b"keep me", name
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_read_only_folder_is_refused_before_any_work(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who may write anywhere (root): a read-only folder cannot be made")
        with pytest.raises(UserError, match="cannot be written to"):
            output_path(folder / "report.pdf")
    finally:
        folder.chmod(0o755)


def test_a_hard_link_to_the_workspace_is_refused(db_path, tmp_path):
    ws = open_workspace(db_path)
    try:
        os.link(db_path, tmp_path / "another-name.pdf")
        with pytest.raises(UserError, match="the open workspace file"):
            output_path(tmp_path / "another-name.pdf", force=True)
    finally:
        ws.close()
    assert output_path(tmp_path / "another-name.pdf", force=True)  # once closed it is only a file


def test_a_write_that_fails_half_way_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    out = tmp_path / "ledger.csv"
    out.write_text("old", encoding="utf-8")
    real_fsync = os.fsync

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(UserError, match="the disk is full; the file was not written"):
        write_bytes(output_path(out, force=True), b"new rows")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.csv"]
