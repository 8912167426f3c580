"""The crediting-period rule of the project's methodology, for the guard that shows a stored project breaking it."""

from __future__ import annotations

from workbench.domain.crediting import CreditingRule
from workbench.services.projects.projects import crediting_rule_of

NAME = "crediting"


def provide(session, project, today) -> CreditingRule | None:
    return crediting_rule_of(project)
