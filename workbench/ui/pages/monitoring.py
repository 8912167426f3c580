"""Monitoring data: meters, readings import (in a worker), accounting periods (监测数据)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from workbench.domain.text import Bilingual, Text
from workbench.domain.vocabulary import MeterRole, PeriodStatus
from workbench.methodology.loader import get
from workbench.services.monitoring import accounting, corrections, field_data, meters, monitoring, periods
from workbench.services.projects import lifecycle
from workbench.ui import pickers
from workbench.ui.deletion import ask_to_delete
from workbench.ui.energy_chart import EnergyChart
from workbench.ui.fields import record_field, shown
from workbench.ui.forms import RecordTable, SpecForm
from workbench.ui.import_panel import ImportPanel
from workbench.ui.mapping_panel import MappingPanel
from workbench.ui.outputs import PathField, confirm_overwrite
from workbench.ui.pages.base import Page
from workbench.ui.wizards import WizardButton


OVERDUE = "#b3261e"  # the red of a date past due (as the navigator's blocked moves)
METER_FIELDS = [  # the meter's fields as domain/field_specs describes them (kind, unit, bounds), with the page's labels
    record_field("meter", "serial", label=Text("ui.monitoring.serial_number")),
    record_field("meter", "role", label=Text("ui.monitoring.role"), default="export"),
    record_field("meter", "fuel", label=Text("ui.monitoring.fuel"), reference=True),
    record_field("meter", "accuracy_class", label=Text("ui.monitoring.accuracy_class"), default="0.5",
                 placeholder=Text("ui.monitoring.accuracy_class_example")),
    record_field("meter", "calibrated_on", label=Text("ui.monitoring.last_calibration")),
    record_field("meter", "calibration_error", label=Text("ui.monitoring.error_found")),
    record_field("meter", "location", label=Text("ui.monitoring.location")),
]


class MonitoringPage(Page):
    title = Text("ui.monitoring.monitoring_data")
    order = 40
    shows = frozenset({"meter", "meter_calibration", "monitoring", "readings", "fieldbook", "accounting_period", "vintage_result", "period",
                       "import_mapping", "mapping", "project", "parcel", "engagement"})

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.meters = RecordTable(L, "meterTable", [Text("ui.monitoring.meter"), Text("ui.monitoring.role"), Text("ui.monitoring.accuracy_class"),
                                                    Text("ui.monitoring.last_calibration"), Text("ui.monitoring.next_calibration_due")])
        self.meters.add_action(Text("ui.rows.edit"), self.edit_meter)
        self.meters.add_action(Text("ui.rows.delete"), self.delete_meter)
        self.add_meter = SpecForm(L, "addMeter", Text("ui.monitoring.add_a_revenue_meter"), Text("common.add"), METER_FIELDS)
        self.add_meter.input("role").currentIndexChanged.connect(self.role_chosen)
        self.add_meter.submitted.connect(self.on_meter)
        self.add_meter.cancel_edit.clicked.connect(self.role_chosen)
        self.importer = ImportPanel(self)
        self.fieldbook = SpecForm(L, "exportFieldbook", Text("ui.monitoring.export_field_workbook_xlsx_to_fill"), Text("ui.monitoring.export"), [
            PathField("out", Text("common.save_as"), "xlsx")])
        self.fieldbook.submitted.connect(lambda v: confirm_overwrite(self, [Path(v["out"])], lambda force: self.export_fieldbook(v["out"], force)))
        self.chart = EnergyChart(L)
        self.generation = 0  # of the readings refresh under way: only the newest is shown
        self.totals = RecordTable(L, "meterTotals", [Text("ui.monitoring.meter"), Text("ui.monitoring.role"), Text("ui.monitoring.year"), Text("ui.monitoring.readings"), Text("ui.monitoring.mwh")])
        self.plots = RecordTable(L, "plotTotals", [Text("common.stratum"), Text("ui.monitoring.measured_on"), Text("ui.monitoring.plots"), Text("ui.monitoring.trees"),
                                                   Text("ui.monitoring.plots_needed_ar_tool03_last_calculation")])
        self.fuel = RecordTable(L, "fuelTotals", [Text("ui.monitoring.fuel"), Text("ui.monitoring.year"), Text("ui.monitoring.quantity"), Text("ui.monitoring.deliveries")])
        self.mapping = MappingPanel(self)
        self.add_period = SpecForm(L, "addPeriod", Text("ui.monitoring.add_an_accounting_period"), Text("common.add"), [
            record_field("period", "start", label=Text("ui.monitoring.from")),
            record_field("period", "end", label=Text("ui.monitoring.to"))])
        self.add_period.submitted.connect(lambda v: self.op(lambda ws, actor, project: periods.add_period(ws, actor, project, v["start"], v["end"]),
                                                            form=self.add_period, done=lambda c: self.saved(self.add_period, Text("ui.rows.saved"))))
        self.calculate = SpecForm(L, "calculatePeriod", Text("ui.monitoring.calculate_a_period_from_the_monitoring"), Text("ui.monitoring.calculate"), [
            pickers.reference("period", Text("common.period"))])
        self.calculate.submitted.connect(lambda v: self.op(lambda ws, actor, project, steps: accounting.calculate_period(ws, actor, project, v["period"], steps),
                                                           form=self.calculate, long=Text("ui.monitoring.calculating", number=v["period"]),
                                                           busy=lambda on: self.calculate.button.setDisabled(on),
                                                           done=lambda c: self.feedback.setText(self.lang.pick(Text("ui.monitoring.calculated")))))
        self.periods = RecordTable(L, "periodTable", [Text("common.period"), Text("ui.monitoring.from"), Text("ui.monitoring.to"), Text("common.status"),
                                                      Text("common.vintage"), Text("ui.monitoring.er_t"), Text("ui.monitoring.credited_t"), Text("ui.monitoring.pdd_estimate")])
        self.corrections = RecordTable(L, "correctionsTable", [Text("common.period"), Text("common.vintage"), Text("doc.mr.instrument"), Text("doc.mr.span"),
                                                               Text("doc.mr.days"), Text("doc.mr.case"), Text("doc.f.error"), Text("doc.mr.measured"),
                                                               Text("doc.mr.corrected")])
        self.feedback = QLabel()
        self.feedback.setObjectName("monitoringFeedback")
        self.code = ""
        self.meter_actions = self.meters.action_bar()
        self.start_period = WizardButton(ctx, "period", Text("ui.wizard.start_new_period"))
        for w in (self.feedback, self.meters, self.meter_actions, self.add_meter, self.importer, self.fieldbook, self.chart, self.totals, self.plots, self.fuel, self.mapping,
                  self.start_period, self.add_period, self.calculate, self.periods, self.corrections):
            self.layout_.addWidget(w)

    def saved(self, form: SpecForm, message: Text) -> None:
        form.reset()
        self.role_chosen()
        self.feedback.setText(self.lang.pick(message))

    def role_chosen(self) -> None:
        """A fuel meter names its fuel; the other meters have none. A meter being edited keeps its calibrations, which
        are recorded one by one."""
        hidden = set() if self.add_meter.input("role").value() == MeterRole.FUEL else {"fuel"}
        if self.add_meter.editing is not None:
            hidden |= {"calibrated_on", "calibration_error"}
        self.add_meter.show_fields(hidden_keys=hidden)

    def on_meter(self, values: dict) -> None:
        form, editing = self.add_meter, self.add_meter.editing
        if editing is None:
            self.op(lambda ws, actor, project: meters.add_meter(ws, actor, project, values), form=form,
                    done=lambda c: self.saved(form, Text("ui.monitoring.meter_added", serial=values["serial"])))
            return
        edited = {k: values.get(k, "") for k in meters.EDITABLE}  # an emptied location or a fuel no longer asked for is cleared
        self.op(lambda ws, actor, project: meters.update_meter(ws, actor, project, editing, edited), form=form,
                done=lambda c: self.saved(form, Text("ui.monitoring.meter_saved", serial=edited["serial"])))

    def edit_meter(self, serial: str) -> None:
        m = next(m for m in meters.list_meters(self.ctx.workspace, self.ctx.project) if m["serial"] == serial)
        self.add_meter.begin_edit(serial, Text("ui.monitoring.edit_meter", serial=serial), serial=m["serial"], role=m["role"], fuel=m["fuel"],
                                  accuracy_class=m["accuracy_class"], location=m["location"])
        self.role_chosen()

    def delete_meter(self, serial: str) -> None:
        """The row's Delete: a meter with readings is refused before acting, saying so; another goes once confirmed."""
        project = self.ctx.project
        ask_to_delete(self, self.lang, serial, meters.meter_dependants(self.ctx.workspace, project, serial), lambda _why: self.op(
            lambda ws, actor, bound: meters.remove_meter(ws, actor, bound, serial), undoable=False, project=project,
            done=lambda c: self.feedback.setText(self.lang.pick(Text("ui.rows.removed")))), undoable=False)

    def export_fieldbook(self, path: str, force: bool) -> None:
        """The workbook field staff fill offline; it comes back through the import panel, every sheet at once."""
        from workbench.services.monitoring import fieldbook  # openpyxl's writer: loaded when a workbook is written

        def written(out) -> None:
            self.importer.path.setText(str(out))
            self.importer.choose("fieldbook")
            self.importer.status.setText(self.lang.pick(Text("ui.monitoring.field_workbook_written_to_check_and", out=out)))

        self.op(lambda ws, actor, project, steps: fieldbook.export_workbook(ws, project, path, actor.today, force=force, steps=steps), form=self.fieldbook,
                undoable=False, long=Text("ui.monitoring.writing_workbook"), done=written)

    def show_readings(self, result) -> None:
        generation, months = result
        if generation != self.generation:  # a newer refresh (another project, more data) is on its way
            return
        self.chart.show_months(months)
        self.totals.show_rows([[t.serial, MeterRole(t.role), str(t.year), t.readings, Decimal(t.wh) / 1_000_000] for t in monitoring.by_year(months)])

    def project_changed(self) -> None:
        self.importer.forget()
        self.importer.path.clear()
        super().project_changed()

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        ws, project = self.ctx.workspace, self.ctx.project
        header = lifecycle.view_project(ws, project, self.ctx.actor().today).snapshot.header
        if header.code != self.code:
            self.code = header.code
            self.fieldbook.input("out").suggested = ""
        self.fieldbook.input("out").suggest(f"{header.code}-field-workbook.xlsx")
        kinds = field_data.kinds(ws, project)
        self.mapping.show_mappings(ws, project)
        self.importer.set_kinds(kinds)
        self.plots.setVisible("plots" in kinds)
        self.fuel.setVisible("fuel" in kinds)
        for w in (self.totals, self.chart, self.add_meter, self.meters, self.meter_actions):
            w.setVisible("readings" in kinds)
        fuels = get(header.methodology_id).fuels if header.methodology_id else {}
        self.add_meter.set_choices("fuel", [(k, Bilingual(k, zh)) for k, (_unit, zh) in fuels.items()])
        self.role_chosen()
        self.calculate.set_choices("period", pickers.period_choices(ws, project))
        if "readings" in kinds:
            listed = meters.list_meters(ws, project)
            today = self.ctx.actor().today.isoformat()
            due = [m["calibrations"][-1]["next_due"] if m["calibrations"] else "" for m in listed]
            self.meters.show_rows([[m["serial"], MeterRole(m["role"]), m["accuracy_class"],
                                    m["calibrations"][-1]["calibrated_on"] if m["calibrations"] else "",
                                    Text("ui.monitoring.calibration_overdue", due=d) if d and d < today else d or Text("ui.monitoring.no_calibration")]
                                   for m, d in zip(listed, due)], keys=[m["serial"] for m in listed])
            for row, d in enumerate(due):  # overdue or never calibrated stands out: those readings are corrected (§7.3.4)
                if not d or d < today:
                    self.meters.item(row, 4).setForeground(QColor(OVERDUE))
        if "plots" in kinds:
            self.plots.show_rows([[r["stratum"], r["measured_on"], r["plots"], r["trees"], r["needed"] or ""]
                                  for r in field_data.plot_summary(ws, project)])
        if "fuel" in kinds:
            self.fuel.show_rows([[r["fuel"], str(r["year"]), r["quantity"], r["deliveries"]] for r in field_data.fuel_summary(ws, project)])
        if "readings" in kinds:  # aggregating every reading takes long on a big project: off the UI thread
            self.generation += 1
            generation = self.generation
            self.op(lambda ws, _actor, project, steps: (generation, monitoring.monthly(ws, project, steps)), done=self.show_readings, undoable=False,
                    long=Text("ui.monitoring.adding_up_readings"))
        rows = []
        for p in periods.list_periods(ws, project):
            for v in p.vintages or [None]:
                rows.append([p.number, p.start, p.end, PeriodStatus(p.status), str(v.vintage) if v else "", v.reductions if v else "", v.credited if v else "",
                             v.ex_ante_estimate if v else ""])
        self.periods.show_rows(rows)
        self.show_corrections(corrections.period_corrections(ws, project, header.methodology_id))

    def show_corrections(self, applied: list[dict]) -> None:
        """The §7.3.4 corrections each calculated period applied, span by span, as the monitoring report shows them."""
        self.corrections.setVisible(bool(applied))
        self.corrections.show_rows([[c["period"], str(c["year"]), Bilingual(c["what"]["en"], c["what"]["zh"]) if c["role"] == "fuel"
                                     else f"{c['what']} ({shown(self.lang, MeterRole(c['role']))})", f"{c['start']} – {c['end']}" if c["end"] != c["start"] else c["start"],
                                     c["days"], Text(f"doc.mr.case_{c['case']}"), f"{c['error']:.2f} %", c["measured"], c["corrected"]] for c in applied])


PAGE = MonitoringPage
