"""Overview: the stage, the lifecycle, next moves and why they are blocked (概览)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from workbench.domain.text import Bilingual as B
from workbench.services import lifecycle, risks
from workbench.ui.forms import RecordTable
from workbench.ui.lifecycle_view import LifecycleView
from workbench.ui.pages.base import Page


class OverviewPage(Page):
    title = B("Overview", "概览")
    order = 10

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.lifecycle = LifecycleView(ctx.lang)
        self.lifecycle.move_requested.connect(self.move_to)
        self.layout_.addWidget(self.lifecycle)
        self.risks_title = QLabel()
        self.risks = RecordTable(ctx.lang, "overviewRisks", [B("Open risk", "未关闭风险"), B("Stage", "阶段"), B("Owner", "责任方"),
                                                             B("Likelihood × impact", "可能性×影响"), B("Mitigation", "应对措施")])
        self.layout_.addWidget(self.risks_title)
        self.layout_.addWidget(self.risks)

    def move_to(self, target: str, reason: str) -> None:
        if self.ctx.project is None:
            return
        if self.ctx.act(self, lambda: lifecycle.advance(self.ctx.workspace, self.ctx.actor(), self.ctx.project, target, reason)) is not None:
            self.lifecycle.reason.clear()

    def refresh(self) -> None:
        view = lifecycle.view_project(self.ctx.workspace, self.ctx.project, self.ctx.actor().today) if self.ctx.project is not None else None
        self.lifecycle.show_view(view)
        self.risks_title.setText(self.lang.pick(B("Risks still open (the Risks page edits them)", "未关闭的风险(在“风险”页编辑)")))
        rows = risks.open_risks(self.ctx.workspace, self.ctx.project, view.snapshot.stage.value) if view is not None else []
        self.risks.show_rows([[self.lang.pick(B(r.title_en, r.title_zh)), r.stage, r.owner, r.likelihood * r.impact or "", r.mitigation] for r in rows])


PAGE = OverviewPage
