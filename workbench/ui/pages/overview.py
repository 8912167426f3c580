"""Overview: the stage, the lifecycle, next moves and why they are blocked (概览)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel

from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.stages import Stage
from workbench.domain.text import Bilingual as B, Text
from workbench.services.projects import lifecycle, projects, risks
from workbench.ui import pickers
from workbench.ui.fields import Field
from workbench.ui.fix_targets import go_to_fix
from workbench.ui.forms import RecordTable, SpecForm
from workbench.ui.lifecycle_view import LifecycleView
from workbench.ui.pages.base import Page


DETAILS = ("title_en", "title_zh", "host_country", "agreement", "project_start", "construction_start", "operation_start", "lifetime_years", "crediting_start",
           "crediting_end", "registry_account")


def detail_fields() -> list[Field]:
    spec = projects.PROJECT_FIELDS
    fields = [Field(k, spec[k]) for k in DETAILS]
    fields[DETAILS.index("agreement")] = pickers.reference("agreement", Text("common.agreement_bri"), required=False)
    fields[DETAILS.index("lifetime_years")] = Field("lifetime_years", FieldSpec(FieldKind.INTEGER, minimum=Decimal(1), maximum=Decimal(100)),
                                                    label=Text("ui.overview.operating_lifetime_years"))
    return fields


class OverviewPage(Page):
    title = Text("ui.overview.overview")
    order = 10
    shows = None  # the stage's blocked reasons and the tasks depend on every record of the project

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
        self.details = SpecForm(ctx.lang, "projectDetails", Text("ui.overview.project_details"), Text("ui.overview.save_changes"), detail_fields(),
                                keep_empty=True)
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

            def refused() -> None:
                self.shown = None  # refused: the next refresh fills the form with what is stored now

            self.op(lambda ws, actor, project: projects.update_project(ws, actor, project, changed, seen=seen), form=self.details, failed=refused)

    def fill_details(self, view) -> None:
        h, snap = view.snapshot.header, view.snapshot
        self.details.set_choices("agreement", pickers.agreement_choices(self.ctx.workspace))
        self.details.input("host_country").restrict(host=h.programme == "bri")
        crediting = h.dates.crediting
        self.filled = {"title_en": h.title_en, "title_zh": h.title_zh, "host_country": h.host_country, "agreement": self.agreement_id(h.agreement),
                       "project_start": str(h.dates.project_start or ""), "construction_start": str(h.dates.construction_start or ""), "operation_start": str(h.dates.operation_start or ""),
                       "lifetime_years": str(h.dates.lifetime_years or ""), "crediting_start": str(crediting.start) if crediting else "",
                       "crediting_end": str(crediting.end) if crediting else "", "registry_account": snap.registry_account}
        self.details.set(**self.filled)
        self.shown = (view.id, view.version)

    def agreement_id(self, name: str) -> str:
        """The recorded agreement the project names, as the picker holds it (an unmatched name is a task, not a choice)."""
        return next((value for value, text in pickers.agreement_choices(self.ctx.workspace) if text == name), "")

    def move_to(self, target: str, reason: str) -> None:
        if self.ctx.project is None:
            return
        if target == "registered" and self.programme == "ccer":  # the registry's registration is on record with its reference
            ask = QInputDialog(self)
            ask.setObjectName("registrationReference")
            ask.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            ask.setWindowTitle(self.lang.pick(Text("field.registration_reference")))
            ask.setLabelText(self.lang.pick(Text("ui.overview.registration_reference_prompt")))
            ask.textValueSelected.connect(lambda ref: self.advance(target, reason, ref))
            ask.open()
            return
        self.advance(target, reason, "")

    def advance(self, target: str, reason: str, evidence: str) -> None:
        self.op(lambda ws, actor, project: lifecycle.advance(ws, actor, project, target, reason, evidence),
                done=lambda _c: self.lifecycle.reason.clear())

    def refresh(self) -> None:
        view = lifecycle.view_project(self.ctx.workspace, self.ctx.project, self.ctx.actor().today) if self.ctx.project is not None else None
        self.lifecycle.show_view(view)
        self.programme = view.snapshot.header.programme if view is not None else ""
        self.risks_title.setText(self.lang.pick(Text("ui.overview.risks_still_open_the_risks_page")))
        self.details.setVisible(view is not None)
        if view is not None and self.shown != (view.id, view.version):  # never over what the user is typing
            self.fill_details(view)
        rows = risks.open_risks(self.ctx.workspace, self.ctx.project, view.snapshot.stage.value) if view is not None else []
        self.risks.show_rows([[self.lang.pick(B(r.title_en, r.title_zh)), Stage(r.stage), r.owner, r.likelihood * r.impact or "", r.mitigation] for r in rows])


PAGE = OverviewPage
