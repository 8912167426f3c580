"""Guards of validation and verification (审定与核查): VVB engaged, reports final, no open CAR or CL."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain.fixes import Fix
from workbench.domain.guards import GUARDS, GuardContext, ProjectSnapshot, Reason
from workbench.domain.project import Programme
from workbench.domain.stages import Stage
from workbench.domain.text import Bilingual, Text
from workbench.domain.vocabulary import EngagementKind

S = Stage
BLOCKING = ("CAR", "CL")  # a report cannot be final while one is open; FARs carry forward


@dataclass(frozen=True)
class OpenFinding:
    label: str  # e.g. "CAR-2"
    text: str
    id: int | None = None  # the finding's record, for the form that responds to it


@dataclass(frozen=True)
class EngagementFact:
    id: int
    kind: str  # validation | verification
    vvb: Bilingual | str  # the VVB's name, in each language it was given in
    final: bool
    open_findings: tuple[OpenFinding, ...]
    period_number: int | None = None
    carried: tuple[OpenFinding, ...] = ()  # FARs carried forward from this report, not closed yet


def engagements(snap: ProjectSnapshot, kind: str) -> list[EngagementFact]:
    return [e for e in snap.facts.get("validation", ()) if e.kind == kind]


def open_blocking(engagement: EngagementFact) -> list[Reason]:
    return [
        Reason("finding-open", Text("validation_guards.is_open", label=f.label, text=f.text), fix=Fix.CLOSE_FINDING,
               subject="" if f.id is None else str(f.id))
        for f in engagement.open_findings
        if f.label.split("-")[0] in BLOCKING
    ]


def carried_to(engagement: EngagementFact, snap: ProjectSnapshot) -> list[Reason]:
    """A verification report answers the FARs earlier reports carried forward: each one still not closed, while the
    report is a draft (services/validation.finalise_report refuses the same)."""
    if engagement.kind != "verification" or engagement.final:
        return []
    return [Reason("far-carried-open", Text("validation_guards.far_carried_open", label=f.label, kind=EngagementKind(e.kind), text=f.text),
                   fix=Fix.CLOSE_FINDING)
            for e in snap.facts.get("validation", ()) if e.id != engagement.id for f in e.carried]


def needs_engagement(kind: str):
    def guard(snap: ProjectSnapshot, ctx: GuardContext) -> list[Reason]:
        if engagements(snap, kind):
            return []
        return [Reason(f"no-{kind}-vvb", Text("guards.no_vvb_engaged", kind=EngagementKind(kind)), fix=Fix(f"engage-{kind}-vvb"))]

    return guard


def needs_final_report(kind: str):
    def guard(snap: ProjectSnapshot, ctx: GuardContext) -> list[Reason]:
        latest = engagements(snap, kind)[-1:] or None
        if not latest:
            return [Reason(f"no-{kind}-vvb", Text("guards.no_vvb_engaged", kind=EngagementKind(kind)), fix=Fix(f"engage-{kind}-vvb"))]
        engagement = latest[0]
        reasons = open_blocking(engagement) + carried_to(engagement, snap)
        if not engagement.final:
            reasons.append(Reason(f"{kind}-report-draft", Text("guards.report_not_final", kind=EngagementKind(kind), vvb=engagement.vvb), fix=Fix.FINAL_REPORT,
                                  subject=str(engagement.id)))
        return reasons

    return guard


for programme in Programme:
    GUARDS.register(programme, S.PDD_PUBLICITY, S.VALIDATION)(needs_engagement("validation"))
    GUARDS.register(programme, S.VALIDATION, S.REGISTRATION_REQUESTED)(needs_final_report("validation"))
    GUARDS.register(programme, S.VERIFICATION, S.ISSUANCE_REQUESTED)(needs_final_report("verification"))
GUARDS.register(Programme.CCER, S.REPORT_PUBLICITY, S.VERIFICATION)(needs_engagement("verification"))
GUARDS.register(Programme.BRI, S.REGISTERED, S.VERIFICATION)(needs_engagement("verification"))
