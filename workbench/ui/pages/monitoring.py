"""Monitoring data: meters, readings import (in a worker), accounting periods (监测数据)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QPushButton

from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual as B
from workbench.services.monitoring import accounting, field_data, import_mappings, meters, monitoring, periods
from workbench.ui.energy_chart import EnergyChart
from workbench.ui.forms import ActionForm, RecordTable, form_row
from workbench.ui.import_panel import ImportPanel
from workbench.ui.pages.base import Page
from workbench.ui.worker import run


def mapping_text(text: str) -> dict[str, str]:
    """``field=column; field=column`` as typed in the form."""
    pairs = [part.partition("=") for part in text.split(";") if part.strip()]
    bad = [f"{name}{sep}{value}" for name, sep, value in pairs if not sep or not name.strip()]
    if bad:
        raise UserError(f"{bad[0]!r} is not field=column title", where="mapping")
    return {name.strip(): value.strip() for name, _, value in pairs}


FIELDBOOK = B("Export field workbook (.xlsx) to fill offline…", "导出现场记录簿(.xlsx)供离线填写…")


class MonitoringPage(Page):
    title = B("Monitoring data", "监测数据")
    order = 40

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.add_meter = ActionForm(L, "addMeter", B("Add a revenue meter", "添加关口计量表"), B("Add", "添加"), [
            ("serial", B("Serial number", "表号"), None, ""), ("role", B("Role", "用途"), ["export", "import"], "export"),
            ("accuracy_class", B("Accuracy class (%)", "准确度等级(%)"), None, "0.5"),
            ("calibrated_on", B("Last calibration (YYYY-MM-DD)", "最近校准日期"), None, ""),
            ("calibration_error", B("Error found (%)", "校准误差(%)"), None, ""),
        ])
        self.add_meter.submitted.connect(lambda v: self.ctx.act(self, lambda: meters.add_meter(
            self.ctx.workspace, self.ctx.actor(), self.ctx.project, {k: x for k, x in v.items() if x})))
        self.importer = ImportPanel(ctx)
        self.fieldbook_button = QPushButton()
        self.fieldbook_button.setObjectName("exportFieldbook")
        self.fieldbook_button.clicked.connect(self.choose_fieldbook_path)
        self.chart = EnergyChart(L)
        self.generation = 0  # of the readings refresh under way: only the newest is shown
        self.totals = RecordTable(L, "meterTotals", [B("Meter", "计量表"), B("Role", "用途"), B("Year", "年份"), B("Readings", "读数条数"), B("MWh", "兆瓦时")])
        self.plots = RecordTable(L, "plotTotals", [B("Stratum", "碳层"), B("Measured on", "调查日期"), B("Plots", "样地数"), B("Trees", "株数"),
                                                   B("Plots needed (AR-TOOL03, last calculation)", "所需样地数(AR-TOOL03,最近一次核算)")])
        self.fuel = RecordTable(L, "fuelTotals", [B("Fuel", "燃料"), B("Year", "年份"), B("Quantity", "数量"), B("Deliveries", "入库次数")])
        self.mapping = ActionForm(L, "importMapping", B("Column mapping for logger and meter-system exports (saved with the project)",
                                                        "数据采集器/计量系统导出文件的列映射(随项目保存)"), B("Save", "保存"), [
            ("kind", B("Kind of data", "数据类型"), list(field_data.IMPORTERS), "readings"),
            ("columns", B("field=column title; … (empty removes the mapping)", "字段=列标题;…(留空则删除)"), None, "")])
        self.mapping.inputs["columns"].setPlaceholderText("start=Date/Time; kwh=Active energy (kWh); time_format=%d.%m.%Y %H:%M")
        self.mapping.submitted.connect(lambda v: self.ctx.act(self, lambda: import_mappings.set_mapping(
            self.ctx.workspace, self.ctx.actor(), self.ctx.project, v["kind"], mapping_text(v["columns"]))))
        self.add_period = ActionForm(L, "addPeriod", B("Add an accounting period", "添加核算期"), B("Add", "添加"), [
            ("start", B("Start (YYYY-MM-DD)", "开始日期"), None, ""), ("end", B("End (YYYY-MM-DD)", "结束日期"), None, "")])
        self.add_period.submitted.connect(lambda v: self.ctx.act(self, lambda: periods.add_period(
            self.ctx.workspace, self.ctx.actor(), self.ctx.project, v["start"], v["end"])))
        self.calculate = ActionForm(L, "calculatePeriod", B("Calculate a period from the monitoring data", "根据监测数据核算"), B("Calculate", "核算"), [
            ("period", B("Period number", "核算期编号"), None, "1")])
        self.calculate.submitted.connect(lambda v: self.ctx.act(self, lambda: accounting.calculate_period(
            self.ctx.workspace, self.ctx.actor(), self.ctx.project, v["period"])))
        self.periods = RecordTable(L, "periodTable", [B("Period", "核算期"), B("From", "开始"), B("To", "结束"), B("Status", "状态"),
                                                      B("Vintage", "年份"), B("ER (t)", "减排量(吨)"), B("Credited (t)", "计入(吨)"), B("PDD estimate", "设计估算")])
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
            self.importer.status.setText(self.lang.pick(B(f"Field workbook written to {out}; check and import it here once filled.",
                                                          f"现场记录簿已保存至{out};填写后在此检查并导入。")))

    def show_readings(self, result) -> None:
        generation, months = result
        if generation != self.generation:  # a newer refresh (another project, more data) is on its way
            return
        self.chart.show_months(months)
        self.totals.show_rows([[t.serial, t.role, t.year, t.readings, f"{t.wh / 1_000_000:,.3f}"] for t in monitoring.by_year(months)])

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
                rows.append([p.number, p.start, p.end, p.status, v.vintage if v else "", v.reductions if v else "", v.credited if v else "",
                             v.ex_ante_estimate if v else ""])
        self.periods.show_rows(rows)


PAGE = MonitoringPage
