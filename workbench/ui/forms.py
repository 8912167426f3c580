"""Two building blocks every page uses: a form built from field specs, and a read-only table of records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import catalogue
from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual, Text
from workbench.ui.columns import fit_columns
from workbench.ui.fields import ChoiceInput, DateInput, Field, Input, ProblemLabel, edited, grouped, input_for, shown
from workbench.ui.i18n import Language

__all__ = ["Choice", "Field", "RecordTable", "SpecForm", "form_row", "shown"]


ACTIONS_PER_ROW = 2
LONG_CELL = 40  # characters: a cell's text longer than this is likely cut short by its column, and shown whole on hover


@dataclass(frozen=True)
class Choice:
    """A combo choice that is not a labelled enum member: the value handed on and the text shown for it."""

    value: str
    text: Text

    def in_lang(self, lang: str) -> str:
        return self.text.in_lang(lang)


class SpecForm(QGroupBox):
    """Labelled inputs built from field specs and one button.

    Pressing the button checks every field at once and shows each problem next to its field; only a form without
    problems hands its values (``{key: text}``, empty fields left out unless ``keep_empty``) to ``submitted``.
    A user error the service raises about one of the form's fields is shown next to that field too. ``touched``: the
    user changed a field and has not saved it (the window asks before another project's forms replace it).
    """

    submitted = Signal(dict)

    def __init__(self, lang: Language, name: str, title: Bilingual | Text, button: Bilingual | Text, fields: Sequence[Field],
                 keep_empty: bool = False) -> None:
        super().__init__()
        self.setObjectName(name)
        self.lang, self.title_text, self.button_text, self.keep_empty = lang, title, button, keep_empty
        self.fields = {f.key: f for f in fields}
        self.inputs: dict[str, QWidget] = {}
        self.problems: dict[str, ProblemLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.editing: Any = None  # the record being edited (its key), or None while the form adds a new one
        self.edit_title: Text | None = None
        self.hidden: set[str] = set()  # fields that do not apply here (a CSP plant has no distance to shore)
        self.touched = False  # the user changed a field since the form was filled, reset or saved
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for f in fields:
            widget = input_for(f)
            widget.setObjectName(f"{name}-{f.key}")
            problem = ProblemLabel(f.key)
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(problem)
            column.setAlignment(Qt.AlignmentFlag.AlignTop)  # the room a fixed problem leaves stays under the field
            self.inputs[f.key], self.problems[f.key] = widget, problem
            for signal in edited(widget):  # a problem goes as soon as the user changes the field it is about
                signal.connect(lambda *_, said=problem: said.say(""))
                if not f.path:  # a proposed output file is no unsaved work
                    signal.connect(lambda *_: setattr(self, "touched", True))
            if isinstance(widget, DateInput):  # a typed date that does not exist is said at once, not at Save
                widget.edit.editingFinished.connect(lambda key=f.key: self.say_typed(key))
            self.labels[f.key] = QLabel()
            self.labels[f.key].setObjectName(f"label-{f.key}")
            self.labels[f.key].setBuddy(widget)
            self.layout_.addRow(self.labels[f.key], holder)
        self.button = QPushButton()
        self.button.setObjectName(f"{name}-submit")
        self.button.clicked.connect(self.submit)
        self.cancel_edit = QPushButton()
        self.cancel_edit.setObjectName(f"{name}-cancelEdit")
        self.cancel_edit.clicked.connect(self.reset)
        self.cancel_edit.hide()
        row = QWidget()
        buttons = QHBoxLayout(row)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.button, 1)
        buttons.addWidget(self.cancel_edit)
        self.layout_.addRow(row)
        self.retranslate()

    def input(self, key: str) -> Input:
        return self.inputs[key]  # type: ignore[return-value]

    def show_fields(self, shown_keys: set[str] | None = None, hidden_keys: set[str] = frozenset()) -> None:
        """Show only the fields that apply (``shown_keys``, else all but ``hidden_keys``); hidden ones are neither
        checked nor handed on."""
        self.hidden = set(hidden_keys) if shown_keys is None else set(self.inputs) - set(shown_keys)
        for key, widget in self.inputs.items():
            self.layout_.setRowVisible(widget.parentWidget(), key not in self.hidden)

    def values(self) -> dict[str, str]:
        values = {k: w.value() for k, w in self.inputs.items() if k not in self.hidden}  # type: ignore[attr-defined]
        return values if self.keep_empty else {k: v for k, v in values.items() if v != ""}

    def set(self, **values: str) -> None:
        """Put values in the fields (as a user picking them would: a choice by its value, a date as YYYY-MM-DD)."""
        for key, value in values.items():
            self.input(key).set_value(str(value))

    def reset(self) -> None:
        """Back to the defaults, adding again: the project changed, or the values were saved."""
        for widget in self.inputs.values():
            widget.reset()  # type: ignore[attr-defined]
        self.release_problems()
        if self.editing is not None:
            self.editing, self.edit_title = None, None
            self.cancel_edit.hide()
            self.retranslate()

    def begin_edit(self, key: Any, title: Text, **values: Any) -> None:
        """Fill the form with a record's values to change it (a row's Edit action); Save stores them on that record."""
        self.reset()
        self.set(**{k: "" if v is None else v for k, v in values.items()})
        self.editing, self.edit_title = key, title
        self.cancel_edit.show()
        self.retranslate()
        self.inputs[next(iter(self.inputs))].setFocus()

    def set_choices(self, key: str, choices: Sequence[Any]) -> None:
        widget = self.inputs[key]
        assert isinstance(widget, ChoiceInput)
        widget.lang = self.lang
        widget.set_choices(choices)

    def check(self) -> dict[str, Any]:
        """Every field's problem, by key (empty when the form can be submitted)."""
        found = {}
        for key, widget in self.inputs.items():
            problem = None if key in self.hidden else widget.problem()  # type: ignore[attr-defined]
            if problem is not None:
                found[key] = problem
        return found

    def submit(self) -> None:
        found = self.check()
        for key, label in self.problems.items():
            label.say(self.said(found[key]) if key in found else "")
        if not found:
            self.submitted.emit(self.values())

    def say_typed(self, key: str) -> None:
        refused = self.inputs[key].edit.refused()  # type: ignore[attr-defined]
        if refused:
            self.problems[key].say(self.said(Text("error.ui.fields.not_a_date", value=refused)))

    def clear_problems(self) -> None:
        """No problems shown; the room of those shown stays (the user is still at the form: nothing moves)."""
        for label in self.problems.values():
            label.say("")

    def release_problems(self) -> None:
        """No problems shown and no room kept for them: the form was saved or starts over (nothing left unsaved)."""
        self.touched = False
        for label in self.problems.values():
            label.release()

    def show_problem(self, key: str, error: UserError | Text) -> bool:
        """Show a service's refusal next to the field it is about; False if the form has no such field."""
        if key not in self.problems:
            return False
        self.problems[key].say(self.said(error))
        return True

    def said(self, problem: UserError | Text) -> str:
        """A problem as the GUI words it (a message's ``.gui`` variant, which names the page where the CLI's names a
        command)."""
        if isinstance(problem, UserError):
            return self.lang.pick(problem.text) if problem.text else problem.message(self.lang.code)
        return self.lang.pick(problem)

    def label_text(self, f: Field) -> str:
        """The field's label with its unit (unless the label names it, by symbol or by its Chinese name) and * when
        required."""
        label = self.lang.pick(f.text())
        worded = f"unit.{f.spec.unit}"  # a unit a label may name in words (公顷 for ha)
        named = f.spec.unit in label or (catalogue.has(worded, self.lang.code) and self.lang.pick(Text(worded)) in label)
        unit = f" ({f.spec.unit})" if f.spec.unit and not named else ""
        return label + unit + (" *" if f.spec.required else "")

    def retranslate(self) -> None:
        self.setTitle(self.lang.pick(self.edit_title or self.title_text))
        self.button.setText(self.lang.pick(Text("common.save") if self.editing is not None else self.button_text))
        self.cancel_edit.setText(self.lang.pick(Text("ui.rows.cancel_edit")))
        for key, widget in self.inputs.items():
            f = self.fields[key]
            self.labels[key].setText(self.label_text(f))
            widget.relabel(self.lang)  # type: ignore[attr-defined]
            if f.placeholder is not None and hasattr(widget, "setPlaceholderText"):
                widget.setPlaceholderText(self.lang.pick(f.placeholder))
            helped = f.spec.help(key)
            if catalogue.has(helped.id, "en"):  # fields the UI declares itself may have no help text
                widget.setToolTip(self.lang.pick(helped))
            if self.problems[key].isVisible():
                self.problems[key].say("")


