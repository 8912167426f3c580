"""Wrapped text on the pages at 1280 × 800 once laid out: no label shorter than its lines, and the Overview's next
steps and stages shown whole on the page — they sat in a small scroll area of their own, the second step and the
stages' ends hidden until scrolled there, inside a page that scrolls already."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QWidget

from tests.ui.test_main_window import open_window
from workbench.services.demo.demo import create_demo
from workbench.services.support.context import Actor


def squeezed_labels(page) -> list[str]:
    return [f"{type(page).__name__}: {label.text()[:60]!r} is {label.height()} px tall, its lines need {label.heightForWidth(label.width())}"
            for label in page.findChildren(QLabel)
            if label.isVisible() and label.wordWrap() and label.text() and label.height() < label.heightForWidth(label.width())]


def hidden_next_steps(qtbot, window) -> list[str]:
    """Next steps of the Overview that the page's own scrolling does not bring whole into view, and stages cut short."""
    page = window.page("OverviewPage")
    qtbot.wait(200)
    lifecycle, problems = page.lifecycle, []
    for move in lifecycle.moves_box.findChildren(QWidget):
        if move.objectName().startswith("move-"):
            page.ensureWidgetVisible(move, 0, 0)
            qtbot.wait(20)
            if move.visibleRegion().boundingRect().size() != move.size():
                problems.append(f"{move.objectName()}: {move.visibleRegion().boundingRect().size()} of {move.size()} in view")
    if lifecycle.stages.horizontalScrollBar().maximum() > 0:
        problems.append("the stage list scrolls sideways")
    return problems


def test_no_page_squeezes_or_hides_its_wrapped_text(qtbot, ws, monkeypatch):
    monkeypatch.setenv("WORKBENCH_TODAY", "2026-05-04")
    create_demo(ws, Actor("tester", date(2026, 2, 1)))  # the solar thermal plant past issuance: two long next steps
    problems = []
    for lang in ("en", "zh"):
        window = open_window(qtbot, ws, lang)
        window.resize(1280, 800)
        window.select_project("VN-CSP-01")
        problems += hidden_next_steps(qtbot, window)
        for code in ("VN-CSP-01", "GX-AR-01"):
            window.select_project(code)
            for page in window.pages:
                window.page(type(page).__name__)
                qtbot.wait(200)  # the page takes its height over the next turns of the event loop
                problems += squeezed_labels(page)
        window.close()
    assert problems == []
