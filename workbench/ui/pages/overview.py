"""Overview: the stage, the lifecycle, next moves and why they are blocked (概览)."""

from __future__ import annotations

from workbench.domain.text import Bilingual as B
from workbench.services import lifecycle
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

    def move_to(self, target: str, reason: str) -> None:
        if self.ctx.project is None:
            return
        if self.ctx.act(self, lambda: lifecycle.advance(self.ctx.workspace, self.ctx.actor(), self.ctx.project, target, reason)) is not None:
            self.lifecycle.reason.clear()

    def refresh(self) -> None:
        view = lifecycle.view_project(self.ctx.workspace, self.ctx.project, self.ctx.actor().today) if self.ctx.project is not None else None
        self.lifecycle.show_view(view)


PAGE = OverviewPage
