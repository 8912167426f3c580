"""Deadlines from the stage history with the real Chinese calendar, provisional beyond its data, and ICS."""

from __future__ import annotations

from datetime import date

from tests.cli_helpers import run_cli
from workbench.services.projects import deadlines, lifecycle
from workbench.services.validation import validation
from workbench.services.support.context import Actor
from workbench.services.demo.projects import create_demo_projects
from workbench.services.support.working_calendar import ChinaCalendar


def test_the_real_chinese_calendar_counts_spring_festival_and_make_up_days():
    cal = ChinaCalendar()
    # 2025: holiday Jan 28 - Feb 4; make-up workdays Sun Jan 26 and Sat Feb 8 (State Council notice, Nov 2024)
    assert cal.is_workday(date(2025, 1, 26)) and cal.is_workday(date(2025, 2, 8))
    assert not cal.is_workday(date(2025, 1, 29))
    # from Fri Jan 17: Jan 20-24 (5), Jan 26 (6), Jan 27 (7), Feb 5-7 (10), Feb 8 (11), Feb 10-14 (16), Feb 17-20 (20)
    assert cal.add_workdays(date(2025, 1, 17), 20) == date(2025, 2, 20)
    assert cal.provisional_after == date(2026, 12, 31)


def test_ccer_deadlines_with_status_and_provisional_marks(ws, tmp_path, capsys):
    actor = Actor("tester", date(2026, 12, 10))
    create_demo_projects(ws, actor)
    lifecycle.advance(ws, actor, "GX-AR-01", "pdd_publicity")
    vvb = validation.add_vvb(ws, actor, {"name_en": "VVB One"}).result["id"]
    validation.engage(ws, actor, "GX-AR-01", vvb, "validation", "A, B")
    items = {i.key.split("-")[0]: i for i in deadlines.deadlines(ws, "GX-AR-01", date(2027, 1, 12))}
    publicity = items["pdd"]
    # 20 working days from Thu 2026-12-10: Dec 11 … Dec 31 are 15; 2027 counts weekends only (provisional):
    # Jan 1 (Fri, a weekday when no holiday data exists) 16, Jan 4-7 → 20: due 2027-01-07, overdue on Jan 12
    assert (publicity.due, publicity.provisional, publicity.status) == (date(2027, 1, 7), True, "overdue")
    assert items["validation"].due == date(2027, 3, 19) and items["validation"].status == "upcoming"  # 100 days from Dec 10
    ics = deadlines.export_ics(list(items.values()), "GX-AR-01", tmp_path / "d.ics", __import__("datetime").datetime(2027, 1, 12, 8, 0))
    text = ics.read_bytes().decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20270107\r\n" in text and "UID:GX-AR-01-pdd-publicity-2026-12-10@ccer-workbench" in text
    assert "(provisional)" in text


def test_deadlines_cli(ws, capsys, monkeypatch):
    actor = Actor("tester", date(2025, 1, 17))
    create_demo_projects(ws, actor)
    lifecycle.advance(ws, actor, "VN-OFW-01", "pdd_publicity")
    ws.close()
    monkeypatch.setenv("WORKBENCH_TODAY", "2025-02-21")
    result = run_cli(capsys, "deadlines", "VN-OFW-01", "--db", ws.address, "--format", "json")
    assert result.code == 0
    (item,) = result.json()
    assert item["due"] == "2025-02-25" and item["status"] == "due-soon"


def test_each_period_must_be_applied_for_within_five_years_of_its_start(ws):
    from workbench.services.monitoring import periods

    actor = Actor("tester", date(2025, 3, 3))
    create_demo_projects(ws, actor)
    periods.add_period(ws, actor, "VN-OFW-01", "2025-01-01", "2025-12-31")
    items = {i.key: i for i in deadlines.deadlines(ws, "VN-OFW-01", date(2029, 12, 30))}
    window = items["apply-period-1"]
    assert (window.due, window.status, window.provisional) == (date(2030, 1, 1), "due-soon", False)
    assert "Apply for issuance of accounting period 1" in window.title.en
