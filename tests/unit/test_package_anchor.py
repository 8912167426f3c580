"""Project packages carry the project's audit slice and an anchor signed with the sending workspace's key: the
receiver holding the key confirms the history; without it, or without an anchor (earlier versions), it says
"cannot confirm" and imports; a package altered after it was written is refused (exit 2)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli
from workbench.domain.errors import UserError
from workbench.services.projects import projects
from workbench.services.sharing import packages
from workbench.store.workspace import open_workspace

PROJECT = {"code": "PKG-1", "title_en": "Packaged wind farm", "programme": "ccer", "host_country": "CN", "sector": "energy"}
RELEASE = Path(__file__).parent.parent / "fixtures" / "release_0016"


@pytest.fixture
def package(tmp_path, actor) -> Path:
    """A package of a project edited three times (1 + 3 audit entries) in a workspace of this computer."""
    ws = open_workspace(tmp_path / "sender.sqlite")
    try:
        projects.create_project(ws, actor, PROJECT)
        for n in range(3):
            projects.update_project(ws, actor, "PKG-1", {"title_zh": f"风电场 {n}"})
        return packages.export_package(ws, actor, "PKG-1", tmp_path / "p.ccerpkg")
    finally:
        ws.close()


def imported(path: Path, actor, target: Path, **kwargs):
    ws = open_workspace(target)
    try:
        return packages.import_package(ws, actor, path, **kwargs)[1]
    finally:
        ws.close()


def rewritten(path: Path, out: Path, change, *, drop: tuple[str, ...] = ()) -> Path:
    """The package with ``change(members)`` applied and its manifest's SHA-256s made to match again — what someone
    with the package but not the key can do."""
    with zipfile.ZipFile(path) as z:
        members = {name: z.read(name) for name in z.namelist()}
    change(members)
    manifest = json.loads(members.pop("manifest.json"))
    for name, meta in manifest["members"].items():
        meta.update(sha256=hashlib.sha256(members[name]).hexdigest(), size=len(members[name]))
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("manifest.json", json.dumps(manifest))
        for name, body in members.items():
            if name not in drop:
                z.writestr(name, body)
    return out


def test_the_receiver_holding_the_key_confirms_the_package_history(package, actor, tmp_path, capsys):
    report = imported(package, actor, tmp_path / "receiver.sqlite")
    assert report.action == "created" and report.audit.confirmed and report.audit.entries == 4
    assert str(report.audit.note).startswith("its data and audit history (4 entries) are confirmed as workspace")
    result = run_cli(capsys, "package", "import", package, "--db", tmp_path / "third.sqlite")
    assert result.code == 0 and "history: its data and audit history (4 entries) are confirmed" in result.out
    zh = run_cli(capsys, "package", "import", package, "--db", tmp_path / "fourth.sqlite", "--lang", "zh")
    assert "审计记录：其数据和审计记录（4 条）已确认" in zh.out
    with sqlite3.connect(tmp_path / "receiver.sqlite") as con:  # the import's own audit entry keeps what was confirmed
        payload = json.loads(con.execute("SELECT payload FROM audit_entry WHERE action = 'package.import'").fetchone()[0])
    assert payload["result"]["package_audit"]["confirmed"] is True and payload["result"]["package_audit"]["entries"] == 4


def test_without_the_key_the_history_cannot_be_confirmed_and_the_package_imports(package, actor, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "another-computer"))
    report = imported(package, actor, tmp_path / "receiver.sqlite")
    assert report.action == "created" and not report.audit.confirmed
    assert "does not hold the key of workspace" in str(report.audit.note) and "cannot be confirmed" in str(report.audit.note)


def test_data_edited_in_the_package_is_refused(package, actor, tmp_path, monkeypatch, capsys):
    def retitle(members):
        members["data.json"] = members["data.json"].replace(b"Packaged wind farm", b"Forged wind farm")

    forged = rewritten(package, tmp_path / "forged.ccerpkg", retitle)
    with pytest.raises(UserError, match="its audit anchor does not match its contents: the package was altered"):
        imported(forged, actor, tmp_path / "receiver.sqlite")
    result = run_cli(capsys, "package", "import", forged, "--db", tmp_path / "receiver.sqlite")
    assert result.code == 2 and "altered after it was written" in result.err

    def resigned(members):  # the anchor's digests made to match as well: only the signature still tells
        retitle(members)
        anchor = json.loads(members["anchor.json"])
        listed = json.loads(members["manifest.json"])["members"]
        listed["data.json"].update(sha256=hashlib.sha256(members["data.json"]).hexdigest(), size=len(members["data.json"]))
        anchor["members"] = hashlib.sha256(json.dumps(listed, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        members["anchor.json"] = json.dumps(anchor).encode()

    forged = rewritten(package, tmp_path / "resigned.ccerpkg", resigned)
    with pytest.raises(UserError, match="signature does not match the key that signed it"):
        imported(forged, actor, tmp_path / "receiver.sqlite")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "another-computer"))  # without the key: never "confirmed"
    report = imported(forged, actor, tmp_path / "elsewhere.sqlite")
    assert not report.audit.confirmed and "cannot be confirmed" in str(report.audit.note)


def test_an_audit_entry_edited_in_the_package_is_refused(package, actor, tmp_path):
    def reattribute(members):
        entries = json.loads(members["audit.json"])
        entries[1][2] = "someone else"
        members["audit.json"] = json.dumps(entries).encode()

    with pytest.raises(UserError, match=r"entry 2 of its audit history does not hold its hash"):
        imported(rewritten(package, tmp_path / "forged.ccerpkg", reattribute), actor, tmp_path / "receiver.sqlite")

    def shortened(members):  # the newest entry left out, entries re-hashed cannot be: the anchor counts them
        members["audit.json"] = json.dumps(json.loads(members["audit.json"])[:-1]).encode()

    with pytest.raises(UserError, match="its audit anchor does not match its contents"):
        imported(rewritten(package, tmp_path / "short.ccerpkg", shortened), actor, tmp_path / "receiver.sqlite")


def test_a_package_without_its_anchor_cannot_be_confirmed(package, actor, tmp_path):
    stripped = rewritten(package, tmp_path / "stripped.ccerpkg", lambda members: None, drop=("anchor.json",))
    report = imported(stripped, actor, tmp_path / "receiver.sqlite")
    assert report.action == "created" and not report.audit.confirmed
    assert str(report.audit.note) == "the package carries no audit anchor (it was removed, or never written), so its history cannot be confirmed"


def test_a_package_from_an_earlier_version_imports_and_cannot_be_confirmed(actor, tmp_path, capsys):
    result = run_cli(capsys, "package", "import", RELEASE / "vn-acc-01.zip", "--db", tmp_path / "receiver.sqlite")
    assert result.code == 0
    assert "history: the package carries no audit history (written by an earlier version), so its history cannot be confirmed" in result.out


def test_a_workspace_whose_log_does_not_verify_writes_no_package(tmp_path, actor, capsys):
    ws = open_workspace(tmp_path / "sender.sqlite")
    projects.create_project(ws, actor, PROJECT)
    projects.update_project(ws, actor, "PKG-1", {"title_zh": "风电场"})
    ws.close()
    with sqlite3.connect(tmp_path / "sender.sqlite") as con:
        con.execute("UPDATE audit_entry SET actor = 'someone else' WHERE id = 1")
    result = run_cli(capsys, "package", "export", "PKG-1", "--out", tmp_path / "p.ccerpkg", "--db", tmp_path / "sender.sqlite")
    assert result.code == 2 and "the audit log of this workspace does not verify (entry 1)" in result.err
    assert not (tmp_path / "p.ccerpkg").exists()
