"""File › Backups…: the workspace file's copies (before migrations, imports and restores, and daily), a copy made on
demand, and a restore that keeps the file as it was as one more backup."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QMessageBox, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from workbench.domain.text import Bilingual as B
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
        self.setWindowTitle(lang.pick(B("Backups of this workspace", "本工作区的备份")))
        self.resize(760, 420)
        where = QLabel(lang.pick(B(f"Kept in {backup.backup_dir(workspace)}", f"保存于{backup.backup_dir(workspace)}")))
        where.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("backupList")
        self.list.setHeaderLabels([lang.pick(B("Made", "时间")), lang.pick(B("Why", "原因")), lang.pick(B("Size", "大小")),
                                   lang.pick(B("File", "文件"))])
        self.list.setRootIsDecorated(False)
        self.list.itemSelectionChanged.connect(lambda: self.restore_button.setEnabled(bool(self.list.selectedItems())))
        make = QPushButton(lang.pick(B("Back up now", "立即备份")))
        make.setObjectName("backupNow")
        make.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(lang.pick(B("Restore the selected backup…", "恢复所选备份…")))
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
        backup.make_backup(self.workspace, "manual")
        self.fill()

    def confirm_restore(self) -> None:
        chosen = Path(self.list.selectedItems()[0].data(0, Qt.ItemDataRole.UserRole))
        box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), self.lang.pick(B(
            f"Replace the workspace with the backup {chosen.name}?\nThe file as it is now is kept as one more backup.",
            f"用备份{chosen.name}替换当前工作区？\n当前文件会另存为一份备份。")), parent=self)
        box.setObjectName("confirmRestore")
        yes = box.addButton(self.lang.pick(B("Restore", "恢复")), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.lang.pick(B("Cancel", "取消")), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(lambda button: self._chosen(chosen) if button is yes else None)
        box.open()

    def _chosen(self, path: Path) -> None:
        self.chosen = path
        self.accept()
