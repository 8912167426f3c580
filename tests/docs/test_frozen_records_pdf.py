"""The allocation statement read back from its PDF after units moved: it names who received what at issuance."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader

from tests.unit.test_issued_records import BUYER, HOST, INVESTOR, OWNER, issued_then_moved
from workbench.services.documents import documents
from workbench.store.workspace import open_workspace


def test_the_statement_after_a_sale_names_the_holders_at_issuance(tmp_path):
    ws = open_workspace(tmp_path / "w.sqlite")
    try:
        issued_then_moved(ws, tmp_path)  # the owner sold its whole block of 297 to the buyer afterwards
        out = documents.render(ws, "allocation-statement", "VN-OFW-01", "en", tmp_path / "statement.pdf", date(2026, 4, 1))
    finally:
        ws.close()
    text = " ".join("\n".join(page.extract_text() for page in PdfReader(out).pages).split())
    for holder in (OWNER, HOST, INVESTOR):
        assert holder in text
    assert BUYER not in text
    assert "000000001-000000297" in text.replace(" ", "") and "000000594-000000659" in text.replace(" ", "")
