"""Run one user action on a workspace file and SIGKILL this process after its Nth SQL statement (crash tests).

``python -m tests.kill_driver DB ACTION N`` — N = 0 runs the action to the end and prints how many statements opening
the workspace took and how many the whole run took, so a test can aim its kills inside the action.
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import date

from sqlalchemy import event
from sqlalchemy.engine import Engine

from workbench.services.monitoring import accounting
from workbench.services.issuance import ledger
from workbench.services.support.context import Actor
from workbench.store.workspace import open_workspace

ACTIONS = {
    "calculate": lambda ws, actor: accounting.calculate_period(ws, actor, "VN-OFW-01", 1),
    "issue": lambda ws, actor: ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20", "JC-2026-003"),
}


def main(db: str, action: str, kill_at: int) -> None:
    count = 0

    def counted(*_args) -> None:
        nonlocal count
        count += 1
        if count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    event.listen(Engine, "after_cursor_execute", counted)
    ws = open_workspace(db, create=False)
    opened = count
    ACTIONS[action](ws, Actor("tester", date(2026, 2, 1)))
    print(opened, count)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
