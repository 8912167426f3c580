"""Issuance guard: a project is 'issued' once the registry has issued the verified period's units."""

from __future__ import annotations

from workbench.domain.guards import GUARDS, GuardContext, ProjectSnapshot, Reason
from workbench.domain.project import Programme
from workbench.domain.stages import Stage
from workbench.domain.text import Bilingual


def units_issued(snap: ProjectSnapshot, ctx: GuardContext) -> list[Reason]:
    pending = snap.facts.get("issuance", {}).get("verified_not_issued", ())
    if snap.facts.get("issuance", {}).get("issued_periods") and not pending:
        return []
    return [Reason("not-issued", Bilingual("the verified period's units have not been issued yet ('workbench issue')",
                                           "核查通过的核算期减排量尚未登记签发"))]


for programme in Programme:
    GUARDS.register(programme, Stage.ISSUANCE_REQUESTED, Stage.ISSUED)(units_issued)
