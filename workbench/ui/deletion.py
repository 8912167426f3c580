"""Deleting a record from its row (删除): what refers to it is said before anything is done.

The page asks the service's ``*_dependants`` read first. A record others refer to is not offered for deletion: a
dialog names it and lists each record that refers to it (the same list the service would refuse with). Otherwise
the user confirms — saying why, where the record keeps the reason — and only then does the op run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from workbench.domain.text import Text
from workbench.ui.i18n import Language


def ask_to_delete(parent: QWidget, lang: Language, what: Any, dependants: Sequence[Text], proceed: Callable[[str], None], *,
                  undoable: bool = True, why: Text | None = None) -> QDialog:
    """Refuse at once, listing ``dependants``, or ask before ``proceed(reason)`` deletes ``what`` (a name, a Text);
    with ``why`` (the question), the user gives the reason in the same dialog, else the reason is ""."""
    name = lang.pick(what) if callable(getattr(what, "in_lang", None)) else str(what)
    if dependants:
        listed = "\n".join(f"• {lang.pick(d)}" for d in dependants)
        box = QMessageBox(QMessageBox.Icon.Information, lang.pick(Text("ui.deletion.cannot_delete_title")),
                          lang.pick(Text("ui.deletion.in_use", what=name, dependants=listed)), QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("deleteRefused")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one dialog a delete asked for, freed once closed
        box.open()
        return box
    question = lang.pick(Text("ui.deletion.confirm", what=name) if undoable else Text("ui.deletion.confirm_final", what=name))
    if why is not None:
        dialog = QInputDialog(parent)
        dialog.setObjectName("confirmDelete")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(lang.pick(Text("ui.deletion.confirm_title")))
        dialog.setLabelText(question + "\n\n" + lang.pick(why))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.textValueSelected.connect(proceed)
        dialog.open()
        return dialog
    box = QMessageBox(QMessageBox.Icon.Question, lang.pick(Text("ui.deletion.confirm_title")), question,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("confirmDelete")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.buttonClicked.connect(lambda button: proceed("") if box.standardButton(button) == QMessageBox.StandardButton.Yes else None)
    box.open()
    return box
