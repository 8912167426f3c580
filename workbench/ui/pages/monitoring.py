"""Monitoring data: meters, readings import (in a worker), accounting periods (监测数据)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QPushButton

from workbench.domain.errors import UserError
from workbench.domain.text import Text
from workbench.domain.vocabulary import MeterRole, PeriodStatus
from workbench.services.monitoring import accounting, field_data, import_mappings, meters, monitoring, periods
from workbench.ui.energy_chart import EnergyChart
from workbench.ui.forms import ActionForm, Choice, RecordTable, form_row
from workbench.ui.import_panel import KINDS, ImportPanel
from workbench.ui.pages.base import Page
from workbench.ui.worker import run


def mapping_text(text: str) -> dict[str, str]:
    """``field=column; field=column`` as typed in the form."""
    pairs = [part.partition("=") for part in text.split(";") if part.strip()]
    bad = [f"{name}{sep}{value}" for name, sep, value in pairs if not sep or not name.strip()]
    if bad:
        raise UserError("error.ui.monitoring.is_not_field_column_title", field="mapping", bad=bad[0])
    return {name.strip(): value.strip() for name, _, value in pairs}


FIELDBOOK = Text("ui.monitoring.export_field_workbook_xlsx_to_fill")


class MonitoringPage(Page):
    title = Text("ui.monitoring.monitoring_data")
    order = 40

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.add_meter = ActionForm(L, "addMeter", Text("ui.monitoring.add_a_revenue_meter"), Text("common.add"), [
            ("serial", Text("ui.monitoring.serial_number"), None, ""), ("role", Text("ui.monitoring.role"), list(MeterRole), "export"),
            ("accuracy_class", Text("ui.monitoring.accuracy_class"), None, "0.5"),
            ("calibrated_on", Text("ui.monitoring.last_calibration_yyyy_mm_dd"), None, ""),
            ("calibration_error", Text("ui.monitoring.error_found"), None, ""),
        ])
        self.add_meter.submitted.connect(lambda v: self.ctx.act(self, lambda: meters.add_meter(
            self.ctx.workspace, self.ctx.actor(), self.ctx.project, {k: x for k, x in v.items() if x})))
        self.importer = ImportPanel(ctx)
        self.fieldbook_button = QPushButton()
        self.fieldbook_button.setObjectName("exportFieldbook")
        self.fieldbook_button.clicked.connect(self.choose_fieldbook_path)
        self.chart = EnergyChart(L)
        self.generation = 0  # of the readings refresh under way: only the newest is shown
        self.totals = RecordTable(L, "meterTotals", [Text("ui.monitoring.meter"), Text("ui.monitoring.role"), Text("ui.monitoring.year"), Text("ui.monitoring.readings"), Text("ui.monitoring.mwh")])
        self.plots = RecordTable(L, "plotTotals", [Text("common.stratum"), Text("ui.monitoring.measured_on"), Text("ui.monitoring.plots"), Text("ui.monitoring.trees"),
                                                   Text("ui.monitoring.plots_needed_ar_tool03_last_calculation")])
        self.fuel = RecordTable(L, "fuelTotals", [Text("ui.monitoring.fuel"), Text("ui.monitoring.year"), Text("ui.monitoring.quantity"), Text("ui.monitoring.deliveries")])
        self.mapping = ActionForm(L, "importMapping", Text("ui.monitoring.column_mapping_for_logger_and_meter"), Text("common.save"), [
            ("kind", Text("ui.monitoring.kind_of_data"), [Choice(k, KINDS[k]) for k in field_data.IMPORTERS], "readings"),
            ("columns", Text("ui.monitoring.field_column_title_empty_removes_the"), None, "")])
        self.mapping.inputs["columns"].setPlaceholderText("start=Date/Time; kwh=Active energy (kWh); time_format=%d.%m.%Y %H:%M")
        self.mapping.submitted.connect(lambda v: self.ctx.act(self, lambda: import_mappings.set_mapping(
            self.ctx.workspace, self.ctx.actor(), self.ctx.project, v["kind"], mapping_text(v["columns"]))))
        self.add_period = ActionForm(L, "addPeriod", Text("ui.monitoring.add_an_accounting_period"), Text("common.add"), [
            ("start", Text("ui.monitoring.start_yyyy_mm_dd"), None, ""), ("end", Text("ui.monitoring.end_yyyy_mm_dd"), None, "")])
        self.add_period.submitted.connect(lambda v: self.ctx.act(self, lambda: periods.add_period(
            self.ctx.workspace, self.ctx.actor(), self.ctx.project, v["start"], v["end"])))
        self.calculate = ActionForm(L, "calculatePeriod", Text("ui.monitoring.calculate_a_period_from_the_monitoring"), Text("ui.monitoring.calculate"), [
            ("period", Text("ui.monitoring.period_number"), None, "1")])
        self.calculate.submitted.connect(lambda v: self.ctx.act(self, lambda: accounting.calculate_period(
            self.ctx.workspace, self.ctx.actor(), self.ctx.project, v["period"])))
        self.periods = RecordTable(L, "periodTable", [Text("common.period"), Text("ui.monitoring.from"), Text("ui.monitoring.to"), Text("common.status"),
                                                      Text("common.vintage"), Text("ui.monitoring.er_t"), Text("ui.monitoring.credited_t"), Text("ui.monitoring.pdd_estimate")])
        for w in (self.add_meter, form_row(self.fieldbook_button), self.importer, self.chart, self.totals, self.plots, self.fuel, self.mapping,
                  self.add_period, self.calculate, self.periods):
            self.layout_.addWidget(w)
        self.retranslate_own()

    def retranslate_own(self) -> None:
        self.fieldbook_button.setText(self.lang.pick(FIELDBOOK))

    def retranslate(self) -> None:
        self.retranslate_own()
        self.importer.retranslate()
        super().retranslate()

    def choose_fieldbook_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.lang.pick(FIELDBOOK), "field-workbook.xlsx", "Excel (*.xlsx)")
        if path:
            self.export_fieldbook(path)

    def export_fieldbook(self, path: str) -> None:
        """The workbook field staff fill offline; it comes back through the import panel, every sheet at once."""
        from workbench.services.monitoring import fieldbook  # openpyxl's writer: loaded when a workbook is written

        out = self.ctx.act(self, lambda: fieldbook.export_workbook(self.ctx.workspace, self.ctx.project, path, self.ctx.actor().today, force=True))
        if out is not None:
            self.importer.path.setText(str(out))
            self.importer.choose("fieldbook")
            self.importer.status.setText(self.lang.pick(Text("ui.monitoring.field_workbook_written_to_check_and", out=out)))

    def show_readings(self, result) -> None:
        generation, months = result
        if generation != self.generation:  # a newer refresh (another project, more data) is on its way
            return
        self.chart.show_months(months)
        self.totals.show_rows([[t.serial, MeterRole(t.role), t.year, t.readings, f"{t.wh / 1_000_000:,.3f}"] for t in monitoring.by_year(months)])

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        kinds = field_data.kinds(self.ctx.workspace, self.ctx.project)
        self.importer.set_kinds(kinds)
        self.plots.setVisible("plots" in kinds)
        self.fuel.setVisible("fuel" in kinds)
        self.totals.setVisible("readings" in kinds)
        self.chart.setVisible("readings" in kinds)
        self.add_meter.setVisible("readings" in kinds)
        if "plots" in kinds:
            self.plots.show_rows([[r["stratum"], r["measured_on"], r["plots"], r["trees"], r["needed"] or ""]
                                  for r in field_data.plot_summary(self.ctx.workspace, self.ctx.project)])
        if "fuel" in kinds:
            self.fuel.show_rows([[r["fuel"], r["year"], r["quantity"], r["deliveries"]] for r in field_data.fuel_summary(self.ctx.workspace, self.ctx.project)])
        if "readings" in kinds:  # aggregating every reading takes long on a big project: off the UI thread
            ws, project = self.ctx.workspace, self.ctx.project
            self.generation += 1
            generation = self.generation
            self.readings_worker = run(lambda: (generation, monitoring.monthly(ws, project)), self.show_readings,
                                       lambda message: self.ctx.show_error(self, message))
        rows = []
        for p in periods.list_periods(self.ctx.workspace, self.ctx.project):
            for v in p.vintages or [None]:
                rows.append([p.number, p.start, p.end, PeriodStatus(p.status), v.vintage if v else "", v.reductions if v else "", v.credited if v else "",
                             v.ex_ante_estimate if v else ""])
        self.periods.show_rows(rows)


PAGE = MonitoringPage
