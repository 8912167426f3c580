"""The frozen records read back from their PDFs after units moved: the allocation statement names who received what at
issuance, per registry and holder with shares and the total; the forms carry signature, seal and date blocks and no
internal ids."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest

from tests.unit.test_issued_records import BUYER, HOST, INVESTOR, OWNER, issued_then_moved
from workbench.services.documents import documents
from workbench.store.workspace import open_workspace

TODAY = date(2026, 4, 1)


def text_of(path) -> str:
    """The PDF's text as pdftotext lays it out, each line's runs of spaces collapsed to one."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "\n".join(" ".join(line.split()) for line in out.splitlines())


@pytest.fixture
def moved(tmp_path):
    ws = open_workspace(tmp_path / "w.sqlite")
    retired = issued_then_moved(ws, tmp_path)  # the owner sold its whole block of 297 to the buyer afterwards
    yield ws, retired
    ws.close()


def test_the_statement_after_a_sale_shows_the_issued_split_per_registry_and_holder(moved, tmp_path):
    ws, _ = moved
    text = text_of(documents.render(ws, "allocation-statement", "VN-OFW-01", "en", tmp_path / "statement.pdf", TODAY, final=True))
    # 659 t issued: owner 297 and investor 66 into the China registry, the host company 296 into Viet Nam's
    assert "China registry 363 55.08 %" in text and "Viet Nam registry 296 44.92 %" in text
    assert f"China registry {OWNER} 297 45.07 %" in text and f"Viet Nam registry {HOST} 296 44.92 %" in text
    assert f"China registry {INVESTOR} 66 10.02 %" in text
    assert len(re.findall(r"^Total 659 100 %$", text, re.M)) == 2  # per registry and per holder
    assert "Share into the China registry 50 %" in text and "Third party's share 10 %" in text
    assert BUYER not in text  # who holds the units today is not what was issued
    assert "000000001-000000297" in text and "000000594-000000659" in text
    assert "Signature of the authorised" in text and "Project owner (applicant)" in text and "Registry administrator" in text


def test_no_stored_key_or_internal_id_on_the_chinese_forms(moved, tmp_path):
    ws, retired = moved
    for kind, ref in (("allocation-statement", None), ("issuance-application", 1), ("retirement-certificate", retired)):
        text = text_of(documents.render(ws, kind, "VN-OFW-01", "zh", tmp_path / f"{kind}.pdf", TODAY, ref=ref))
        assert "签字" in text and "盖章" in text and "日期" in text, kind
        for raw in ("china_share", "host_share", "allocation_id", "blocks", "#", "CN", "project_owner"):
            assert raw not in text, (kind, raw)
        assert not re.search(r"(?<![\w-])VN(?![\w-])", text), kind  # the country by name; VN only inside codes
        if kind == "issuance-application":  # the application of an issued period shows the issuance as it happened
            assert "中国登记系统 363 55.08 %" in text and "越南登记系统 296 44.92 %" in text
            assert "核查机构" in text
        if kind == "retirement-certificate":
            assert "BRI-VN-VN-OFW-01-2025-000000001-000000100" in text and "100" in text and "中国登记系统" in text


def test_a_draft_of_every_kind_is_marked_and_a_final_application_waits_for_values_to_confirm(moved, tmp_path):
    """The allocation statement and retirement certificate follow the Draft / Final choice like every kind (a draft
    carries the DRAFT watermark); the issuance application, the owner's claim, is refused as final while the period's
    results rest on a value not yet confirmed (the wind farm's VN-National grid factor is a DEMO edition), saying the
    rule in both languages; the statement of what the registry issued is final regardless."""
    from workbench.domain.errors import UserError

    ws, retired = moved
    for kind, ref in (("allocation-statement", None), ("retirement-certificate", retired)):
        draft = text_of(documents.render(ws, kind, "VN-OFW-01", "en", tmp_path / f"{kind}-draft.pdf", TODAY, ref=ref))
        final = text_of(documents.render(ws, kind, "VN-OFW-01", "en", tmp_path / f"{kind}-final.pdf", TODAY, ref=ref, final=True))
        assert "DRAFT" in draft and "DRAFT" not in final, kind
    with pytest.raises(UserError) as refused:
        documents.render(ws, "issuance-application", "VN-OFW-01", "en", tmp_path / "application.pdf", TODAY, ref=1, final=True)
    en, zh = refused.value.in_lang("en"), refused.value.in_lang("zh")
    assert en.startswith("Not final yet: Values to confirm: value 1 (EF_grid,OM,y)") and "grid-factor confirm" in en
    assert "The VVB's final report, the issuance and retirements are recorded as they happened." in en
    assert zh.startswith("尚不能定稿：待确认数值：") and "方可定稿" in zh
    assert not (tmp_path / "application.pdf").exists()
