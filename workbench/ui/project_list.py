"""The list of projects in a workspace, searchable."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel

from workbench.domain.project import Programme
from workbench.domain.stages import Stage
from workbench.reference.countries import by_code
from workbench.services.projects.listing import ProjectSummary
from workbench.ui.i18n import Language

COLUMNS = ("ui.col.code", "ui.col.title", "ui.col.programme", "ui.col.host", "ui.col.stage")


class ProjectTableModel(QStandardItemModel):
    """The rows as text cells in the GUI's language (a model Qt draws without calling back into Python, so the
    window's first paint needs none of Qt's enum types — creating the ``Qt`` namespace costs ~0.1 s)."""

    def __init__(self, lang: Language) -> None:
        super().__init__(0, len(COLUMNS))
        self.lang = lang
        self.rows: list[ProjectSummary] = []

    def set_rows(self, rows: list[ProjectSummary]) -> None:
        """Show ``rows`` in the current language (a reset, as the selection model expects: no row is "deselected")."""
        self.clear()
        self.rows = rows
        self.retranslate()
        for r in rows:
            self.appendRow([self._cell(value) for value in self.values(r)])

    def retranslate(self) -> None:
        """The column titles in the current language (the cells follow at the next ``set_rows``)."""
        self.setHorizontalHeaderLabels([self.lang(c) for c in COLUMNS])

    def values(self, r: ProjectSummary) -> tuple[str, ...]:
        title = (r.title_zh or r.title_en) if self.lang.code == "zh" else (r.title_en or r.title_zh)
        country = by_code(r.host_country)
        host = self.lang.pick(country.name) if country else r.host_country
        return r.code, title, self.lang.pick(Programme(r.programme)), host, self.lang.pick(Stage(r.stage))

    @staticmethod
    def _cell(text: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setToolTip(text)  # a long title is cut in its column
        item.setEditable(False)
        return item

    def project_id(self, row: int) -> int:
        return self.rows[row].id