def readable(lang: Language, value: int | Decimal) -> str:
    """A number rounded for reading: whole numbers grouped by thousands as the language writes them, fractions to at
    most three places."""
    if isinstance(value, Decimal):
        value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.quantize(Decimal("0.001")).normalize()
    return grouped(lang, f"{value:f}" if isinstance(value, Decimal) else str(value))


class NumberItem(QTableWidgetItem):
    """A cell holding a number: sorted by its value, not by its grouped text (9 before 10,000)."""

    def __init__(self, text: str, value: int | Decimal) -> None:
        super().__init__(text)
        self.number = value

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, NumberItem):
            return self.number < other.number
        return super().__lt__(other)


class RecordTable(QTableWidget):
    """Rows of plain values with bilingual headers; read-only, sortable.

    Whole numbers (``int``) show grouped by thousands; decimals rounded for reading, with the full value in the tooltip;
    a long text has its whole in the tooltip too.
    A calendar year is handed over as text (``str(year)``), so it is never grouped. Row actions (``add_action``) show in the
    row's context menu; double-clicking a row runs the first one.
    """

    def __init__(self, lang: Language, name: str, headers: Sequence[Bilingual | Text]) -> None:
        super().__init__(0, len(headers))
        self.setObjectName(name)
        self.lang, self.header_texts = lang, list(headers)
        self.keys: list[Any] = []  # the record behind each row, as the page gave it
        self.actions_: list[tuple[Text, Callable[[Any], None]]] = []
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the services' order until a header is clicked
        self.setMinimumHeight(self.fontMetrics().height() * 12)  # room for several rows at any DPI
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self.show_menu)
        self.cellDoubleClicked.connect(lambda row, _c: self.run_action(0, row))
        self.retranslate()

    def add_action(self, label: Text, action: Callable[[Any], None]) -> None:
        """A row action: ``action(key)`` with the key of the row it was chosen on."""
        self.actions_.append((label, action))

    def action_bar(self) -> QWidget:
        """The row actions as buttons under the table, for the row selected (enabled once one is)."""
        bar = QWidget()
        bar.setObjectName(f"{self.objectName()}-actions")
        layout = QGridLayout(bar)  # rows of at most ACTIONS_PER_ROW: a long row widened the page past the window
        layout.setContentsMargins(0, 0, 0, 0)
        self.action_buttons: list[QPushButton] = []
        for index, _ in enumerate(self.actions_):
            button = QPushButton()
            button.setObjectName(f"{self.objectName()}-action-{index}")
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, i=index: self.run_action(i, self.currentRow()) if self.selected_key() is not None else None)
            layout.addWidget(button, index // ACTIONS_PER_ROW, index % ACTIONS_PER_ROW)
            self.action_buttons.append(button)
        layout.setColumnStretch(ACTIONS_PER_ROW, 1)
        self.itemSelectionChanged.connect(lambda: [b.setEnabled(self.selected_key() is not None) for b in self.action_buttons])
        self.retranslate()
        return bar

    def key_at(self, row: int) -> Any:
        item = self.item(row, 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def selected_key(self) -> Any:
        rows = {i.row() for i in self.selectedIndexes()}
        return self.key_at(min(rows)) if rows else None

    def run_action(self, index: int, row: int) -> None:
        if index < len(self.actions_) and self.key_at(row) is not None:
            self.actions_[index][1](self.key_at(row))

    def menu_for(self, row: int) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName(f"{self.objectName()}-menu")
        for index, (label, _) in enumerate(self.actions_):
            menu.addAction(self.lang.pick(label)).triggered.connect(lambda _=False, i=index, r=row: self.run_action(i, r))
        return menu

    def show_menu(self, point) -> None:
        row = self.rowAt(point.y())
        if row >= 0 and self.actions_:
            self.selectRow(row)
            self.menu_for(row).popup(self.viewport().mapToGlobal(point))

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.lang.pick(h) for h in self.header_texts])
        for button, (label, _) in zip(getattr(self, "action_buttons", ()), self.actions_):
            button.setText(self.lang.pick(label))

    def show_rows(self, rows: Sequence[Sequence[Any]], keys: Sequence[Any] | None = None) -> None:
        self.setSortingEnabled(False)
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                number = isinstance(value, (int, Decimal)) and not isinstance(value, bool)
                item = NumberItem(readable(self.lang, value), value) if number else QTableWidgetItem(shown(self.lang, value))
                if isinstance(value, Decimal):
                    item.setToolTip(str(value))  # the full precision behind the rounded figure
                elif len(item.text()) > LONG_CELL:
                    item.setToolTip(item.text())  # the whole text of a cell its column cuts short
                if number or isinstance(value, float) or (isinstance(value, str) and value.replace(",", "").replace(".", "").isdigit()):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 0 and keys is not None:
                    item.setData(Qt.ItemDataRole.UserRole, keys[r])
                self.setItem(r, c, item)
        fit_columns(self)
        self.setSortingEnabled(True)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.rowCount() == 0 and event.size().width() != event.oldSize().width():  # an empty table's headers follow its width
            fit_columns(self)

    def cell_text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item else ""


def form_row(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        layout.addWidget(w, 1)
    return holder
