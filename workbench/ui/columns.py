"""Column widths of a table view: as wide as what they hold, and — while the table is empty — its headers spread over
the whole width instead of standing squeezed together at the left. Used by every record table and by the project list
(light enough for the window's first paint)."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView


def fit_columns(view: QTableView) -> None:
    """Each column as wide as its contents (the last stretches to the edge, as the view is set up); an empty view's
    headers share the spare width."""
    if view.model().rowCount() > 0:
        view.resizeColumnsToContents()
        return
    # empty: what a column holds is its header (as resizeColumnsToContents would find, without asking every cell)
    header = view.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    if not shown:
        return
    needs = [header.sectionSizeHint(c) for c in shown]
    # the last column stretches to the edge, so it is only measured; Qt keeps it at least the default section width
    needed = sum(needs[:-1]) + max(needs[-1], header.defaultSectionSize())
    extra = max(0, view.viewport().width() - needed) // len(shown)
    for column, need in zip(shown[:-1], needs[:-1]):
        header.resizeSection(column, need + extra)


class ProjectTable(QTableView):
    """The project list: an empty workspace's headers follow the list's width as the splitter moves."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() and self.model() is not None and self.model().rowCount() == 0:
            fit_columns(self)
