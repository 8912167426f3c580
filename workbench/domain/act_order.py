"""The procedure's acts in their order (程序的先后): an act is not dated before the acts it rests on.

2023 Measures (温室气体自愿减排交易管理办法(试行)): the registry registers a project on an application made after the
validation report (arts. 14–15), and the validation report states how the comments of the PDD's public period were
handled (art. 13), so it is final only once that period is over; reductions are registered (issued) on an
application made after the verification report (arts. 21–22), for reductions generated before it (art. 17). So an
issuance decision is dated no earlier than the end of the accounting period, the project's registration, the final
verification report and the application. The BRI procedure follows the same order, the joint management body
deciding (DOMAIN.md §1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from workbench.domain.errors import UserError
from workbench.domain.text import Text

ISSUANCE_ORDER = Text("act_order.issuance_after")
"""Why: the rule an issuance decision's date follows, with its articles."""
REGISTRATION_ORDER = Text("act_order.registration_after")
"""Why: the rule a registration decision's date follows (Measures arts. 14–15)."""


@dataclass(frozen=True)
class DatedAct:
    """An earlier act of the procedure and the day it happened (``what`` worded for the user)."""

    what: Text
    on: date


def first_later(on: date, earlier: Iterable[DatedAct]) -> DatedAct | None:
    """The first of ``earlier`` dated after ``on`` — the act ``on`` cannot precede — or None when ``on`` is in order."""
    return next((a for a in earlier if a.on > on), None)


def check_decision_date(on: date, today: date, earlier: Iterable[DatedAct], field: str, rule: Text = ISSUANCE_ORDER) -> None:
    """Refuse a decision dated after ``today`` (a decision is recorded once taken) or before any of the ``earlier``
    acts (for an issuance: period end, registration, final verification report, application; for a registration: the
    final validation report and the application): UserError on ``field`` naming both dates and the ``rule``."""
    if on > today:
        raise UserError("error.act_order.decision_after_today", field=field, on=on, today=today)
    act = first_later(on, earlier)
    if act is not None:
        raise UserError("error.act_order.decision_before_act", field=field, on=on, act=act.what, act_on=act.on, rule=rule)


PUBLIC_COMMENT_BEFORE_REPORT = {"validation": ("pdd_publicity", Text("act_order.validation_after_publicity")),
                                "verification": ("report_publicity", Text("act_order.verification_after_publicity"))}
"""The stage whose public comment period a report answers, by engagement kind, and the rule (Measures arts. 13, 20)."""


def check_report_after_publicity(kind: str, stage: str, stage_label: Text, since: date) -> None:
    """Refuse a validation (verification) report made final while the PDD's (monitoring report's) public comment period
    still runs: the report states how the comments received were handled (Measures art. 13; art. 20)."""
    running, rule = PUBLIC_COMMENT_BEFORE_REPORT.get(kind, (None, None))
    if stage == running:
        raise UserError("error.act_order.report_during_publicity", field="engagement", stage=stage_label, since=since, rule=rule)
