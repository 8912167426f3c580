"""Files the user asks for: a path field that proposes ``<project code>-<kind>.<suffix>`` in the documents folder, and
a question before an existing file is replaced (the rule itself is services/support/output_files.py's ``force``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QMessageBox, QToolButton, QWidget

from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.text import Text
from workbench.paths import data_dir
from workbench.ui.fields import Field, Input
from workbench.ui.i18n import Language


def output_folder() -> Path:
    """Where outputs go unless the user chooses another place (remembered as they choose)."""
    return Path(str(QSettings().value("documents/folder", data_dir() / "documents")))


def start_folder(kind: str) -> str:
    """Where a dialog choosing a file of ``kind`` (readings, boundary, package, font, evidence…) opens: the folder the
    last such file came from, else the user's Documents folder, else their home — never the folder the program was
    started in (the trial's file dialogs opened in the program's own source folder)."""
    remembered = str(QSettings().value(f"folders/{kind}", "") or "")
    if remembered and Path(remembered).is_dir():
        return remembered
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def file_filter(lang, name_id: str, patterns: str) -> str:
    """A file dialog's filter: the kind of file in the window's language, then the patterns in the brackets Qt's
    filter syntax reads (ASCII, whatever the language): "边界文件 (*.geojson *.kml)"."""
    return f"{lang(name_id)} ({patterns})"


def open_file(parent: QWidget, kind: str, title: str, filters: str = "") -> str:
    """A file of ``kind`` the user picks to read ("" if they cancel); its folder is where the next such dialog opens."""
    path, _ = QFileDialog.getOpenFileName(parent, title, start_folder(kind), filters)
    if path:
        QSettings().setValue(f"folders/{kind}", str(Path(path).parent))
    return path


def PathField(key: str, label: Text, suffix: str) -> Field:  # noqa: N802 - reads as a field kind beside Field
    """A file to write, ending in ``suffix``."""
    return Field(key, FieldSpec(FieldKind.TEXT, required=True), label=label, path=suffix)


def InputFileField(key: str, label: Text) -> Field:  # noqa: N802
    """A file to read, chosen with the … button (or its path pasted)."""
    return Field(key, FieldSpec(FieldKind.TEXT, required=True), label=label, path="<read>")


class PathInput(QWidget, Input):
    """A file to write: proposed from the project code and the kind, changed by typing or with the … button."""

    def __init__(self, key: str, spec: FieldSpec, suffix: str) -> None:
        super().__init__()
        self.key, self.spec, self.suffix = key, spec, suffix
        self.edit = QLineEdit()
        self.edit.setObjectName(f"path-{key}")
        self.browse = QToolButton()
        self.browse.setText("…")
        self.browse.setObjectName(f"browse-{key}")
        self.browse.clicked.connect(self.choose)
        self.suggested = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)

    def suggest(self, name: str) -> None:
        """Propose ``name`` in the output folder, unless the user has typed or chosen a path of their own."""
        if self.edit.text() in ("", self.suggested):
            self.suggested = str(output_folder() / name)
            self.edit.setText(self.suggested)

    def choose(self) -> None:
        if self.suffix == "<read>":
            path = open_file(self, self.key, "") if not self.value() else QFileDialog.getOpenFileName(self, "", self.value())[0]
            if path:
                self.set_value(path)
            return
        path, _ = QFileDialog.getSaveFileName(self, "", self.value(), f"*.{self.suffix}")
        if path:
            self.set_value(path)
            QSettings().setValue("documents/folder", str(Path(path).parent))

    def value(self) -> str:
        return self.edit.text().strip()

    def set_value(self, value: str) -> None:
        self.edit.setText(str(value))

    def reset(self) -> None:
        self.edit.setText(self.suggested)

    def relabel(self, lang: Language) -> None:
        self.browse.setToolTip(lang.pick(Text("ui.outputs.choose_file")))


def confirm_overwrite(parent: QWidget, paths: Sequence[Path], proceed: Callable[[bool], None]) -> None:
    """``proceed(force)`` at once when no file is there yet, else after the user agreed to replace the ones that are."""
    for path in paths:
        if path.parent == output_folder():  # the proposed folder is made on first use; a folder the user named is theirs
            path.parent.mkdir(parents=True, exist_ok=True)
    existing = [p for p in paths if p.exists()]
    if not existing:
        proceed(False)
        return
    lang = parent.ctx.lang
    box = QMessageBox(QMessageBox.Icon.Question, lang.pick(Text("ui.outputs.replace_title")),
                      lang.pick(Text("ui.outputs.replace_files", files="\n".join(map(str, existing)))),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("confirmOverwrite")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.buttonClicked.connect(lambda button: proceed(True) if box.standardButton(button) == QMessageBox.StandardButton.Yes else None)
    box.open()
