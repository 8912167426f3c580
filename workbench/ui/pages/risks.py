"""Risks: the register with owner, likelihood, impact, mitigation and status (风险)."""

from __future__ import annotations

from workbench.domain.text import Bilingual as B
from workbench.services.projects import risks
from workbench.ui.forms import ActionForm, RecordTable
from workbench.ui.pages.base import Page


class RisksPage(Page):
    title = B("Risks", "风险")
    order = 80

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.table = RecordTable(L, "riskTable", [B("Key", "编号"), B("Risk", "风险"), B("Stage", "阶段"), B("Owner", "责任方"),
                                                  B("Likelihood", "可能性"), B("Impact", "影响"), B("Status", "状态"), B("Mitigation", "应对措施")])
        self.preload = ActionForm(L, "preloadRisks", B("Checklist (seed 000 ch. 3)", "风险清单"), B("Add missing items", "补充清单项"), [])
        self.preload.submitted.connect(lambda v: self.ctx.act(self, lambda: risks.preload(self.ctx.workspace, self.ctx.actor(), self.ctx.project)))
        self.update_form = ActionForm(L, "updateRisk", B("Assess a risk", "评估风险"), B("Save", "保存"), [
            ("key", B("Key", "编号"), None, ""), ("owner", B("Owner", "责任方"), None, ""), ("likelihood", B("Likelihood (1-5)", "可能性(1-5)"), None, ""),
            ("impact", B("Impact (1-5)", "影响(1-5)"), None, ""), ("mitigation", B("Mitigation", "应对措施"), None, ""),
            ("status", B("Status", "状态"), list(risks.STATUSES), "open")])
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
        self.table.show_rows([[r.key, self.lang.pick(B(r.title_en, r.title_zh)), r.stage, r.owner, r.likelihood or "", r.impact or "", r.status,
                               r.mitigation] for r in rows])


PAGE = RisksPage
