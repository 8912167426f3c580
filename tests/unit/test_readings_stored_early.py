"""Readings stored while their file is read (``reading_writer``) end as the usual path would leave them: the same
rows, the same report, the same refusals — on both back ends, for files of every shape (hypothesis, bounded, over
a sequence of imports into two workspaces, one with the early writer and one without)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.cli_helpers import file_digest
from workbench.domain.errors import UserError
from workbench.services.monitoring import imports, meters, monitoring_import
from workbench.services.monitoring.monitoring_import import READINGS
from workbench.services.projects.projects import create_project
from workbench.services.support import csv_blocks
from workbench.services.support.context import Actor
from workbench.store.models_monitoring import ReadingRow
from workbench.store.workspace import open_workspace

ON = Actor("tester", date(2026, 2, 1))
USUAL = replace(READINGS, early=None)  # the same importer without the early writer: the reference


def _project(ws) -> None:
    create_project(ws, ON, {"code": "W", "title_en": "Wind", "programme": "ccer", "host_country": "CN", "sector": "energy",
                            "methodology_id": "CCER-01-002"})
    for serial in ("EXP-1", "EXP-2"):
        meters.add_meter(ws, ON, "W", {"serial": serial, "role": "export", "accuracy_class": "0.2"})


@pytest.fixture
def wind(ws):
    _project(ws)
    return ws


def _stored(ws) -> list[tuple]:
    with ws.reading() as s:
        return sorted((r.meter_id, r.start, r.minutes, r.wh) for r in s.scalars(select(ReadingRow)))


def _quarters(path, first: int, count: int, meter: str = "EXP-1", value=lambda i: f"{i}.5"):
    path.write_text("meter,start,minutes,kwh\n" + "".join(
        f"{meter},2025-01-{1 + (first + i) // 96:02d} {(first + i) % 96 // 4:02d}:{(first + i) % 4 * 15:02d},15,{value(i)}\n"
        for i in range(count)), encoding="utf-8")
    return path


@pytest.fixture
def small_blocks(monkeypatch):
    """Blocks of about 40 rows: a file of a few hundred readings goes to the writer in many blocks."""
    monkeypatch.setattr(csv_blocks, "BLOCK_CHARS", 1500)


def _spy(monkeypatch) -> list[bool]:
    """Whether each parse's readings ended stored early."""
    seen: list[bool] = []
    parse = monitoring_import.parse_readings

    def spying(*args, **kwargs):
        parsed, errors = parse(*args, **kwargs)
        seen.append(parsed.stored_early)
        return parsed, errors

    monkeypatch.setattr(monitoring_import, "parse_readings", spying)
    return seen


def test_a_plain_file_is_stored_while_it_is_read_and_ends_as_the_usual_path_leaves_it(wind, tmp_path, small_blocks, monkeypatch):
    seen = _spy(monkeypatch)
    _, report = monitoring_import.import_readings(wind, ON, "W", _quarters(tmp_path / "a.csv", 0, 500))
    assert seen == [True]
    assert (report.new, report.unchanged, report.meters) == (500, 0, {"EXP-1": 500})
    assert [(m, wh) for _, _, m, wh in _stored(wind)] == [(15, i * 1000 + 500) for i in range(500)]
    assert [t for t in threading.enumerate() if t.name == "readings-writer"] == []


def test_the_same_file_again_is_compared_not_stored_twice(wind, tmp_path, small_blocks, monkeypatch):
    path = _quarters(tmp_path / "a.csv", 0, 300)
    monitoring_import.import_readings(wind, ON, "W", path)
    before = _stored(wind)
    seen = _spy(monkeypatch)
    _, report = monitoring_import.import_readings(wind, ON, "W", path)
    assert seen == [False]
    assert (report.new, report.unchanged) == (0, 300)
    assert _stored(wind) == before


def test_a_file_overlapping_stored_readings_late_adds_its_new_ones_only(wind, tmp_path, small_blocks, monkeypatch):
    """The clash comes in a late block, after earlier blocks were stored: they are rolled back and the file is
    compared as usual."""
    monitoring_import.import_readings(wind, ON, "W", _quarters(tmp_path / "a.csv", 400, 50, value=lambda i: f"{400 + i}.5"))
    seen = _spy(monkeypatch)
    _, report = monitoring_import.import_readings(wind, ON, "W", _quarters(tmp_path / "b.csv", 0, 450))
    assert seen == [False]
    assert (report.new, report.unchanged) == (400, 50)
    assert [wh for *_, wh in _stored(wind)] == [i * 1000 + 500 for i in range(450)]


def test_a_differing_stored_value_in_a_late_block_refuses_the_file_and_nothing_is_stored(wind, tmp_path, small_blocks):
    monitoring_import.import_readings(wind, ON, "W", _quarters(tmp_path / "a.csv", 400, 1, value=lambda i: "9"))
    before = file_digest(wind)
    with pytest.raises(UserError) as refused:
        monitoring_import.import_readings(wind, ON, "W", _quarters(tmp_path / "b.csv", 0, 450))
    assert "already holds 9000 Wh; the file says 400,500 Wh" in str(refused.value)
    assert file_digest(wind) == before


