"""Desktop polish: window size from the screen and remembered, Help (guide, About), shortcuts, no jargon, no idle bar."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QGroupBox, QLabel, QProgressBar, QTextBrowser

from tests.ui.test_main_window import open_window
from workbench.ui import desktop


def test_first_start_takes_most_of_the_screen_and_the_size_is_remembered(qtbot, ws):
    available = QGuiApplication.primaryScreen().availableGeometry()
    window = open_window(qtbot, ws)
    expected = desktop.default_rect(available)
    assert expected.width() == int(available.width() * 0.8) and expected.height() == int(available.height() * 0.8)
    # the offscreen screen is small: the window is as large as asked, or as small as its content allows
    assert window.geometry().size() == expected.size().expandedTo(window.minimumSizeHint())
    window.resize(expected.width() - 100, expected.height() - 50)
    window.close()
    again = open_window(qtbot, ws)
    assert again.geometry().size() == window.geometry().size()


def test_a_window_saved_on_a_screen_no_longer_there_opens_on_this_one(qtbot, ws):
    window = open_window(qtbot, ws)
    window.move(20000, 20000)  # where a second monitor was
    saved = window.saveGeometry()
    window.close()
    QSettings().setValue(desktop.GEOMETRY, QByteArray(saved))
    again = open_window(qtbot, ws)
    assert desktop.on_a_screen(again.frameGeometry())
    assert not desktop.on_a_screen(again.frameGeometry().translated(20000, 20000))


def test_help_shows_the_guide_and_about_names_the_licences(qtbot, ws, tmp_path):
    window = open_window(qtbot, ws, "zh")
    assert window.desktop.help_menu.title() == "帮助(&H)"
    window.desktop.guide.trigger()
    guide = window.desktop.dialog
    qtbot.waitExposed(guide)
    text = guide.findChild(QTextBrowser).toPlainText()
    assert "项目进度" in text and "快捷键" in text and "workbench " not in text
    assert guide.grab().save(str(tmp_path / "guide-zh.png"))
    guide.close()
    window.desktop.about.trigger()
    about = window.desktop.dialog
    qtbot.waitExposed(about)
    text = about.findChild(QTextBrowser).toPlainText()
    assert "0.1.0" in text and "PySide6_Essentials" in text and "LGPL-3.0-only" in text and "MPL-2.0" in text
    assert "WenQuanYi Micro Hei" in text or "尚未找到中文字体" in text or "许可证" in text
    assert about.grab().save(str(tmp_path / "about-zh.png"))
    about.close()
    window.toggle_language()
    window.desktop.guide.trigger()
    qtbot.waitExposed(window.desktop.dialog)
    assert "Where the project stands" in window.desktop.dialog.findChild(QTextBrowser).toPlainText()
    assert window.desktop.dialog.grab().save(str(tmp_path / "guide-en.png"))
    window.desktop.dialog.close()
    window.desktop.about.trigger()
    qtbot.waitExposed(window.desktop.dialog)
    assert "Under the LGPL or the MPL" in window.desktop.dialog.findChild(QTextBrowser).toPlainText()
    assert window.desktop.dialog.grab().save(str(tmp_path / "about-en.png"))
    window.desktop.dialog.close()


def test_shortcuts_for_the_frequent_acts(qtbot, ws):
    window = open_window(qtbot, ws)
    keys = {a.objectName(): a.shortcut() for a in window.findChildren(type(window.undo_action)) if not a.shortcut().isEmpty()}
    assert keys["newProjectAction"] == QKeySequence("Ctrl+N") and keys["findProjectAction"] == QKeySequence(QKeySequence.StandardKey.Find)
    assert {"importReadingsAction", "renderDocumentAction", "undoAction", "redoAction", "userGuideAction"} <= set(keys)
    assert len(set(keys.values())) == len(keys)  # no two acts on one key
    window.desktop.find.trigger()
    assert window.focusWidget() is window.search
    window.desktop.new_project.trigger()
    qtbot.waitExposed(window.wizard)
    assert window.wizard.currentPage() is window.wizard.basics and window.wizard.focusWidget() is window.wizard.basics.form.inputs["code"]
    window.wizard.reject()
    window.desktop.render_document.trigger()
    assert window.tabs.currentWidget() is window.page("DocumentsPage")


def test_no_internal_jargon_and_no_idle_progress_bar(qtbot, ws):
    from workbench.services.projects import projects
    from workbench.services.support.context import Actor

    projects.create_project(ws, Actor("tester"), {"code": "T-1", "title_en": "Test", "programme": "ccer", "host_country": "CN", "sector": "energy"})
    window = open_window(qtbot, ws)
    for lang in ("en", "zh"):
        for page in window.pages:
            window.tabs.setCurrentWidget(page)
            shown = [w.text() for w in page.findChildren(QLabel)] + [w.title() for w in page.findChildren(QGroupBox)]
            assert not [s for s in shown if "seed 000" in s or "种子文件" in s], type(page).__name__
            assert not [b for b in page.findChildren(QProgressBar) if b.isVisible()], type(page).__name__
        window.toggle_language()


def test_a_splitter_saved_by_a_version_with_two_columns_leaves_no_column_collapsed(qtbot, ws):
    """An older version saved the splitter with the project list and the pages only; the pages must not open at
    width 0 beside the navigator."""
    from PySide6.QtWidgets import QSplitter

    old = QSplitter()
    old.addWidget(QLabel("projects"))
    old.addWidget(QLabel("pages"))
    old.setSizes([400, 900])
    QSettings().setValue("mainWindow/splitter", old.saveState())
    window = open_window(qtbot, ws)
    assert min(window.splitter.sizes()) > 0 and window.tabs.width() > 0
