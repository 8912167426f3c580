"""Monitoring data: meters, readings import (in a worker), accounting periods (监测数据)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QProgressBar, QPushButton

from workbench.domain.text import Bilingual as B
from workbench.services import accounting, fieldbook, meters, monitoring, monitoring_import, periods
from workbench.ui.forms import ActionForm, RecordTable, form_row
from workbench.ui.pages.base import Page
from workbench.ui.worker import Worker, start


FIELDBOOK = B("Export field workbook (.xlsx) for offline readings…", "导出现场记录簿(.xlsx)供离线填写…")


class MonitoringPage(Page):
    title = B("Monitoring data", "监测数据")
    order = 40

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.worker: Worker | None = None
        self.add_meter = ActionForm(L, "addMeter", B("Add a revenue meter", "添加关口计量表"), B("Add", "添加"), [
            ("serial", B("Serial number", "表号"), None, ""), ("role", B("Role", "用途"), ["export", "import"], "export"),
            ("accuracy_class", B("Accuracy class (%)", "准确度等级(%)"), None, "0.5"),
            ("calibrated_on", B("Last calibration (YYYY-MM-DD)", "最近校准日期"), None, ""),
            ("calibration_error", B("Error found (%)", "校准误差(%)"), None, ""),
        ])
        self.add_meter.submitted.connect(lambda v: self.ctx.act(self, lambda: meters.add_meter(
            self.ctx.workspace, self.ctx.actor(), self.ctx.project, {k: x for k, x in v.items() if x})))
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setPlaceholderText("readings.csv / readings.xlsx")
        self.browse = QPushButton("…")
        self.browse.clicked.connect(self.choose_file)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.start_import)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setRange(0, 1)
        self.cancel = QPushButton()
        self.cancel.setObjectName("importCancel")
        self.cancel.setEnabled(False)
        self.cancel.clicked.connect(self.cancel_import)
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.fieldbook_button = QPushButton()
        self.fieldbook_button.setObjectName("exportFieldbook")
        self.fieldbook_button.clicked.connect(self.choose_fieldbook_path)
        self.totals = RecordTable(L, "meterTotals", [B("Meter", "计量表"), B("Role", "用途"), B("Year", "年份"), B("Readings", "读数条数"), B("MWh", "兆瓦时")])
        self.add_period = ActionForm(L, "addPeriod", B("Add an accounting period", "添加核算期"), B("Add", "添加"), [
            ("start", B("Start (YYYY-MM-DD)", "开始日期"), None, ""), ("end", B("End (YYYY-MM-DD)", "结束日期"), None, "")])
        self.add_period.submitted.connect(lambda v: self.ctx.act(self, lambda: periods.add_period(
            self.ctx.workspace, self.ctx.actor(), self.ctx.project, v["start"], v["end"])))
        self.calculate = ActionForm(L, "calculatePeriod", B("Calculate a period from the meter data", "根据计量数据核算"), B("Calculate", "核算"), [
            ("period", B("Period number", "核算期编号"), None, "1")])
        self.calculate.submitted.connect(lambda v: self.ctx.act(self, lambda: accounting.calculate_period(
            self.ctx.workspace, self.ctx.actor(), self.ctx.project, v["period"])))
        self.periods = RecordTable(L, "periodTable", [B("Period", "核算期"), B("From", "开始"), B("To", "结束"), B("Status", "状态"),
                                                      B("Vintage", "年份"), B("ER (t)", "减排量(吨)"), B("Credited (t)", "计入(吨)"), B("PDD estimate", "设计估算")])
        for w in (self.add_meter, form_row(self.fieldbook_button), form_row(self.path, self.browse, self.import_button),
                  form_row(self.progress, self.cancel), self.status,
                  self.totals, self.add_period, self.calculate, self.periods):
            self.layout_.addWidget(w)
        self.retranslate_own()

    def retranslate_own(self) -> None:
        self.import_button.setText(self.lang.pick(B("Import readings", "导入读数")))
        self.cancel.setText(self.lang.pick(B("Cancel", "取消")))
        self.fieldbook_button.setText(self.lang.pick(FIELDBOOK))

    def retranslate(self) -> None:
        self.retranslate_own()
        super().retranslate()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.lang.pick(B("Readings file", "读数文件")), "", "CSV / Excel (*.csv *.xlsx)")
        if path:
            self.path.setText(path)

    def start_import(self) -> None:
        ws, actor, project, path = self.ctx.workspace, self.ctx.actor(), self.ctx.project, self.path.text().strip()
        self.worker = Worker(lambda: monitoring_import.import_readings(ws, actor, project, path))
        self.worker.signals.finished.connect(self.import_done)
        self.worker.signals.failed.connect(self.import_failed)
        self.worker.signals.crashed.connect(self.import_failed)
        self.progress.setRange(0, 0)  # busy
        self.import_button.setEnabled(False)
        self.cancel.setEnabled(True)
        self.status.setText(self.lang.pick(B("Checking the whole file…", "正在检查整个文件…")))
        start(self.worker)

    def _idle(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.import_button.setEnabled(True)
        self.cancel.setEnabled(False)

    def choose_fieldbook_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.lang.pick(FIELDBOOK), "field-workbook.xlsx", "Excel (*.xlsx)")
        if path:
            self.export_fieldbook(path)

    def export_fieldbook(self, path: str) -> None:
        """The workbook meter readers fill offline; it comes back through the import above."""
        out = self.ctx.act(self, lambda: fieldbook.export_workbook(self.ctx.workspace, self.ctx.project, path, self.ctx.actor().today))
        if out is not None:
            self.status.setText(self.lang.pick(B(f"Field workbook written to {out}; import it here once filled.",
                                                 f"现场记录簿已保存至{out};填写后在此导入。")))

    def cancel_import(self) -> None:
        """Stop waiting: a check still running finishes in the background and its result is dropped."""
        if self.worker is not None:
            self.worker.cancelled = True
        self._idle()
        self.status.setText(self.lang.pick(B("Import cancelled; nothing was stored.", "导入已取消,未保存任何数据。")))

    def import_done(self, result) -> None:
        _, report = result
        self._idle()
        self.status.setText(self.lang.pick(B(f"Imported {report.new} reading(s); {report.unchanged} already stored.",
                                             f"已导入{report.new}条读数;{report.unchanged}条已存在。")))
        self.ctx.changed.emit()

    def import_failed(self, message: str) -> None:
        self._idle()
        self.status.setText(self.lang.pick(B("Nothing imported.", "未导入任何数据。")))
        self.ctx.show_error(self, message)

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        self.totals.show_rows([[t.serial, t.role, t.year, t.readings, f"{t.wh / 1_000_000:,.3f}"] for t in monitoring.summary(self.ctx.workspace, self.ctx.project)])
        rows = []
        for p in periods.list_periods(self.ctx.workspace, self.ctx.project):
            for v in p.vintages or [None]:
                rows.append([p.number, p.start, p.end, p.status, v.vintage if v else "", v.reductions if v else "", v.credited if v else "",
                             v.ex_ante_estimate if v else ""])
        self.periods.show_rows(rows)


PAGE = MonitoringPage
