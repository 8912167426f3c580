"""Lifecycle stages of both procedures, as data (DOMAIN.md §1–2).

The 2023 CCER procedure (MEE + SAMR measures) and the BRI procedure that follows the old CCER / CDM process
(NDRC 2012 No. 1668), with a joint management body deciding on registration and issuance.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workbench.domain.labels import LabelledEnum
from workbench.domain.project import Programme
from workbench.domain.text import Text


class Stage(LabelledEnum):
    DESIGN = "design"  # 项目设计(编制项目设计文件)
    PDD_PUBLICITY = "pdd_publicity"  # 项目设计文件公示
    VALIDATION = "validation"  # 审定
    REGISTRATION_REQUESTED = "registration_requested"  # 项目登记申请
    REGISTERED = "registered"  # 已登记,实施与监测
    REPORT_PUBLICITY = "report_publicity"  # 减排量核算报告公示
    VERIFICATION = "verification"  # 核查
    ISSUANCE_REQUESTED = "issuance_requested"  # 减排量登记申请
    ISSUED = "issued"  # 减排量已登记(签发)
    CLOSED = "closed"  # 计入期结束


class Direction(StrEnum):
    FORWARD = "forward"
    BACK = "back"


@dataclass(frozen=True)
class Transition:
    source: Stage
    target: Stage
    direction: Direction
    label: Text


def _t(programme: str, source: Stage, target: Stage, back: bool = False) -> Transition:
    """A move of one procedure, worded by the catalogue entry ``transition.<programme>.<source>.<target>``."""
    label = Text(f"transition.{programme}.{source.value}.{target.value}")
    return Transition(source, target, Direction.BACK if back else Direction.FORWARD, label)


S = Stage

CCER_2023 = (
    _t('ccer', S.DESIGN, S.PDD_PUBLICITY),
    _t('ccer', S.PDD_PUBLICITY, S.VALIDATION),
    _t('ccer', S.PDD_PUBLICITY, S.DESIGN, back=True),
    _t('ccer', S.VALIDATION, S.REGISTRATION_REQUESTED),
    _t('ccer', S.VALIDATION, S.DESIGN, back=True),
    _t('ccer', S.REGISTRATION_REQUESTED, S.REGISTERED),
    _t('ccer', S.REGISTRATION_REQUESTED, S.DESIGN, back=True),
    _t('ccer', S.REGISTERED, S.REPORT_PUBLICITY),
    _t('ccer', S.REGISTERED, S.CLOSED),
    _t('ccer', S.REPORT_PUBLICITY, S.VERIFICATION),
    _t('ccer', S.REPORT_PUBLICITY, S.REGISTERED, back=True),
    _t('ccer', S.VERIFICATION, S.ISSUANCE_REQUESTED),
    _t('ccer', S.VERIFICATION, S.REGISTERED, back=True),
    _t('ccer', S.ISSUANCE_REQUESTED, S.ISSUED),
    _t('ccer', S.ISSUANCE_REQUESTED, S.VERIFICATION, back=True),
    _t('ccer', S.ISSUED, S.REPORT_PUBLICITY),
    _t('ccer', S.ISSUED, S.CLOSED),
)

# Old CCER / CDM process under a bilateral agreement: the joint management body decides registration and
# issuance; no public comment on the monitoring report.
BRI_1668 = (
    _t('bri', S.DESIGN, S.PDD_PUBLICITY),
    _t('bri', S.PDD_PUBLICITY, S.VALIDATION),
    _t('bri', S.PDD_PUBLICITY, S.DESIGN, back=True),
    _t('bri', S.VALIDATION, S.REGISTRATION_REQUESTED),
    _t('bri', S.VALIDATION, S.DESIGN, back=True),
    _t('bri', S.REGISTRATION_REQUESTED, S.REGISTERED),
    _t('bri', S.REGISTRATION_REQUESTED, S.DESIGN, back=True),
    _t('bri', S.REGISTERED, S.VERIFICATION),
    _t('bri', S.REGISTERED, S.CLOSED),
    _t('bri', S.VERIFICATION, S.ISSUANCE_REQUESTED),
    _t('bri', S.VERIFICATION, S.REGISTERED, back=True),
    _t('bri', S.ISSUANCE_REQUESTED, S.ISSUED),
    _t('bri', S.ISSUANCE_REQUESTED, S.VERIFICATION, back=True),
    _t('bri', S.ISSUED, S.VERIFICATION),
    _t('bri', S.ISSUED, S.CLOSED),
)

PROCEDURES: dict[Programme, tuple[Transition, ...]] = {Programme.CCER: CCER_2023, Programme.BRI: BRI_1668}


def procedure_label(programme: Programme) -> Text:
    """The name of the procedure a programme follows (``procedure.<programme>``)."""
    return Text(f"procedure.{programme.value}")


def stages_of(programme: Programme) -> list[Stage]:
    """Stages of a procedure in the order a project meets them."""
    seen: list[Stage] = []
    for t in PROCEDURES[programme]:
        for s in (t.source, t.target):
            if s not in seen:
                seen.append(s)
    return [s for s in Stage if s in seen]


def transitions_from(programme: Programme, stage: Stage) -> list[Transition]:
    return [t for t in PROCEDURES[programme] if t.source == stage]


def find_transition(programme: Programme, source: Stage, target: Stage) -> Transition | None:
    return next((t for t in PROCEDURES[programme] if t.source == source and t.target == target), None)
