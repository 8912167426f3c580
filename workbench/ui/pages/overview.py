"""Overview: the stage, the lifecycle, next moves and why they are blocked (概览)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from workbench.domain.stages import Stage
from workbench.domain.text import Bilingual as B, Text
from workbench.services.issuance import ledger
from workbench.services.projects import lifecycle, projects, risks
from workbench.ui.fix_targets import go_to_fix
from workbench.ui.forms import ActionForm, RecordTable
from workbench.ui.lifecycle_view import LifecycleView
from workbench.ui.pages.base import Page


DETAILS = (("title_en", Text("common.title_english")), ("title_zh", Text("common.title_chinese")),
           ("host_country", Text("common.host_country_iso")), ("agreement", Text("common.agreement_bri")),
           ("construction_start", Text("common.construction_start")), ("operation_start", Text("common.operation_start")),
           ("lifetime_years", Text("ui.overview.operating_lifetime_years")), ("crediting_start", Text("common.crediting_start")),
           ("crediting_end", Text("common.crediting_end")), ("registry_account", Text("ui.overview.registry_account")))


class OverviewPage(Page):
    title = Text("ui.overview.overview")
    order = 10

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.lifecycle = LifecycleView(ctx.lang)
        self.lifecycle.move_requested.connect(self.move_to)
        self.lifecycle.fix_requested.connect(lambda fix: go_to_fix(ctx.window, fix))
        self.layout_.addWidget(self.lifecycle)
        self.risks_title = QLabel()
        self.risks = RecordTable(ctx.lang, "overviewRisks", [Text("ui.overview.open_risk"), Text("common.stage"), Text("common.owner"),
                                                             Text("ui.overview.likelihood_impact"), Text("common.mitigation")])
        self.layout_.addWidget(self.risks_title)
        self.layout_.addWidget(self.risks)
        self.details = ActionForm(ctx.lang, "projectDetails", Text("ui.overview.project_details"), Text("ui.overview.save_changes"), [
            (key, label, [] if key == "agreement" else None, "") for key, label in DETAILS])
        self.details.submitted.connect(self.save_details)
        self.shown: tuple[int, int] | None = None  # (project, version) the details form was filled from
        self.filled: dict[str, str] = {}
        self.layout_.addWidget(self.details)

    def save_details(self, values: dict) -> None:
        """Save the fields changed in the form; refused if someone changed the project since it was filled."""
        if self.ctx.project is None or self.shown is None:
            return
        changed = {k: v for k, v in values.items() if v != self.filled.get(k, "")}
        if changed:
            seen = self.shown[1]
            if self.ctx.act(self, lambda: projects.update_project(self.ctx.workspace, self.ctx.actor(), self.ctx.project, changed,
                                                                  seen=seen)) is None:
                self.shown = None  # refused: the next refresh fills the form with what is stored now

    def fill_details(self, view) -> None:
        h, snap = view.snapshot.header, view.snapshot
        self.details.set_choices("agreement", ["", *(a.name for a in ledger.list_agreements(self.ctx.workspace))], editable=True)
        crediting = h.dates.crediting
        self.filled = {"title_en": h.title_en, "title_zh": h.title_zh, "host_country": h.host_country, "agreement": h.agreement,
                       "construction_start": str(h.dates.construction_start or ""), "operation_start": str(h.dates.operation_start or ""),
                       "lifetime_years": str(h.dates.lifetime_years or ""), "crediting_start": str(crediting.start) if crediting else "",
                       "crediting_end": str(crediting.end) if crediting else "", "registry_account": snap.registry_account}
        self.details.set(**self.filled)
        self.shown = (view.id, view.version)

    def move_to(self, target: str, reason: str) -> None:
        if self.ctx.project is None:
            return
        if self.ctx.act(self, lambda: lifecycle.advance(self.ctx.workspace, self.ctx.actor(), self.ctx.project, target, reason)) is not None:
            self.lifecycle.reason.clear()

    def refresh(self) -> None:
        view = lifecycle.view_project(self.ctx.workspace, self.ctx.project, self.ctx.actor().today) if self.ctx.project is not None else None
        self.lifecycle.show_view(view)
        self.risks_title.setText(self.lang.pick(Text("ui.overview.risks_still_open_the_risks_page")))
        self.details.setVisible(view is not None)
        if view is not None and self.shown != (view.id, view.version):  # never over what the user is typing
            self.fill_details(view)
        rows = risks.open_risks(self.ctx.workspace, self.ctx.project, view.snapshot.stage.value) if view is not None else []
        self.risks.show_rows([[self.lang.pick(B(r.title_en, r.title_zh)), Stage(r.stage), r.owner, r.likelihood * r.impact or "", r.mitigation] for r in rows])


PAGE = OverviewPage
