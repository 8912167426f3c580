"""Errors a user can act on."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused action: the message says what, where and what is accepted.

    Raised before anything is written; the CLI prints it on one line and exits 2, the GUI shows it in a
    dialog.
    """

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class NotFound(UserError):
    """A named thing (project, party, site, period, block) does not exist."""
