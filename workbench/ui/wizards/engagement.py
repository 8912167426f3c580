"""The VVB engagement wizard (委托审定与核查机构): which VVB — a recorded one, or one recorded here — then what it is
engaged for (validation, or verification of a calculated period) and its team; Finish engages it as one action
(validation.engage_vvb), with the same checks as the Validation page's form."""

from __future__ import annotations

from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.project import Sector
from workbench.domain.text import Text
from workbench.domain.vocabulary import EngagementKind
from workbench.services.validation import validation
from workbench.ui import pickers
from workbench.ui.fields import Field
from workbench.ui.wizards.base import FormPage, Wizard

NEW = "new"  # the VVB choice that records one not in the workspace yet
TEXT = FieldSpec(FieldKind.TEXT)


class EngagementWizard(Wizard):
    """Engage a VVB › the VVB, the engagement; ``kind`` pre-chosen (the navigator's task says which)."""

    title_text = Text("ui.wizard.engage_vvb")

    def __init__(self, ctx, kind: str = "validation") -> None:
        super().__init__(ctx, "engagementWizard")
        ws, project = ctx.workspace, ctx.project
        self.vvb = FormPage(self, "engagementVvb", Text("ui.wizard.which_vvb"), [
            pickers.reference("vvb", Text("ui.validation.vvb")),
            Field("name_en", TEXT, label=Text("ui.wizard.new_vvb_name_en")), Field("name_zh", TEXT, label=Text("ui.wizard.new_vvb_name_zh")),
            Field("scopes", FieldSpec(FieldKind.ENUM, enum=Sector), label=Text("ui.validation.scopes"), many=True)],
            check=self.check_vvb, intro=Text("ui.wizard.which_vvb_intro"))
        self.vvb.form.set_choices("vvb", [*pickers.vvb_choices(ws), (NEW, Text("ui.wizard.a_vvb_not_recorded"))])
        self.vvb.form.input("vvb").currentIndexChanged.connect(lambda _i: self.vvb_chosen())
        self.terms = FormPage(self, "engagementTerms", Text("ui.wizard.engagement_terms"), [
            Field("kind", FieldSpec(FieldKind.ENUM, required=True, enum=EngagementKind), default=kind),
            Field("team", FieldSpec(FieldKind.TEXT, required=True), label=Text("ui.validation.team_comma_separated")),
            pickers.reference("period", Text("ui.validation.period_verification"), required=False)], intro=Text("ui.wizard.engagement_terms_intro"))
        self.terms.form.set_choices("period", pickers.period_choices(ws, project))
        self.terms.form.input("kind").currentIndexChanged.connect(lambda _i: self.kind_chosen())
        self.addPage(self.vvb)
        self.addPage(self.terms)
        self.vvb_chosen()
        self.kind_chosen()
        self.retranslate()

    def vvb_chosen(self) -> None:
        new = self.vvb.form.input("vvb").value() == NEW
        self.vvb.form.show_fields(hidden_keys=set() if new else {"name_en", "name_zh", "scopes"})

    def kind_chosen(self) -> None:
        verification = self.terms.form.input("kind").value() == EngagementKind.VERIFICATION
        self.terms.form.show_fields(hidden_keys=set() if verification else {"period"})

    def check_vvb(self, values: dict) -> None:
        if values.get("vvb") == NEW:
            validation.parse_vvb(self.new_vvb(values))

    @staticmethod
    def new_vvb(values: dict) -> dict:
        return {k: values[k] for k in ("name_en", "name_zh", "scopes") if values.get(k)}

    def work(self):
        chosen, terms = self.vvb.values(), self.terms.values()
        vvb = self.new_vvb(chosen) if chosen["vvb"] == NEW else int(chosen["vvb"])
        return lambda ws, actor, project: validation.engage_vvb(ws, actor, project, vvb, terms["kind"], terms["team"], terms.get("period"))

    def finished_with(self, change) -> None:
        self.ctx.window.statusBar().showMessage(self.lang.pick(Text("ui.wizard.engaged")), 8000)
