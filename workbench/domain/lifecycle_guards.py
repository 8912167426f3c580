"""The foundation's stage guards: what a project needs before each move of either procedure.

Later capabilities (validation, issuance) register further guards into the same registry.
"""

from __future__ import annotations

from workbench.domain.guards import GUARDS, GuardContext, ProjectSnapshot, Reason
from workbench.domain.parties import PartyRole
from workbench.domain.project import Programme
from workbench.domain.publicity import workday_period
from workbench.domain.stages import Stage
from workbench.domain.text import Text

S = Stage
BOTH = (Programme.CCER, Programme.BRI)


def publicity_key(programme: Programme, what: str) -> str:
    """Reference-data key of a public comment period, e.g. ``ccer.pdd_publicity_workdays``."""
    return f"{programme}.{what}_publicity_workdays"


def design_complete(snap: ProjectSnapshot, ctx: GuardContext) -> list[Reason]:
    """A PDD can only be published once the project says what it is, who owns it and where it is."""
    reasons: list[Reason] = []
    h = snap.header
    if not h.methodology_id:
        reasons.append(Reason("no-methodology", Text("lifecycle_guards.no_methodology_chosen")))
    if not any(p.role is PartyRole.PROJECT_OWNER for p in snap.parties):
        reasons.append(Reason("no-owner", Text("lifecycle_guards.no_project_owner_among_the_parties")))
    if not snap.sites:
        reasons.append(Reason("no-site", Text("lifecycle_guards.no_project_site_with_coordinates")))
    if h.dates.crediting is None:
        reasons.append(Reason("no-crediting-period", Text("lifecycle_guards.no_crediting_period_set")))
    if h.dates.construction_start is None:
        reasons.append(Reason("no-construction-start", Text("lifecycle_guards.no_construction_start_date")))
    return reasons


def publicity_over(stage: Stage, what: str):
    """Guard factory: the public comment period that began when the project entered ``stage`` has ended."""

    def guard(snap: ProjectSnapshot, ctx: GuardContext) -> list[Reason]:
        began = snap.entered(stage) or snap.stage_since
        days = ctx.threshold(publicity_key(snap.header.programme, what)).as_int
        period = workday_period(ctx.calendar, began, days)
        if period.passed(ctx.today):
            return []
        text = Text(f"guards.publicity_running.{what}" + (".provisional" if period.provisional else ""),
                    days=days, began=began, ends=period.ends)
        return [
            Reason(
                f"{what}-publicity-running",
                text,
                due=period.ends,
                provisional=period.provisional,
            )
        ]

    return guard


def registry_account_open(snap: ProjectSnapshot, ctx: GuardContext) -> list[Reason]:
    """Registration needs the owner's registry account (注册登记系统账户), opened before the first application."""
    if snap.registry_account.strip():
        return []
    return [
        Reason(
            "no-registry-account",
            Text("lifecycle_guards.the_project_owner_has_no_registry"),
        )
    ]


def crediting_period_over(snap: ProjectSnapshot, ctx: GuardContext) -> list[Reason]:
    crediting = snap.header.dates.crediting
    if crediting is not None and ctx.today > crediting.end:
        return []
    end = crediting.end if crediting else None
    return [
        Reason(
            "crediting-running",
            Text("guards.crediting_period_runs_until", end=end) if end else Text("lifecycle_guards.no_crediting_period_set"),
            due=end,
        )
    ]


for programme in BOTH:
    GUARDS.register(programme, S.DESIGN, S.PDD_PUBLICITY)(design_complete)
    GUARDS.register(programme, S.PDD_PUBLICITY, S.VALIDATION)(
        publicity_over(S.PDD_PUBLICITY, "pdd")
    )
    GUARDS.register(programme, S.REGISTERED, S.CLOSED)(crediting_period_over)
    GUARDS.register(programme, S.ISSUED, S.CLOSED)(crediting_period_over)

GUARDS.register(Programme.CCER, S.VALIDATION, S.REGISTRATION_REQUESTED)(registry_account_open)
GUARDS.register(Programme.CCER, S.REPORT_PUBLICITY, S.VERIFICATION)(
    publicity_over(S.REPORT_PUBLICITY, "report")
)
