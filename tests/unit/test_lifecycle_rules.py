"""Every transition and guard of both procedures (DOMAIN.md §1–2)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from workbench.domain.fixes import Fix
from workbench.domain.guards import GuardContext, ProjectSnapshot, StageRecord
from workbench.domain.parties import Nationality, Party, PartyRole
from workbench.domain.project import CreditingPeriod, Programme, ProjectDates, ProjectHeader, Sector, Site
from workbench.domain.rules import GUARDS
from workbench.domain.validation_guards import EngagementFact, OpenFinding
from workbench.domain.stages import PROCEDURES, Direction, Stage, find_transition, stages_of
from workbench.reference import thresholds_on

S = Stage


def header(programme: Programme) -> ProjectHeader:
    return ProjectHeader(
        code="P-1",
        title_en="Test farm",
        title_zh="测试风电场",
        programme=programme,
        host_country="VN" if programme is Programme.BRI else "CN",
        sector=Sector.ENERGY,
        methodology_id="CCER-01-002",
        methodology_version="V01",
        agreement="CN-VN MoU" if programme is Programme.BRI else "",
        dates=ProjectDates(date(2023, 6, 1), date(2025, 1, 1), 25, CreditingPeriod(date(2025, 1, 1), date(2034, 12, 31))),
    )


def ready_snapshot(programme: Programme, stage: Stage, since: date) -> ProjectSnapshot:
    """A project that satisfies every foundation guard except the ones a test breaks on purpose."""
    return ProjectSnapshot(
        header=header(programme),
        stage=stage,
        stage_since=since,
        parties=(Party("Owner Co", "业主", PartyRole.PROJECT_OWNER, Nationality.CHINESE, "CN"),),
        sites=(Site("WTG", Decimal("10.712345"), Decimal("108.521234")),),
        history=(StageRecord(None, stage, since, "tester"),),
        registry_account="ACC-1",
        facts={"validation": (
            EngagementFact(1, "validation", "VVB One", True, ()),
            EngagementFact(2, "verification", "VVB Two", True, (), period_number=1),
        ), "issuance": {"issued_periods": (1,), "verified": (), "calculated": (2,), "registration_decided": since}},
    )


def context(calendar, today: date) -> GuardContext:
    return GuardContext(today, calendar, thresholds_on(today))


ALL = [(p, t) for p, transitions in PROCEDURES.items() for t in transitions]


@pytest.mark.parametrize("programme,transition", ALL, ids=[f"{p}:{t.source}->{t.target}" for p, t in ALL])
def test_every_transition_is_allowed_once_its_conditions_hold(programme, transition, fixed_calendar):
    snap = ready_snapshot(programme, transition.source, date(2025, 1, 6))
    # late enough for every public comment period to have ended, after the crediting period for closing
    today = date(2035, 2, 1) if transition.target is S.CLOSED else date(2025, 6, 30)
    assert GUARDS.reasons(snap, context(fixed_calendar, today), transition.target) == []


def test_moves_outside_the_procedure_are_refused(fixed_calendar):
    snap = ready_snapshot(Programme.CCER, S.DESIGN, date(2025, 1, 6))
    reasons = GUARDS.reasons(snap, context(fixed_calendar, date(2025, 6, 30)), S.ISSUED)
    assert [r.code for r in reasons] == ["no-such-transition"]
    assert "(allowed: PDD public comment)" in reasons[0].text.en and "允许：项目设计文件公示" in reasons[0].text.zh


def test_bri_has_no_report_publicity_and_ccer_has():
    assert S.REPORT_PUBLICITY in stages_of(Programme.CCER)
    assert S.REPORT_PUBLICITY not in stages_of(Programme.BRI)
    assert find_transition(Programme.BRI, S.REGISTERED, S.VERIFICATION) is not None
    assert find_transition(Programme.CCER, S.REGISTERED, S.VERIFICATION) is None


@pytest.mark.parametrize("programme", list(Programme))
def test_moving_back_is_possible_where_the_rules_allow(programme):
    back = {(t.source, t.target) for t in PROCEDURES[programme] if t.direction is Direction.BACK}
    assert (S.REGISTRATION_REQUESTED, S.DESIGN) in back  # registration refused -> revise the PDD
    assert (S.VALIDATION, S.DESIGN) in back
    assert (S.ISSUANCE_REQUESTED, S.VERIFICATION) in back


@pytest.mark.parametrize("programme", list(Programme))
def test_design_needs_methodology_owner_site_and_dates(programme, fixed_calendar):
    snap = ready_snapshot(programme, S.DESIGN, date(2025, 1, 6))
    bare = replace(
        snap,
        header=replace(snap.header, methodology_id="", dates=ProjectDates()),
        parties=(),
        sites=(),
    )
    codes = [r.code for r in GUARDS.reasons(bare, context(fixed_calendar, date(2025, 6, 30)), S.PDD_PUBLICITY)]
    assert codes == ["no-methodology", "no-owner", "no-site", "no-crediting-period", "no-construction-start"]


def test_pdd_publicity_counts_20_working_days_across_spring_festival(fixed_calendar):
    # Published Friday 2025-01-17. Working days: Jan 20-24 (5), Jan 26 make-up Sunday (6), Jan 27 (7);
    # Jan 28 - Feb 4 holiday; Feb 5-7 (10), Feb 8 make-up Saturday (11), Feb 10-14 (16), Feb 17-20 (20).
    snap = ready_snapshot(Programme.CCER, S.PDD_PUBLICITY, date(2025, 1, 17))
    during = GUARDS.reasons(snap, context(fixed_calendar, date(2025, 2, 20)), S.VALIDATION)
    assert [r.code for r in during] == ["pdd-publicity-running"]
    assert during[0].due == date(2025, 2, 20)
    assert "ends 2025-02-20" in during[0].text.en and "2025-02-20" in during[0].text.zh
    assert GUARDS.reasons(snap, context(fixed_calendar, date(2025, 2, 21)), S.VALIDATION) == []


def test_publicity_beyond_the_holiday_data_is_provisional(fixed_calendar):
    snap = ready_snapshot(Programme.CCER, S.PDD_PUBLICITY, date(2025, 12, 19))
    (reason,) = GUARDS.reasons(snap, context(fixed_calendar, date(2025, 12, 22)), S.VALIDATION)
    assert reason.provisional and "provisional" in reason.text.en


def test_report_publicity_blocks_ccer_verification(fixed_calendar):
    snap = ready_snapshot(Programme.CCER, S.REPORT_PUBLICITY, date(2025, 3, 3))
    (reason,) = GUARDS.reasons(snap, context(fixed_calendar, date(2025, 3, 10)), S.VERIFICATION)
    assert reason.code == "report-publicity-running" and reason.due == date(2025, 3, 31)  # Mar 4-7, 10-14, 17-21, 24-28, 31


def test_ccer_registration_needs_a_registry_account(fixed_calendar):
    snap = replace(ready_snapshot(Programme.CCER, S.VALIDATION, date(2025, 1, 6)), registry_account="")
    codes = [r.code for r in GUARDS.reasons(snap, context(fixed_calendar, date(2025, 6, 30)), S.REGISTRATION_REQUESTED)]
    assert codes == ["no-registry-account"]


@pytest.mark.parametrize("source", [S.REGISTERED, S.ISSUED])
def test_closing_waits_for_the_end_of_the_crediting_period(source, fixed_calendar):
    snap = ready_snapshot(Programme.BRI, source, date(2025, 1, 6))
    (reason,) = GUARDS.reasons(snap, context(fixed_calendar, date(2034, 12, 31)), S.CLOSED)
    assert reason.code == "crediting-running" and reason.due == date(2034, 12, 31)


@pytest.mark.parametrize("programme", list(Programme))
def test_validation_needs_an_engaged_vvb_and_registration_a_final_report_without_open_car(programme, fixed_calendar):
    today = date(2025, 6, 30)
    bare = replace(ready_snapshot(programme, S.PDD_PUBLICITY, date(2025, 1, 6)), facts={"validation": ()})
    assert [r.code for r in GUARDS.reasons(bare, context(fixed_calendar, today), S.VALIDATION)] == ["no-validation-vvb"]
    open_car = EngagementFact(1, "validation", "VVB One", False, (OpenFinding("CAR-1", "Meter certificate missing"), OpenFinding("FAR-1", "Check 2026 data")))
    snap = replace(ready_snapshot(programme, S.VALIDATION, date(2025, 1, 6)), facts={"validation": (open_car,)})
    reasons = GUARDS.reasons(snap, context(fixed_calendar, today), S.REGISTRATION_REQUESTED)
    assert [r.code for r in reasons] == ["finding-open", "validation-report-draft"]
    assert reasons[0].text.en == "CAR-1 'Meter certificate missing' is open"


def test_issuance_application_needs_a_final_verification_report(fixed_calendar):
    draft = EngagementFact(2, "verification", "VVB Two", False, (), period_number=1)
    snap = replace(ready_snapshot(Programme.BRI, S.VERIFICATION, date(2025, 1, 6)), facts={"validation": (draft,)})
    reasons = GUARDS.reasons(snap, context(fixed_calendar, date(2025, 6, 30)), S.ISSUANCE_REQUESTED)
    assert [r.code for r in reasons] == ["verification-report-draft"]


def test_ccer_cut_off_dates_block_publication(fixed_calendar):
    from workbench.domain.eligibility_guards import Cutoffs

    snap = ready_snapshot(Programme.CCER, S.DESIGN, date(2025, 1, 6))
    early = replace(snap, header=replace(snap.header, dates=ProjectDates(date(2012, 11, 8), date(2013, 1, 1), 25,
                                                                         CreditingPeriod(date(2020, 9, 22), date(2030, 9, 21)))),
                    facts={**snap.facts, "eligibility": Cutoffs(date(2012, 11, 8), date(2020, 9, 22), "Measures 2023")})
    codes = [r.code for r in GUARDS.reasons(early, context(fixed_calendar, date(2025, 6, 30)), S.PDD_PUBLICITY)]
    assert codes == ["construction-too-early", "crediting-too-early"]


def test_the_period_applied_for_must_lie_within_five_years_before_the_application(fixed_calendar):
    snap = ready_snapshot(Programme.CCER, S.VERIFICATION, date(2030, 1, 6))
    spans = ((2, date(2025, 3, 1), date(2025, 12, 31)),)
    snap = replace(snap, facts={**snap.facts, "issuance": {"verified": spans}})
    # period 2 began 2025-03-01: applying on 2030-03-01 is still within five years, on 2030-03-02 it is not
    assert GUARDS.reasons(snap, context(fixed_calendar, date(2030, 3, 1)), S.ISSUANCE_REQUESTED) == []
    (late,) = GUARDS.reasons(snap, context(fixed_calendar, date(2030, 3, 2)), S.ISSUANCE_REQUESTED)
    assert late.code == "period-outside-window"
    assert "until 2030-03-01" in late.text.en and "ccer.accounting_window_years = 5 years" in late.text.en and "(confirm)" in late.text.en


@pytest.mark.parametrize("programme,target", [(Programme.CCER, S.REPORT_PUBLICITY), (Programme.BRI, S.VERIFICATION)])
def test_a_monitoring_round_needs_a_calculated_accounting_period(programme, target, fixed_calendar):
    ready = ready_snapshot(programme, S.REGISTERED, date(2025, 1, 6))
    snap = replace(ready, facts={**ready.facts, "issuance": {"issued_periods": (), "verified": (), "calculated": ()}})
    (reason,) = GUARDS.reasons(snap, context(fixed_calendar, date(2025, 6, 30)), target)
    assert reason.code == "no-period-calculated" and reason.fix is Fix.NEW_PERIOD and "核算期" in reason.text.zh
