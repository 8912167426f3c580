"""Guard of a BRI project's registration: the joint management body's registration decision is on record.

The BRI procedure follows the old CCER process (DOMAIN.md §1): the joint body decides on registration, as the registry
does under the 2023 Measures (art. 15, within 15 working days of the application). A project moves to Registered on
that decision — its date and reference recorded (services/projects/decisions.py), dated no earlier than the
registration application.
"""

from __future__ import annotations

from workbench.domain.fixes import Fix
from workbench.domain.guards import GUARDS, GuardContext, ProjectSnapshot, Reason
from workbench.domain.project import Programme
from workbench.domain.stages import Stage
from workbench.domain.text import Text


def registration_decided(snap: ProjectSnapshot, ctx: GuardContext) -> list[Reason]:
    decided = snap.facts.get("issuance", {}).get("registration_decided")
    if decided is None:
        return [Reason("no-registration-decision", Text("registration_guards.no_decision"), fix=Fix.REGISTRATION_DECISION)]
    applied = snap.entered(Stage.REGISTRATION_REQUESTED)
    if applied is not None and decided < applied:
        return [Reason("registration-decision-early", Text("registration_guards.decision_before_application", on=decided, applied=applied),
                       fix=Fix.REGISTRATION_DECISION)]
    return []


GUARDS.register(Programme.BRI, Stage.REGISTRATION_REQUESTED, Stage.REGISTERED)(registration_decided)
