"""Evidence files: stored with their SHA-256, a retention date from dated data, warned before deletion, carried in packages."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from sqlalchemy import text

from tests.cli_helpers import file_digest, run_cli
from workbench.domain.errors import UserError
from workbench.domain.periods import gaps
from workbench.services.documents import documents, evidence
from workbench.services.sharing import packages
from workbench.services.monitoring import periods
from workbench.services.validation import validation
from workbench.services.support.context import Actor
from workbench.services.demo.projects import create_demo_projects
from workbench.store.workspace import open_workspace

ON = Actor("tester", date(2025, 3, 3))


@pytest.fixture
def finding(ws):
    create_demo_projects(ws, ON)
    vvb = validation.add_vvb(ws, ON, {"name_en": "VVB One", "scopes": "forestry"}).result["id"]
    engagement = validation.engage(ws, ON, "GX-AR-01", vvb, "validation", "Li Wei, Zhang Min").result["id"]
    return validation.raise_finding(ws, ON, engagement, "CAR", "Land tenure certificate missing").result["id"]


def test_a_file_is_kept_with_its_hash_and_a_ten_year_retention_date(ws, finding, tmp_path):
    scan = tmp_path / "tenure-certificate 土地证.pdf"
    scan.write_bytes(b"%PDF-1.4 certificate 450281-2020-0007")
    change = evidence.attach(ws, ON, "GX-AR-01", scan, f"finding:{finding}", "scan of the original")
    assert change.result["sha256"] == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert change.result["retain_until"] == date(2035, 3, 3)  # ccer.records_retention_years = 10
    again = evidence.attach(ws, ON, "GX-AR-01", scan, f"finding:{finding}")
    assert again.result == {"id": change.result["id"], "sha256": change.result["sha256"], "new": False}
    (row,) = evidence.list_files(ws, "GX-AR-01")
    assert (row.name, row.attached_to.en, row.attached_to.zh, row.size, row.added_by) == (scan.name, f"finding {finding}", f"发现项 {finding}", len(scan.read_bytes()), "tester")
    scan.write_bytes(b"overwritten on disk later")
    copy = evidence.save_copy(ws, row.id, tmp_path / "copy.pdf")
    assert copy.read_bytes() == b"%PDF-1.4 certificate 450281-2020-0007"


def test_bad_targets_and_missing_files_change_nothing(ws, finding, tmp_path):
    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"x")
    before = file_digest(ws)
    with pytest.raises(UserError, match="project GX-AR-01 has no finding 999"):
        evidence.attach(ws, ON, "GX-AR-01", scan, "finding:999")
    with pytest.raises(UserError, match="'site:3' is not one of: finding:REF, engagement:REF, period:REF, document:REF"):
        evidence.attach(ws, ON, "GX-AR-01", scan, "site:3")
    with pytest.raises(UserError, match="no such file"):
        evidence.attach(ws, ON, "GX-AR-01", tmp_path / "gone.pdf")
    huge = tmp_path / "drone survey.mp4"
    with huge.open("wb") as fh:  # sparse: 257 MiB on paper, nothing on the disk
        fh.truncate(evidence.MAX_BYTES + 2**20)
    with pytest.raises(UserError, match=r"drone survey.mp4: is 257.0 MiB; evidence files are at most 256.0 MiB") as refused:
        evidence.attach(ws, ON, "GX-AR-01", huge)
    assert "大小为 257.0 MiB；证明文件最大 256.0 MiB" in refused.value.in_lang("zh")  # the one size check, in the evidence's words
    assert file_digest(ws) == before


def test_deleting_inside_the_retention_period_needs_confirmation_and_a_reason(ws, finding, tmp_path):
    scan = tmp_path / "photo.jpg"
    scan.write_bytes(b"\xff\xd8 site photo")
    file_id = evidence.attach(ws, ON, "GX-AR-01", scan).result["id"]
    before = file_digest(ws)
    with pytest.raises(UserError, match=r"photo.jpg \(evidence file \d+\) must be kept at least 10 years after the project's last "
                                        r"reduction registration .*none has been registered yet; not before 2035-03-03"):
        evidence.remove(ws, ON, file_id)
    with pytest.raises(UserError, match="say why"):
        evidence.remove(ws, ON, file_id, confirmed=True)
    assert file_digest(ws) == before
    change = evidence.remove(ws, ON, file_id, confirmed=True, reason="uploaded to the wrong project")
    assert change.reason == "uploaded to the wrong project" and change.entities[0].after is None
    assert change.entities[0].before["content"] == "sha256:" + hashlib.sha256(b"\xff\xd8 site photo").hexdigest()
    assert evidence.list_files(ws, "GX-AR-01") == []
    # ten years later the project is still crediting: its last registration is yet to come, so the file is still kept
    # (the end of the period once the project is closed: tests/unit/test_records_retention.py)
    other = evidence.attach(ws, ON, "GX-AR-01", scan).result["id"]
    with pytest.raises(UserError, match="the project is not closed, so more may follow"):
        evidence.remove(ws, Actor("tester", date(2035, 3, 3)), other)


def test_a_damaged_file_is_not_handed_out_as_evidence(ws, finding, tmp_path):
    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"original")
    file_id = evidence.attach(ws, ON, "GX-AR-01", scan).result["id"]
    with ws.transaction() as s:
        s.execute(text("UPDATE evidence_file SET content = :c WHERE id = :i"), {"c": b"tampered", "i": file_id})
    with pytest.raises(UserError, match="no longer matches its SHA-256"):
        evidence.save_copy(ws, file_id, tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


def test_evidence_travels_in_the_project_package(ws, finding, tmp_path):
    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"certificate bytes " * 100)
    evidence.attach(ws, ON, "GX-AR-01", scan, f"finding:{finding}")
    package = packages.export_package(ws, ON, "GX-AR-01", tmp_path / "p.zip")
    other = open_workspace(tmp_path / "other.sqlite")
    try:
        packages.import_package(other, ON, package)
        (row,) = evidence.list_files(other, "GX-AR-01")
        assert row.attached_to.en.startswith("finding ")
        assert evidence.save_copy(other, row.id, tmp_path / "back.pdf").read_bytes() == scan.read_bytes()
    finally:
        other.close()


def test_final_documents_are_archived_in_the_workspace(ws, tmp_path):
    create_demo_projects(ws, ON)
    vvb = validation.add_vvb(ws, ON, {"name_en": "VVB One"}).result["id"]
    engagement = validation.engage(ws, ON, "VN-OFW-01", vvb, "validation", "Li Wei, Zhang Min").result["id"]
    validation.sample_sites(ws, ON, engagement)
    documents.render(ws, "validation-package", "VN-OFW-01", "en", tmp_path / "draft.pdf", ON.today, archive=ON)
    assert evidence.list_files(ws, "VN-OFW-01") == []  # drafts are not kept
    final = documents.render(ws, "validation-package", "VN-OFW-01", "en", tmp_path / "final.pdf", ON.today, final=True, archive=ON)
    (row,) = evidence.list_files(ws, "VN-OFW-01")
    assert (row.kind, row.attached_to.en, row.name, row.retain_until) == ("document", "archived Validation package", "final.pdf", date(2035, 3, 3))
    assert row.sha256 == hashlib.sha256(final.read_bytes()).hexdigest()


def test_gaps_between_periods_are_reported():
    d = date
    assert gaps(d(2025, 1, 1), [(d(2025, 7, 1), d(2025, 12, 31)), (d(2026, 3, 1), d(2026, 6, 30))]) == [
        (d(2025, 1, 1), d(2025, 6, 30)), (d(2026, 1, 1), d(2026, 2, 28))]
    assert gaps(d(2025, 1, 1), [(d(2025, 1, 1), d(2025, 12, 31)), (d(2026, 1, 1), d(2026, 12, 31))]) == []
    assert gaps(d(2025, 1, 1), []) == []


def test_period_list_shows_gaps_and_the_deviation_from_the_estimate(ws, capsys):
    create_demo_projects(ws, ON)
    periods.add_period(ws, ON, "VN-OFW-01", "2025-01-01", "2025-06-30")
    periods.add_period(ws, ON, "VN-OFW-01", "2025-09-01", "2025-12-31")
    ws.close()
    result = run_cli(capsys, "period", "list", "VN-OFW-01", "--db", ws.address)
    assert "gap: 2025-07-01..2025-08-31 is not covered by any accounting period" in result.out
    data = json.loads(run_cli(capsys, "period", "list", "VN-OFW-01", "--db", ws.address, "--format", "json").out)
    assert data["gaps"] == [{"start": "2025-07-01", "end": "2025-08-31"}]


def test_evidence_through_the_cli(ws, finding, tmp_path, capsys, monkeypatch):
    ws.close()
    monkeypatch.setenv("WORKBENCH_TODAY", "2025-03-03")
    scan = tmp_path / "response.pdf"
    scan.write_bytes(b"owner response")
    added = run_cli(capsys, "evidence", "add", "GX-AR-01", scan, "--to", f"finding:{finding}", "--db", ws.address, "--format", "json").json()
    assert added["new"] and added["retain_until"] == "2035-03-03"
    (listed,) = run_cli(capsys, "evidence", "list", "GX-AR-01", "--db", ws.address, "--format", "json").json()
    assert listed["attached_to"]["en"] == f"finding {finding}" and listed["deletable"] is False
    before = file_digest(ws)
    refused = run_cli(capsys, "evidence", "remove", str(added["id"]), "--db", ws.address)
    assert refused.code == 2 and "not before 2035-03-03" in refused.err and "Traceback" not in refused.err
    assert file_digest(ws) == before
    assert run_cli(capsys, "evidence", "remove", str(added["id"]), "--confirm", "--reason", "wrong file", "--db", ws.address).code == 0


def test_a_file_attached_for_a_condition_is_kept_and_named_as_its_evidence(ws, tmp_path):
    """One action: the file is kept as the project's evidence and the condition's evidence names it by name and hash,
    so the check passes; a missing file or an unknown condition key changes nothing."""
    from workbench.domain.errors import UserError
    from workbench.methodology.protocol import Verdict
    from workbench.services.methodology import methodology, project_inputs
    from workbench.services.projects.projects import resolve

    create_demo_projects(ws, ON)
    with ws.reading() as s:
        project_id = resolve(s, "VN-CSP-01").id
        project_inputs_before = project_inputs.condition_evidence_of(s, project_id)
    sld = tmp_path / "SLD-VN-CSP-01 单线图.pdf"
    sld.write_bytes(b"%PDF-1.4 single-line diagram: net and gross meters")
    before = file_digest(ws)
    with pytest.raises(UserError, match="no such file"):
        evidence.attach_for_condition(ws, ON, "VN-CSP-01", "csp_metering", tmp_path / "gone.pdf")
    with pytest.raises(UserError):
        evidence.attach_for_condition(ws, ON, "VN-CSP-01", "Not A Key", sld)
    assert file_digest(ws) == before

    change = evidence.attach_for_condition(ws, ON, "VN-CSP-01", "csp_metering", sld, "attached in the check", "metering")
    digest = hashlib.sha256(sld.read_bytes()).hexdigest()
    assert change.result["reference"] == f"{sld.name} · SHA-256 {digest[:12]}"
    assert {e.entity for e in change.entities} == {"evidence_file", "evidence_reference"}
    (row,) = [r for r in evidence.list_files(ws, "VN-CSP-01") if r.sha256 == digest]
    assert (row.name, row.attached_to.en, row.note) == (sld.name, "the project", "metering")
    with ws.reading() as s:
        assert project_inputs.condition_evidence_of(s, project_id) == {**project_inputs_before, "csp_metering": change.result["reference"]}
    (check,) = methodology.check_project(ws, "VN-CSP-01", "CCER-01-001")
    (csp,) = [c for c in check.conditions if c.key == "csp"]
    assert csp.verdict is Verdict.PASS

    files = len(evidence.list_files(ws, "VN-CSP-01"))
    again = evidence.attach_for_condition(ws, ON, "VN-CSP-01", "csp_metering", sld)  # the same file: kept once
    assert again.result["id"] == change.result["id"] and len(evidence.list_files(ws, "VN-CSP-01")) == files
