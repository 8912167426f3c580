"""A project edited in two workspaces comes back in a package and is merged field by field, as chosen, losing nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlalchemy import select

from tests.unit.test_ledger import verified_wind_period
from workbench.domain.errors import UserError
from workbench.services.history import audit
from workbench.services.issuance import ledger
from workbench.services.monitoring import meters
from workbench.services.sharing import packages
from workbench.services.projects import parties, projects, risks
from workbench.services.support.context import Actor
from workbench.services.demo.projects import create_demo_projects
from workbench.store.models_monitoring import MeterRow
from workbench.store.workspace import open_workspace


@dataclass(frozen=True)
class Clocked(Actor):
    """An actor whose actions happen at a given moment, so 'who changed it last' is decided, not raced."""

    at: datetime = datetime(2026, 1, 1)

    def now(self) -> datetime:
        return self.at


OWNER = Clocked("owner", date(2026, 3, 1))


def at(name: str, day: int, hour: int) -> Clocked:
    return Clocked(name, date(2026, 3, day), datetime(2026, 3, day, hour))


@pytest.fixture
def two_sides(ws, tmp_path):
    """The owner's workspace and a consultant's copy of the wind project, each then edited on its own."""
    create_demo_projects(ws, OWNER)
    risks.preload(ws, OWNER, "VN-OFW-01")
    first = packages.export_package(ws, OWNER, "VN-OFW-01", tmp_path / "out.ccerpkg")
    other = open_workspace(tmp_path / "consultant.sqlite")
    assert packages.import_package(other, at("consultant", 2, 9), first)[1].action == "created"
    yield ws, other
    other.close()


def edit_both(ws, other, tmp_path):
    projects.update_project(ws, at("owner", 3, 9), "VN-OFW-01", {"title_en": "Owner's title", "title_zh": "业主的标题"})
    projects.update_project(other, at("consultant", 3, 11), "VN-OFW-01", {"title_en": "Consultant's title"})
    risks.update(other, at("consultant", 3, 12), "VN-OFW-01", "dev-verification", {"owner": "Consultant"})
    parties.add_site(ws, at("owner", 3, 10), "VN-OFW-01", {"name": "Onshore substation", "latitude": "9.912345", "longitude": "106.612345"})
    meters.add_meter(other, at("consultant", 3, 13), "VN-OFW-01", {"serial": "CHK-9", "role": "export", "accuracy_class": "0.5"})
    return packages.export_package(other, at("consultant", 3, 14), "VN-OFW-01", tmp_path / "back.ccerpkg")


def serials(s, project: int) -> set[str]:
    return set(s.scalars(select(MeterRow.serial).where(MeterRow.project_id == project)))


def project_id(ws) -> int:
    return next(p.id for p in projects.list_projects(ws) if p.code == "VN-OFW-01")


def test_a_dry_run_lists_each_difference_with_who_changed_it_and_when(two_sides, tmp_path):
    ws, other = two_sides
    back = edit_both(ws, other, tmp_path)
    _, report = packages.import_package(ws, OWNER, back, dry_run=True)
    assert report.action == "differs"
    found = {d.ref: d for d in report.differences}
    title = found["project#title_en"]
    assert (title.local, title.incoming) == ("Owner's title", "Consultant's title")
    assert title.local_change == f"by {ws.user or 'owner'} at 2026-03-03T09:00:00" and title.incoming_change == "by consultant at 2026-03-03T11:00:00"
    assert title.default == "incoming"  # changed later in the package
    assert found["project#title_zh"].default == "local"
    assert found["risk/dev-verification#owner"].incoming == "Consultant"
    assert found["site/Onshore substation"].incoming is None and found["site/Onshore substation"].default == "local"
    assert found["meter/CHK-9"].local is None and found["meter/CHK-9"].default == "incoming"


def test_merging_keeps_every_row_and_the_newer_field_and_is_idempotent(two_sides, tmp_path):
    ws, other = two_sides
    back = edit_both(ws, other, tmp_path)
    before_id = project_id(ws)
    with pytest.raises(UserError, match="differs from the package"):
        packages.import_package(ws, OWNER, back)
    change, report = packages.import_package(ws, at("owner", 4, 9), back, take="merge")
    assert report.action == "merged" and change is not None
    with ws.reading() as s:
        p = projects.resolve(s, "VN-OFW-01")
        assert (p.id, p.title_en, p.title_zh) == (before_id, "Consultant's title", "业主的标题")
        assert p.version == 3  # both sides at version 2; a form still holding either is refused, not overwriting
        assert {site.name for site in p.sites} >= {"Onshore substation"}
        assert "CHK-9" in serials(s, p.id)
    assert {r.key: r.owner for r in risks.register_of(ws, "VN-OFW-01")}["dev-verification"] == "Consultant"
    assert packages.import_package(ws, OWNER, back, take="merge")[1].action == "unchanged"  # a second import changes nothing
    assert audit.verify(ws).intact


def test_each_difference_is_taken_from_the_side_chosen(two_sides, tmp_path):
    ws, other = two_sides
    back = edit_both(ws, other, tmp_path)
    with pytest.raises(UserError, match="names nothing that differs"):
        packages.import_package(ws, OWNER, back, take="merge", choices={"project#code": "incoming"})
    _, report = packages.import_package(ws, OWNER, back, take="merge",
                                        choices={"project#title_en": "local", "site/Onshore substation": "incoming", "meter": "local"})
    assert report.taken == ["risk/dev-verification#owner", "site/Onshore substation"]
    with ws.reading() as s:
        p = projects.resolve(s, "VN-OFW-01")
        assert p.title_en == "Owner's title"
        assert "Onshore substation" not in {site.name for site in p.sites}  # the package's side: no such site
        assert "CHK-9" not in serials(s, p.id)


def test_taking_the_package_whole_keeps_ids_of_rows_both_sides_hold(two_sides, tmp_path):
    ws, other = two_sides
    back = edit_both(ws, other, tmp_path)
    with ws.reading() as s:
        parties_before = {p.uid: p.id for p in projects.resolve(s, "VN-OFW-01").parties}
    _, report = packages.import_package(ws, OWNER, back, take="incoming")
    assert report.action == "replaced"
    with ws.reading() as s:
        p = projects.resolve(s, "VN-OFW-01")
        assert {x.uid: x.id for x in p.parties} == parties_before
        assert p.title_en == "Consultant's title" and p.title_zh != "业主的标题"
        assert "Onshore substation" not in {site.name for site in p.sites}


def test_a_merge_that_would_hold_a_serial_twice_is_refused_and_changes_nothing(ws, tmp_path):
    actor = verified_wind_period(ws, tmp_path)
    out = packages.export_package(ws, actor, "VN-OFW-01", tmp_path / "verified.ccerpkg")
    other = open_workspace(tmp_path / "other.sqlite")
    packages.import_package(other, actor, out)
    ledger.issue(other, Actor("consultant", date(2026, 2, 2)), "VN-OFW-01", 1, "2026-01-21")
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20")
    back = packages.export_package(other, actor, "VN-OFW-01", tmp_path / "issued-there.ccerpkg")
    other.close()
    before = ledger.ledger(ws, "VN-OFW-01")
    with pytest.raises(UserError, match="would break the unit ledger: .*held twice"):
        packages.import_package(ws, actor, back, take="merge")
    assert ledger.ledger(ws, "VN-OFW-01") == before
    _, report = packages.import_package(ws, actor, back, take="merge", choices={"unit_block": "local", "unit_transaction": "local",
                                                                                  "issuance": "local"})
    assert report.action in ("merged", "unchanged")
    assert sum(x.quantity for x in ledger.ledger(ws, "VN-OFW-01")) == sum(x.quantity for x in before)


def test_a_copy_gets_identities_of_its_own(two_sides, tmp_path):
    ws, _ = two_sides
    out = packages.export_package(ws, OWNER, "VN-OFW-01", tmp_path / "again.ccerpkg")
    packages.import_package(ws, OWNER, out, new_code="VN-OFW-01-B")
    with ws.reading() as s:
        original = {p.uid for p in projects.resolve(s, "VN-OFW-01").parties}
        copy = {p.uid for p in projects.resolve(s, "VN-OFW-01-B").parties}
    assert original and copy and not original & copy



def test_who_changed_what_travels_with_the_project(two_sides, tmp_path):
    """The consultant's copy came from a package: its rows still say who wrote them in the owner's workspace."""
    ws, other = two_sides
    projects.update_project(ws, at("owner", 5, 8), "VN-OFW-01", {"title_zh": "业主的新标题"})
    again = packages.export_package(ws, OWNER, "VN-OFW-01", tmp_path / "again.ccerpkg")
    _, report = packages.import_package(other, OWNER, again, dry_run=True)
    (title,) = [d for d in report.differences if d.ref == "project#title_zh"]
    owner = ws.user or "owner"
    assert title.local_change == f"by {owner} at 2026-01-01T00:00:00"  # written by the owner, carried by the first package
    assert title.incoming_change == f"by {owner} at 2026-03-05T08:00:00" and title.default == "incoming"
