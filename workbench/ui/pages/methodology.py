"""Methodology as a guided check (方法学): which methodologies apply, each condition of the one in view with its
verdict, explanation and the evidence it needs; declarations as tick boxes; the methodology's parameters as a
typed grid; the project's own inputs (grid, expected generation, planting plan) in a form of typed fields."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import QCheckBox, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.text import Bilingual, Text
from workbench.methodology import grid_factors
from workbench.methodology.loader import all_methodologies
from workbench.methodology.meter_corrections import BeyondClassFrom
from workbench.methodology.protocol import Verdict
from workbench.services.documents import evidence
from workbench.services.methodology import methodology, project_inputs
from workbench.services.monitoring import site_import
from workbench.services.projects import lifecycle
from workbench.ui import pickers
from workbench.ui.fields import Field
from workbench.ui.forms import RecordTable, SpecForm
from workbench.ui.pages.base import Page

OVERALL = {Verdict.PASS: Text("ui.methodology.yes"), Verdict.NEEDS_EVIDENCE: Text("ui.methodology.yes_once_the_evidence_below_is"),
           Verdict.FAIL: Text("ui.methodology.no")}
DECLARATION_TEXT = {d: Text(f"ui.methodology.decl_{d}") for d in methodology.DECLARATIONS}
def readable(lang, text) -> str:
    """A condition's wording as the window shows it (the evidence it needs without the CLI's parameter: the window asks
    for the evidence in its own field — ``conditions.evidence_document.gui``)."""
    return lang.pick(text) if text else ""


class EvidenceRow(QGroupBox):
    """One condition that needs a document: what it needs, and where the user says which document shows it — by
    naming it, or by attaching the file itself (kept in the workspace as the project's evidence and named here)."""

    def __init__(self, page: MethodologyPage, key: str) -> None:
        super().__init__()
        self.page, self.key = page, key
        self.setObjectName(f"evidence-{key}")
        self.heading = QLabel()  # the condition and its verdict: wrapped, where a group title would widen the page
        self.heading.setObjectName(f"evidenceCondition-{key}")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.needed = QLabel()
        self.needed.setWordWrap(True)
        self.reference = QLineEdit()
        self.reference.setObjectName(f"evidenceRef-{key}")
        self.save = QPushButton()
        self.save.setObjectName(f"evidenceSave-{key}")
        self.save.clicked.connect(self.store)
        self.attach = QPushButton()
        self.attach.setObjectName(f"evidenceFile-{key}")
        self.attach.clicked.connect(self.choose_file)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.needed)
        row = QHBoxLayout()
        row.addWidget(self.reference, 1)  # the reference reads in full (a file name and its hash); the buttons fit their words
        row.addWidget(self.save)
        row.addWidget(self.attach)
        layout.addLayout(row)

    def show_condition(self, lang, condition, stored: str) -> None:
        self.heading.setText(f"{lang.pick(condition.text)} — {lang.pick(condition.verdict)}")
        self.needed.setText(readable(lang, condition.evidence or condition.explanation))
        self.reference.setPlaceholderText(lang.pick(Text("ui.methodology.evidence_reference")))
        if not self.reference.hasFocus():
            self.reference.setText(stored)
            self.reference.setCursorPosition(0)  # a long reference reads from its start
        self.save.setText(lang.pick(Text("common.save")))
        self.attach.setText(lang.pick(Text("ui.methodology.attach_a_file")))
        self.condition = lang.pick(condition.text)

    def store(self) -> None:
        text = self.reference.text().strip()
        source = self.page.lang.pick(Text("ui.methodology.entered_in_the_check"))
        self.page.op(lambda ws, actor, project: project_inputs.set_condition_evidence(ws, actor, project, self.key, text, source))

    def choose_file(self) -> None:
        dialog = QFileDialog(self, self.page.lang.pick(Text("ui.methodology.attach_a_file")))
        dialog.setObjectName("conditionEvidenceDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setDirectory(QDir.homePath())  # not the folder the program was started from
        dialog.fileSelected.connect(self.attach_file)
        dialog.open()

    def attach_file(self, path: str) -> None:
        """Keep the file as the project's evidence and name it as this condition's, in one action (undone from the
        Evidence page, where files inside their record-keeping period are deleted only with a reason)."""
        source, note = self.page.lang.pick(Text("ui.methodology.attached_in_the_check")), self.condition
        self.reference.clear()
        self.page.op(lambda ws, actor, project: evidence.attach_for_condition(ws, actor, project, self.key, path, source, note), undoable=False,
                     done=lambda c: self.page.feedback.setText(self.page.lang.pick(Text("ui.evidence.attached", name=Path(path).name))))


class MethodologyPage(Page):
    title = Text("common.methodology")
    order = 30
    shows = frozenset({"project", "project_parameter", "parameter", "site", "parcel", "reference_override", "reference", "project_declaration",
                       "declaration", "evidence_reference"})

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.verdicts = RecordTable(L, "methodologyVerdicts", [Text("common.methodology"), Text("common.title"), Text("ui.methodology.applies")])
        self.verdicts.add_action(Text("ui.methodology.show_its_check"), self.show_check)
        self.choose = SpecForm(L, "chooseMethodology", Text("ui.methodology.use_a_methodology_for_this_project"), Text("ui.methodology.use_it"), [
            Field("methodology", FieldSpec(FieldKind.TEXT, required=True), label=Text("common.methodology"), choices=tuple(pickers.methodology_choices()),
                  reference=True)])
        self.choose.input("methodology").currentIndexChanged.connect(lambda _i: self.show_check(self.choose.input("methodology").value() or None))
        self.choose.submitted.connect(lambda v: self.op(lambda ws, actor, project: methodology.choose(ws, actor, project, v["methodology"]),
                                                        form=self.choose))
        self.feedback = QLabel()
        self.feedback.setObjectName("methodologyFeedback")
        self.verdict = QLabel()
        self.verdict.setObjectName("methodologyVerdict")
        self.verdict.setWordWrap(True)
        self.checks = RecordTable(L, "applicabilityTable", [Text("ui.methodology.condition"), Text("ui.methodology.result"),
                                                            Text("ui.methodology.explanation"), Text("ui.methodology.evidence_needed")])
        self.declarations = QGroupBox()
        self.declarations.setObjectName("declarations")
        box = QVBoxLayout(self.declarations)
        self.ticks: dict[str, QCheckBox] = {}
        for key in methodology.DECLARATIONS:
            tick = QCheckBox()
            tick.setObjectName(f"decl-{key}")
            tick.clicked.connect(lambda checked, k=key: self.declare(k, checked))
            self.ticks[key] = tick
            box.addWidget(tick)
        self.evidence_box = QGroupBox()
        self.evidence_box.setObjectName("evidenceNeeded")
        self.evidence_layout = QVBoxLayout(self.evidence_box)
        self.evidence_rows: dict[str, EvidenceRow] = {}
        self.parameters = RecordTable(L, "parameterGrid", [Text("ui.methodology.symbol"), Text("ui.methodology.description"), Text("ui.methodology.unit"),
                                                           Text("ui.methodology.source"), Text("ui.methodology.default"), Text("ui.methodology.to_confirm"),
                                                           Text("ui.methodology.monitored")])
        self.inputs = SpecForm(L, "projectInputs", Text("ui.methodology.project_inputs"), Text("common.save"), [
            Field("grid", FieldSpec(FieldKind.TEXT), label=Text("field.grid"), reference=True),
            Field("ex_ante_EG_MWh", FieldSpec(FieldKind.DECIMAL, unit="MWh", minimum=Decimal(0)), label=Text("ui.methodology.expected_net_generation")),
            Field("meter_error_span", FieldSpec(FieldKind.ENUM, enum=BeyondClassFrom), label=Text("ui.methodology.meter_error_span"))])
        self.inputs.submitted.connect(self.save_inputs)
        self.grid_hint = QLabel()  # a newcomer's Moroccan plant has no grid in the list yet: where one is added
        self.grid_hint.setObjectName("gridHint")
        self.grid_hint.setWordWrap(True)
        self.inputs.layout_.insertRow(1, "", self.grid_hint)
        self.plan = SpecForm(L, "plantingPlan", Text("ui.methodology.planting_plan"), Text("common.save"), [
            pickers.reference("stratum", Text("common.stratum")), pickers.reference("species", Text("ui.methodology.species")),
            Field("planted", FieldSpec(FieldKind.INTEGER, required=True, minimum=Decimal(1950), maximum=Decimal(2100)), label=Text("ui.methodology.planted_year"), year=True),
            Field("density", FieldSpec(FieldKind.INTEGER, required=True, unit="/ha", minimum=Decimal(1)), label=Text("ui.methodology.density"))])
        self.plan.submitted.connect(self.save_plan)
        self.in_view: str | None = None  # the methodology whose check is shown
        self.stored: dict[str, str] = {}
        self.evidence: dict[str, str] = {}  # evidence key of a condition → the document the owner named
        for w in (self.feedback, self.verdicts, self.choose, self.verdict, self.checks, self.declarations, self.evidence_box, self.inputs, self.plan, self.parameters):
            self.layout_.addWidget(w)
        self.retranslate_own()

    def retranslate_own(self) -> None:
        self.declarations.setTitle(self.lang.pick(Text("ui.methodology.declarations")))
        self.evidence_box.setTitle(self.lang.pick(Text("ui.methodology.evidence_needed")))
        self.grid_hint.setText(self.lang.pick(Text("ui.methodology.grid_hint")))
        for key, tick in self.ticks.items():
            tick.setText(self.lang.pick(DECLARATION_TEXT[key]))

    def retranslate(self) -> None:
        self.retranslate_own()
        super().retranslate()

    def declare(self, key: str, checked: bool) -> None:
        source = self.lang.pick(Text("ui.methodology.declared_in_the_check"))
        self.op(lambda ws, actor, project: project_inputs.set_declaration(ws, actor, project, key, "yes" if checked else "no", source),
                failed=self.refresh)

    def save_inputs(self, values: dict) -> None:
        source = self.lang.pick(Text("ui.methodology.entered_in_the_check"))
        changed = {k: v for k, v in values.items() if v != self.stored.get(k, "")}
        self.op(lambda ws, actor, project: [methodology.set_parameter(ws, actor, project, k, v, source) for k, v in changed.items()],
                form=self.inputs)

    def save_plan(self, v: dict) -> None:
        source = self.lang.pick(Text("ui.methodology.entered_in_the_check"))
        self.op(lambda ws, actor, project: [methodology.set_parameter(ws, actor, project, f"plan.{v['stratum']}.{k}", v[k], source)
                                            for k in ("species", "planted", "density")], form=self.plan, done=lambda _c: self.plan.reset())

    def show_check(self, full_id: str | None) -> None:
        """Show one methodology's conditions (a row of the verdicts, or the one chosen in the form)."""
        self.in_view = full_id
        if full_id and self.ctx.project is not None:
            self.show_conditions()

    def project_changed(self) -> None:
        self.in_view = None
        super().project_changed()

    def show_conditions(self) -> None:
        ws, project, pick = self.ctx.workspace, self.ctx.project, self.lang.pick
        m = next((m for m in all_methodologies().values() if m.full_id == self.in_view), None)
        if m is None:
            return
        result = methodology.check_project(ws, project, m.id)[0]
        if result.applicable is Verdict.FAIL:  # said plainly: which conditions rule it out
            failed = "; ".join(pick(c.explanation) for c in result.conditions if c.verdict is Verdict.FAIL)
            self.verdict.setText(pick(Text("ui.methodology.does_not_apply", methodology=m.full_id, reasons=failed)))
        else:
            self.verdict.setText(pick(Text("ui.methodology.check_of", methodology=m.full_id)) + pick(OVERALL[result.applicable]))
        self.checks.show_rows([[pick(c.text), c.verdict, readable(self.lang, c.explanation), readable(self.lang, c.evidence)] for c in result.conditions])
        keys = [c.evidence_key for c in result.conditions if c.evidence_key]
        for key in list(self.evidence_rows):
            if key not in keys:
                self.evidence_rows.pop(key).deleteLater()
        for c in result.conditions:
            if c.evidence_key:
                row = self.evidence_rows.get(c.evidence_key)
                if row is None:
                    row = self.evidence_rows[c.evidence_key] = EvidenceRow(self, c.evidence_key)
                    self.evidence_layout.addWidget(row)
                row.show_condition(self.lang, c, self.evidence.get(c.evidence_key, ""))
        self.evidence_box.setVisible(bool(keys))
        self.parameters.show_rows([[p.symbol, pick(p.description), p.unit, pick(p.source), p.default.value if p.default else "",
                                    Text("ui.methodology.confirm_flag") if p.confirm or (p.default and p.default.confirm) else "",
                                    "✔" if p.monitored else ""] for p in m.parameters])
        energy, forestry = m.sector == "energy", m.projection is not None
        self.inputs.setVisible(energy)
        self.plan.setVisible(forestry)
        self.declarations.setVisible(any(c.key == "unique" for c in result.conditions))
        if forestry:
            self.plan.set_choices("species", [(k, Bilingual(k, zh)) for k, zh in m.species.items()])

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        ws, project = self.ctx.workspace, self.ctx.project
        results = methodology.check_project(ws, project)
        self.verdicts.show_rows([[r.methodology + (" ★" if r.chosen else ""), self.lang.pick(r.title), self.lang.pick(OVERALL[r.applicable])]
                                 for r in results], keys=[r.methodology for r in results])
        chosen = next((r.methodology for r in results if r.chosen), None)
        with ws.reading() as s:
            from workbench.services.projects.projects import resolve

            project_id = resolve(s, project).id
            self.stored = methodology.parameters_of(s, project_id)
            self.evidence = project_inputs.condition_evidence_of(s, project_id)
            declared = project_inputs.declarations_of(s, project_id)
            known = list(grid_factors.table(methodology.grid_overrides(s)).keys())
        for key, tick in self.ticks.items():
            tick.setChecked(declared.get(key, False))
        self.inputs.set_choices("grid", [(g, g) for g in known])
        self.inputs.set(**{k: self.stored.get(k, "") for k in ("grid", "ex_ante_EG_MWh", "meter_error_span")})
        strata = sorted({p.stratum for p in site_import.parcels_of(ws, project) if p.stratum})
        self.plan.set_choices("stratum", [(s, s) for s in strata])
        if self.in_view is None or self.in_view not in {r.methodology for r in results}:
            self.in_view = chosen or (results[0].methodology if results else None)
        header = lifecycle.view_project(ws, project, self.ctx.actor().today).snapshot.header
        picker = self.choose.input("methodology")
        blocked = picker.blockSignals(True)  # showing the stored choice is not the user choosing
        self.choose.set(methodology=f"{header.methodology_id}-{header.methodology_version}" if header.methodology_id else "")
        picker.blockSignals(blocked)
        self.show_conditions()


PAGE = MethodologyPage
