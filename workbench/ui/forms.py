"""Two small building blocks every page uses: an action form and a read-only table of records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from workbench.domain.text import Bilingual, Text
from workbench.ui.i18n import Language


def shown(lang: Language, value: Any) -> str:
    """A cell or combo item as the user reads it: a labelled value by its label, anything else as text."""
    if value is None:
        return ""
    return lang.pick(value) if callable(getattr(value, "in_lang", None)) else str(value)


@dataclass(frozen=True)
class Choice:
    """A combo choice that is not a labelled enum member: the value handed on and the text shown for it."""

    value: str
    text: Text

    def in_lang(self, lang: str) -> str:
        return self.text.in_lang(lang)


def _combo_value(widget: QComboBox) -> str:
    """The value of the choice shown, or the text typed into an editable combo that matches no choice."""
    index = widget.findText(widget.currentText())
    if index >= 0:
        return widget.itemData(index) or ""
    return widget.currentText().strip() if widget.isEditable() else (widget.currentData() or "")


class ActionForm(QGroupBox):
    """Labelled fields and one button; the button hands the field values to ``action``.

    Fields are (name, label, choices or None, default). A choice that knows its label (a labelled enum member)
    is shown by its label in the GUI's language and carries its value as item data; the form hands on values.
    A user error shows in a dialog through the page.
    """

    submitted = Signal(dict)

    def __init__(self, lang: Language, name: str, title: Bilingual, button: Bilingual,
                 fields: Sequence[tuple[str, Bilingual | Text, Sequence[Any] | None, str]]) -> None:
        super().__init__()
        self.setObjectName(name)
        self.lang, self.title_text, self.button_text = lang, title, button
        self.inputs: dict[str, QLineEdit | QComboBox] = {}
        self.labels: dict[str, Bilingual | Text] = {}
        self.choices: dict[str, list[Any]] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for key, label, choices, default in fields:
            if choices is not None:
                widget = QComboBox()
                for choice in choices:
                    widget.addItem(shown(lang, choice), str(getattr(choice, "value", choice)))
                if default:
                    widget.setCurrentIndex(max(widget.findData(str(default)), 0))
            else:
                widget = QLineEdit(default)
            widget.setObjectName(f"{name}-{key}")
            self.inputs[key] = widget
            self.labels[key] = label
            self.choices[key] = list(choices or ())
            layout.addRow(lang.pick(label), widget)
        self.button = QPushButton()
        self.button.setObjectName(f"{name}-submit")
        self.button.clicked.connect(lambda: self.submitted.emit(self.values()))
        layout.addRow(self.button)
        self.retranslate()

    def values(self) -> dict[str, str]:
        return {k: (_combo_value(w) if isinstance(w, QComboBox) else w.text().strip()) for k, w in self.inputs.items()}

    def set(self, **values: str) -> None:
        for key, value in values.items():
            widget = self.inputs[key]
            if isinstance(widget, QComboBox):
                index = widget.findData(str(value))
                if index < 0 and widget.isEditable():
                    widget.setCurrentText(value)  # a name typed that is not among the choices (yet)
                else:
                    widget.setCurrentIndex(index if index >= 0 else widget.findText(value))
            else:
                widget.setText(value)

    def set_choices(self, key: str, choices: Sequence[str], *, editable: bool = False) -> None:
        """Offer the records that exist now in a combo (``editable``: a name may also be typed), keeping the text shown."""
        widget = self.inputs[key]
        current = widget.currentText()
        blocked = widget.blockSignals(True)
        widget.setEditable(editable)
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)  # names are long: use the row's width
        widget.setMinimumContentsLength(24)
        widget.clear()
        self.choices[key] = list(choices)
        for choice in self.choices[key]:
            widget.addItem(shown(self.lang, choice), str(getattr(choice, "value", choice)))
        index = widget.findText(current)
        if index >= 0 or not editable:
            widget.setCurrentIndex(max(index, 0) if widget.count() else -1)
        else:
            widget.setCurrentText(current)
        widget.blockSignals(blocked)

    def retranslate(self) -> None:
        self.setTitle(self.lang.pick(self.title_text))
        self.button.setText(self.lang.pick(self.button_text))
        layout = self.layout()
        for key, widget in self.inputs.items():
            label = layout.labelForField(widget)
            if label is not None:
                label.setText(self.lang.pick(self.labels[key]))
            if isinstance(widget, QComboBox):
                for index in range(widget.count()):
                    widget.setItemText(index, shown(self.lang, self.choices[key][index]))


class RecordTable(QTableWidget):
    """Rows of plain values with bilingual headers; read-only, sortable."""

    def __init__(self, lang: Language, name: str, headers: Sequence[Bilingual]) -> None:
        super().__init__(0, len(headers))
        self.setObjectName(name)
        self.lang, self.header_texts = lang, list(headers)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the services' order until a header is clicked
        self.setMinimumHeight(self.fontMetrics().height() * 12)  # room for several rows at any DPI
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.lang.pick(h) for h in self.header_texts])

    def show_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        self.setSortingEnabled(False)
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(shown(self.lang, value))
                if isinstance(value, (int, float)) or (isinstance(value, str) and value.replace(",", "").replace(".", "").isdigit()):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)
        self.resizeColumnsToContents()
        self.setSortingEnabled(True)

    def cell_text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item else ""


def form_row(*widgets: QWidget) -> QWidget:
    from PySide6.QtWidgets import QHBoxLayout

    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        layout.addWidget(w, 1)
    return holder


Callback = Callable[[dict[str, str]], Any]
