"""Records are kept at least ten years after the project's last reduction registration (Measures 2023 arts. 11 and
18; CCER-01-002-V01 §7.3.3.1), not ten years from the day a file was added."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.test_ledger import verified_wind_period
from workbench.domain.errors import UserError
from workbench.services.documents import evidence
from workbench.services.issuance import ledger
from workbench.services.support.context import Actor
from workbench.store.models import ProjectRow


def test_retention_dates_follow_the_last_reduction_registration(ws, tmp_path):
    verified_wind_period(ws, tmp_path)
    scan = tmp_path / "calibration-certificate.pdf"
    scan.write_bytes(b"%PDF-1.4 CNAS calibration 2025-01-05")
    added = evidence.attach(ws, Actor("tester", date(2026, 1, 10)), "VN-OFW-01", scan).result
    assert added["retain_until"] == date(2036, 1, 10)  # nothing registered yet: not before ten years from today
    change = ledger.issue(ws, Actor("tester", date(2026, 3, 20)), "VN-OFW-01", 1, "2026-03-20", "JC-2026-003")
    (row,) = evidence.list_files(ws, "VN-OFW-01")
    assert row.retain_until == date(2036, 3, 20)  # ten years after the registration of 2026-03-20
    assert ("evidence_file", row.id, "updated") in [(e.entity, e.entity_id, e.kind) for e in change.entities]
    # still crediting: more registrations may follow (none before today), so even after 2036 the file is kept
    with pytest.raises(UserError, match=r"the latest was on 2026-03-20; not before 2047-01-01\)"):
        evidence.remove(ws, Actor("tester", date(2037, 1, 1)), row.id)
    with ws.transaction() as s:  # the crediting period over, the project closed: the last registration is known
        s.query(ProjectRow).filter_by(code="VN-OFW-01").one().stage = "closed"
    keep = evidence.project_retention(ws, "VN-OFW-01", date(2036, 3, 19))
    assert (keep.final, keep.until, keep.last_registration) == (True, date(2036, 3, 20), date(2026, 3, 20))
    with pytest.raises(UserError, match="must be kept until 2036-03-20, 10 years after the project's last reduction registration on 2026-03-20"):
        evidence.remove(ws, Actor("tester", date(2036, 3, 19)), row.id)
    evidence.remove(ws, Actor("tester", date(2036, 3, 20)), row.id)
    assert evidence.list_files(ws, "VN-OFW-01") == []
