"""The new-project wizard (新建项目向导): programme, host country and agreement; parties; dates and methodology with
its verdicts, the crediting period checked against the methodology's rule; sites; then one action that creates the
project with its parties and sites (services/projects/setup.py) — Cancel leaves nothing behind."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWizardPage

from workbench.domain.errors import UserError
from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.parties import Nationality, PartyRole
from workbench.domain.project import Programme
from workbench.domain.text import Bilingual as B, Text
from workbench.methodology.protocol import Verdict
from workbench.services.methodology.methodology import check_draft
from workbench.services.projects import parties, projects, setup
from workbench.ui import pickers
from workbench.ui.fields import Field
from workbench.ui.forms import RecordTable, SpecForm
from workbench.ui.pages.parties import OFFSHORE, OFFSHORE_METHODOLOGY, country_name
from workbench.ui.wizards.base import FormPage, Wizard

PROJECT_KEYS = ("code", "title_en", "title_zh", "programme", "host_country", "sector")
DATE_KEYS = ("project_start", "construction_start", "operation_start", "crediting_start", "crediting_end")
APPLIES = {Verdict.PASS: Text("ui.methodology.yes"), Verdict.FAIL: Text("ui.methodology.no")}


def applies(check) -> Text:
    """Whether a methodology applies, by its checks: yes, no, or not known until the conditions still open are shown —
    named, since "yes, with evidence" read as yes (a solar thermal methodology for a wind farm, in the trial)."""
    if check.applicable is not Verdict.NEEDS_EVIDENCE:
        return APPLIES[check.applicable]
    return Text("ui.wizard.applies_only_if", conditions=[c.text for c in check.conditions if c.verdict is Verdict.NEEDS_EVIDENCE])


def project_fields() -> list[Field]:
    spec = projects.PROJECT_FIELDS
    return [*(Field(k, spec[k], default="bri" if k == "programme" else "", host=k == "host_country") for k in PROJECT_KEYS),
            pickers.reference("agreement", Text("common.agreement_bri"), required=False),
            Field("agreement_name", FieldSpec(FieldKind.TEXT), label=Text("ui.wizard.agreement_not_recorded"))]


def dates_fields() -> list[Field]:
    spec = projects.PROJECT_FIELDS
    return [Field("methodology_id", spec["methodology_id"], label=Text("common.methodology"), choices=tuple(pickers.methodology_choices()),
                  reference=True), *(Field(k, spec[k]) for k in DATE_KEYS)]


class ListPage(QWizardPage):
    """Records gathered before the project exists (parties, sites): a form adds one to the list once the service's
    own checks accept it (``check``), a row's Remove takes it out again. Nothing is stored until Finish."""

    def __init__(self, wizard: NewProjectWizard, name: str, title: Text, intro: Text, fields: Sequence[Field], headers: Sequence[Text],
                 row: Callable[[dict], list[Any]], check: Callable[[dict], None]) -> None:
        super().__init__()
        self.setObjectName(name)
        self.wizard_, self.title_text, self.intro, self.row, self.check = wizard, title, intro, row, check
        self.items: list[dict[str, str]] = []
        self.form = SpecForm(wizard.lang, f"{name}Form", Text("ui.wizard.add_to_list"), Text("common.add"), fields)
        self.form.submitted.connect(self.add_item)
        self.table = RecordTable(wizard.lang, f"{name}Table", headers)
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 6)
        self.table.add_action(Text("ui.wizard.remove"), self.remove_item)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.table.action_bar())
        layout.addWidget(self.form)

    def add_item(self, values: dict) -> None:
        try:
            self.check(values)
        except UserError as exc:
            if not (exc.field and self.form.show_problem(exc.field, exc)):
                self.form.show_problem(next(iter(self.form.inputs)), exc)
            return
        self.items.append(values)
        self.form.reset()
        self.show_items()

    def remove_item(self, index: int) -> None:
        del self.items[index]
        self.show_items()

    def show_items(self) -> None:
        self.table.show_rows([self.row(v) for v in self.items], keys=list(range(len(self.items))))

    def retranslate(self) -> None:
        lang = self.wizard_.lang
        self.setTitle(lang.pick(self.title_text))
        self.setSubTitle(lang.pick(self.intro))
        self.form.retranslate()
        self.table.retranslate()
        self.show_items()


