"""The main window: projects on the left, the selected project's pages on the right.

It paints before the workspace is open (``ui.startup``): the shell — menus, the project list, the search — needs
neither SQLAlchemy nor the services, which are imported where they are first used. ``attach`` then brings in the
workspace, the navigator and the pages; each page is built when it is first shown.
"""

from __future__ import annotations

import gc
import importlib
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QMainWindow, QMenu, QPushButton, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget

from workbench.domain.errors import UserError
from workbench.domain.text import Text
from workbench.services.projects.listing import ProjectSummary, matching
from workbench.store.address import is_database_url, place_name
from workbench.store.damage import DamagedWorkspace
from workbench.ui import desktop
from workbench.ui.columns import ProjectTable, fit_columns
from workbench.ui.ops import Changed, Op
from workbench.ui.page_bar import PageBar
from workbench.ui.progress import ProgressStrip
from workbench.ui.i18n import Language, startup_language
from workbench.ui.pages.base import Page, PageContext
from workbench.ui.project_list import ProjectTableModel

if TYPE_CHECKING:
    from workbench.store.workspace import Workspace


# Every page, listed by module name so renaming a file cannot silently drop one; each page's ``order`` places it.
# They are imported when the window gets its workspace (by ``ui.startup`` on its worker thread, before that).
PAGE_MODULES = ("boundary", "calendar", "documents", "evidence", "ledger", "methodology", "monitoring", "overview", "parties", "pdd",
                "reference", "risks", "validation")


def page_classes() -> list[type[Page]]:
    modules = [importlib.import_module(f"workbench.ui.pages.{name}") for name in PAGE_MODULES]
    return sorted((m.PAGE for m in modules), key=lambda p: p.order)


RECENT = 8
PROJECT_LIST = frozenset({"project", "stage_event", "stage"})  # what the project list shows: codes, titles, stages


def recent_places() -> list[str]:
    """Workspaces opened lately, newest first: files, and team databases by their address without password."""
    value = QSettings().value("recentWorkspaces", [])
    return [str(v) for v in ([value] if isinstance(value, str) else value or [])]


def remember(ws: Workspace) -> None:
    place = ws.location
    QSettings().setValue("recentWorkspaces", [place, *(p for p in recent_places() if p != place)][:RECENT])
    if ws.path is None:
        QSettings().setValue("teamDatabase", place)


