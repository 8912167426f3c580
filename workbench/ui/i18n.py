"""The GUI's language, switched at run time; every wording comes from the message catalogue.

The first start follows the shared rule (``--lang``, else ``WORKBENCH_LANG``, else the locale); after that the
user's own choice, remembered in the settings, wins. Qt's own dialogs (buttons of message boxes, file dialogs)
speak the same language through the ``qtbase_zh_CN.qm`` shipped in the PySide6 wheel.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from workbench.domain import catalogue
from workbench.domain.language import Language as Lang, choose_language

SETTING = "language"
QT_CATALOGUES = ("qtbase",)


class Language:
    """The current GUI language; widgets ask it for wording by message id."""

    def __init__(self, code: str = "en") -> None:
        self.code = Lang(code).value
        self._translators: list[QTranslator] = []

    def __call__(self, message_id: str, **params: object) -> str:
        return catalogue.render(message_id, self.code, **params)

    def pick(self, text) -> str:
        """Show a Text, a labelled enum member or Bilingual user data in the current language."""
        return text.in_lang(self.code)

    def toggle(self) -> None:
        self.code = "en" if self.code == "zh" else "zh"
        QSettings().setValue(SETTING, self.code)
        self.install_qt_translations()

    def install_qt_translations(self) -> bool:
        """Make Qt's own strings follow ``code``; False if the wheel lacks Qt's Chinese catalogue."""
        app = QCoreApplication.instance()
        if app is None:
            return False
        for translator in self._translators:
            app.removeTranslator(translator)
        self._translators = []
        if self.code != "zh":
            return True
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in QT_CATALOGUES:
            translator = QTranslator(app)
            if not translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), name, "_", folder):
                return False
            app.installTranslator(translator)
            self._translators.append(translator)
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
