"""Lifecycle stages of both procedures, as data (DOMAIN.md §1–2).

The 2023 CCER procedure (MEE + SAMR measures) and the BRI procedure that follows the old CCER / CDM process
(NDRC 2012 No. 1668), with a joint management body deciding on registration and issuance.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workbench.domain.project import Programme
from workbench.domain.text import Bilingual, Text


class Stage(StrEnum):
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


STAGE_LABELS: dict[Stage, Bilingual] = {
    Stage.DESIGN: Text("stages.project_design_pdd_drafting"),
    Stage.PDD_PUBLICITY: Text("stages.pdd_public_comment"),
    Stage.VALIDATION: Text("common.validation"),
    Stage.REGISTRATION_REQUESTED: Text("stages.registration_applied_for"),
    Stage.REGISTERED: Text("stages.registered_implementation_and_monitoring"),
    Stage.REPORT_PUBLICITY: Text("stages.accounting_report_public_comment"),
    Stage.VERIFICATION: Text("common.verification"),
    Stage.ISSUANCE_REQUESTED: Text("stages.issuance_applied_for"),
    Stage.ISSUED: Text("stages.reductions_issued"),
    Stage.CLOSED: Text("stages.crediting_period_ended"),
}


class Direction(StrEnum):
    FORWARD = "forward"
    BACK = "back"


@dataclass(frozen=True)
class Transition:
    source: Stage
    target: Stage
    direction: Direction
    label: Bilingual


def _t(source: Stage, target: Stage, en: str, zh: str, back: bool = False) -> Transition:
    return Transition(source, target, Direction.BACK if back else Direction.FORWARD, Bilingual(en, zh))


S = Stage

CCER_2023 = (
    _t(S.DESIGN, S.PDD_PUBLICITY, "Publish the PDD for public comment", "公示项目设计文件"),
    _t(S.PDD_PUBLICITY, S.VALIDATION, "Start validation", "开始审定"),
    _t(S.PDD_PUBLICITY, S.DESIGN, "Withdraw the PDD to revise it", "撤回项目设计文件修改", back=True),
    _t(S.VALIDATION, S.REGISTRATION_REQUESTED, "Apply for registration", "申请项目登记"),
    _t(S.VALIDATION, S.DESIGN, "Revise the PDD after validation findings", "根据审定意见修改项目设计文件", back=True),
    _t(S.REGISTRATION_REQUESTED, S.REGISTERED, "Registration granted", "项目登记通过"),
    _t(S.REGISTRATION_REQUESTED, S.DESIGN, "Registration refused: revise the PDD", "登记未通过,修改项目设计文件", back=True),
    _t(S.REGISTERED, S.REPORT_PUBLICITY, "Publish the accounting report", "公示减排量核算报告"),
    _t(S.REGISTERED, S.CLOSED, "Close at the end of the crediting period", "计入期结束"),
    _t(S.REPORT_PUBLICITY, S.VERIFICATION, "Start verification", "开始核查"),
    _t(S.REPORT_PUBLICITY, S.REGISTERED, "Withdraw the report to revise it", "撤回核算报告修改", back=True),
    _t(S.VERIFICATION, S.ISSUANCE_REQUESTED, "Apply for issuance", "申请减排量登记"),
    _t(S.VERIFICATION, S.REGISTERED, "Revise the report after verification findings", "根据核查意见修改核算报告", back=True),
    _t(S.ISSUANCE_REQUESTED, S.ISSUED, "Issuance granted", "减排量登记通过"),
    _t(S.ISSUANCE_REQUESTED, S.VERIFICATION, "Issuance refused: back to verification", "减排量登记未通过,退回核查", back=True),
    _t(S.ISSUED, S.REPORT_PUBLICITY, "Publish the next accounting report", "公示下一期核算报告"),
    _t(S.ISSUED, S.CLOSED, "Close at the end of the crediting period", "计入期结束"),
)

# Old CCER / CDM process under a bilateral agreement: the joint management body decides registration and
# issuance; no public comment on the monitoring report.
BRI_1668 = (
    _t(S.DESIGN, S.PDD_PUBLICITY, "Publish the PDD through the secretariat", "经秘书处公示项目设计文件"),
    _t(S.PDD_PUBLICITY, S.VALIDATION, "Start validation", "开始审定"),
    _t(S.PDD_PUBLICITY, S.DESIGN, "Withdraw the PDD to revise it", "撤回项目设计文件修改", back=True),
    _t(S.VALIDATION, S.REGISTRATION_REQUESTED, "Apply to the joint body for registration", "向联合管理机构申请备案"),
    _t(S.VALIDATION, S.DESIGN, "Revise the PDD after validation findings", "根据审定意见修改项目设计文件", back=True),
    _t(S.REGISTRATION_REQUESTED, S.REGISTERED, "Joint body registers the project", "联合管理机构批准备案"),
    _t(S.REGISTRATION_REQUESTED, S.DESIGN, "Registration refused: revise the PDD", "备案未通过,修改项目设计文件", back=True),
    _t(S.REGISTERED, S.VERIFICATION, "Submit the monitoring report for verification", "提交监测报告核证"),
    _t(S.REGISTERED, S.CLOSED, "Close at the end of the crediting period", "计入期结束"),
    _t(S.VERIFICATION, S.ISSUANCE_REQUESTED, "Apply to the joint body for issuance", "向联合管理机构申请减排量备案"),
    _t(S.VERIFICATION, S.REGISTERED, "Revise the report after verification findings", "根据核证意见修改监测报告", back=True),
    _t(S.ISSUANCE_REQUESTED, S.ISSUED, "Joint body approves issuance", "联合管理机构批准签发"),
    _t(S.ISSUANCE_REQUESTED, S.VERIFICATION, "Issuance refused: back to verification", "签发未通过,退回核证", back=True),
    _t(S.ISSUED, S.VERIFICATION, "Submit the next monitoring report", "提交下一期监测报告"),
    _t(S.ISSUED, S.CLOSED, "Close at the end of the crediting period", "计入期结束"),
)

PROCEDURES: dict[Programme, tuple[Transition, ...]] = {Programme.CCER: CCER_2023, Programme.BRI: BRI_1668}

PROCEDURE_LABELS = {
    Programme.CCER: Text("stages.2023_ccer_procedure_mee_samr_measures"),
    Programme.BRI: Text("stages.bri_procedure_after_the_old_ccer"),
}


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
