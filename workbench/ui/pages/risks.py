"""Risks: the register with owner, likelihood, impact, mitigation and status (风险)."""

from __future__ import annotations

from workbench.domain.text import Bilingual as B, Text
from workbench.domain.stages import Stage
from workbench.domain.vocabulary import RiskStatus
from workbench.services.projects import risks
from workbench.ui.forms import ActionForm, RecordTable
from workbench.ui.pages.base import Page


class RisksPage(Page):
    title = Text("ui.risks.risks")
    order = 80

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.table = RecordTable(L, "riskTable", [Text("ui.risks.key"), Text("ui.risks.risk"), Text("common.stage"), Text("common.owner"),
                                                  Text("ui.risks.likelihood"), Text("ui.risks.impact"), Text("common.status"), Text("common.mitigation")])
        self.preload = ActionForm(L, "preloadRisks", Text("ui.risks.checklist_seed_000_ch_3"), Text("ui.risks.add_missing_items"), [])
        self.preload.submitted.connect(lambda v: self.ctx.act(self, lambda: risks.preload(self.ctx.workspace, self.ctx.actor(), self.ctx.project)))
        self.update_form = ActionForm(L, "updateRisk", Text("ui.risks.assess_a_risk"), Text("common.save"), [
            ("key", Text("ui.risks.key"), None, ""), ("owner", Text("common.owner"), None, ""), ("likelihood", Text("ui.risks.likelihood_1_5"), None, ""),
            ("impact", Text("ui.risks.impact_1_5"), None, ""), ("mitigation", Text("common.mitigation"), None, ""),
            ("status", Text("common.status"), list(RiskStatus), "open")])
        self.update_form.submitted.connect(self.on_update)
        self.shown: dict[str, int] = {}  # the version of each risk as the table shows it: an edit is based on that
        for w in (self.table, self.preload, self.update_form):
            self.layout_.addWidget(w)

    def on_update(self, v: dict) -> None:
        key = v.pop("key")
        values = {k: x for k, x in v.items() if x}
        self.ctx.act(self, lambda: risks.update(self.ctx.workspace, self.ctx.actor(), self.ctx.project, key, values, seen=self.shown.get(key)))

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        rows = risks.register_of(self.ctx.workspace, self.ctx.project)
        self.shown = {r.key: r.version for r in rows}
        self.table.show_rows([[r.key, self.lang.pick(B(r.title_en, r.title_zh)), Stage(r.stage), r.owner, r.likelihood or "", r.impact or "",
                               RiskStatus(r.status),
                               r.mitigation] for r in rows])


PAGE = RisksPage
