"""`audit verify` holds the whole unit ledger against the audit log: an issuance, a unit block or a unit transaction
edited, added or deleted with SQL — the audit chain untouched — is reported (exit 2), and so is a ledger that
breaks its own rules (totals per issuance, transaction ranges against blocks, statuses)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from tests.cli_helpers import run_cli
from tests.unit.test_ledger import verified_wind_period
from workbench.services.history import audit
from workbench.services.issuance import ledger, ledger_controls
from workbench.store.workspace import open_workspace


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A file whose ledger went through issuance, a priced transfer, a retirement and a pledge — built once."""
    folder = tmp_path_factory.mktemp("ledger")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_DATA_HOME", str(folder / "data"))
        ws = open_workspace(folder / "ledger.sqlite")
        actor = verified_wind_period(ws, folder)
        ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20", "JC-2026-003")
        owner = next(x for x in ledger.ledger(ws, "VN-OFW-01") if x.holder.startswith("Huaxia"))
        moved = ledger.transfer(ws, actor, owner.block, "Shenzhen Energy Trading Co.", 100, price="85.50", currency="CNY").result["block"]
        ledger.retire(ws, actor, moved, 40, "Offset 2025 emissions", "Shenzhen Energy Trading Co.", 2025)
        ledger_controls.hold(ws, actor, "pledge", owner.block, 20, "loan collateral", "Bank of Hanoi")
        ws.close()
    return folder / "ledger.sqlite"


@pytest.fixture
def ledger_file(built, tmp_path):
    path = tmp_path / "ledger.sqlite"
    shutil.copyfile(built, path)
    return path


def problems(path) -> list[str]:
    ws = open_workspace(path)
    try:
        report = audit.verify(ws)
    finally:
        ws.close()
    assert report.intact, report.problem  # the chain itself is untouched by every edit below
    return [str(p) for p in report.ledger_problems]


def edited(path, *statements: str) -> list[str]:
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()
    return problems(path)


def test_a_ledger_written_by_the_workbench_has_no_problems(ledger_file, capsys):
    assert problems(ledger_file) == []
    assert run_cli(capsys, "audit", "verify", "--db", ledger_file).code == 0


def test_a_transfer_edited_in_the_file_is_reported(ledger_file, capsys):
    found = edited(ledger_file, "UPDATE unit_transaction SET price = '8.55' WHERE kind = 'transfer'")
    assert any(p.startswith("unit transaction") and "was changed outside the workbench: price '85.50' → '8.55'" in p for p in found), found
    result = run_cli(capsys, "audit", "verify", "--db", ledger_file)
    assert result.code == 2 and "the unit ledger is not as the log recorded it" in result.err and "price '85.50'" in result.err


def test_a_transfer_moved_to_another_account_is_reported(ledger_file):
    found = edited(ledger_file, "UPDATE unit_transaction SET to_account_id = to_account_id + 1 WHERE kind = 'transfer'")
    assert any("was changed outside the workbench: to_account_id" in p for p in found), found


def test_an_issue_transaction_edited_in_the_file_is_reported(ledger_file):
    """Issue transactions are recorded with their blocks: they must hold the range their block was issued with."""
    found = edited(ledger_file, "UPDATE unit_transaction SET quantity = quantity + 5, last = last + 5 WHERE id = "
                                "(SELECT min(id) FROM unit_transaction WHERE kind = 'issue')")
    assert any("was changed outside the workbench: last" in p and "quantity" in p for p in found), found
    assert any("its unit blocks hold 659 units but its issue transactions issued 664" in p for p in found), found


def test_an_issuance_edited_in_the_file_is_reported(ledger_file, capsys):
    found = edited(ledger_file, "UPDATE issuance SET decision_ref = 'JC-2026-999', decision_on = '2026-02-01'")
    assert any(p.startswith("issuance 1 was changed outside the workbench") and "decision_on '2026-01-20' → '2026-02-01'" in p
               and "decision_ref 'JC-2026-003' → 'JC-2026-999'" in p for p in found), found
    result = run_cli(capsys, "audit", "verify", "--db", ledger_file, "--lang", "zh")
    assert result.code == 2 and "签发记录 1 在工作台之外被修改" in result.err


def test_a_transaction_added_or_deleted_with_sql_is_reported(ledger_file):
    found = edited(ledger_file, "INSERT INTO unit_transaction (kind, block_id, quantity, first, last, purpose, beneficiary, currency, \"on\", actor, uid) "
                                "SELECT 'retire', block_id, quantity, first, last, 'x', 'y', '', \"on\", actor, 'forged' FROM unit_transaction "
                                "WHERE kind = 'pledge'")
    forged = max(int(p.split()[2]) for p in found if p.startswith("unit transaction") and "no action in the log wrote it" in p)
    assert forged > 0
    assert any("is pledged" not in p and "but its transactions are" in p for p in found), found  # retired by a move, not marked so
    other = edited(ledger_file, f"DELETE FROM unit_transaction WHERE id = {forged}", "DELETE FROM unit_transaction WHERE kind = 'retire'")
    assert any(p.startswith("unit transaction") and "is missing from the ledger although the log recorded it" in p for p in other), other


def test_a_status_edited_in_the_file_is_reported(ledger_file):
    found = edited(ledger_file, "UPDATE unit_block SET status = 'issued' WHERE status = 'retired'")
    assert any("was changed outside the workbench: status 'retired' → 'issued'" in p for p in found), found
    assert any(p.endswith("is Issued but its transactions are: Retirement") for p in found), found
    found = edited(ledger_file, "UPDATE unit_block SET status = 'issued' WHERE status = 'transferred'")
    assert any("was transferred but is marked issued again" in p for p in found), found
    assert any("has the status lost" in p for p in edited(ledger_file, "UPDATE unit_block SET status = 'lost' WHERE id = 1"))


def test_a_transaction_whose_range_no_longer_covers_its_block_is_reported(ledger_file):
    found = edited(ledger_file, "UPDATE unit_transaction SET first = first + 1000, last = last + 1000 WHERE kind = 'retire'")
    assert any("which do not cover its unit block" in p for p in found), found
    found = edited(ledger_file, "UPDATE unit_transaction SET quantity = 7 WHERE kind = 'pledge'")
    assert any("moved 7 units but records serials" in p for p in found), found


def test_an_issuance_whose_period_is_no_longer_issued_is_reported(ledger_file):
    found = edited(ledger_file, "UPDATE accounting_period SET status = 'verified'")
    assert any("issuance 1: its accounting period is marked Verified, not Issued" in p for p in found), found
