"""A date field as a newcomer meets it (found in the X-window trial): the calendar of an empty field opens on this
month, not on January 1900, and names months and days in the GUI's language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QLocale, QPoint, Qt
from PySide6.QtWidgets import QCalendarWidget

from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.text import Text
from workbench.ui.fields import Field
from workbench.ui.forms import SpecForm
from workbench.ui.i18n import Language


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_empty_date_opens_its_calendar_on_this_month_in_the_users_language(qtbot, lang):
    form = SpecForm(Language(lang), "dates", Text("ui.methodology.project_inputs"), Text("common.save"),
                    [Field("construction_start", FieldSpec(FieldKind.DATE))])
    qtbot.addWidget(form)
    form.show()
    field = form.inputs["construction_start"]
    calendar: QCalendarWidget = field.edit.calendarWidget()
    assert calendar.locale().language() == (QLocale.Language.Chinese if lang == "zh" else QLocale.Language.English)
    assert calendar.locale().standaloneMonthName(3) == ("三月" if lang == "zh" else "March")
    arrow = QPoint(field.edit.width() - 6, field.edit.height() // 2)
    qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton, pos=arrow)  # the ▼ of the field
    qtbot.waitUntil(calendar.isVisible)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    calendar.window().hide()
    field.set_value("2024-03-01")  # a field with a date opens on it
    qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton, pos=arrow)
    qtbot.waitUntil(calendar.isVisible)
    assert (calendar.yearShown(), calendar.monthShown()) == (2024, 3)
    calendar.window().hide()


@pytest.mark.parametrize("typed", ["2024-03-01", "2024-3-1", "2024/3/1", "20240301"])
def test_a_date_is_typed_the_way_people_write_it(qtbot, typed):
    """Typed into the empty field, or over a date selected whole: the year first, then month and day."""
    form = SpecForm(Language("zh"), "dates", Text("ui.methodology.project_inputs"), Text("common.save"),
                    [Field("construction_start", FieldSpec(FieldKind.DATE))])
    qtbot.addWidget(form)
    form.show()
    field = form.inputs["construction_start"]
    field.edit.setFocus()
    qtbot.keyClicks(field.edit, typed)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert (field.value(), field.edit.text()) == ("2024-03-01", "2024-03-01")
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, typed.replace("2024", "2025"))
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert (field.value(), field.edit.text()) == ("2025-03-01", "2025-03-01")
