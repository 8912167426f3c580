"""Validation and verification: VVBs, engagements, findings and final reports (审定与核查)."""

from __future__ import annotations

from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual as B
from workbench.services.support.fields import optional_int
from workbench.services.validation import validation
from workbench.ui.forms import ActionForm, RecordTable
from workbench.ui.pages.base import Page


class ValidationPage(Page):
    title = B("Validation & verification", "审定与核查")
    order = 50

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L, ws = self.lang, lambda: self.ctx.workspace
        self.vvbs = RecordTable(L, "vvbTable", [B("ID", "编号"), B("VVB", "机构"), B("Scopes", "认可领域")])
        self.add_vvb = ActionForm(L, "addVvb", B("Add a VVB", "添加审定核查机构"), B("Add", "添加"), [
            ("name_en", B("Name (English)", "名称(英文)"), None, ""), ("name_zh", B("Name (Chinese)", "名称(中文)"), None, ""),
            ("scopes", B("Sectors (comma-separated)", "认可领域(逗号分隔)"), None, "")])
        self.add_vvb.submitted.connect(lambda v: self.ctx.act(self, lambda: validation.add_vvb(ws(), self.ctx.actor(), {k: x for k, x in v.items() if x})))
        self.engage = ActionForm(L, "engageVvb", B("Engage a VVB", "委托审定核查机构"), B("Engage", "委托"), [
            ("vvb", B("VVB id", "机构编号"), None, ""), ("kind", B("Kind", "类型"), ["validation", "verification"], "validation"),
            ("team", B("Team (comma-separated)", "团队成员(逗号分隔)"), None, ""), ("period", B("Period (verification)", "核算期(核查)"), None, "")])
        self.engage.submitted.connect(lambda v: self.ctx.act(self, lambda: validation.engage(
            ws(), self.ctx.actor(), self.ctx.project, _int(v["vvb"]), v["kind"], v["team"], v["period"] or None)))
        self.findings = RecordTable(L, "findingTable", [B("Engagement", "委托"), B("Kind", "类型"), B("Report", "报告"), B("Finding id", "问题编号"),
                                                        B("Finding", "问题"), B("Status", "状态"), B("Text", "内容"), B("Response", "回复")])
        self.raise_finding = ActionForm(L, "raiseFinding", B("Raise a finding", "提出问题"), B("Raise", "提出"), [
            ("engagement", B("Engagement id", "委托编号"), None, ""), ("type", B("Type", "类型"), ["CAR", "CL", "FAR"], "CAR"),
            ("text", B("Text", "内容"), None, "")])
        self.raise_finding.submitted.connect(lambda v: self.ctx.act(self, lambda: validation.raise_finding(
            ws(), self.ctx.actor(), _int(v["engagement"]), v["type"], v["text"])))
        self.respond = ActionForm(L, "respondFinding", B("Respond / close a finding", "回复/关闭问题"), B("Respond", "回复"), [
            ("finding", B("Finding id", "问题编号"), None, ""), ("response", B("Response", "回复"), None, "")])
        self.respond.submitted.connect(lambda v: self.ctx.act(self, lambda: validation.respond(ws(), self.ctx.actor(), _int(v["finding"]), v["response"])))
        self.close_finding = ActionForm(L, "closeFinding", B("Close a finding (VVB)", "关闭问题(机构)"), B("Close", "关闭"), [
            ("finding", B("Finding id", "问题编号"), None, "")])
        self.close_finding.submitted.connect(lambda v: self.ctx.act(self, lambda: validation.close(ws(), self.ctx.actor(), _int(v["finding"]))))
        self.final = ActionForm(L, "finalReport", B("Make a report final", "报告定稿"), B("Final", "定稿"), [
            ("engagement", B("Engagement id", "委托编号"), None, "")])
        self.final.submitted.connect(lambda v: self.ctx.act(self, lambda: validation.finalise_report(ws(), self.ctx.actor(), _int(v["engagement"]))))
        for w in (self.vvbs, self.add_vvb, self.engage, self.findings, self.raise_finding, self.respond, self.close_finding, self.final):
            self.layout_.addWidget(w)

    def refresh(self) -> None:
        self.vvbs.show_rows([[v.id, self.lang.pick(B(v.name_en or v.name_zh, v.name_zh or v.name_en)), v.scopes] for v in validation.list_vvbs(self.ctx.workspace)])
        if self.ctx.project is None:
            return
        rows = []
        for e in validation.engagements_of(self.ctx.workspace, self.ctx.project):
            for x in e.findings or [None]:
                rows.append([e.id, e.kind, e.report_status, x.id if x else "", f"{x.type}-{x.number}" if x else "", x.status if x else "",
                             x.text if x else "", x.response if x else ""])
        self.findings.show_rows(rows)


def _int(text: str) -> int:
    value = optional_int(text, "id")
    if value is None:
        raise UserError("give the id shown in the table", where="id")
    return value


PAGE = ValidationPage
