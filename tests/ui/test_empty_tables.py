"""An empty table spreads its headers over its whole width, each shown whole, instead of squeezing them together at
the left; once it has rows, its columns take the width of what they hold."""

from __future__ import annotations

from datetime import date

import pytest

from tests.ui.test_main_window import open_window
from workbench.services.projects import projects
from workbench.services.support.context import Actor
from workbench.ui.forms import RecordTable

ON = Actor("tester", date(2026, 2, 1))


def squeezed(table: RecordTable) -> list[str]:
    """What is wrong with an empty table's headers when there is room for them all: a header cut short, or the
    headers bunched at the left (a table too narrow for its headers scrolls sideways instead)."""
    header, name = table.horizontalHeader(), table.objectName()
    shown = [c for c in range(table.columnCount()) if not table.isColumnHidden(c)]
    if sum(header.sectionSizeHint(c) for c in shown) >= table.viewport().width():
        return []
    texts = [table.horizontalHeaderItem(c).text() for c in shown]
    needs = [header.fontMetrics().horizontalAdvance(text) for text in texts]
    problems = [f"{name}: column {text!r} is {table.columnWidth(c)} px, its words need {need}"
                for c, text, need in zip(shown, texts, needs) if table.columnWidth(c) < need]
    if header.length() < table.viewport().width() - 1 or table.horizontalScrollBar().isVisible():
        problems.append(f"{name}: headers span {header.length()} of {table.viewport().width()} px")
    if len(texts) > 1 and table.columnWidth(shown[0]) < table.viewport().width() // (2 * len(texts)):
        problems.append(f"{name}: its first column is bunched up ({table.columnWidth(shown[0])} px)")
    return problems


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_empty_tables_of_a_new_project_spread_their_headers(qtbot, ws, lang):
    projects.create_project(ws, ON, {"code": "NEW-1", "title_en": "Just set up", "programme": "ccer", "host_country": "CN", "sector": "energy"})
    window = open_window(qtbot, ws, lang)
    window.resize(1280, 800)
    found, problems = 0, []
    for page in window.pages:
        window.page(type(page).__name__)
        qtbot.waitUntil(lambda: page.isVisible())
        qtbot.wait(20)  # the scroll bars follow the columns' widths at the next turn of the event loop
        for table in page.findChildren(RecordTable):
            if table.isVisible() and table.rowCount() == 0 and table.width() > 0:
                found += 1
                problems += squeezed(table)
    assert found >= 5 and problems == []
    table = window.page("PartiesPage").parties
    table.show_rows([["Golmud Solar Co.", "Project owner", "Chinese", "China", ""]])
    header = table.horizontalHeader()  # as wide as its contents again
    assert [table.columnWidth(c) for c in range(2)] == [max(table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(2)]


def test_the_project_list_of_an_empty_workspace_spreads_its_headers(qtbot, ws):
    window = open_window(qtbot, ws, "zh")
    window.resize(1280, 800)
    qtbot.wait(50)
    table = window.table
    widths = [table.columnWidth(c) for c in range(window.model.columnCount())]
    assert window.model.rowCount() == 0 and min(widths) > table.viewport().width() // (2 * len(widths))
    assert table.horizontalHeader().length() >= table.viewport().width() - 1 and not table.horizontalScrollBar().isVisible()
    window.splitter.setSizes([500, 280, 500])  # wider: the headers follow
    qtbot.wait(50)
    assert table.columnWidth(0) > widths[0]
