"""The accounting-period wizard (核算期): its span — proposed from the last period and the readings stored — then the
monitoring data it would be calculated from; Finish adds the period and calculates it as one action
(accounting.open_and_calculate), in a worker with progress."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QLabel

from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.text import Text
from workbench.domain.vocabulary import MeterRole
from workbench.services.monitoring import accounting, monitoring, periods
from workbench.ui.fields import Field
from workbench.ui.forms import RecordTable
from workbench.ui.wizards.base import FormPage, Wizard

DAY = FieldSpec(FieldKind.DATE, required=True)


class PeriodWizard(Wizard):
    """New accounting period › its span, the data behind it; Finish adds and calculates it."""

    title_text = Text("ui.wizard.new_period")
    long = Text("ui.wizard.calculating_period")

    def __init__(self, ctx) -> None:
        super().__init__(ctx, "periodWizard")
        self.span = FormPage(self, "periodSpan", Text("ui.wizard.period_span"), [
            Field("start", DAY, label=Text("ui.monitoring.from")), Field("end", DAY, label=Text("ui.monitoring.to"))],
            check=lambda v: periods.span(v["start"], v["end"]), intro=Text("ui.wizard.period_span_intro"))
        start, end = periods.next_span(ctx.workspace, ctx.project)
        self.span.form.set(start=str(start or ""), end=str(end or ""))
        self.data = FormPage(self, "periodData", Text("ui.wizard.period_data"), [], intro=Text("ui.wizard.period_data_intro"))
        self.readings = RecordTable(self.lang, "periodReadings", [Text("ui.wizard.meter"), Text("ui.wizard.role"), Text("common.vintage"),
                                                                   Text("ui.wizard.mwh"), Text("ui.wizard.readings")])
        self.none = QLabel()
        self.none.setObjectName("periodNoReadings")
        self.none.setWordWrap(True)
        self.data.add(self.readings, 1)
        self.data.add(self.none)
        self.addPage(self.span)
        self.addPage(self.data)
        self.currentIdChanged.connect(lambda _i: self.show_data() if self.currentPage() is self.data else None)
        self.retranslate()

    def show_data(self) -> None:
        v = self.span.values()
        found = monitoring.span_summary(self.ctx.workspace, self.project, *periods.span(v["start"], v["end"]))
        self.readings.show_rows([[m.serial, MeterRole(m.role), str(m.year), Decimal(m.wh) / 1_000_000, f"{m.readings:,}"] for m in found])
        self.none.setText("" if found else self.lang("ui.wizard.no_readings_in_span"))

    def work(self):
        v = self.span.values()
        return lambda ws, actor, project, steps: accounting.open_and_calculate(ws, actor, project, v["start"], v["end"], steps)

    def finished_with(self, change) -> None:
        self.ctx.window.statusBar().showMessage(self.lang.pick(Text("ui.wizard.period_calculated", number=change.result["period"])), 8000)
