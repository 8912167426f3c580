"""Overview: the stage, the lifecycle, next moves and why they are blocked (概览)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from workbench.domain.text import Bilingual as B
from workbench.services.issuance import ledger
from workbench.services.projects import lifecycle, projects, risks
from workbench.ui.forms import ActionForm, RecordTable
from workbench.ui.lifecycle_view import LifecycleView
from workbench.ui.pages.base import Page


DETAILS = (("title_en", B("Title (English)", "名称(英文)")), ("title_zh", B("Title (Chinese)", "名称(中文)")),
           ("host_country", B("Host country (ISO)", "东道国代码")), ("agreement", B("Agreement (BRI)", "合作协议")),
           ("construction_start", B("Construction start", "开工日期")), ("operation_start", B("Operation start", "投产日期")),
           ("lifetime_years", B("Operating lifetime (years)", "运行寿命(年)")), ("crediting_start", B("Crediting start", "计入期开始")),
           ("crediting_end", B("Crediting end", "计入期结束")), ("registry_account", B("Registry account", "登记账户")))


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
        self.details = ActionForm(ctx.lang, "projectDetails", B("Project details", "项目信息"), B("Save changes", "保存修改"), [
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
        self.risks_title.setText(self.lang.pick(B("Risks still open (the Risks page edits them)", "未关闭的风险(在“风险”页编辑)")))
        self.details.setVisible(view is not None)
        if view is not None and self.shown != (view.id, view.version):  # never over what the user is typing
            self.fill_details(view)
        rows = risks.open_risks(self.ctx.workspace, self.ctx.project, view.snapshot.stage.value) if view is not None else []
        self.risks.show_rows([[self.lang.pick(B(r.title_en, r.title_zh)), r.stage, r.owner, r.likelihood * r.impact or "", r.mitigation] for r in rows])


PAGE = OverviewPage
