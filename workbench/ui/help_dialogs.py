"""Help › User guide and Help › About: a short bilingual guide to the workbench, and its version and licences."""

from __future__ import annotations

from html import escape
from importlib import metadata

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from workbench.ui.i18n import Language
from workbench.ui.licences import DISTRIBUTION, bundled, font_licence

GUIDE = ("intro", "navigator", "projects", "methodology", "monitoring", "validation", "documents", "issuance", "safety",
         "shortcuts")


class TextDialog(QDialog):
    """A titled dialog showing rich text in a browser, closed with its button."""

    def __init__(self, name: str, title: str, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.browser = QTextBrowser()
        self.browser.setObjectName(f"{name}Text")
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 620)


def guide_html(lang: Language) -> str:
    """The user guide: a heading and a paragraph per section, from the message catalogue."""
    parts = [f"<h2>{escape(lang('help.guide.title'))}</h2>"]
    from workbench.services.demo.projects import DEMO_PROJECTS

    for section in GUIDE:
        text = lang(f"help.guide.{section}", count=len(DEMO_PROJECTS))  # only the intro counts the demo projects
        parts.append(f"<h3>{escape(lang(f'help.guide.{section}.title'))}</h3><p>{escape(text)}</p>")
    return "".join(parts)


def about_html(lang: Language) -> str:
    """Version, the CJK font the PDFs embed with its licence, and every bundled library with its licence."""
    from workbench.documents.fonts import find_cjk_font
    from workbench.domain.errors import UserError

    try:
        font = find_cjk_font(str(QSettings().value("pdf/cjk_font", "") or "") or None)
    except UserError:
        font = None
    known = font_licence(font)
    font_line = (lang("help.about.font", name=known[0], licence=known[1], path=str(font)) if known
                 else lang("help.about.font_unknown", path=str(font)) if font else lang("help.about.no_font"))
    libraries = bundled()
    rows = "".join(f"<tr><td>{escape(x.name)}</td><td>{escape(x.version)}</td><td>{'<b>' if x.weak_copyleft else ''}"
                   f"{escape(x.licence)}{'</b>' if x.weak_copyleft else ''}</td></tr>" for x in libraries)
    weak = ", ".join(x.name for x in libraries if x.weak_copyleft)
    return (f"<h2>{escape(lang('ui.app.title'))} {escape(metadata.version(DISTRIBUTION))}</h2>"
            f"<p>{escape(lang('help.about.what'))}</p>"
            f"<h3>{escape(lang('help.about.font_title'))}</h3><p>{escape(font_line)}</p>"
            f"<h3>{escape(lang('help.about.libraries'))}</h3><p>{escape(lang('help.about.weak_copyleft', names=weak))}</p>"
            f"<table cellpadding='3'><tr><th align='left'>{escape(lang('help.about.library'))}</th>"
            f"<th align='left'>{escape(lang('help.about.version'))}</th><th align='left'>{escape(lang('help.about.licence'))}</th></tr>"
            f"{rows}</table>")


def guide_dialog(lang: Language, parent: QWidget | None = None) -> TextDialog:
    return TextDialog("userGuide", lang("help.guide.title"), guide_html(lang), parent)


def about_dialog(lang: Language, parent: QWidget | None = None) -> TextDialog:
    return TextDialog("aboutDialog", lang("help.about.title"), about_html(lang), parent)
