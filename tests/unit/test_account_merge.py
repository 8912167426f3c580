"""One holder's two accounts made one again (``account merge``), and the records evidence can be attached to.

The workspace the release wrote (tests/fixtures/release_0016) holds the case: the buyer's account opened twice, as
"Guangzhou Green Energy Trading Co." and "GUANGZHOU  Green Energy Trading Co.", each holding units.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tests.cli_helpers import file_digest, run_cli
from tests.unit.test_references import release_workspace
from workbench.domain.errors import NotFound, UserError
from workbench.services.documents import evidence
from workbench.services.documents.evidence_targets import evidence_targets
from workbench.services.history import audit
from workbench.services.issuance import accounts, ledger
from workbench.services.projects import lifecycle
from workbench.services.support.context import Actor
from workbench.store.models_evidence import EvidenceRow
from workbench.store.models_ledger import AccountRow, BlockRow, TransactionRow
from workbench.store.workspace import open_workspace

ON = Actor("tester", date(2026, 5, 4))
BUYER = "Guangzhou Green Energy Trading Co."


@pytest.fixture
def release(tmp_path):
    ws = open_workspace(release_workspace(tmp_path))
    yield ws
    ws.close()


def buyer_accounts(ws) -> dict[str, AccountRow]:
    with ws.reading() as s:
        return {a.holder: a for a in s.scalars(select(AccountRow).where(AccountRow.holder.ilike("%green energy trading%")))}


def units(ws, account_id: int) -> int:
    with ws.reading() as s:
        return sum(b.last - b.first + 1 for b in s.scalars(select(BlockRow).where(BlockRow.account_id == account_id)))


def test_a_holder_opened_twice_is_merged_with_its_units_and_history(release):
    twins = buyer_accounts(release)
    keep, drop = twins[BUYER], twins["GUANGZHOU  Green Energy Trading Co."]
    held = units(release, keep.id) + units(release, drop.id)
    assert units(release, drop.id) > 0 and "holder_twice" in [t.code for t in lifecycle.view_project(release, "VN-ACC-01", ON.today).tasks]

    change = accounts.merge_accounts(release, ON, keep.id, drop.id)

    assert change.result["blocks"] >= 1 and change.result["transactions"] >= 1
    assert units(release, keep.id) == held and buyer_accounts(release).keys() == {BUYER}
    with release.reading() as s:
        assert s.scalar(select(TransactionRow).where((TransactionRow.to_account_id == drop.id) | (TransactionRow.from_account_id == drop.id))) is None
    assert "holder_twice" not in [t.code for t in lifecycle.view_project(release, "VN-ACC-01", ON.today).tasks]
    assert [e.entity for e in change.entities][-1] == "account" and change.entities[-1].kind == "deleted"
    assert change.label.zh.startswith("合并账户") and audit.verify(release).intact
    sold = next(line for line in ledger.ledger(release, "VN-ACC-01") if line.holder == BUYER)
    assert sold.quantity > 0  # the merged units show under the one holder


def test_merging_accounts_that_are_not_one_holder_is_refused_and_changes_nothing(release):
    twins = buyer_accounts(release)
    keep, drop = twins[BUYER], twins["GUANGZHOU  Green Energy Trading Co."]
    abroad = accounts.open_account(release, ON, "guangzhou green energy trading co.", "VN").result["id"]
    with release.reading() as s:
        owner = s.scalar(select(AccountRow.id).where(AccountRow.holder.like("Huaxia%")))
    before = file_digest(release)
    with pytest.raises(UserError, match="a serial is active in one registry only"):
        accounts.merge_accounts(release, ON, abroad, drop.id)
    with pytest.raises(UserError, match="belong to different holders"):
        accounts.merge_accounts(release, ON, owner, drop.id)
    with pytest.raises(UserError, match="cannot be merged into itself"):
        accounts.merge_accounts(release, ON, keep.id, keep.id)
    with pytest.raises(NotFound, match="no account 999"):
        accounts.merge_accounts(release, ON, keep.id, 999)
    assert file_digest(release) == before


def test_account_merge_on_the_command_line(tmp_path, capsys):
    path = release_workspace(tmp_path)
    ws = open_workspace(path)
    twins = buyer_accounts(ws)
    ws.close()
    keep, drop = twins[BUYER].id, twins["GUANGZHOU  Green Energy Trading Co."].id
    done = run_cli(capsys, "account", "merge", keep, drop, "--db", path)
    assert done.code == 0 and f"merged into account {keep} ({BUYER})" in done.out
    again = run_cli(capsys, "account", "merge", keep, drop, "--db", path)
    assert again.code == 2 and f"no account {drop}" in again.err


def test_every_record_evidence_can_be_attached_to_is_listed_with_a_label(release):
    targets = evidence_targets(release, "VN-ACC-01")
    kinds = [t.kind for t in targets]
    assert kinds[0] == "project" and {"engagement", "finding", "period", "document"} <= set(kinds)
    finding = next(t for t in targets if t.kind == "finding")
    assert finding.label.en.startswith("finding CAR-1 (Validation): Calibration certificate")
    assert finding.label.zh.startswith("审定发现 CAR-1：")
    period = next(t for t in targets if t.kind == "period")
    assert (period.to, period.label.en) == ("period:1", "accounting period 1 (2025-01-01 – 2025-12-31)")
    document = next(t for t in targets if t.kind == "document")
    assert "verification-package" not in document.label.zh and document.label.en.startswith("archived document ")
    photo = next(f for f in evidence.list_files(release, "VN-ACC-01") if f.name == "site photo.jpg")
    for target in targets:  # each one is a place attach and move accept
        evidence.move(release, ON, photo.id, target.to)
        with release.reading() as s:
            row = s.get(EvidenceRow, photo.id)
            assert getattr(row, f"for_{target.kind}_id") == target.id, target
    with pytest.raises(NotFound):
        evidence_targets(release, "NO-SUCH-1")
