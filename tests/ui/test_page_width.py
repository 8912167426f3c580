"""Found in the X-window trial: a condition's title in a group box and a row of seven block actions made pages wider
than the window, so their right edge (an Attach button, a grid picker) went off screen. Every page of the demo fits a
1280 × 800 window in either language."""

from __future__ import annotations

from datetime import date

import pytest

from tests.ui.test_main_window import open_window
from workbench.services.demo.projects import create_demo_projects
from workbench.services.support.context import Actor


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_fits_the_window_without_scrolling_sideways(qtbot, ws, lang):
    create_demo_projects(ws, Actor("tester", date(2025, 1, 17)))
    window = open_window(qtbot, ws, lang)
    window.resize(1280, 800)
    too_wide = []
    for code in ("VN-OFW-01", "GX-AR-01", "VN-CSP-01"):
        window.select_project(code)
        for page in window.pages:
            window.page(type(page).__name__)
            qtbot.waitUntil(lambda: True)
            if page.widget().minimumSizeHint().width() > page.viewport().width():
                too_wide.append(f"{code} {type(page).__name__}: {page.widget().minimumSizeHint().width()} > {page.viewport().width()}")
    assert too_wide == []
