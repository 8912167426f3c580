"""Methodology: applicability explained, project parameters and declarations (方法学)."""

from __future__ import annotations

from workbench.domain.text import Text
from workbench.services.methodology import methodology
from workbench.ui.forms import ActionForm, RecordTable
from workbench.ui.pages.base import Page


VERDICTS = {"pass": Text("ui.methodology.yes"), "needs_evidence": Text("ui.methodology.yes_once_the_evidence_below_is"),
            "fail": Text("ui.methodology.no")}


class MethodologyPage(Page):
    title = Text("common.methodology")
    order = 30

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.checks = RecordTable(L, "applicabilityTable", [Text("common.methodology"), Text("ui.methodology.condition"), Text("ui.methodology.result"),
                                                            Text("ui.methodology.explanation"), Text("ui.methodology.evidence_needed")])
        self.parameter = ActionForm(L, "setParameter", Text("ui.methodology.project_parameter_or_declaration"), Text("common.save"), [
            ("key", Text("ui.methodology.name_e_g_grid_ex_ante"), None, ""),
            ("value", Text("ui.methodology.value"), None, ""), ("source", Text("ui.methodology.source"), None, ""),
        ])
        self.parameter.submitted.connect(self.on_parameter)
        self.verdicts = RecordTable(L, "methodologyVerdicts", [Text("common.methodology"), Text("common.title"), Text("ui.methodology.applies")])
        self.choose = ActionForm(L, "chooseMethodology", Text("ui.methodology.use_a_methodology_for_this_project"), Text("ui.methodology.use_it"), [
            ("methodology", Text("common.methodology"), [m.full_id for m in methodology.all_methodologies().values()], "")])
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
                rows.append([r.methodology + (" ★" if r.chosen else ""), self.lang.pick(c.text), c.verdict,
                             self.lang.pick(c.explanation), self.lang.pick(c.evidence) if c.evidence else ""])
        self.checks.show_rows(rows)


PAGE = MethodologyPage
