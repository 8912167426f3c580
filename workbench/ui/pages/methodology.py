"""Methodology: applicability explained, project parameters and declarations (方法学)."""

from __future__ import annotations

from workbench.domain.text import Bilingual as B
from workbench.services.methodology import methodology
from workbench.ui.forms import ActionForm, RecordTable
from workbench.ui.pages.base import Page


VERDICTS = {"pass": B("yes", "适用"), "needs_evidence": B("yes, once the evidence below is given", "适用,需补充下列证据"),
            "fail": B("no", "不适用")}


class MethodologyPage(Page):
    title = B("Methodology", "方法学")
    order = 30

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.checks = RecordTable(L, "applicabilityTable", [B("Methodology", "方法学"), B("Condition", "适用条件"), B("Result", "结论"),
                                                            B("Explanation", "说明"), B("Evidence needed", "所需证据")])
        self.parameter = ActionForm(L, "setParameter", B("Project parameter or declaration", "项目参数或声明"), B("Save", "保存"), [
            ("key", B("Name (e.g. grid, ex_ante_EG_MWh, decl.no_green_certificate, text.description.zh)", "名称"), None, ""),
            ("value", B("Value", "值"), None, ""), ("source", B("Source", "来源"), None, ""),
        ])
        self.parameter.submitted.connect(self.on_parameter)
        self.verdicts = RecordTable(L, "methodologyVerdicts", [B("Methodology", "方法学"), B("Title", "名称"), B("Applies?", "是否适用")])
        self.choose = ActionForm(L, "chooseMethodology", B("Use a methodology for this project", "为项目选用方法学"), B("Use it", "选用"), [
            ("methodology", B("Methodology", "方法学"), [m.full_id for m in methodology.all_methodologies().values()], "")])
        self.choose.submitted.connect(lambda v: self.ctx.act(self, lambda: methodology.choose(
            self.ctx.workspace, self.ctx.actor(), self.ctx.project, v["methodology"])))
        self.layout_.addWidget(self.verdicts)
        self.layout_.addWidget(self.choose)
        self.layout_.addWidget(self.checks)
        self.layout_.addWidget(self.parameter)

    def on_parameter(self, v: dict) -> None:
        self.ctx.act(self, lambda: methodology.set_parameter(self.ctx.workspace, self.ctx.actor(), self.ctx.project, v["key"], v["value"], v["source"]))

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        rows = []
        results = methodology.check_project(self.ctx.workspace, self.ctx.project)
        self.verdicts.show_rows([[r.methodology + (" ★" if r.chosen else ""), self.lang.pick(r.title), self.lang.pick(VERDICTS[r.applicable.value])]
                                 for r in results])
        for r in results:
            for c in r.conditions:
                rows.append([r.methodology + (" ★" if r.chosen else ""), self.lang.pick(c.text), c.verdict.value,
                             self.lang.pick(c.explanation), self.lang.pick(c.evidence) if c.evidence else ""])
        self.checks.show_rows(rows)


PAGE = MethodologyPage
