"""Numbers as people read them: whole numbers grouped by thousands in tables and forms, in either language; a
calendar year never grouped; decimals rounded in the cell with the full value in the tooltip; columns sorted by value."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.text import Text
from workbench.ui.fields import Field
from workbench.ui.forms import RecordTable, SpecForm
from workbench.ui.i18n import Language


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tables_group_whole_numbers_keep_years_and_sort_by_value(qtbot, lang):
    table = RecordTable(Language(lang), "numbers", [Text("ui.monitoring.year"), Text("ui.monitoring.readings"), Text("ui.monitoring.mwh")])
    qtbot.addWidget(table)
    table.show_rows([["2026", 50_000, Decimal("19220.000000000000000001")], ["2025", 9, Decimal("1331520.5")], ["2024", 1_234_567, Decimal("0.7021")]])
    assert [[table.cell_text(r, c) for c in range(3)] for r in range(3)] == [
        ["2026", "50,000", "19,220"], ["2025", "9", "1,331,520.5"], ["2024", "1,234,567", "0.702"]]
    assert table.item(0, 2).toolTip() == "19220.000000000000000001"  # full precision behind the rounded figure
    table.sortItems(1, Qt.SortOrder.AscendingOrder)
    assert [table.cell_text(r, 1) for r in range(3)] == ["9", "50,000", "1,234,567"]  # by value, not by text
    table.sortItems(2, Qt.SortOrder.DescendingOrder)
    assert [table.cell_text(r, 0) for r in range(3)] == ["2025", "2026", "2024"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_number_fields_show_their_digits_grouped_except_a_year(qtbot, lang):
    form = SpecForm(Language(lang), "numbers", Text("ui.methodology.project_inputs"), Text("common.save"), [
        Field("ex_ante_EG_MWh", FieldSpec(FieldKind.DECIMAL, unit="MWh", minimum=Decimal(0)), label=Text("ui.methodology.expected_net_generation")),
        Field("density", FieldSpec(FieldKind.INTEGER, unit="/ha", minimum=Decimal(1)), label=Text("ui.methodology.density")),
        Field("planted", FieldSpec(FieldKind.INTEGER, minimum=Decimal(1950), maximum=Decimal(2100)), label=Text("ui.methodology.planted_year"), year=True)])
    qtbot.addWidget(form)
    form.show()
    form.set(ex_ante_EG_MWh="370000.25", planted="2021")
    assert (form.inputs["ex_ante_EG_MWh"].text(), form.inputs["planted"].text()) == ("370,000.25", "2021")
    density = form.inputs["density"]
    density.setFocus()
    qtbot.keyClicks(density, "16000")
    qtbot.keyClick(density, Qt.Key.Key_Return)  # finishing the field (Enter, or leaving it) groups what was typed
    assert density.text() == "16,000"
    got = []
    form.submitted.connect(got.append)
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert got == [{"ex_ante_EG_MWh": "370000.25", "density": "16000", "planted": "2021"}]  # the service gets plain digits
    form.set(density="3,5")
    density.regroup()
    assert density.text() == "3,5"  # a comma that groups nothing is left as typed, and refused in words
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert "3,5" in form.problems["density"].text() and len(got) == 1


def test_the_energy_chart_names_roles_by_label_and_groups_its_axis_figures(qtbot):
    """Found in the X-window trial: the chart's legend read "EXP-01 (export)" in the Chinese window, its axis 30000."""
    from datetime import datetime

    from workbench.services.monitoring.monitoring import MonthTotal
    from workbench.ui.energy_chart import EnergyChart

    chart = EnergyChart(Language("zh"))
    qtbot.addWidget(chart)
    first = datetime(2026, 1, 1)
    chart.show_months([MonthTotal("EXP-01", "export", 2026, 1, 19_220_000_000, 31, first, first),
                       MonthTotal("IMP-01", "import", 2026, 1, 46_500_000, 31, first, first)])
    assert [s.name() for s in chart.chart().series()] == ["EXP-01 (上网)", "IMP-01 (下网)"]
    assert chart.chart().localizeNumbers() and chart.chart().locale().groupSeparator() == ","
