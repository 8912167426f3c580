"""Issuance guard: a project is 'issued' once the registry has issued the verified period's units."""

from __future__ import annotations

from workbench.domain.fixes import Fix
from workbench.domain.guards import GUARDS, GuardContext, ProjectSnapshot, Reason
from workbench.domain.project import Programme
from workbench.domain.publicity import application_window
from workbench.domain.stages import Stage
from workbench.domain.text import Text


def units_issued(snap: ProjectSnapshot, ctx: GuardContext) -> list[Reason]:
    pending = snap.facts.get("issuance", {}).get("verified", ())
    if snap.facts.get("issuance", {}).get("issued_periods") and not pending:
        return []
    return [Reason("not-issued", Text("issuance_guards.the_verified_period_s_units_have"), fix=Fix.ISSUE_UNITS)]


def periods_in_window(snap: ProjectSnapshot, ctx: GuardContext) -> list[Reason]:
    """The accounting period applied for must lie within the 5 years (a dated threshold) before the application."""
    rule = ctx.threshold(f"{snap.header.programme}.accounting_window_years")
    reasons = []
    for number, start, end in snap.facts.get("issuance", {}).get("verified", ()):
        window = application_window(start, rule.as_int)
        if window.passed(ctx.today):
            reasons.append(Reason("period-outside-window", Text("issuance_guards.accounting_period_began_more_than_years", number=number, start=start, end=end, as_int=rule.as_int, ends=window.ends, value=rule.cite()), fix=Fix.ACCOUNTING_PERIOD))
    return reasons


def period_calculated(snap: ProjectSnapshot, ctx: GuardContext) -> list[Reason]:
    """A monitoring round starts from an accounting period calculated from the monitoring data: the accounting report
    published for comment (CCER) and the verification (both procedures) cover that period (DOMAIN.md §2, steps
    8–10 of the 2023 procedure; the BRI procedure verifies a monitoring period the same way)."""
    if snap.facts.get("issuance", {}).get("calculated"):
        return []
    return [Reason("no-period-calculated", Text("issuance_guards.no_period_calculated"), fix=Fix.NEW_PERIOD)]


ROUND_STARTS = {Programme.CCER: Stage.REPORT_PUBLICITY, Programme.BRI: Stage.VERIFICATION}
"""The stage each procedure's monitoring round moves into from registration (or after an issuance)."""

for programme in Programme:
    for source in (Stage.REGISTERED, Stage.ISSUED):
        GUARDS.register(programme, source, ROUND_STARTS[programme])(period_calculated)
    GUARDS.register(programme, Stage.VERIFICATION, Stage.ISSUANCE_REQUESTED)(periods_in_window)
    GUARDS.register(programme, Stage.ISSUANCE_REQUESTED, Stage.ISSUED)(units_issued)
