"""Fix keys: what resolves a blocked move, as stable plain strings (CONTRACTS.md §4).

Every ``Reason`` a guard gives carries one of these; the GUI maps each key to the page and form that resolve it
(``workbench.ui.fix_targets``), the CLI could name a command for it. The domain names no screen, only the remedy.
"""

from __future__ import annotations

from enum import StrEnum


class Fix(StrEnum):
    """What the user does to clear a reason (the value is the stable key; never rename one, add a new one)."""

    METHODOLOGY = "choose-methodology"
    OWNER = "add-project-owner"
    SITE = "add-site"
    CREDITING_PERIOD = "set-crediting-period"
    CONSTRUCTION_START = "set-construction-start"
    REGISTRY_ACCOUNT = "set-registry-account"
    WAIT_PUBLICITY = "wait-publicity"
    WAIT_CREDITING_END = "wait-crediting-end"
    ENGAGE_VALIDATION_VVB = "engage-validation-vvb"
    ENGAGE_VERIFICATION_VVB = "engage-verification-vvb"
    CLOSE_FINDING = "close-finding"
    FINAL_REPORT = "final-report"
    ISSUE_UNITS = "issue-units"
    ACCOUNTING_PERIOD = "check-accounting-period"
    PROCEDURE = "follow-procedure"
    RENDER_PDD = "render-pdd"
    NEW_PERIOD = "add-accounting-period"
    REGISTRATION_DECISION = "record-registration-decision"
