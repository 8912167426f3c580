"""Monthly energy per meter as a line chart (QtCharts): gaps and odd months stand out before a period is calculated."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter

from workbench.domain.text import Text
from workbench.domain.vocabulary import MeterRole
from workbench.services.monitoring.monitoring import MonthTotal
from workbench.ui.i18n import Language


class EnergyChart(QChartView):
    def __init__(self, lang: Language) -> None:
        super().__init__()
        self.setObjectName("energyChart")
        self.lang = lang
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.setChart(QChart())
        self.chart().legend().setAlignment(Qt.AlignmentFlag.AlignBottom)

    def show_months(self, months: list[MonthTotal]) -> None:
        chart = QChart()
        chart.setLocale(self.lang.locale())
        chart.setLocalizeNumbers(True)  # axis figures grouped as the language writes them: 30,000
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setTitle(self.lang.pick(Text("ui.energy_chart.energy_per_meter_and_month_mwh")))
        labels = sorted({(m.year, m.month) for m in months})
        index = {ym: i for i, ym in enumerate(labels)}  # one category per calendar month: months have unequal lengths
        series: dict[str, QLineSeries] = {}
        for m in months:
            line = series.get(m.serial)
            if line is None:
                line = series[m.serial] = QLineSeries()
                line.setName(f"{m.serial} ({self.lang.pick(MeterRole(m.role))})")  # the role's label, never its stored value
                line.setPointsVisible(True)
            line.append(index[(m.year, m.month)], m.wh / 1_000_000)
        self.setChart(chart)  # the view owns the chart and deletes the one before
        if not series:
            return
        x_axis, y_axis = QBarCategoryAxis(), QValueAxis()
        x_axis.append([f"{y % 100:02d}-{m:02d}" for y, m in labels])  # short: category labels are cut to their width
        x_axis.setTitleText(self.lang.pick(Text("ui.energy_chart.year_month")))
        y_axis.setLabelFormat("%.0f")
        y_axis.setTitleText("MWh")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for line in series.values():
            chart.addSeries(line)
            line.attachAxis(x_axis)
            line.attachAxis(y_axis)
        y_axis.setRange(0, max(m.wh for m in months) / 1_000_000 * 1.05 or 1)
        y_axis.applyNiceNumbers()
