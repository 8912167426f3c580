"""The list of projects in a workspace, searchable."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from workbench.domain.project import Programme
from workbench.domain.stages import Stage
from workbench.reference.countries import by_code
from workbench.services.projects.projects import ProjectSummary
from workbench.ui.i18n import Language

COLUMNS = ("ui.col.code", "ui.col.title", "ui.col.programme", "ui.col.host", "ui.col.stage")


class ProjectTableModel(QAbstractTableModel):
    def __init__(self, lang: Language) -> None:
        super().__init__()
        self.lang = lang
        self.rows: list[ProjectSummary] = []

    def set_rows(self, rows: list[ProjectSummary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.lang(COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        r = self.rows[index.row()]
        title = (r.title_zh or r.title_en) if self.lang.code == "zh" else (r.title_en or r.title_zh)
        country = by_code(r.host_country)
        host = self.lang.pick(country.name) if country else r.host_country
        values = (r.code, title, self.lang.pick(Programme(r.programme)), host, self.lang.pick(Stage(r.stage)))
        return values[index.column()]

    def project_id(self, row: int) -> int:
        return self.rows[row].id