def party_row(v: dict) -> list[Any]:
    return [B(v.get("name_en") or v.get("name_zh", ""), v.get("name_zh") or v.get("name_en", "")), PartyRole(v["role"]),
            Nationality(v["nationality"]), country_name(v["country"])]


def site_row(v: dict) -> list[Any]:
    return [v["name"], v["latitude"], v["longitude"], Decimal(v["area_ha"]) if v.get("area_ha") else ""]


class NewProjectWizard(Wizard):
    """New project › its programme and place, parties, dates and methodology, sites; Finish sets it all up at once."""

    title_text = Text("ui.wizard.new_project")

    def __init__(self, ctx) -> None:
        super().__init__(ctx, "newProjectWizard")
        self.project = None  # a new project belongs to no project selected now
        ws = ctx.workspace
        self.basics = FormPage(self, "projectBasics", Text("ui.wizard.project_basics"), project_fields(), check=self.check_basics,
                               intro=Text("ui.wizard.project_basics_intro"))
        self.basics.form.set_choices("agreement", pickers.agreement_choices(ws))
        self.basics.form.input("programme").currentIndexChanged.connect(self.programme_chosen)
        self.basics.form.input("host_country").currentIndexChanged.connect(self.host_chosen)
        self.parties = ListPage(self, "projectParties", Text("ui.wizard.parties"), Text("ui.wizard.parties_intro"),
                                [Field(k, parties.PARTY_FIELDS[k]) for k in ("name_en", "name_zh", "role", "nationality", "country",
                                                                              "participation_form", "contact")],
                                [Text("ui.parties.name"), Text("ui.parties.role"), Text("ui.parties.nationality"), Text("ui.parties.country")],
                                party_row, lambda v: parties.check_party(v, self.basics.values().get("programme", "")))
        self.dates = FormPage(self, "projectDates", Text("ui.wizard.dates_and_methodology"), dates_fields(), check=self.check_dates,
                              intro=Text("ui.wizard.dates_intro"))
        self.verdicts = RecordTable(self.lang, "wizardVerdicts", [Text("common.methodology"), Text("ui.methodology.applies")])
        self.why = QLabel()  # the chosen methodology's conditions still open, in full
        self.why.setObjectName("wizardVerdictWhy")
        self.why.setWordWrap(True)
        self.dates.add(self.verdicts, 1)
        self.dates.add(self.why)
        self.dates.form.input("methodology_id").currentIndexChanged.connect(lambda _i: self.show_verdicts())
        for key in DATE_KEYS:  # a date may decide a condition (construction after the cut-off): the verdicts follow it
            self.dates.form.input(key).edit.dateChanged.connect(lambda _d: self.show_verdicts())
        self.sites = ListPage(self, "projectSites", Text("ui.wizard.sites"), Text("ui.wizard.sites_intro"),
                              [Field(k, parties.SITE_FIELDS[k]) for k in parties.SITE_FIELDS],
                              [Text("ui.parties.site"), Text("ui.parties.latitude"), Text("ui.parties.longitude"), Text("ui.parties.area_ha")],
                              site_row, parties.parse_site)
        for page in (self.basics, self.parties, self.dates, self.sites):
            self.addPage(page)
        self.programme_chosen()
        self.currentIdChanged.connect(self.entered)
        self.retranslate()

    # --- checks of each page, by the services' own rules ----------------------------------------------------------
    def project_values(self) -> dict[str, str]:
        """The project's fields as the service reads them (the agreement: the one picked, else the name typed)."""
        values = {k: v for k, v in {**self.basics.values(), **self.dates.values()}.items() if k != "agreement_name"}
        named = self.basics.values().get("agreement_name", "")
        if not values.get("agreement") and named:
            values["agreement"] = named
        if values.get("methodology_id"):
            values["methodology_id"], values["methodology_version"] = values["methodology_id"].rsplit("-", 1)
        return values

    def check_basics(self, values: dict) -> None:
        """The code free in this workspace, and a BRI project's agreement picked or named (on this page already)."""
        projects.check_code_free(self.ctx.workspace, values.get("code", ""))
        if values.get("programme") == Programme.BRI and not (values.get("agreement") or values.get("agreement_name")):
            raise UserError("error.wizard.bri_agreement_pick_or_name", field="agreement", label=Text("ui.wizard.agreement_not_recorded"))

    def check_dates(self, values: dict) -> None:
        """The crediting period against the chosen methodology's rule, and the methodology against the project."""
        projects.check_new(self.project_values())
        chosen = values.get("methodology_id")
        failed = next((c for c in self.checks() if c.methodology == chosen and c.applicable is Verdict.FAIL), None)
        if failed is not None:
            why = B("; ".join(f"{c.text.en}: {c.explanation.en}" for c in failed.conditions if c.verdict is Verdict.FAIL),
                    "；".join(f"{c.text.zh}:{c.explanation.zh}" for c in failed.conditions if c.verdict is Verdict.FAIL))
            raise UserError("error.methodology.does_not_apply", field="methodology_id", full_id=chosen, reasons=why)

    def checks(self):
        values = {k: v for k, v in self.project_values().items() if k not in ("code", "title_en", "title_zh")}
        try:
            return check_draft(values, self.sites.items)
        except UserError:  # a field not accepted yet is shown by its page; no verdicts until it is
            return []

    def show_verdicts(self) -> None:
        chosen = self.dates.form.input("methodology_id").value()
        results = sorted(self.checks(), key=lambda c: (c.methodology != chosen, c.applicable is Verdict.FAIL, c.methodology))
        self.verdicts.show_rows([[pickers.joined(c.methodology, c.title), applies(c)] for c in results])
        own = next((c for c in results if c.methodology == chosen), None)
        colon = "：" if self.lang.code == "zh" else ": "
        self.why.setText("\n".join(f"• {self.lang.pick(x.text)}{colon}{self.lang.pick(x.explanation)}" for x in own.conditions
                                   if x.verdict is not Verdict.PASS) if own else "")

    def programme_chosen(self) -> None:
        """A BRI project's host is a partner country and it names its agreement; a CCER project has neither choice."""
        bri = self.basics.form.input("programme").value() == Programme.BRI
        self.basics.form.input("host_country").restrict(host=bri)
        self.basics.form.show_fields(hidden_keys=set() if bri else {"agreement", "agreement_name"})

    def host_chosen(self) -> None:
        """The agreements offered are those with the host country chosen (every one until a country is)."""
        host = self.basics.form.input("host_country").value()
        self.basics.form.set_choices("agreement", pickers.agreement_choices(self.ctx.workspace, host if len(host) == 2 else ""))

    def entered(self, _page_id: int) -> None:
        if self.currentPage() is self.dates:
            self.show_verdicts()
        elif self.currentPage() is self.sites:
            offshore = self.dates.form.input("methodology_id").value().startswith(OFFSHORE_METHODOLOGY)
            self.sites.form.show_fields(hidden_keys=set() if offshore else OFFSHORE)

    # --- Finish ----------------------------------------------------------------------------------------------------
    def work(self):
        values, party_values, site_values = self.project_values(), list(self.parties.items), list(self.sites.items)
        return lambda ws, actor, _project: setup.setup_project(ws, actor, values, party_values, site_values)

    def finished_with(self, change) -> None:
        window = self.ctx.window
        window.select_project(change.result["id"])
        window.statusBar().showMessage(self.lang.pick(Text("ui.main_window.project_created", code=change.result["code"])), 8000)

    def retranslate(self) -> None:
        super().retranslate()
        self.verdicts.retranslate()
        if self.currentPage() is self.dates:
            self.show_verdicts()
