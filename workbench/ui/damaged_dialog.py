"""A damaged workspace file (工作区文件已损坏): what is wrong, and its backups offered to restore one — the desktop
program's way of the CLI's 'workbench backup list' and 'workbench backup restore'."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from workbench.domain.errors import UserError
from workbench.domain.text import Text
from workbench.store import backup
from workbench.store.damage import DamagedWorkspace
from workbench.ui.backup_dialog import BackupDialog
from workbench.ui.i18n import Language


class DamagedDialog(QMessageBox):
    """Says the file is damaged and that nothing was written to it; "Restore a backup…" lists its backups
    (``BackupDialog``). The backup the user confirms is handed to ``restore(path, backup)``."""

    def __init__(self, lang: Language, error: DamagedWorkspace, restore: Callable[[Path, Path], None], parent: QWidget | None = None) -> None:
        has_backups = bool(backup.list_backups(error.path))
        said = Text("ui.notice.damaged", path=str(error.path), problem=error.problem)
        more = Text("ui.notice.damaged_backups") if has_backups else Text("ui.notice.damaged_no_backups")
        super().__init__(QMessageBox.Icon.Critical, lang("ui.app.title"), f"{lang.pick(said)}\n\n{lang.pick(more)}", parent=parent)
        self.setObjectName("damagedWorkspace")
        self.lang, self.path, self.restore = lang, error.path, restore
        self.restore_button = self.addButton(lang.pick(Text("ui.notice.restore_a_backup")), QMessageBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("offerBackups")
        self.restore_button.setEnabled(has_backups)
        self.addButton(lang.pick(Text("common.cancel")), QMessageBox.ButtonRole.RejectRole)
        self.buttonClicked.connect(lambda button: self.show_backups() if button is self.restore_button else None)

    def show_backups(self) -> BackupDialog:
        self.backups = BackupDialog(self.lang, self.path, self.parentWidget())
        self.backups.accepted.connect(lambda: self.restore(self.path, self.backups.chosen))
        self.backups.open()
        return self.backups


def restore_at_start(lang: Language, error: DamagedWorkspace) -> bool:
    """Before the window exists: the same offer, modal; True once a backup is back in place of the damaged file."""
    done: list[Path] = []

    def restore(path: Path, chosen: Path) -> None:
        try:
            backup.restore(path, chosen)
        except UserError as exc:
            QMessageBox.critical(None, lang("ui.app.title"), lang.error(exc))
            return
        done.append(path)

    box = DamagedDialog(lang, error, restore)
    box.buttonClicked.disconnect()
    box.exec()
    if box.clickedButton() is box.restore_button:
        dialog = BackupDialog(lang, error.path)
        if dialog.exec() and dialog.chosen is not None:
            restore(error.path, dialog.chosen)
    return bool(done)
