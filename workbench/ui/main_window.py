"""The main window: projects on the left, the selected project's lifecycle on the right."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMainWindow, QSplitter, QTableView, QVBoxLayout, QWidget

from workbench.services import lifecycle, projects
from workbench.services.context import Actor
from workbench.store.workspace import Workspace, open_workspace
from workbench.ui.errors import run_action
from workbench.ui.i18n import Language
from workbench.ui.lifecycle_view import LifecycleView
from workbench.ui.project_list import ProjectTableModel


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, lang: Language | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.workspace = workspace
        self.lang = lang or Language(str(QSettings().value("language", "en")))
        self.model = ProjectTableModel(self.lang)
        self.search = QLineEdit()
        self.search.setObjectName("projectSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh_projects)
        self.table = QTableView()
        self.table.setObjectName("projectTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        self.lifecycle = LifecycleView(self.lang)
        self.lifecycle.move_requested.connect(self.move_to)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.lifecycle)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([460, 740])
        self.setCentralWidget(splitter)
        self._build_menus()
        self.retranslate()
        self.refresh_projects()
        geometry = QSettings().value("mainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 720)

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.open_action = QAction(self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_workspace)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addActions([self.open_action, self.quit_action])
        self.view_menu = self.menuBar().addMenu("")
        self.lang_action = QAction(self)
        self.lang_action.setObjectName("toggleLanguage")
        self.lang_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lang_action.triggered.connect(self.toggle_language)
        self.view_menu.addAction(self.lang_action)

    def retranslate(self) -> None:
        t = self.lang
        self.setWindowTitle(f"{t('app.title')} — {self.workspace.path.name}")
        self.search.setPlaceholderText(t("search"))
        self.file_menu.setTitle(t("menu.file"))
        self.open_action.setText(t("menu.open"))
        self.quit_action.setText(t("menu.quit"))
        self.view_menu.setTitle(t("menu.view"))
        self.lang_action.setText(t("menu.lang"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)

    def toggle_language(self) -> None:
        self.lang.toggle()
        QSettings().setValue("language", self.lang.code)
        self.retranslate()
        self.refresh_projects()

    def selected_project(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.project_id(rows[0].row()) if rows else None

    def refresh_projects(self) -> None:
        keep = self.selected_project()
        self.model.set_rows(projects.list_projects(self.workspace, self.search.text()))
        self.table.resizeColumnsToContents()
        ids = [self.model.project_id(row) for row in range(self.model.rowCount())]
        if ids:  # keep the selection where it still shows, else select the first match
            self.table.selectRow(ids.index(keep) if keep in ids else 0)
        self.show_selected()

    def show_selected(self) -> None:
        pid = self.selected_project()
        view = lifecycle.view_project(self.workspace, pid, Actor().today) if pid is not None else None
        self.lifecycle.show_view(view)

    def move_to(self, target: str, reason: str) -> None:
        pid = self.selected_project()
        if pid is None:
            return
        change = run_action(self, self.lang("error"), lambda: lifecycle.advance(self.workspace, Actor(), pid, target, reason))
        if change is not None:
            self.lifecycle.reason.clear()
            self.refresh_projects()

    def choose_workspace(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.lang("workspace"), str(self.workspace.path.parent), "Workspace (*.sqlite *.db)")
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> None:
        ws = run_action(self, self.lang("error"), lambda: open_workspace(path, create=False))
        if ws is not None:
            self.workspace.close()
            self.workspace = ws
            self.retranslate()
            self.refresh_projects()

    def closeEvent(self, event) -> None:
        QSettings().setValue("mainWindow/geometry", self.saveGeometry())
        super().closeEvent(event)
