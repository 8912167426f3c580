"""Changes typed into a form and not saved are never dropped without a word (未保存的修改): before another project is
shown — its forms replace what is in them — the user is asked to discard the changes or to keep editing (the list
stays on the project being edited)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from workbench.domain.text import Text
from workbench.ui.forms import SpecForm


def unsaved_forms(window) -> list[tuple[str, SpecForm]]:
    """The forms of ``window``'s pages holding changes the user made and has not saved, with the page each is on."""
    found = []
    for index in range(window.tabs.count()):
        page = window.tabs.widget(index)
        for form in page.findChildren(SpecForm) if page is not None else ():
            if form.touched and form.isVisibleTo(page):
                found.append((window.tabs.tabText(index), form))
    return found


def keep_unsaved(window, project: int | None) -> bool:
    """True if ``window`` (a MainWindow) holds unsaved changes: the list goes back to the project shown and the user
    is asked; discarding them shows ``project``. False when nothing is unsaved (go on at once)."""
    forms = unsaved_forms(window)
    if not forms:
        return False
    lang, shown = window.lang, window.ctx.project
    window.selecting = True
    try:
        window.select_project(shown)
    finally:
        window.selecting = False
    named = ("、" if lang.code == "zh" else ", ").join(f"{page} › {form.title() or lang.pick(Text('ui.unsaved.a_form'))}" for page, form in forms)
    box = QMessageBox(QMessageBox.Icon.Question, lang.pick(Text("ui.unsaved.title")), lang.pick(Text("ui.unsaved.question", forms=named)),
                      QMessageBox.StandardButton.NoButton, window)
    box.setObjectName("unsavedChanges")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    discard = box.addButton(lang.pick(Text("ui.unsaved.discard")), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(lang.pick(Text("ui.unsaved.keep")), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)

    def answered(button) -> None:
        if button is discard:
            for _, form in forms:
                form.reset()
            window.select_project(project)

    box.buttonClicked.connect(answered)
    box.open()
    return True
