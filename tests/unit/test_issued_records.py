"""Allocation statement, issuance application and retirement certificate describe the act as it happened: the issued
split per registry and holder, shares, totals and serial ranges, whatever moved afterwards."""

from __future__ import annotations

from datetime import date

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from tests.unit.test_ledger import verified_wind_period
from workbench.services.documents import documents
from workbench.services.issuance import accounts, ledger
from workbench.services.issuance.issued_records import percent
from workbench.services.projects.projects import resolve
from workbench.services.support.context import Actor
from workbench.store.workspace import alembic_config, open_workspace

OWNER, HOST, INVESTOR = "Huaxia Offshore Energy Co., Ltd.", "Binh Thuan Renewable Energy JSC", "Nordic Climate Investment AB"
BUYER = "Guangzhou Green Energy Trading Co."


def context(ws, kind: str, ref=None) -> dict:
    with ws.reading() as s:
        found, missing = documents.context_for(s, resolve(s, "VN-OFW-01"), kind, date(2026, 4, 1), ref)
    return found


def issued_then_moved(ws, tmp_path) -> int:
    """659 t issued (owner 297 CN, host 296 VN, investor 66 CN), then the owner's whole block and part of the
    investor's sold, and part of the buyer's units retired: the retired block's id."""
    actor = verified_wind_period(ws, tmp_path)
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20", "JC-2026-003")
    blocks = {line.holder: line.block for line in ledger.ledger(ws, "VN-OFW-01")}
    later = Actor("tester", date(2026, 3, 2))
    accounts.open_account(ws, later, BUYER, "CN")  # a transfer goes to an account that exists
    ledger.transfer(ws, later, blocks[OWNER], BUYER, 297)  # the whole block changes hands
    ledger.transfer(ws, later, blocks[INVESTOR], BUYER, 16)  # a split
    return ledger.retire(ws, later, blocks[OWNER], 100, "Voluntary neutrality claim 2025", BUYER).result["block"]


def test_the_allocation_statement_shows_what_was_issued_after_transfers(ws, tmp_path):
    issued_then_moved(ws, tmp_path)
    # today nobody holds 297 in one block nor anything under the owner's name
    assert OWNER not in {line.holder for line in ledger.ledger(ws, "VN-OFW-01")}
    issuance = context(ws, "allocation-statement")["issuance"]
    assert issuance["total"] == 659
    assert [(x["registry"], x["holder"], x["quantity"], x["share"]) for x in issuance["holders"]] == [
        ("CN", OWNER, 297, "45.07 %"), ("VN", HOST, 296, "44.92 %"), ("CN", INVESTOR, 66, "10.02 %")]
    assert [(x["registry"], x["quantity"], x["share"]) for x in issuance["registries"]] == [("CN", 363, "55.08 %"), ("VN", 296, "44.92 %")]
    assert [(x["first"], x["last"]) for x in issuance["lines"]] == [(1, 297), (298, 593), (594, 659)]
    assert issuance["lines"][0]["serials"] == "BRI-VN-VN-OFW-01-2025-000000001-000000297"
    assert issuance["allocation"] == {"effective_from": "2024-01-01", "china_share": "50 %", "host_share": "50 %",
                                      "third_party_share": "10 %", "third_party_registry": "CN"}
    assert (issuance["decision_on"], issuance["decision_ref"]) == ("2026-01-20", "JC-2026-003")
    assert "id" not in repr(sorted(issuance["allocation"])) and "allocation_id" not in repr(issuance)


def test_the_issuance_application_of_an_issued_period_shows_the_issuance(ws, tmp_path):
    issued_then_moved(ws, tmp_path)
    application = context(ws, "issuance-application", 1)
    assert application["requested_total"] == 659 and application["issued"]["total"] == 659
    assert [x["quantity"] for x in application["issued"]["lines"]] == [297, 296, 66]


def test_the_retirement_certificate_is_read_from_the_retirement(ws, tmp_path):
    retired = issued_then_moved(ws, tmp_path)
    certificate = context(ws, "retirement-certificate", retired)["retirement"]
    assert {k: certificate[k] for k in ("serials", "quantity", "holder", "beneficiary", "on", "registry", "vintage")} == {
        "serials": "BRI-VN-VN-OFW-01-2025-000000001-000000100", "quantity": 100, "holder": BUYER, "beneficiary": BUYER,
        "on": "2026-03-02", "registry": "CN", "vintage": 2025}


def test_issuances_recorded_before_the_ranges_were_stored_are_read_from_their_issue_transactions(tmp_path):
    """A workspace from before 0017_issuance_records: its transactions carry no serial range; the upgrade derives them."""
    path = tmp_path / "old.sqlite"
    ws = open_workspace(path)
    retired = issued_then_moved(ws, tmp_path)
    before = (context(ws, "allocation-statement")["issuance"], context(ws, "retirement-certificate", retired)["retirement"])
    ws.close()
    parents = ScriptDirectory.from_config(alembic_config()).get_revision("0017_issuance_records").down_revision
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:  # back to the revision(s) before this one, as its downgrade leaves the file
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0017_issuance_records")  # first the revisions that came after it
        connection.exec_driver_sql("ALTER TABLE unit_transaction DROP COLUMN first")
        connection.exec_driver_sql("ALTER TABLE unit_transaction DROP COLUMN last")
        connection.exec_driver_sql("DELETE FROM alembic_version")
        for parent in (parents,) if isinstance(parents, str) else parents:
            connection.exec_driver_sql(f"INSERT INTO alembic_version (version_num) VALUES ('{parent}')")
    engine.dispose()
    ws = open_workspace(path)  # upgraded again, the ranges filled in from the blocks
    try:
        with ws.engine.connect() as connection:
            stored = connection.exec_driver_sql("SELECT kind, quantity, first, last FROM unit_transaction ORDER BY id").all()
        assert [tuple(row) for row in stored] == [("issue", 297, 1, 297), ("issue", 296, 298, 593), ("issue", 66, 594, 659),
                                                  ("transfer", 297, 1, 297), ("transfer", 16, 594, 609), ("retire", 100, 1, 100)]
        assert (context(ws, "allocation-statement")["issuance"], context(ws, "retirement-certificate", retired)["retirement"]) == before
        with ws.engine.begin() as connection:  # rows from a package made before 0017 carry no range: read from the blocks
            connection.exec_driver_sql("UPDATE unit_transaction SET first = NULL, last = NULL")
        assert (context(ws, "allocation-statement")["issuance"], context(ws, "retirement-certificate", retired)["retirement"]) == before
    finally:
        ws.close()


def test_a_share_is_written_as_an_exact_percentage():
    assert [percent(1, 2), percent(1, 3), percent(297, 659), percent(0, 0), percent(5, 5)] == ["50 %", "33.33 %", "45.07 %", "0 %", "100 %"]
