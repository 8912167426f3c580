"""File › Connect to team database…: the address of a shared PostgreSQL database and the login's password.

The address is remembered without its password (libpq's ~/.pgpass or PGPASSWORD may hold that instead).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from workbench.domain.text import Text
from workbench.ui.i18n import Language


def with_password(address: str, password: str) -> str:
    """``postgresql+psycopg://user@host/db`` with the password put in (percent-encoded)."""
    from urllib.parse import quote

    if not password or "://" not in address:
        return address
    scheme, rest = address.split("://", 1)
    login, at, host = rest.rpartition("@")
    if not at:
        return address
    user = login.split(":", 1)[0]
    return f"{scheme}://{user}:{quote(password, safe='')}@{host}"


class TeamDialog(QDialog):
    def __init__(self, lang: Language, address: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamDialog")
        self.setWindowTitle(lang.pick(Text("ui.team_dialog.connect_to_team_database")))
        self.address = QLineEdit(address)
        self.address.setObjectName("teamAddress")
        self.address.setPlaceholderText("postgresql+psycopg://wang@db.example.cn/ccer")
        self.password = QLineEdit()
        self.password.setObjectName("teamPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        hint = QLabel(lang.pick(Text("ui.team_dialog.your_login_is_the_name_in")))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(lang.pick(Text("ui.team_dialog.database_address")), self.address)
        form.addRow(lang.pick(Text("ui.team_dialog.password")), self.password)
        form.addRow(hint)
        form.addRow(buttons)

    def target(self) -> str:
        return with_password(self.address.text().strip(), self.password.text())
