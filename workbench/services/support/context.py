"""Who acts and when: every service takes these so tests and the CLI can pin them."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from datetime import date, datetime


def default_actor() -> str:
    return os.environ.get("WORKBENCH_USER") or getpass.getuser()


def _today() -> date:
    pinned = os.environ.get("WORKBENCH_TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()


@dataclass(frozen=True)
class Actor:
    """The person acting, and the day the action counts as done on (pinnable with WORKBENCH_TODAY)."""

    name: str = field(default_factory=default_actor)
    today: date = field(default_factory=_today)

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)
