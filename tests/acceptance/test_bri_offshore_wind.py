"""The one end-to-end acceptance path (CONTRACTS.md §7), through the CLI and through the GUI.

A BRI offshore-wind project in Viet Nam with a Chinese owner, a Vietnamese co-developer and a Swedish
third-party investor, from set-up to retirement. Every capability grows its step here.
"""

from __future__ import annotations

import pytest

from tests.cli_helpers import run_cli

CODE = "VN-ACC-01"


class Path:
    """Runs the scenario's commands against one workspace with the date pinned per step."""

    def __init__(self, capsys, monkeypatch, db):
        self.capsys, self.monkeypatch, self.db = capsys, monkeypatch, db

    def on(self, day: str) -> Path:
        self.monkeypatch.setenv("WORKBENCH_TODAY", day)
        return self

    def ok(self, *args):
        result = run_cli(self.capsys, *args, "--db", self.db, "--format", "json")
        assert result.code == 0, result.err
        return result.json()

    def refused(self, *args) -> str:
        result = run_cli(self.capsys, *args, "--db", self.db)
        assert result.code == 2, result.out
        assert "Traceback" not in result.err and result.err.count("\n") == 1
        return result.err


def set_up_project(path: Path) -> None:
    path.on("2025-01-06").ok(
        "project", "create", "--code", CODE, "--programme", "bri", "--host-country", "VN", "--sector", "energy",
        "--title-en", "Ke Ga Offshore Wind Farm Phase I", "--title-zh", "嘉嘎海上风电一期项目",
        "--methodology", "CCER-01-002", "--methodology-version", "V01",
        "--agreement", "China–Viet Nam BRI voluntary emission reduction cooperation agreement",
        "--construction-start", "2023-06-01", "--operation-start", "2025-01-01", "--lifetime", "25",
        "--crediting-start", "2025-01-01", "--crediting-end", "2034-12-31",
    )
    parties = [
        ("name_en=Huaxia Offshore Energy Co., Ltd.", "name_zh=华夏海上能源有限公司", "role=project_owner",
         "nationality=chinese", "country=CN", "participation_form=greenfield"),
        ("name_en=Ke Ga Wind Power JSC", "role=co_developer", "nationality=host", "country=VN"),
        ("name_en=Nordic Climate Investment AB", "role=investor", "nationality=third_party", "country=SE"),
    ]
    for fields in parties:
        path.ok("party", "add", CODE, *[a for f in fields for a in ("--set", f)])
    path.ok("site", "add", CODE, "--set", "name=WTG array", "--set", "latitude=10.712345", "--set", "longitude=108.521234",
            "--set", "distance_to_shore_km=35.2", "--set", "water_depth_m=31.5")


@pytest.fixture
def scenario(capsys, monkeypatch, tmp_path):
    return Path(capsys, monkeypatch, tmp_path / "acceptance.sqlite")


def test_bri_offshore_wind_path_through_the_cli(scenario):
    set_up_project(scenario)
    shown = scenario.ok("project", "show", CODE)
    assert {p["nationality"] for p in shown["parties"]} == {"chinese", "host", "third_party"}

    # PDD published on Friday 2025-01-17. A BRI period counts days that are working days in both China and
    # Viet Nam: Jan 20-24 (5); Jan 26 is a Chinese make-up Sunday but a Vietnamese weekend; Jan 27 - Feb 4 is
    # Tet or Spring Festival in one country or the other; Feb 5-7 (8); Feb 8 is a Chinese make-up Saturday
    # only; Feb 10-14 (13), Feb 17-21 (18), Feb 24-25 (20): the period ends 2025-02-25.
    scenario.on("2025-01-17").ok("stage", "advance", CODE, "pdd_publicity", "--reason", "PDD v1.0 published")
    err = scenario.on("2025-02-25").refused("stage", "advance", CODE, "validation")
    assert "ends 2025-02-25" in err
    reasons = scenario.ok("project", "show", CODE)["next"]
    assert any("2025-02-25" in r["en"] for m in reasons for r in m["reasons"])


def test_bri_offshore_wind_path_through_the_gui(qtbot, monkeypatch, tmp_path, capsys):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QPushButton

    from workbench.store.workspace import open_workspace
    from workbench.ui.i18n import Language
    from workbench.ui.main_window import MainWindow

    path = Path(capsys, monkeypatch, tmp_path / "gui.sqlite")
    set_up_project(path)
    path.on("2025-01-17")
    window = MainWindow(open_workspace(path.db), Language("en"))
    qtbot.addWidget(window)
    window.show()
    assert CODE in window.lifecycle.title.text()
    qtbot.mouseClick(window.lifecycle.findChild(QPushButton, "moveButton-pdd_publicity"), Qt.MouseButton.LeftButton)
    blocked = [lbl.text() for lbl in window.lifecycle.findChildren(QLabel, "blockReason")]
    assert any("ends 2025-02-25" in text for text in blocked)
    window.workspace.close()
