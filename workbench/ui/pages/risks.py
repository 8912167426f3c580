"""Risks: the register with owner, likelihood, impact, mitigation and status (风险); a row opens its assessment."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QLabel

from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.stages import Stage
from workbench.domain.text import Bilingual as B, Text
from workbench.domain.vocabulary import RiskStatus
from workbench.services.projects import risks
from workbench.ui import pickers
from workbench.ui.fields import Field
from workbench.ui.forms import RecordTable, SpecForm
from workbench.ui.pages.base import Page

SCORE = FieldSpec(FieldKind.INTEGER, minimum=Decimal(1), maximum=Decimal(5))


class RisksPage(Page):
    title = Text("ui.risks.risks")
    order = 27
    shows = frozenset({"risk"})

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.table = RecordTable(L, "riskTable", [Text("ui.risks.risk"), Text("common.stage"), Text("common.owner"), Text("ui.risks.likelihood"),
                                                  Text("ui.risks.impact"), Text("common.status"), Text("common.mitigation")])
        self.table.add_action(Text("ui.risks.assess_a_risk"), self.assess)
        self.preload = SpecForm(L, "preloadRisks", Text("ui.risks.checklist_seed_000_ch_3"), Text("ui.risks.add_missing_items"), [])
        self.preload.submitted.connect(lambda v: self.op(lambda ws, actor, project: risks.preload(ws, actor, project)))
        self.update_form = SpecForm(L, "updateRisk", Text("ui.risks.assess_a_risk"), Text("common.save"), [
            pickers.reference("key", Text("ui.risks.risk")), Field("owner", FieldSpec(FieldKind.TEXT), label=Text("common.owner")),
            Field("likelihood", SCORE, label=Text("ui.risks.likelihood_1_5")), Field("impact", SCORE, label=Text("ui.risks.impact_1_5")),
            Field("mitigation", FieldSpec(FieldKind.TEXT), label=Text("common.mitigation")),
            Field("status", FieldSpec(FieldKind.ENUM, required=True, enum=RiskStatus), label=Text("common.status"), default="open")])
        self.update_form.input("key").currentIndexChanged.connect(lambda _i: self.fill(self.update_form.input("key").value()))
        self.update_form.submitted.connect(self.on_update)
        self.feedback = QLabel()
        self.feedback.setObjectName("risksFeedback")
        self.shown: dict[str, object] = {}  # each risk as the table shows it: an edit is based on that version
        for w in (self.feedback, self.table, self.table.action_bar(), self.preload, self.update_form):
            self.layout_.addWidget(w)

    def assess(self, key: str) -> None:
        self.update_form.set(key=key)
        self.ensureWidgetVisible(self.update_form)

    def fill(self, key: str) -> None:
        """Choosing a risk shows its current assessment to change."""
        r = self.shown.get(key)
        if r is not None:
            self.update_form.set(owner=r.owner or "", likelihood=r.likelihood or "", impact=r.impact or "", mitigation=r.mitigation or "",
                                 status=r.status)

    def on_update(self, v: dict) -> None:
        key = v.pop("key")
        seen = self.shown[key].version if key in self.shown else None
        self.op(lambda ws, actor, project: risks.update(ws, actor, project, key, v, seen=seen), form=self.update_form,
                done=lambda _c: self.feedback.setText(self.lang.pick(Text("ui.rows.saved"))))

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        rows = risks.register_of(self.ctx.workspace, self.ctx.project)
        self.shown = {r.key: r for r in rows}
        self.update_form.set_choices("key", pickers.risk_choices(self.ctx.workspace, self.ctx.project))
        self.table.show_rows([[B(r.title_en, r.title_zh), Stage(r.stage), r.owner, r.likelihood or "", r.impact or "", RiskStatus(r.status), r.mitigation]
                              for r in rows], keys=[r.key for r in rows])


PAGE = RisksPage