class MainWindow(QMainWindow):
    """The window on ``workspace``; with None, the shell only, showing the projects ``show_listed`` is given until
    ``attach`` brings the workspace (``ui.startup``)."""

    def __init__(self, workspace: Workspace | None, lang: Language | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.lang = lang or startup_language()
        self.ctx = PageContext(None, self.lang, self)
        self.place_name = ""  # what is being opened, for the title while there is no workspace yet
        self.listed: list[ProjectSummary] = []  # the projects shown before the workspace is open
        self.warmed = False  # the modules the pages load at their first show are loaded (``opening.warm_up``)
        self.ctx.runner.changed.connect(self.on_changed)
        self.ctx.damaged.connect(self.offer_backups)
        self.progress = ProgressStrip(self.ctx)
        self.statusBar().addPermanentWidget(self.progress)
        self.model = ProjectTableModel(self.lang)
        self.search = QLineEdit()
        self.search.setObjectName("projectSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh_projects)
        self.table = ProjectTable()
        self.table.setObjectName("projectTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.selecting = False  # the list selects a row itself (``refresh_projects``): the pages refresh once, after
        self.table.selectionModel().selectionChanged.connect(lambda *_: None if self.selecting else self.show_selected())
        self.new_project = QPushButton()  # the new-project wizard (also Ctrl+N, and the navigator when no project is there)
        self.new_project.setObjectName("newProjectButton")
        self.new_project.clicked.connect(self.start_new_project)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("pageTabs")
        self.page_bar = PageBar(self.tabs, self.lang)  # the tabs in two rows: groups, then the group's pages
        self.page_bar.hide()  # until the workspace brings the pages
        self.page_classes: list[type[Page]] = []
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table, 2)
        left_layout.addWidget(self.new_project)
        self.splitter = QSplitter()  # side by side (Qt's enums are not created before the first paint: ProjectTableModel)
        self.opening_note = QLabel()  # in the navigator's place while the workspace opens
        self.opening_note.setObjectName("openingNote")
        self.opening_note.setWordWrap(True)
        opening = QWidget()
        opening_layout = QVBoxLayout(opening)
        opening_layout.addWidget(self.opening_note)
        opening_layout.addStretch(1)
        pages = QWidget()
        pages_layout = QVBoxLayout(pages)
        pages_layout.setContentsMargins(0, 0, 0, 0)
        pages_layout.setSpacing(0)
        pages_layout.addWidget(self.page_bar)
        pages_layout.addWidget(self.tabs)
        self.splitter.addWidget(left)
        self.splitter.addWidget(opening)
        self.splitter.addWidget(pages)
        self.splitter.setStretchFactor(2, 1)
        self.setCentralWidget(self.splitter)
        self._build_menus()
        self.needs_workspace = [self.new_project, self.open_action, self.team_action, self.export_action, self.import_action, self.backup_action,
                                self.demo_action, self.recent_menu, self.desktop.new_project, self.desktop.import_readings,
                                self.desktop.render_document]  # the recent places too: another file opens once this one has
        desktop.place(self)
        state = QSettings().value("mainWindow/splitter")
        restored = state is not None and self.splitter.restoreState(state)
        if not restored or min(self.splitter.sizes()) == 0:  # none saved, or saved by a version with fewer columns
            self.splitter.setSizes([380, 280, 860])
        if workspace is None:
            for control in self.needs_workspace:
                control.setEnabled(False)
            self.retranslate()
        else:
            self.attach(workspace)

    def show_listed(self, place_name: str, rows: list[ProjectSummary]) -> None:
        """Before the workspace is open: its name in the title and the projects read straight from its file."""
        self.place_name, self.listed = place_name, rows
        self.retranslate()
        self.refresh_projects()

    def attach(self, workspace: Workspace) -> None:
        """The window's workspace from now on: the navigator and the pages' tabs come in, the selected project is
        shown. A page is built when first shown (``page_at``)."""
        from workbench.ui.fix_targets import go_to_fix
        from workbench.ui.navigator import Navigator

        self.ctx.workspace = workspace
        self.navigator = Navigator(self.ctx)
        self.navigator.fix_requested.connect(lambda fix: go_to_fix(self, fix))
        self.navigator.new_project.clicked.connect(self.start_new_project)
        self.splitter.replaceWidget(1, self.navigator).deleteLater()
        self.page_classes = page_classes()
        for _cls in self.page_classes:
            self.tabs.addTab(QWidget(), "")  # stands in for the page until it is first shown
        self.tabs.currentChanged.connect(self.page_at)
        self.page_bar.show()
        for control in self.needs_workspace:
            control.setEnabled(True)
        remember(workspace)
        self.retranslate()
        self.refresh_projects()
        self.page_at(self.tabs.currentIndex())  # after the selection: a page in view shows its project once
        # What start-up built (Qt wrappers, SQLAlchemy, reference tables) lives as long as the window: keep it out of
        # the garbage collector's full scans, which otherwise pause the window for ~0.1 s in the middle of work.
        gc.freeze()

    @property
    def workspace(self) -> Workspace | None:
        """The open workspace; None while the window is still opening it."""
        return self.ctx.workspace

    def page_at(self, index: int) -> Page:
        """The page of tab ``index``, built now if it has not been shown before."""
        found = self.tabs.widget(index)
        if isinstance(found, Page):
            return found
        page = self.page_classes[index](self.ctx)
        page.setObjectName(f"page-{type(page).__name__}")
        self._allow_edits(page)
        current = self.tabs.currentIndex()
        blocked = self.tabs.blockSignals(True)  # the swap is not the user changing tabs
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, page, self.lang.pick(page.title).replace("&", "&&"))
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(blocked)
        found.deleteLater()
        return page

    @property
    def pages(self) -> list[Page]:
        """Every page in tab order, each built now if it was not yet (for going through them all; the window
        itself touches only the pages built so far, ``built_pages``)."""
        return [self.page_at(i) for i in range(self.tabs.count())]

    def built_pages(self) -> list[Page]:
        return [w for w in (self.tabs.widget(i) for i in range(self.tabs.count())) if isinstance(w, Page)]

    def _allow_edits(self, widget: QWidget) -> bool:
        """A reviewer, or a file this program may not write, shows every form of ``widget`` but can submit none;
        True when read only."""
        from workbench.ui.forms import SpecForm
        from workbench.ui.wizards import WizardButton

        read_only = self.workspace.role == "reviewer" or self.workspace.read_only
        for form in [*widget.findChildren(SpecForm), *widget.findChildren(WizardButton)]:
            form.setEnabled(not read_only)
        return read_only

    @property
    def lifecycle(self):
        """The Overview's lifecycle view (going to the Overview)."""
        return self.page("OverviewPage").lifecycle

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.open_action = QAction(self)
        desktop.bind_keys(self.open_action, QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_workspace)
        self.quit_action = QAction(self)
        desktop.bind_keys(self.quit_action, QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.team_action = QAction(self)
        self.team_action.setObjectName("connectTeam")
        self.team_action.triggered.connect(lambda: self.connect_team())
        self.recent_menu = QMenu(self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self.font_action = QAction(self)
        self.font_action.setObjectName("chooseFont")
        self.font_action.triggered.connect(self.choose_font)
        self.export_action = QAction(self)
        self.export_action.setObjectName("exportPackage")
        self.export_action.triggered.connect(self.choose_package_out)
        self.import_action = QAction(self)
        self.import_action.setObjectName("importPackage")
        self.import_action.triggered.connect(self.choose_package_in)
        self.backup_action = QAction(self)
        self.backup_action.setObjectName("backups")
        self.backup_action.triggered.connect(self.show_backups)
        self.demo_action = QAction(self)
        self.demo_action.setObjectName("addDemo")
        self.demo_action.triggered.connect(self.add_demo)
        self.file_menu.addActions([self.open_action, self.team_action, self.export_action, self.import_action, self.backup_action,
                                       self.demo_action])
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addActions([self.font_action, self.quit_action])
        self.edit_menu = self.menuBar().addMenu("")
        group = self.ctx.runner.undo_group
        self.undo_action = QAction(self)
        self.undo_action.setObjectName("undoAction")
        desktop.bind_keys(self.undo_action, QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(group.undo)
        self.redo_action = QAction(self)
        self.redo_action.setObjectName("redoAction")
        desktop.bind_keys(self.redo_action, QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(group.redo)
        group.indexChanged.connect(self.name_undo_actions)
        group.activeStackChanged.connect(self.name_undo_actions)
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.view_menu = self.menuBar().addMenu("")
        self.lang_action = QAction(self)
        self.lang_action.setObjectName("toggleLanguage")
        desktop.bind_keys(self.lang_action, "Ctrl+L")
        self.lang_action.triggered.connect(self.toggle_language)
        self.view_menu.addAction(self.lang_action)
        self.desktop = desktop.Desktop(self)

    def retranslate(self) -> None:
        t, ws = self.lang, self.workspace
        if ws is None:
            self.setWindowTitle(f"{t('ui.app.title')} — {self.place_name}")
            self.opening_note.setText(t("ui.main_window.opening", name=self.place_name))
        else:
            from workbench.domain.vocabulary import TeamRole  # not before the first paint (~25 ms of enum types)

            who = f" — {ws.user} ({t.pick(TeamRole(ws.role))})" if ws.user else ""
            self.setWindowTitle(f"{t('ui.app.title')} — {ws.name}{who}")
            read_only = self._allow_edits(self)
            self.demo_action.setEnabled(not read_only)
            self.new_project.setEnabled(not read_only)
            self.navigator.new_project.setEnabled(not read_only)
            self.backup_action.setEnabled(ws.path is not None)  # a team database is backed up by its server
            if ws.notices:  # a backup that failed, a read-only file: said once, where the user looks
                self.statusBar().showMessage("; ".join(self.lang.pick(n) for n in ws.notices))
        self.team_action.setText(t("ui.menu.team"))
        self.demo_action.setText(t("ui.menu.demo"))
        self.export_action.setText(t("ui.menu.export_package"))
        self.import_action.setText(t("ui.menu.import_package"))
        self.backup_action.setText(t("ui.menu.backups"))
        self.recent_menu.setTitle(t("ui.menu.recent"))
        self.search.setPlaceholderText(t("ui.search"))
        self.file_menu.setTitle(t("ui.menu.file"))
        self.open_action.setText(t("ui.menu.open"))
        self.quit_action.setText(t("ui.menu.quit"))
        self.font_action.setText(t("ui.menu.font"))
        self.view_menu.setTitle(t("ui.menu.view"))
        self.edit_menu.setTitle(t("ui.menu.edit"))
        self.name_undo_actions()
        self.lang_action.setText(t("ui.menu.lang"))
        self.desktop.retranslate()
        self.new_project.setText(t("ui.wizard.start_new_project"))
        titles = [self.lang.pick(cls.title).replace("&", "&&") for cls in self.page_classes]  # a single & would mark a shortcut
        for i, title in enumerate(titles):
            self.tabs.setTabText(i, title)
        self.page_bar.set_pages([cls.__name__ for cls in self.page_classes], titles)
        self.model.retranslate()

    def name_undo_actions(self, *_: object) -> None:
        """Edit › Undo and Redo name the selected project's edit they take back or do again, in the GUI's language."""
        stack, t = self.ctx.runner.undo_group.activeStack(), self.lang
        if not shiboken6.isValid(self.undo_action) or (stack is not None and not shiboken6.isValid(stack)):  # the window is being taken down
            return
        undo = stack.command(stack.index() - 1) if stack is not None and stack.canUndo() else None
        redo = stack.command(stack.index()) if stack is not None and stack.canRedo() else None
        self.undo_action.setEnabled(undo is not None)
        self.redo_action.setEnabled(redo is not None)
        self.undo_action.setText(t("ui.undo_named", what=undo.label) if undo is not None else t("ui.menu.undo"))
        self.redo_action.setText(t("ui.redo_named", what=redo.label) if redo is not None else t("ui.menu.redo"))

    def toggle_language(self) -> None:
        self.lang.toggle()
        self.retranslate()
        for page in self.built_pages():
            page.retranslate()
        self.refresh_projects()

    def choose_font(self) -> None:
        from workbench.ui.outputs import file_filter, open_file

        path = open_file(self, "font", self.lang("ui.menu.font"), file_filter(self.lang, "ui.filter.font", "*.ttf *.ttc"))
        if path:
            self.set_font(path)

    def set_font(self, path: str) -> None:
        """The CJK font embedded in PDFs from now on; a font that cannot be embedded is refused with the reason."""
        from workbench.documents.fonts import find_cjk_font

        try:
            chosen = find_cjk_font(path)
        except UserError as exc:
            self.ctx.show_error(self, exc)
            return
        QSettings().setValue("pdf/cjk_font", str(chosen))
        self.statusBar().showMessage(self.lang.pick(Text("ui.main_window.pdfs_will_embed", chosen=chosen)), 8000)

    def page(self, cls_name: str) -> Page:
        """Go to a page (as clicking its tab does) and hand it back."""
        index = next(i for i, cls in enumerate(self.page_classes) if cls.__name__ == cls_name)
        page = self.page_at(index)
        self.tabs.setCurrentWidget(page)
        return page

    def selected_project(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.project_id(rows[0].row()) if rows else None

    def on_changed(self, changed: Changed) -> None:
        if changed.touches(PROJECT_LIST):
            self.refresh_projects()

    def refresh_projects(self) -> None:
        keep = self.selected_project()
        if self.workspace is None:
            rows = matching(self.listed, self.search.text())
        else:
            from workbench.services.projects import projects
            rows = projects.list_projects(self.workspace, self.search.text())
        # The list changes its rows and selection itself: the pages refresh once, below. The view still hears of the
        # selection and draws it (its viewport() is not touched: wrapping that widget makes PySide create ~70 enum
        # types, ~0.1 s before the first paint).
        self.selecting = True
        try:
            self.model.set_rows(rows)
            fit_columns(self.table)
            ids = [r.id for r in rows]
            if ids:  # keep the selection where it still shows, else select the first match
                self.table.selectRow(ids.index(keep) if keep in ids else 0)
        finally:
            self.selecting = False
        self.show_selected()

    def select_project(self, code_or_id: str | int) -> None:
        for row in range(self.model.rowCount()):
            r = self.model.rows[row]
            if str(code_or_id) in (r.code, str(r.id)):
                self.table.selectRow(row)

    def show_selected(self) -> None:
        """Show the selected project: forms of the one before are cleared, its undo history set aside."""
        project = self.selected_project()
        if project != self.ctx.project:
            from workbench.ui.unsaved import keep_unsaved

            if keep_unsaved(self, project):  # asked first: changes typed for this project are not dropped unseen
                return
            self.ctx.select(project)
        else:
            for page in self.built_pages():
                page.invalidate()
        if self.workspace is not None:
            self.navigator.refresh()

    def run(self, fn, *, form=None, done=None, long=None, undoable=True, touches=frozenset()):
        """A window action (File menu, new project) through the op runner, bound to the selected project
        (``fn(ws, actor, project)``, or ``fn(ws, actor, project, steps)`` when ``long``)."""
        return self.ctx.runner.run(Op(fn, self, self.ctx.project, done=done, long=long, form=form, undoable=undoable, touches=touches))

    def start_new_project(self):
        """The new-project wizard; Finish creates the project with its parties and sites and selects it."""
        from workbench.ui.wizards import open_wizard

        return open_wizard(self.ctx, "new_project")

    def choose_workspace(self) -> None:
        from workbench.ui.outputs import file_filter

        folder = str(self.workspace.path.parent) if self.workspace.path else ""
        path, _ = QFileDialog.getOpenFileName(self, self.lang("ui.workspace"), folder, file_filter(self.lang, "ui.filter.workspace", "*.sqlite *.db"))
        if path:
            self.open_path(path)

    def choose_package_out(self) -> None:
        if self.ctx.project is None:
            return
        from workbench.ui.outputs import file_filter, output_folder

        code = next((r.code for r in self.model.rows if r.id == self.ctx.project), "")
        path, _ = QFileDialog.getSaveFileName(self, self.lang("ui.menu.export_package"), str(output_folder() / f"{code}.ccerpkg"),
                                              file_filter(self.lang, "ui.filter.package", "*.ccerpkg"))
        if path:
            self.export_package(path)

    def export_package(self, path: str) -> None:
        """One project as a package file to hand to a consultant or back (nothing in the workspace changes)."""
        from workbench.services.sharing import packages  # loaded when first used, not at start-up

        self.run(lambda ws, actor, project, steps: packages.export_package(ws, actor, project, path, force=True, steps=steps), undoable=False,
                 long=Text("ui.main_window.writing_package"),
                 done=lambda out: self.statusBar().showMessage(self.lang.pick(Text("ui.main_window.package_written_to", out=out)), 8000))

    def choose_package_in(self) -> None:
        from workbench.ui.outputs import file_filter, open_file

        path = open_file(self, "package", self.lang("ui.menu.import_package"), file_filter(self.lang, "ui.filter.package", "*.ccerpkg *.zip"))
        if path:
            self.import_package(path)

    def import_package(self, path: str) -> None:
        """Check the package first; when its project differs from the one here, show every difference and let the user
        keep theirs, take the package's or merge as ticked."""
        from workbench.services.sharing import packages
        from workbench.ui.package_dialog import PackageDialog

        def checked(result) -> None:
            _, report = result
            if report.action != "differs":
                self.take_package(path, None)
                return
            self.package_dialog = PackageDialog(self.lang, report.project, report.differences, self)
            self.package_dialog.accepted.connect(lambda: self.take_package(path, *self.package_dialog.choice))
            self.package_dialog.open()

        self.ctx.runner.run(Op(lambda ws, actor, _p, steps: packages.import_package(ws, actor, path, dry_run=True, steps=steps), self, None, done=checked,
                               long=Text("ui.main_window.checking_package"), undoable=False))

    def take_package(self, path: str, take: str | None, choices: dict[str, str] | None = None) -> None:
        from workbench.services.sharing import packages

        def taken(result) -> None:
            _, report = result
            said = self.lang.pick(Text("ui.main_window.project", project=report.project, action=report.action))
            if report.audit is not None:  # whether the package's history is confirmed by its anchor, or cannot be
                said += " — " + self.lang.pick(Text("cli.package.audit", note=report.audit.note))
            self.statusBar().showMessage(said, 15000)
            self.select_project(report.project)

        self.ctx.runner.run(Op(lambda ws, actor, _p, steps: packages.import_package(ws, actor, path, take=take, choices=choices, steps=steps), self, None,
                               done=taken, long=Text("ui.main_window.importing_package"), undoable=False, touches=PROJECT_LIST))

    def show_backups(self) -> None:
        from workbench.ui.backup_dialog import BackupDialog

        self.backup_dialog = BackupDialog(self.lang, self.workspace.path, self)
        self.backup_dialog.accepted.connect(lambda: self.restore_backup(None, self.backup_dialog.chosen))
        self.backup_dialog.open()

    def offer_backups(self, error: DamagedWorkspace) -> None:
        """A damaged workspace file (the open one, or one being opened): what is wrong, and its backups to restore."""
        from workbench.ui.damaged_dialog import DamagedDialog

        self.damaged_dialog = DamagedDialog(self.lang, error, self.restore_backup, self)
        self.damaged_dialog.open()

    def restore_backup(self, path: Path | None, chosen: Path) -> None:
        """Put a backup in place of a workspace file (this one when ``path`` is None; after checking the backup and
        keeping the file as it was), then open it."""
        from workbench.store import backup

        current = path is None or path == self.workspace.path
        path = path or self.workspace.path
        if current:
            self.workspace.close()
        try:
            safety = backup.restore(path, chosen)
        except UserError as exc:
            self.ctx.show_error(self, exc)
            if current:
                self.open_path(str(path))
            return
        self.open_path(str(path))
        self.statusBar().showMessage(self.lang.pick(Text("ui.main_window.restored_the_file_as_it_was", name=chosen.name, name2=safety.name)), 10000)

    def add_demo(self) -> None:
        """The demo projects (those not in the workspace yet), built in a worker: a year of meter readings takes a while.
        It has no Cancel: each project is added by actions that commit one by one."""
        from workbench.services.demo.demo import create_demo  # loaded when first asked for, not at start-up

        self.ctx.runner.run(Op(lambda ws, actor, _p, steps: create_demo(ws, actor, steps), self, None, done=self.demo_added, undoable=False,
                               long=Text("ui.main_window.adding_the_demo_projects"), touches=PROJECT_LIST, cancellable=False,
                               busy=lambda on: self.demo_action.setEnabled(not on)))

    def demo_added(self, changes) -> None:
        added = [c.result["code"] for c in changes if c.action == "project.create"]
        shown = self.lang("ui.demo_added", projects=added) if added else self.lang("ui.demo_already_here")
        self.statusBar().showMessage(shown, 8000)

    def connect_team(self, address: str = "") -> None:
        from workbench.ui.team_dialog import TeamDialog

        self.team_dialog = TeamDialog(self.lang, address or str(QSettings().value("teamDatabase", "")), self)
        self.team_dialog.accepted.connect(lambda: self.open_path(self.team_dialog.target()))
        self.team_dialog.open()

    def open_path(self, path: str) -> None:
        """Open a workspace file or a team database instead of the current one, on a worker with its steps shown and
        Cancel (``ui.opening``); the current one stays open until the other is, and if it cannot be."""
        from workbench.ui.opening import open_for_window

        if self.workspace is None:  # start-up is still opening the first file (the places that call this wait for it)
            return
        self.ctx.runner.run(Op(lambda _ws, _actor, _project, steps: open_for_window(path, create=False, steps=steps), self, None,
                               undoable=False, long=Text("ui.main_window.opening_place", name=place_name(path)), done=self.take_workspace,
                               busy=self.opening))

    def opening(self, on: bool) -> None:
        """While another workspace opens, none more can be asked for."""
        for control in (self.open_action, self.team_action, self.recent_menu, self.backup_action):
            control.setEnabled(not on)
        if not on and self.workspace is not None:
            self.backup_action.setEnabled(self.workspace.path is not None)

    def take_workspace(self, ws: Workspace) -> None:
        """The workspace ``open_path`` opened, in place of the current one (closed); edits of that one can no longer be
        undone here."""
        if not shiboken6.isValid(self) or not self.isVisible():  # the window was closed while it opened
            ws.close()
            return
        self.workspace.close()
        self.ctx.workspace = ws
        self.ctx.runner.forget_history()
        remember(ws)
        self.retranslate()
        self.refresh_projects()

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        for place in recent_places():
            action = self.recent_menu.addAction(place)
            reopen = (lambda _=False, p=place: self.connect_team(p)) if is_database_url(place) else (lambda _=False, p=place: self.open_path(p))
            action.triggered.connect(reopen)
        self.recent_menu.setEnabled(True)

    def move_to(self, target: str, reason: str) -> None:
        self.page_at(0).move_to(target, reason)

    def closeEvent(self, event) -> None:
        for op in list(self.ctx.runner.running):  # long work stops at its next step and writes nothing
            self.ctx.runner.cancel(op)
        desktop.remember(self)
        QSettings().setValue("mainWindow/splitter", self.splitter.saveState())
        super().closeEvent(event)
