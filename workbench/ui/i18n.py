"""The GUI's language, switched at run time; every wording comes from the message catalogue.

The first start follows the shared rule (``--lang``, else ``WORKBENCH_LANG``, else the locale); after that the
user's own choice, remembered in the settings, wins. Qt's own dialogs (buttons of message boxes, file dialogs)
speak the same language through the ``qtbase_zh_CN.qm`` shipped in the PySide6 wheel, and the few strings that file
lacks through ``workbench_qt.qm``, compiled from our catalogue (``locale.build.QT_GAPS``).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from workbench.domain import catalogue
from workbench.domain.language import Language as Lang, choose_language
from workbench.domain.text import Text

INSTALLED: list[QTranslator] = []
"""The Qt translators installed on the application (one set at a time)."""

SETTING = "language"
QT_CATALOGUES = ("qtbase",)
GUI = ".gui"  # ``ID.gui``: the wording the GUI shows instead of ``ID``, whose text names a command of the CLI


def gui_id(message_id: str, code: str) -> str:
    """The id the GUI shows for ``message_id``: its ``.gui`` variant when the catalogue has one."""
    return message_id + GUI if catalogue.has(message_id + GUI, code) else message_id


def gui_text(text, code: str = "en"):
    """``text`` (a Text, or anything with ``in_lang``) as the GUI words it: a catalogue message pointing to a CLI
    command is swapped for its ``.gui`` variant, which points to the page or menu instead. Both catalogues hold the
    same ids; ``code`` names the one to look in (the one already read: a Chinese window never reads the English)."""
    if isinstance(text, Text) and catalogue.has(text.id + GUI, code):
        return Text(text.id + GUI, **text.params)
    return text


class Language:
    """The current GUI language; widgets ask it for wording by message id."""

    def __init__(self, code: str = "en") -> None:
        self.code = Lang(code).value

    def __call__(self, message_id: str, **params: object) -> str:
        return catalogue.render(gui_id(message_id, self.code), self.code, **params)

    def pick(self, text) -> str:
        """Show a Text, a labelled enum member or Bilingual user data in the current language (a message's GUI
        wording where it has one)."""
        return gui_text(text, self.code).in_lang(self.code)

    def error(self, error) -> str:
        """A UserError in the current language, with the GUI wording of its message where it has one."""
        original = error.text
        error.text = gui_text(original, self.code)  # for this rendering only (errors of all kinds, whatever their constructor)
        try:
            return error.in_lang(self.code)
        finally:
            error.text = original

    def toggle(self) -> None:
        self.code = "en" if self.code == "zh" else "zh"
        QSettings().setValue(SETTING, self.code)
        self.install_qt_translations()

    def locale(self) -> QLocale:
        """How the language writes numbers, month and day names (zh_CN and en alike group digits as 1,234,567.5)."""
        if self.code == "zh":
            return QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)

    def install_qt_translations(self) -> bool:
        """Make Qt's own strings and its default locale (calendars) follow ``code``; False if the wheel lacks Qt's
        Chinese catalogue."""
        QLocale.setDefault(self.locale())
        app = QCoreApplication.instance()
        if app is None:
            return False
        for translator in INSTALLED:  # Qt's translators are the application's, whichever window installed them
            app.removeTranslator(translator)
        INSTALLED.clear()
        if self.code != "zh":
            return True
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in QT_CATALOGUES:
            translator = QTranslator(app)
            if not translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), name, "_", folder):
                return False
            app.installTranslator(translator)
            INSTALLED.append(translator)
        gaps = QTranslator(app)  # installed last: asked first
        if not gaps.load(str(catalogue.qt_catalogue_path())):
            return False
        app.installTranslator(gaps)
        INSTALLED.append(gaps)
        return True


def startup_language(flag: str | None = None) -> Language:
    """``--lang`` if given (and remembered); else the user's remembered choice; else the shared rule."""
    settings = QSettings()
    remembered = str(settings.value(SETTING, "") or "")
    if flag:
        code = Lang(flag).value
        settings.setValue(SETTING, code)
    elif remembered in {lang.value for lang in Lang}:
        code = remembered
    else:
        code = choose_language(None, os.environ).value
    language = Language(code)
    language.install_qt_translations()
    return language
