"""Validation and verification: VVBs, engagements, findings and final reports (审定与核查).

VVBs are the workspace's; engagements and findings the selected project's, chosen from pickers or from the rows
(respond, close, delete), never typed as ids.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from workbench.domain.errors import UserError
from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.project import Sector
from workbench.domain.text import Bilingual as B, Text
from workbench.domain.vocabulary import FindingStatus, ReportStatus
from workbench.services.validation import validation
from workbench.ui import pickers
from workbench.ui.deletion import ask_to_delete
from workbench.ui.fields import Field, record_field
from workbench.ui.forms import RecordTable, SpecForm
from workbench.ui.pages.base import Page
from workbench.ui.wizards import WizardButton



def in_project(ws, project: int, engagement_id: str | None = None, finding_id: str | None = None) -> None:
    """Refuse an engagement or finding that is not the project's the action was started for (a form never writes to
    another project than its own)."""
    engagements = validation.engagements_of(ws, project)
    if engagement_id is not None and int(engagement_id) not in {e.id for e in engagements}:
        raise UserError("error.ui.validation.not_this_projects", field="engagement")
    if finding_id is not None and int(finding_id) not in {x.id for e in engagements for x in e.findings}:
        raise UserError("error.ui.validation.not_this_projects", field="finding")


class ValidationPage(Page):
    title = Text("ui.validation.validation_verification")
    order = 38
    shows = frozenset({"vvb", "engagement", "finding", "accounting_period", "period"})

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.vvbs = RecordTable(L, "vvbTable", [Text("ui.validation.vvb"), Text("ui.validation.scopes")])
        self.add_vvb = SpecForm(L, "addVvb", Text("ui.validation.add_a_vvb"), Text("common.add"), [
            record_field("vvb", "name_en"), record_field("vvb", "name_zh"),
            Field("scopes", FieldSpec(FieldKind.ENUM, enum=Sector), label=Text("ui.validation.scopes"), many=True)])
        self.add_vvb.submitted.connect(lambda v: self.op(lambda ws, actor, _p: validation.add_vvb(ws, actor, v), form=self.add_vvb,
                                                         done=lambda c: self.added(self.add_vvb)))
        self.engage = SpecForm(L, "engageVvb", Text("ui.validation.engage_a_vvb"), Text("ui.validation.engage"), [
            pickers.reference("vvb", Text("ui.validation.vvb")), record_field("engagement", "kind", default="validation"),
            record_field("engagement", "team", label=Text("ui.validation.team_comma_separated")),
            pickers.reference("period", Text("ui.validation.period_verification"), required=False)])
        self.engage.submitted.connect(lambda v: self.op(lambda ws, actor, project: validation.engage(
            ws, actor, project, int(v["vvb"]), v["kind"], v["team"], v.get("period")), form=self.engage, done=lambda c: self.added(self.engage)))
        self.engagements = RecordTable(L, "engagementTable", [Text("common.engagement"), Text("ui.validation.report"), Text("ui.validation.team")])
        self.findings = RecordTable(L, "findingTable", [Text("ui.validation.finding"), Text("common.engagement"), Text("ui.validation.report"),
                                                        Text("common.status"), Text("ui.validation.text"), Text("ui.validation.response")])
        self.findings.add_action(Text("ui.validation.respond"), self.respond_to)
        self.findings.add_action(Text("ui.validation.close"), self.close_finding_row)
        self.findings.add_action(Text("ui.validation.attach_evidence"), self.attach_evidence)
        self.findings.add_action(Text("ui.validation.withdraw"), self.withdraw)
        self.raise_finding = SpecForm(L, "raiseFinding", Text("ui.validation.raise_a_finding"), Text("ui.validation.raise"), [
            pickers.reference("engagement", Text("common.engagement")),
            record_field("finding", "type", default="CAR"), record_field("finding", "text", label=Text("ui.validation.text"))])
        self.raise_finding.submitted.connect(lambda v: self.op(lambda ws, actor, project: (
            in_project(ws, project, engagement_id=v["engagement"]),
            validation.raise_finding(ws, actor, int(v["engagement"]), v["type"], v["text"])), form=self.raise_finding,
            done=lambda c: self.added(self.raise_finding)))
        self.respond = SpecForm(L, "respondFinding", Text("ui.validation.respond_close_a_finding"), Text("ui.validation.respond"), [
            pickers.reference("finding", Text("ui.validation.finding")),
            record_field("finding", "response", label=Text("ui.validation.response"), required=True)])
        self.respond.submitted.connect(lambda v: self.op(lambda ws, actor, project: (
            in_project(ws, project, finding_id=v["finding"]), validation.respond(ws, actor, int(v["finding"]), v["response"])),
            form=self.respond, done=lambda c: self.added(self.respond)))
        self.close_finding = SpecForm(L, "closeFinding", Text("ui.validation.close_a_finding_vvb"), Text("ui.validation.close"), [
            pickers.reference("finding", Text("ui.validation.finding"))])
        self.close_finding.submitted.connect(lambda v: self.close_one(v["finding"], self.close_finding))
        self.final = SpecForm(L, "finalReport", Text("ui.validation.make_a_report_final"), Text("ui.validation.final"), [
            pickers.reference("engagement", Text("common.engagement"))])
        self.final.submitted.connect(lambda v: self.op(lambda ws, actor, project: (
            in_project(ws, project, engagement_id=v["engagement"]), validation.finalise_report(ws, actor, int(v["engagement"]))),
            form=self.final, done=lambda c: self.added(self.final)))
        self.feedback = QLabel()
        self.feedback.setObjectName("validationFeedback")
        self.shown_findings: list = []
        self.start_engagement = WizardButton(ctx, "engagement", Text("ui.wizard.start_engage_vvb"))
        for w in (self.feedback, self.start_engagement, self.vvbs, self.add_vvb, self.engage, self.engagements, self.findings, self.findings.action_bar(), self.raise_finding, self.respond, self.close_finding,
                  self.final):
            self.layout_.addWidget(w)

    def added(self, form: SpecForm) -> None:
        form.reset()
        self.feedback.setText(self.lang.pick(Text("ui.rows.saved")))

    def respond_to(self, finding_id: int) -> None:
        """The row's Respond: the finding is chosen in the response form, the cursor in its text."""
        self.respond.set(finding=str(finding_id))
        self.respond.inputs["response"].setFocus()
        self.ensureWidgetVisible(self.respond)

    def attach_evidence(self, finding_id: int) -> None:
        """The row's Attach evidence: the Evidence page's form, attached to this finding; the user chooses the file."""
        page = self.ctx.window.page("EvidencePage")
        page.add.set(to=f"finding:{finding_id}")
        page.add.inputs["path"].setFocus()

    def withdraw(self, finding_id: int) -> None:
        """The row's Withdraw (a finding raised by mistake): refused before acting once the finding is closed or has
        evidence, saying so; otherwise the user says why, and the reason is kept in the audit log."""
        project, label = self.ctx.project, next(x for x in self.shown_findings if x.id == finding_id)
        ask_to_delete(self, self.lang, f"{label.type}-{label.number}", validation.finding_dependants(self.ctx.workspace, finding_id),
                      lambda why: self.op(lambda ws, actor, bound: (in_project(ws, bound, finding_id=str(finding_id)),
                                                                    validation.remove_finding(ws, actor, finding_id, why)),
                                          undoable=False, project=project, done=lambda c: self.feedback.setText(self.lang.pick(Text("ui.rows.removed")))),
                      undoable=False, why=Text("ui.validation.why_withdrawn"))

    def close_finding_row(self, finding_id: int) -> None:
        self.close_one(str(finding_id), None)

    def close_one(self, finding_id: str, form: SpecForm | None) -> None:
        self.op(lambda ws, actor, project: (in_project(ws, project, finding_id=finding_id), validation.close(ws, actor, int(finding_id))),
                form=form, done=lambda c: self.added(form) if form else self.feedback.setText(self.lang.pick(Text("ui.rows.saved"))))

    def refresh(self) -> None:
        ws, project = self.ctx.workspace, self.ctx.project
        vvbs = validation.list_vvbs(ws)
        self.vvbs.show_rows([[B.either(v.name_en, v.name_zh), pickers.joined(*(Sector(s) for s in v.scopes.split(",") if s))]
                             for v in vvbs], keys=[v.id for v in vvbs])
        self.engage.set_choices("vvb", pickers.vvb_choices(ws))
        if project is None:
            return
        self.engage.set_choices("period", pickers.period_choices(ws, project))
        drafts = pickers.engagement_choices(ws, project, draft_only=True)
        self.raise_finding.set_choices("engagement", drafts)
        self.final.set_choices("engagement", drafts)
        self.respond.set_choices("finding", pickers.finding_choices(ws, project, statuses=("open", "responded")))
        self.close_finding.set_choices("finding", pickers.finding_choices(ws, project, statuses=("open", "responded")))
        engagements = dict(pickers.engagement_choices(ws, project))
        rows, keys = [], []
        engaged = validation.engagements_of(ws, project)
        self.engagements.show_rows([[engagements[str(e.id)], ReportStatus(e.report_status), e.team] for e in engaged], keys=[e.id for e in engaged])
        self.shown_findings = [x for e in engaged for x in e.findings]
        for e in engaged:
            for x in e.findings:
                rows.append([f"{x.type}-{x.number}", engagements[str(e.id)], ReportStatus(e.report_status), FindingStatus(x.status), x.text, x.response])
                keys.append(x.id)
        self.findings.show_rows(rows, keys=keys)


PAGE = ValidationPage
