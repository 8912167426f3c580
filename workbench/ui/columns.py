"""Column widths of a table view: as wide as what they hold, and — while the table is empty — its headers spread over
the whole width instead of standing squeezed together at the left. Used by every record table and by the project list
(light enough for the window's first paint)."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView


def fit_columns(view: QTableView) -> None:
    """Each column as wide as its contents (the last stretches to the edge, as the view is set up); an empty view's
    headers share the spare width."""
    view.resizeColumnsToContents()
    model = view.model()
    shown = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    if model.rowCount() > 0 or len(shown) < 2:
        return
    # the last column stretches to the edge, so its width says nothing of what its header needs; Qt keeps it at least
    # the default section width
    header = view.horizontalHeader()
    needed = sum(view.columnWidth(c) for c in shown[:-1]) + max(header.sectionSizeHint(shown[-1]), header.defaultSectionSize())
    spare = view.viewport().width() - needed
    if spare > 0:
        for column in shown[:-1]:
            view.setColumnWidth(column, view.columnWidth(column) + spare // len(shown))


class ProjectTable(QTableView):
    """The project list: an empty workspace's headers follow the list's width as the splitter moves."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            fit_columns(self)
