"""One input widget per kind of field (字段控件), chosen from the field's spec (domain/field_specs.py).

Each input hands the form the text the service parses (``value()``), checks what the user gave against the same
spec the service uses (``problem()``: a catalogue message, shown next to the field), and is worded in the GUI's
language. Dates are picked from a calendar and can be cleared; countries are searched by Chinese or English name;
closed sets show their labels; numbers are checked as typed, with their unit and bounds; references to records are
chosen from the records in scope, never typed as ids.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QPointF, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from workbench.domain.errors import UserError
from workbench.domain.field_specs import FieldKind, FieldSpec, fields_of, flat
from workbench.domain.text import Text
from workbench.reference.countries import NOT_HOST, countries, find_country
from workbench.services.support.fields import parse_value
from workbench.ui.i18n import Language

# Thousands grouped by commas, as people copy numbers from reports: 370,000 or 1,331,520.5
GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
NUMBER_CHARS = QRegularExpression(r"^[+-]?[0-9,]*\.?[0-9]*$")
PLAIN = re.compile(r"([+-]?)(\d+)(?:\.(\d*))?")
# A whole date as people type it (2020-02-30, 2020/2/30, 20200230): judged once complete, never while half typed
TYPED_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{4})(\d{2})(\d{2})")


class WheelGuard(QObject):
    """Keeps the mouse wheel from changing a dropdown, date or spin box the user is only scrolling past: a field
    takes the wheel only once it has the focus (clicked or tabbed into); until then the wheel scrolls the page.
    (In the X-window trial, scrolling the Monitoring page changed "How the file writes date and time".)"""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget) or watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:  # the turn scrolls the page (or dialog) the field is on
            view = area.viewport()
            QApplication.sendEvent(view, QWheelEvent(QPointF(watched.mapTo(view, event.position().toPoint())), event.globalPosition(),
                                                     event.pixelDelta(), event.angleDelta(), event.buttons(), event.modifiers(),
                                                     event.phase(), event.inverted()))
        return True


WHEEL_GUARD = WheelGuard()


def quiet_wheel(widget: QComboBox | QAbstractSpinBox) -> None:
    """``widget`` takes the wheel only while it has the focus (``WheelGuard``); a wheel turn no longer gives it
    the focus either."""
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(WHEEL_GUARD)


def shown(lang: Language, value: Any) -> str:
    """A value as the user reads it: a labelled value by its label, anything else as text."""
    if value is None:
        return ""
    return lang.pick(value) if callable(getattr(value, "in_lang", None)) else str(value)


def grouped(lang: Language | None, text: str) -> str:
    """A plain number (``1331520.5``) with the digits of its whole part grouped by thousands, as the language writes
    them; the fraction is kept as given (a form never rounds what it shows). Anything else is handed back as is."""
    found = PLAIN.fullmatch(str(text).strip())
    if found is None:
        return str(text)
    sign, whole, fraction = found.groups()
    locale = (lang or Language("en")).locale()
    return sign + f"{int(whole):,}".replace(",", locale.groupSeparator()) + (locale.decimalPoint() + fraction if fraction is not None else "")


def plain_number(text: str) -> tuple[str, Text | None]:
    """A typed number without its thousands commas, or why it cannot be read: a comma that does not group thousands
    (``3,5``) is refused rather than guessed, because it means 3.5 in much of the world."""
    text = text.strip().replace(" ", "")
    if "," not in text:
        return text, None
    if GROUPED.match(text):
        return text.replace(",", ""), None
    return text, Text("error.ui.fields.comma_not_thousands", value=text)


class Input:
    """What every input offers its form (mixed into a QWidget)."""

    key: str
    spec: FieldSpec

    def value(self) -> str:
        raise NotImplementedError

    def set_value(self, value: str) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        """Back to the field's default (empty unless the form gives one)."""
        self.set_value(getattr(self, "default", ""))

    def problem(self) -> Text | UserError | None:
        """What is wrong with the value given, by the field's spec (the service checks the same way)."""
        value = self.value()
        if value == "":
            return Text("error.ui.fields.required") if self.spec.required else None
        try:
            parse_value(self.spec, value, self.key)
        except UserError as exc:
            return exc.text or exc
        return None

    def relabel(self, lang: Language) -> None:
        """Item texts in the GUI's language (inputs without any have nothing to do)."""


