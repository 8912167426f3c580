"""Every package import path — new project, copy, merge, take incoming — runs the same value and ledger checks;
a copy never carries issued units. The edited packages are re-signed (their manifest's SHA-256 recomputed), as
anyone holding the file can do."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from tests.cli_helpers import file_digest
from tests.unit.test_ledger import verified_wind_period
from workbench.domain.errors import UserError
from workbench.services.history import audit
from workbench.services.issuance import ledger
from workbench.services.sharing import packages
from workbench.store.workspace import open_workspace


def edited(source: Path, target: Path, change, *, keep_anchor: bool = False) -> Path:
    """``source`` with its data.json changed by ``change(data)`` and the manifest re-signed; its audit anchor
    dropped (the anchor would give the edit away at once; without it the package is only "cannot confirm", and
    the value and ledger checks must refuse it)."""
    with zipfile.ZipFile(source) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist() if keep_anchor or i.filename != "anchor.json"}
    data = json.loads(members["data.json"])
    change(data)
    members["data.json"] = json.dumps(data, ensure_ascii=False).encode("utf-8")
    manifest = json.loads(members["manifest.json"])
    manifest["members"]["data.json"] = {"sha256": hashlib.sha256(members["data.json"]).hexdigest(), "size": len(members["data.json"])}
    members["manifest.json"] = json.dumps(manifest).encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return target


def duplicate_block(data):
    block = dict(data["unit_block"][0])
    block["id"], block["uid"] = max(b["id"] for b in data["unit_block"]) + 1, "f" * 32
    data["unit_block"].append(block)


def negative_range(data):
    data["unit_block"][0]["first"] = -5


def unknown_status(data):
    data["unit_block"][0]["status"] = "gifted"


def unknown_stage(data):
    data["project"][0]["stage"] = "launched"


def negative_price(data):
    data["unit_transaction"][0]["price"] = "-3"


def meter_class_beyond(data):
    data["meter"][0]["accuracy_class"] = "7"


def engagement_of_a_missing_vvb(data):
    data["engagement"][0]["vvb_id"] = 999


def transfer_to_a_missing_account(data):
    move = next(t for t in data["unit_transaction"] if t["to_account_id"] is not None)
    move["to_account_id"] = 999


EDITS = {
    duplicate_block: "the package's unit ledger is inconsistent: .*held twice",
    negative_range: "serials -5\\.\\..* are not a range of positive serial numbers",
    unknown_status: "Status: 'gifted' is not one of: issued \\(Issued\\), transferred",
    unknown_stage: "Stage: 'launched' is not one of: design \\(Project design",
    negative_price: "Price per tonne: -3 is outside 0\\.\\.",
    meter_class_beyond: "Accuracy class: accuracy class '7' is not accepted",
    engagement_of_a_missing_vvb: "Validation and verification body: 999 names no Validation and verification body the package carries",
    transfer_to_a_missing_account: "Receiving account: 999 names no Account the package carries",
}


@pytest.fixture
def issued_package(db_path, tmp_path):
    """A workspace file whose wind project has units issued, and its package."""
    ws = open_workspace(db_path)
    actor = verified_wind_period(ws, tmp_path)
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20", "JC-2026-003")
    out = packages.export_package(ws, actor, "VN-OFW-01", tmp_path / "issued.ccerpkg")
    yield ws, actor, out
    ws.close()


@pytest.mark.parametrize("edit", list(EDITS), ids=lambda e: e.__name__)
def test_an_edited_package_is_refused_on_every_import_path(issued_package, tmp_path, edit):
    ws, actor, out = issued_package
    bad = edited(out, tmp_path / f"{edit.__name__}.ccerpkg", edit)
    fresh = open_workspace(tmp_path / "fresh.sqlite")
    try:
        paths = {"new project": (fresh, {}), "copy": (ws, {"new_code": "VN-OFW-01-COPY"}), "merge": (ws, {"take": "merge"}),
                 "take incoming": (ws, {"take": "incoming"})}
        for name, (target, options) in paths.items():
            before = file_digest(target.path)
            with pytest.raises(UserError, match=EDITS[edit]):
                packages.import_package(target, actor, bad, **options)
            assert file_digest(target.path) == before, name
        anchored = edited(out, tmp_path / f"{edit.__name__}-anchored.ccerpkg", edit, keep_anchor=True)
        with pytest.raises(UserError, match="its audit anchor does not match its contents: the package was altered"):
            packages.import_package(fresh, actor, anchored)
    finally:
        fresh.close()


def test_a_copy_carries_no_issued_units_and_says_so(issued_package):
    ws, actor, out = issued_package
    issued = sum(x.quantity for x in ledger.ledger(ws, "VN-OFW-01"))
    change, report = packages.import_package(ws, actor, out, new_code="VN-OFW-01-COPY")
    assert report.action == "copied"
    assert [n.en for n in report.notes] == ["the copy carries none of the 3 unit block(s) of VN-OFW-01: issued units exist once, "
                                            "with the original project"]
    assert change.result["notes"] == report.notes
    assert ledger.ledger(ws, "VN-OFW-01-COPY") == []
    assert sum(x.quantity for x in ledger.ledger(ws, "VN-OFW-01")) == issued
    from workbench.services.projects import lifecycle

    assert lifecycle.view_project(ws, "VN-OFW-01-COPY", actor.today).snapshot.stage == \
        lifecycle.view_project(ws, "VN-OFW-01", actor.today).snapshot.stage
    assert audit.verify(ws).intact


def test_a_sound_package_with_its_ledger_still_imports_as_a_new_project(issued_package, tmp_path):
    ws, actor, out = issued_package
    other = open_workspace(tmp_path / "registry-copy.sqlite")
    try:
        _, report = packages.import_package(other, actor, out)
        assert report.action == "created"
        assert sorted(x.quantity for x in ledger.ledger(other, "VN-OFW-01")) == sorted(x.quantity for x in ledger.ledger(ws, "VN-OFW-01"))
    finally:
        other.close()