def test_a_reading_twice_in_the_file_refuses_it_and_nothing_is_stored(wind, tmp_path, small_blocks):
    path = _quarters(tmp_path / "a.csv", 0, 300)
    path.write_text(path.read_text(encoding="utf-8") + "EXP-1,2025-01-01 00:15,15,2\n", encoding="utf-8")
    before = file_digest(wind)
    with pytest.raises(UserError) as refused:
        monitoring_import.import_readings(wind, ON, "W", path)
    assert "row 302" in str(refused.value)
    assert file_digest(wind) == before


def test_a_late_block_read_row_by_row_sends_the_whole_file_the_usual_way(wind, tmp_path, small_blocks, monkeypatch):
    path = _quarters(tmp_path / "a.csv", 0, 300)
    path.write_text(path.read_text(encoding="utf-8") + "EXP-1,2025/1/5 0:15,15,\"1,234.5\"\n", encoding="utf-8")
    seen = _spy(monkeypatch)
    _, report = monitoring_import.import_readings(wind, ON, "W", path)
    assert seen == [False] and report.new == 301
    assert _stored(wind)[-1][1:] == (datetime(2025, 1, 5, 0, 15), 15, 1234500)


def test_a_bad_row_late_in_the_file_refuses_it_and_nothing_is_stored(wind, tmp_path, small_blocks):
    path = _quarters(tmp_path / "a.csv", 0, 300)
    path.write_text(path.read_text(encoding="utf-8") + "EXP-1,2025-01-05 00:15,15,lots\n", encoding="utf-8")
    before = file_digest(wind)
    with pytest.raises(UserError) as refused:
        monitoring_import.import_readings(wind, ON, "W", path)
    assert "row 302" in str(refused.value) and "'lots'" in str(refused.value)
    assert file_digest(wind) == before


def test_a_meter_the_project_lacks_is_named_and_nothing_is_stored(wind, tmp_path, small_blocks):
    path = _quarters(tmp_path / "a.csv", 0, 200)
    _quarters(tmp_path / "b.csv", 200, 100, meter="EXP-9")
    path.write_text(path.read_text(encoding="utf-8") + (tmp_path / "b.csv").read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    before = file_digest(wind)
    with pytest.raises(UserError) as refused:
        monitoring_import.import_readings(wind, ON, "W", path)
    assert "EXP-9" in str(refused.value)
    assert file_digest(wind) == before


def test_an_exception_while_reading_rolls_back_what_was_stored_early_and_ends_the_writer(wind, tmp_path, small_blocks, monkeypatch):
    """A fault (or a stop) after some blocks were stored: the writer ends, and the action writes nothing."""
    path = _quarters(tmp_path / "a.csv", 0, 400)
    blocks = csv_blocks.CsvFile.blocks

    def failing(self, first, rows):
        for number, block in enumerate(blocks(self, first, rows)):
            if number == 5:
                raise KeyboardInterrupt
            yield block

    monkeypatch.setattr(csv_blocks.CsvFile, "blocks", failing)
    before = file_digest(wind)
    with pytest.raises(KeyboardInterrupt):
        monitoring_import.import_readings(wind, ON, "W", path)
    assert file_digest(wind) == before
    assert [t for t in threading.enumerate() if t.name == "readings-writer"] == []


def test_a_dry_run_stores_nothing_early(wind, tmp_path, small_blocks, monkeypatch):
    seen = _spy(monkeypatch)
    before = file_digest(wind)
    _, report = monitoring_import.import_readings(wind, ON, "W", _quarters(tmp_path / "a.csv", 0, 300), dry_run=True)
    assert seen == [False] and report.new == 300
    assert file_digest(wind) == before


rows = st.lists(st.tuples(st.sampled_from(["EXP-1", "EXP-2", "EXP-1", "EXP-9"]), st.integers(0, 40),
                          st.sampled_from(["15", "15", "15", "60", "20"]), st.sampled_from(["1", "2.5", "3.125", "x", "1,000"])),
                min_size=1, max_size=60)


def _cell(text: str) -> str:
    return f'"{text}"' if "," in text else text


def _outcome(ws, path, importer) -> tuple:
    try:
        _, report = imports.run(importer, ws, ON, "W", path)
    except UserError as refused:
        return "refused", str(refused), _stored(ws)
    return report.new, report.unchanged, report.meters, _stored(ws)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(rows, min_size=1, max_size=4), st.integers(min_value=30, max_value=400))
def test_imports_end_the_same_with_and_without_the_early_writer(tmp_path_factory, files, block_chars):
    """A run of imports (each file may overlap, repeat or contradict what the earlier ones stored) into two
    workspaces: one storing early, one the usual way, with the same outcome at every step."""
    folder = tmp_path_factory.mktemp("early")
    early, usual = open_workspace(folder / "early.sqlite"), open_workspace(folder / "usual.sqlite")
    saved, csv_blocks.BLOCK_CHARS = csv_blocks.BLOCK_CHARS, block_chars
    try:
        _project(early), _project(usual)
        for number, body in enumerate(files):
            path = folder / f"{number}.csv"
            path.write_text("meter,start,minutes,kwh\n" + "".join(
                f"{m},2025-01-01 {q // 4:02d}:{q % 4 * 15:02d},{n},{_cell(e)}\n" for m, q, n, e in body),
                encoding="utf-8")
            assert _outcome(early, path, READINGS) == _outcome(usual, path, USUAL)
    finally:
        csv_blocks.BLOCK_CHARS = saved
        early.close(), usual.close()
