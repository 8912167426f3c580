"""File › Backups…: the workspace file's copies (before migrations, imports and restores, and daily), a copy made on
demand, and a restore that keeps the file as it was as one more backup."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QMessageBox, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from workbench.domain.text import Text
from workbench.store import backup
from workbench.ui.i18n import Language


class BackupDialog(QDialog):
    """``chosen`` holds the backup to restore once the user has confirmed it (the window does the restore)."""

    def __init__(self, lang: Language, workspace: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self.lang = lang
        self.workspace = workspace
        self.chosen: Path | None = None
        self.setWindowTitle(lang.pick(Text("ui.backup_dialog.backups_of_this_workspace")))
        self.resize(760, 420)
        where = QLabel(lang.pick(Text("ui.backup_dialog.kept_in", value=backup.backup_dir(workspace))))
        where.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("backupList")
        self.list.setHeaderLabels([lang.pick(Text("ui.backup_dialog.made")), lang.pick(Text("ui.backup_dialog.why")), lang.pick(Text("ui.backup_dialog.size")),
                                   lang.pick(Text("common.file"))])
        self.list.setRootIsDecorated(False)
        self.list.itemSelectionChanged.connect(lambda: self.restore_button.setEnabled(bool(self.list.selectedItems())))
        make = QPushButton(lang.pick(Text("ui.backup_dialog.back_up_now")))
        make.setObjectName("backupNow")
        make.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(lang.pick(Text("ui.backup_dialog.restore_the_selected_backup")))
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.confirm_restore)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(make, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.fill()

    def fill(self) -> None:
        self.list.clear()
        for path in backup.list_backups(self.workspace):
            made = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
            item = QTreeWidgetItem(self.list, [made, backup.label_of(path), f"{path.stat().st_size / 1024:,.0f} KiB", path.name])
            item.setToolTip(3, str(path))
            item.setData(0, Qt.ItemDataRole.UserRole, str(path))
        for column in range(4):
            self.list.resizeColumnToContents(column)

    def back_up_now(self) -> None:
        """A copy made now; one that cannot be written (a full disk, a read-only folder) is said, and counts as none."""
        try:
            backup.make_backup(self.workspace, "manual")
        except (OSError, sqlite3.Error) as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), self.lang.pick(Text("ui.notice.backup_failed", exc=exc)),
                              QMessageBox.StandardButton.Ok, self)
            box.setObjectName("backupFailed")
            box.open()
        self.fill()

    def confirm_restore(self) -> None:
        chosen = Path(self.list.selectedItems()[0].data(0, Qt.ItemDataRole.UserRole))
        box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), self.lang.pick(Text("ui.backup_dialog.replace_the_workspace_with_the_backup", name=chosen.name)), parent=self)
        box.setObjectName("confirmRestore")
        yes = box.addButton(self.lang.pick(Text("ui.backup_dialog.restore")), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.lang.pick(Text("common.cancel")), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(lambda button: self._chosen(chosen) if button is yes else None)
        box.open()

    def _chosen(self, path: Path) -> None:
        self.chosen = path
        self.accept()
