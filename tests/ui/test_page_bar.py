"""The thirteen pages fit a 1280-pixel window beside the project list and the navigator: their tabs come in two rows,
the groups of the project's life and the chosen group's pages; going to a page any way shows its group."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.ui.test_main_window import open_window
from workbench.services.demo.projects import create_demo_projects
from workbench.services.support.context import Actor
from workbench.ui.main_window import page_classes
from workbench.ui.page_bar import GROUPS


def test_every_page_is_in_exactly_one_group_and_the_pages_follow_each_other_as_grouped():
    grouped = [name for _key, names in GROUPS for name in names]
    assert grouped == [cls.__name__ for cls in page_classes()]  # Ctrl+Tab goes through a group before the next


def click_tab(qtbot, bar, index: int) -> None:
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_tabs_fit_a_1280_pixel_window_and_follow_the_page_shown(qtbot, ws, lang):
    create_demo_projects(ws, Actor("tester", date(2025, 1, 17)))
    window = open_window(qtbot, ws, lang)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280)
    bar = window.page_bar
    assert not window.tabs.tabBar().isVisible() and bar.groups.isVisible()
    for group in range(len(GROUPS)):
        click_tab(qtbot, bar.groups, group)
        for tabs in (bar.groups, bar.pages):  # every tab drawn whole, none behind a scroll arrow
            last = tabs.tabRect(tabs.count() - 1)
            assert last.right() < tabs.width() and tabs.tabAt(QPoint(last.right() - 2, last.center().y())) == tabs.count() - 1
    click_tab(qtbot, bar.groups, 2)  # Monitoring: its first page
    assert type(window.tabs.currentWidget()).__name__ == "MonitoringPage"
    click_tab(qtbot, bar.pages, 1)  # then Evidence
    assert type(window.tabs.currentWidget()).__name__ == "EvidencePage"
    click_tab(qtbot, bar.groups, 0)
    click_tab(qtbot, bar.groups, 2)  # back to the group: the page last shown in it
    assert type(window.tabs.currentWidget()).__name__ == "EvidencePage"
    window.page("LedgerPage")  # as a navigator task goes there
    assert bar.groups.currentIndex() == 3 and bar.pages.tabText(bar.pages.currentIndex()) == window.tabs.tabText(window.tabs.currentIndex())
    titles = [bar.pages.tabText(i) for i in range(bar.pages.count())]
    window.toggle_language()
    assert [bar.pages.tabText(i) for i in range(bar.pages.count())] != titles and bar.pages.count() == len(titles)


def test_ctrl_tab_goes_through_every_page_in_turn_and_the_bar_follows(qtbot, ws):
    window = open_window(qtbot, ws, "en")
    window.page("RisksPage")  # the last page of the first group
    window.tabs.currentWidget().setFocus()
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert type(window.tabs.currentWidget()).__name__ == "MethodologyPage"  # the first page of the next group
    assert window.page_bar.groups.currentIndex() == 1 and window.page_bar.pages.currentIndex() == 0