class TextInput(QLineEdit, Input):
    def __init__(self, key: str, spec: FieldSpec) -> None:
        super().__init__()
        self.key, self.spec = key, spec

    def value(self) -> str:
        return self.text().strip()

    def set_value(self, value: str) -> None:
        self.setText(str(value))


class NumberInput(QLineEdit, Input):
    """A decimal or whole number: only digits, a point, a sign and grouping commas can be typed; the unit shows as
    placeholder; bounds and a comma that is not a thousands separator are reported next to the field. Its digits show
    grouped by thousands (370,000), as given and once typed — except a calendar year's (``year``)."""

    def __init__(self, key: str, spec: FieldSpec, year: bool = False) -> None:
        super().__init__()
        self.key, self.spec, self.year = key, spec, year
        self.lang: Language | None = None
        self.setValidator(QRegularExpressionValidator(NUMBER_CHARS, self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.editingFinished.connect(self.regroup)

    def value(self) -> str:
        return plain_number(self.text())[0]

    def set_value(self, value: str) -> None:
        text = "" if value is None else str(value)
        self.setText(text if self.year else grouped(self.lang, text))

    def regroup(self) -> None:
        """The number typed, grouped as the language writes it (a comma that groups nothing is left for problem())."""
        plain, bad = plain_number(self.text())
        if bad is None and not self.year:
            self.setText(grouped(self.lang, plain))

    def relabel(self, lang: Language) -> None:
        self.lang = lang

    def problem(self) -> Text | UserError | None:
        _, bad = plain_number(self.text())
        return bad or super().problem()


class DateEdit(QDateEdit):
    """QDateEdit typed the way people write dates (2024-03-01, 2024-3-1, 2024/3/1): typing into an empty field or over
    the whole of it starts at the year, and a separator right after a section Qt completed on its own is not taken for
    a second move (Qt would otherwise skip the month: 2024-03-01 became 2024-12-03 in the X-window trial)."""

    SECTION_STARTS = (5, 8)  # of yyyy-MM-dd
    STEPS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)

    def __init__(self) -> None:
        super().__init__()
        self.typed: str | None = None  # what the user typed since starting over at the year (None: not typed whole)
        quiet_wheel(self)

    def keyPressEvent(self, event) -> None:
        typed = event.text()
        if typed.isdigit() and (self.date() == self.minimumDate() or len(self.lineEdit().selectedText()) == len(self.text())):
            if self.date() == self.minimumDate():
                self.setDate(QDate.currentDate())
            self.setSelectedSection(QDateEdit.Section.YearSection)
            self.typed = ""
        if self.typed is not None and (typed.isdigit() or typed in ("-", "/", ".")):
            self.typed += typed
        elif typed.isprintable() and typed or event.key() in (*self.STEPS, Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.typed = None  # edited some other way (backspace, arrows): Qt's own checks apply
        if typed in ("-", "/", ".") and self.lineEdit().cursorPosition() in self.SECTION_STARTS:
            return  # the section before was complete and Qt moved on already
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        self.typed = None  # picked from the calendar or stepped with the arrows
        super().mousePressEvent(event)

    def refused(self) -> str:
        """The date the user typed whole if it is no date at all (2020-02-30), which Qt would quietly have turned
        into another (2020-02-03); "" otherwise."""
        found = TYPED_DATE.fullmatch(self.typed or "")
        if found is None:
            return ""
        year, month, day = (int(g) for g in found.groups() if g is not None)
        return "" if QDate(year, month, day).isValid() else self.typed


class DateInput(QWidget, Input):
    """A date picked from a calendar (or typed as the locale shows it); ✕ clears it — an empty date is allowed where
    the field is optional. The calendar names months and days in the GUI's language and, while the field is empty,
    opens on this month. ``changed_by_user``: the user typed, picked or cleared the date (not the program)."""

    changed_by_user = Signal()

    def __init__(self, key: str, spec: FieldSpec) -> None:
        super().__init__()
        self.key, self.spec = key, spec
        self.edit = DateEdit()
        self.edit.dateChanged.connect(lambda _d: self.changed_by_user.emit() if self.edit.hasFocus() or self.edit.calendarWidget().isVisible() else None)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(QDate(1900, 1, 1))  # the minimum stands for "no date" and shows as blank
        self.edit.setSpecialValueText(" ")
        self.edit.calendarWidget().installEventFilter(self)
        self.set_value("")
        self.clear_button = QToolButton()
        self.clear_button.setText("✕")
        self.clear_button.setObjectName(f"clear-{key}")
        self.clear_button.clicked.connect(lambda: (self.set_value(""), self.changed_by_user.emit()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)

    def value(self) -> str:
        day = self.edit.date()
        return "" if day == self.edit.minimumDate() else day.toString("yyyy-MM-dd")

    def set_value(self, value: str) -> None:
        day = QDate.fromString(str(value or ""), "yyyy-MM-dd")
        self.edit.typed = None
        self.edit.setDate(day if day.isValid() else self.edit.minimumDate())

    def problem(self) -> Text | UserError | None:
        """A typed date that does not exist (30 February) is refused by name, not replaced by one Qt made up."""
        refused = self.edit.refused()
        if refused:
            return Text("error.ui.fields.not_a_date", value=refused)
        return super().problem()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The calendar pops up on the field's date; an empty field's stands for "no date" (January 1900), so the
        calendar turns to this month instead."""
        if event.type() == QEvent.Type.Show and self.value() == "":
            today = QDate.currentDate()
            self.edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return False

    def relabel(self, lang: Language) -> None:
        self.clear_button.setToolTip(lang.pick(Text("ui.fields.clear_date")))
        for widget in (self.edit, self.edit.calendarWidget()):
            widget.setLocale(lang.locale())


class ChoiceInput(QComboBox, Input):
    """Choices shown by their labels and carrying their values; ``choices`` are labelled enum members, or
    (value, label) pairs of records in scope. An optional field starts blank."""

    def __init__(self, key: str, spec: FieldSpec, choices: Sequence[Any] = (), default: str = "") -> None:
        super().__init__()
        self.key, self.spec, self.default = key, spec, default
        self.items: list[tuple[str, Any]] = []
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)  # labels and record names are long
        self.lang: Language | None = None
        quiet_wheel(self)
        self.set_choices(choices)

    @staticmethod
    def _pair(choice: Any) -> tuple[str, Any]:
        if isinstance(choice, tuple):
            return str(choice[0]), choice[1]
        return str(getattr(choice, "value", choice)), choice

    def set_choices(self, choices: Sequence[Any]) -> None:
        """Offer these choices, keeping the one chosen if it is still offered; a required field with one choice
        only has it chosen (the only accounting period verified, the only engagement)."""
        keep = self.value() or self.default
        blocked = self.blockSignals(True)
        self.clear()
        self.items = ([] if self.default else [("", "")]) + [self._pair(c) for c in choices]
        for value, label in self.items:
            self.addItem(shown(self.lang, label) if self.lang else str(label), value)
        self.set_value(keep or self.only())
        self.blockSignals(blocked)

    def only(self) -> str:
        """The one value a required field can take, if it has exactly one choice ("" otherwise)."""
        offered = [value for value, _ in self.items if value != ""]
        return offered[0] if self.spec.required and len(offered) == 1 else ""

    def value(self) -> str:
        return self.currentData() or ""

    def set_value(self, value: str) -> None:
        self.setCurrentIndex(max(self.findData(str(value)), 0))

    def reset(self) -> None:
        self.set_value(self.default or self.only())

    def relabel(self, lang: Language) -> None:
        self.lang = lang
        for index, (_, label) in enumerate(self.items):
            self.setItemText(index, shown(lang, label))


class ChecksInput(QWidget, Input):
    """Several choices of a closed set ticked at once (a VVB's sectoral scopes); the value is their values joined by
    commas, as the service stores them."""

    def __init__(self, key: str, spec: FieldSpec, choices: Sequence[Any]) -> None:
        super().__init__()
        self.key, self.spec = key, spec
        self.boxes: dict[str, tuple[QCheckBox, Any]] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for choice in choices:
            box = QCheckBox()
            box.setObjectName(f"{key}-{choice.value}")
            self.boxes[choice.value] = (box, choice)
            layout.addWidget(box)
        layout.addStretch(1)

    def value(self) -> str:
        return ",".join(v for v, (box, _) in self.boxes.items() if box.isChecked())

    def set_value(self, value: str) -> None:
        chosen = {v.strip() for v in str(value or "").split(",")}
        for v, (box, _) in self.boxes.items():
            box.setChecked(v in chosen)

    def problem(self) -> Text | None:
        return Text("error.ui.fields.required") if self.spec.required and not self.value() else None

    def relabel(self, lang: Language) -> None:
        for box, choice in self.boxes.values():
            box.setText(lang.pick(choice))


class CountryInput(QComboBox, Input):
    """A country searched by its Chinese or English name or its code as one types; a BRI host country is never CN, HK,
    MO or TW (``host``)."""

    def __init__(self, key: str, spec: FieldSpec, host: bool = False) -> None:
        super().__init__()
        self.key, self.spec, self.lang, self.host = key, spec, Language("en"), host
        self.choices = [c for c in countries() if not (host and c.code in NOT_HOST)]
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(20)
        quiet_wheel(self)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.relabel(Language("en"))

    def restrict(self, host: bool) -> None:
        """Offer host countries only (a BRI project's), or every country."""
        self.host = host
        self.choices = [c for c in countries() if not (host and c.code in NOT_HOST)]
        self.relabel(self.lang)

    def relabel(self, lang: Language) -> None:
        self.lang = lang
        keep = self.value()
        blocked = self.blockSignals(True)
        self.clear()
        other = "en" if lang.code == "zh" else "zh"
        self.addItem("", "")
        for c in sorted(self.choices, key=lambda c: c.in_lang("en") if lang.code == "en" else c.in_lang("zh")):
            self.addItem(f"{c.in_lang(lang.code)} · {c.in_lang(other)} ({c.code})", c.code)
        self.set_value(keep)
        self.blockSignals(blocked)

    def value(self) -> str:
        index = self.findText(self.currentText())
        if index >= 0:
            return self.itemData(index) or ""
        return self.currentText().strip()  # typed, not picked: checked by problem() like the CLI would

    def set_value(self, value: str) -> None:
        index = self.findData(str(value or ""))
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText(str(value or ""))

    def problem(self) -> Text | UserError | None:
        typed = self.value()
        if typed and self.findData(typed) < 0 and not any(c.code == typed for c in self.choices):
            try:
                code = find_country(typed, field=self.key, host=self.host)
            except UserError as exc:
                return exc.text or exc
            self.set_value(code)
        return super().problem()


@dataclass(frozen=True)
class Field:
    """A form field: its key (the service's), its spec, and what the form needs beyond the spec — a label other than
    ``field.<key>``, the choices of a reference (filled by the page from the records in scope), a default."""

    key: str
    spec: FieldSpec
    label: Text | None = None
    choices: tuple[Any, ...] = ()
    default: str = ""
    host: bool = False
    reference: bool = False  # a record chosen from the page's scope; its choices come with each refresh
    many: bool = False  # several of the enum's members may be ticked
    path: str = ""  # a file to write, with this suffix (ui/outputs.py)
    placeholder: Text | None = None
    year: bool = False  # a calendar year: its digits are never grouped (2026, not 2,026)

    def text(self) -> Text:
        return self.label or self.spec.label(self.key)


def record_field(record: str, key: str, name: str = "", required: bool = False, **options: Any) -> Field:
    """A form field whose spec is the domain's for ``record``'s ``key`` (``domain/field_specs.RECORDS``; a bilingual
    field by its ``_en``/``_zh`` column), never one the form declares for itself; ``name`` is the form's key when the
    page's own differs (then labelled by the record's field unless ``label`` is given); ``required`` where the action
    behind the form needs a field the record may lack (a response, when responding)."""
    spec = flat(fields_of(record))[key]
    spec = replace(spec, required=True) if required else spec
    if name and name != key:
        options.setdefault("label", spec.label(key))
    return Field(name or key, spec, **options)


def input_for(f: Field) -> QWidget:
    """The widget that fits the field's kind."""
    kind = f.spec.kind
    if f.path:
        from workbench.ui.outputs import PathInput  # the output folder setting lives with the outputs

        return PathInput(f.key, f.spec, f.path)
    if f.many and f.spec.enum is not None:
        return ChecksInput(f.key, f.spec, tuple(f.spec.enum))
    if f.reference or kind is FieldKind.ENUM:
        choices = f.choices or (tuple(f.spec.enum) if f.spec.enum else ())
        return ChoiceInput(f.key, f.spec, choices, f.default)
    if kind is FieldKind.DATE:
        return DateInput(f.key, f.spec)
    if kind is FieldKind.COUNTRY:
        return CountryInput(f.key, f.spec, host=f.host)
    if kind in (FieldKind.DECIMAL, FieldKind.INTEGER, FieldKind.COORDINATE):
        widget = NumberInput(f.key, f.spec, year=f.year)
    else:
        widget = TextInput(f.key, f.spec)
    widget.default = f.default
    widget.reset()
    return widget


def edited(widget: QWidget) -> list:
    """The signals an input emits when the user changes it (its problem, shown under it, is then out of date; the form
    holds what was typed and not saved) — never when the program fills it."""
    if isinstance(widget, QLineEdit):
        return [widget.textEdited]
    if isinstance(widget, QComboBox):
        return [widget.activated] + ([widget.lineEdit().textEdited] if widget.isEditable() else [])
    if isinstance(widget, DateInput):
        return [widget.changed_by_user]
    if isinstance(widget, ChecksInput):
        return [box.clicked for box, _ in widget.boxes.values()]
    edit = getattr(widget, "edit", None)  # a path: typed, or chosen with its … button
    return [edit.textChanged] if isinstance(edit, QLineEdit) else []


class ProblemLabel(QLabel):
    """The problem of one field, under it, in the user's language. Once shown, its room stays while the user fixes
    the field (the problem goes, the fields and buttons below do not move under the cursor) until the form is
    submitted without problems or reset (``release``)."""

    shown_problem = Signal()

    def __init__(self, key: str) -> None:
        super().__init__()
        self.setObjectName(f"problem-{key}")
        self.setWordWrap(True)
        self.setStyleSheet("color: #b71c1c;")
        self.hide()

    def say(self, text: str) -> None:
        holder = self.parentWidget()
        if not text and self.isVisible() and holder is not None:  # the field's row keeps its height while the problem goes
            holder.setMinimumHeight(holder.height())
        self.setText(text)
        self.setVisible(bool(text))

    def release(self) -> None:
        """No problem and no room kept for one."""
        if self.parentWidget() is not None:
            self.parentWidget().setMinimumHeight(0)
        self.say("")

