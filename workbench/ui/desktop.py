"""Desktop conventions of the main window: its size relative to the screen (remembered, restored onto a screen
that is there), the Help menu (user guide, About) and keyboard shortcuts for the frequent acts."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, QSettings
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

GEOMETRY = "mainWindow/geometry"
SHARE = 0.8  # of the available screen, on first start
LARGEST = (1920, 1200)  # a very large screen still gets a window of reading width
SMALLEST_VISIBLE = 200  # pixels of the window that must lie on a screen for a restored geometry to be kept


def bind_keys(action: QAction, keys) -> None:
    """Give ``action`` its shortcut ``keys`` (a key string or a standard key). Set as a one-item list: PySide picks
    among ``setShortcut``'s overloads by creating the whole ``Qt`` namespace of enum types (~0.1 s), which would
    hold up the window's first paint."""
    action.setShortcuts([QKeySequence(keys)])


def default_rect(available: QRect) -> QRect:
    """The first-start window: 80 % of the available screen area (at most ``LARGEST``), centred on it."""
    width = min(int(available.width() * SHARE), LARGEST[0])
    height = min(int(available.height() * SHARE), LARGEST[1])
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


def on_a_screen(rect: QRect) -> bool:
    """Whether enough of ``rect`` lies on one of the screens there now (a monitor unplugged since is not)."""
    for screen in QGuiApplication.screens():
        seen = screen.availableGeometry().intersected(rect)
        if seen.width() >= min(SMALLEST_VISIBLE, rect.width()) and seen.height() >= min(SMALLEST_VISIBLE, rect.height()):
            return True
    return False


def place(window: QMainWindow) -> None:
    """Restore the size and place saved at the last close when it lies on a screen; else the default for the screen."""
    saved = QSettings().value(GEOMETRY)
    if saved is not None and window.restoreGeometry(saved) and on_a_screen(window.frameGeometry()):
        return
    screen = window.screen() or QGuiApplication.primaryScreen()
    window.setGeometry(default_rect(screen.availableGeometry()))


def remember(window: QMainWindow) -> None:
    QSettings().setValue(GEOMETRY, window.saveGeometry())


class Desktop(QObject):
    """The Help menu and the shortcuts of a main window (``window``: a MainWindow); ``retranslate`` names them."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: QWidget | None = None
        self.new_project = self._action("newProjectAction", "Ctrl+N", self.start_new_project)
        self.import_readings = self._action("importReadingsAction", "Ctrl+I", self.start_import)
        self.render_document = self._action("renderDocumentAction", "Ctrl+R", self.start_render)
        self.find = self._action("findProjectAction", QKeySequence.StandardKey.Find, self.start_find)
        self.guide = self._action("userGuideAction", QKeySequence.StandardKey.HelpContents, self.show_guide)
        self.about = self._action("aboutAction", None, self.show_about)
        first = window.file_menu.actions()[0]
        window.file_menu.insertActions(first, [self.new_project, self.import_readings, self.render_document])
        window.file_menu.insertSeparator(first)
        window.edit_menu.addSeparator()
        window.edit_menu.addAction(self.find)
        self.help_menu = window.menuBar().addMenu("")
        self.help_menu.addActions([self.guide, self.about])

    def _action(self, name: str, keys, slot) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        if keys is not None:
            bind_keys(action, keys)
        action.triggered.connect(slot)
        return action

    def retranslate(self) -> None:
        t = self.window.lang
        self.new_project.setText(t("ui.menu.new_project"))
        self.import_readings.setText(t("ui.menu.import_readings"))
        self.render_document.setText(t("ui.menu.render_document"))
        self.find.setText(t("ui.menu.find_project"))
        self.help_menu.setTitle(t("ui.menu.help"))
        self.guide.setText(t("ui.menu.guide"))
        self.about.setText(t("ui.menu.about"))

    def start_new_project(self) -> None:
        self.window.start_new_project()

    def start_import(self) -> None:
        """Monitoring data › choose the file of readings to import."""
        page = self.window.page("MonitoringPage")
        page.ensureWidgetVisible(page.importer)
        page.importer.browse.click()

    def start_render(self) -> None:
        page = self.window.page("DocumentsPage")
        page.ensureWidgetVisible(page.form)
        page.form.button.setFocus()

    def start_find(self) -> None:
        self.window.search.setFocus()
        self.window.search.selectAll()

    def show_guide(self) -> None:
        from workbench.ui.help_dialogs import guide_dialog

        self.dialog = guide_dialog(self.window.lang, self.window)
        self.dialog.open()

    def show_about(self) -> None:
        from workbench.ui.help_dialogs import about_dialog

        self.dialog = about_dialog(self.window.lang, self.window)
        self.dialog.open()
