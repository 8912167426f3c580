"""Validation and verification: VVBs, engagements, findings and final reports (审定与核查)."""

from __future__ import annotations

from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual as B, Text
from workbench.domain.vocabulary import EngagementKind, FindingStatus, FindingType, ReportStatus
from workbench.services.support.fields import optional_int
from workbench.services.validation import validation
from workbench.ui.forms import ActionForm, RecordTable
from workbench.ui.pages.base import Page


class ValidationPage(Page):
    title = Text("ui.validation.validation_verification")
    order = 50

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L, ws = self.lang, lambda: self.ctx.workspace
        self.vvbs = RecordTable(L, "vvbTable", [Text("common.id"), Text("ui.validation.vvb"), Text("ui.validation.scopes")])
        self.add_vvb = ActionForm(L, "addVvb", Text("ui.validation.add_a_vvb"), Text("common.add"), [
            ("name_en", Text("common.name_english"), None, ""), ("name_zh", Text("common.name_chinese"), None, ""),
            ("scopes", Text("ui.validation.sectors_comma_separated"), None, "")])
        self.add_vvb.submitted.connect(lambda v: self.ctx.act(self, lambda: validation.add_vvb(ws(), self.ctx.actor(), {k: x for k, x in v.items() if x})))
        self.engage = ActionForm(L, "engageVvb", Text("ui.validation.engage_a_vvb"), Text("ui.validation.engage"), [
            ("vvb", Text("ui.validation.vvb_id"), None, ""), ("kind", Text("ui.validation.kind"), list(EngagementKind), "validation"),
            ("team", Text("ui.validation.team_comma_separated"), None, ""), ("period", Text("ui.validation.period_verification"), None, "")])
        self.engage.submitted.connect(lambda v: self.ctx.act(self, lambda: validation.engage(
            ws(), self.ctx.actor(), self.ctx.project, _int(v["vvb"]), v["kind"], v["team"], v["period"] or None)))
        self.findings = RecordTable(L, "findingTable", [Text("common.engagement"), Text("ui.validation.kind"), Text("ui.validation.report"), Text("ui.validation.finding_id"),
                                                        Text("ui.validation.finding"), Text("common.status"), Text("ui.validation.text"), Text("ui.validation.response")])
        self.raise_finding = ActionForm(L, "raiseFinding", Text("ui.validation.raise_a_finding"), Text("ui.validation.raise"), [
            ("engagement", Text("ui.validation.engagement_id"), None, ""), ("type", Text("ui.validation.type"), list(FindingType), "CAR"),
            ("text", Text("ui.validation.text"), None, "")])
        self.raise_finding.submitted.connect(lambda v: self.ctx.act(self, lambda: validation.raise_finding(
            ws(), self.ctx.actor(), _int(v["engagement"]), v["type"], v["text"])))
        self.respond = ActionForm(L, "respondFinding", Text("ui.validation.respond_close_a_finding"), Text("ui.validation.respond"), [
            ("finding", Text("ui.validation.finding_id"), None, ""), ("response", Text("ui.validation.response"), None, "")])
        self.respond.submitted.connect(lambda v: self.ctx.act(self, lambda: validation.respond(ws(), self.ctx.actor(), _int(v["finding"]), v["response"])))
        self.close_finding = ActionForm(L, "closeFinding", Text("ui.validation.close_a_finding_vvb"), Text("ui.validation.close"), [
            ("finding", Text("ui.validation.finding_id"), None, "")])
        self.close_finding.submitted.connect(lambda v: self.ctx.act(self, lambda: validation.close(ws(), self.ctx.actor(), _int(v["finding"]))))
        self.final = ActionForm(L, "finalReport", Text("ui.validation.make_a_report_final"), Text("ui.validation.final"), [
            ("engagement", Text("ui.validation.engagement_id"), None, "")])
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
                rows.append([e.id, EngagementKind(e.kind), ReportStatus(e.report_status), x.id if x else "", f"{x.type}-{x.number}" if x else "",
                             FindingStatus(x.status) if x else "",
                             x.text if x else "", x.response if x else ""])
        self.findings.show_rows(rows)


def _int(text: str) -> int:
    value = optional_int(text, "id")
    if value is None:
        raise UserError("error.ui.validation.give_the_id_shown_in_the", field="id")
    return value


PAGE = ValidationPage
