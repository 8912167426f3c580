"""Values the ledger takes: prices ≥ 0 and finite, ISO 4217 currencies, plausible compliance years — refused with
the field and what is accepted, nothing written; names with control characters print escaped."""

from __future__ import annotations

import pytest

from tests.cli_helpers import file_digest, run_cli
from tests.unit.test_ledger import verified_wind_period
from workbench.domain.errors import UserError
from workbench.services.issuance import ledger
from workbench.services.support.values import shown
from workbench.store.workspace import open_workspace


REFUSED = [
    ("-1", "CNY", "Price per tonne: -1 is outside 0\\.\\.999999999999\\.99 /t"),  # the transfer's field spec
    ("1e999999", "CNY", "Price per tonne: 1E\\+999999 is outside 0\\.\\."),
    ("NaN", "CNY", "Price per tonne: 'NaN' is not a finite number"),
    ("12.5", "ZZZZ", "Currency: 'ZZZZ' is not an ISO 4217 currency code"),
    ("12.5", "XYZ", "Currency: 'XYZ' is not an ISO 4217 currency code"),
]


def test_a_transfer_with_an_impossible_price_or_currency_is_refused(db_path, tmp_path):
    ws = open_workspace(db_path)
    try:
        actor = verified_wind_period(ws, tmp_path)
        ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20", "JC-2026-003")
        block = next(x.block for x in ledger.ledger(ws, "VN-OFW-01") if x.registry == "CN")
        before = file_digest(ws)
        for price, currency, message in REFUSED:
            with pytest.raises(UserError, match=message):
                ledger.transfer(ws, actor, block, "Buyer", 10, price=price, currency=currency)
        with pytest.raises(UserError, match="Compliance year: -5 is outside 2005\\.\\.2100"):
            ledger.retire(ws, actor, block, 10, "offset", "Buyer", "-5")
        assert file_digest(ws) == before
        assert ledger.transfer(ws, actor, block, "Buyer", 10, price="0", currency="vnd").result["block"]
    finally:
        ws.close()


def test_control_characters_in_names_are_shown_escaped(tmp_path, capsys):
    assert shown("wind\nfarm\x1b[31m\u202e") == "wind\\nfarm\\x1b[31m\\u202e"
    db = tmp_path / "w.sqlite"
    assert run_cli(capsys, "project", "create", "--db", db, "--code", "ESC-1", "--title-en", "Fake\n2  FAKE-2  ccer\x1b[2J",
                   "--programme", "ccer", "--host-country", "CN", "--sector", "energy").code == 0
    listed = run_cli(capsys, "project", "list", "--db", db)
    assert "Fake\\n2  FAKE-2  ccer\\x1b[2J" in listed.out and "China CCER (2023 measures)" in listed.out and "\x1b" not in listed.out
    assert len(listed.out.strip().splitlines()) == 3  # header, rule, one project
