"""Column mappings for data-logger and meter-system exports (列映射), as a form: for each of the importer's fields,
labelled in the user's language, the column title the project's files use; how their timestamps are written chosen
from examples; a one-meter export's meter chosen from the project's meters. Nothing is typed as an internal key."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QGroupBox, QStackedWidget, QVBoxLayout

from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.text import Text
from workbench.services.monitoring import field_data, import_mappings
from workbench.ui import pickers
from workbench.ui.fields import Field, input_for
from workbench.ui.forms import Choice, SpecForm
from workbench.ui.import_panel import KINDS

# How exports write their timestamps, each shown by an example (the last day of January, a quarter to midnight)
TIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%d.%m.%Y %H:%M", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M",
                "%d-%m-%Y %H:%M", "%Y%m%d%H%M")
SAMPLE = datetime(2025, 1, 31, 23, 45)
CHOSEN = {"time_format", "meter_serial"}  # picked from a list; every other field is a column title, typed as the file has it


def time_format_choices(stored: str = "") -> list[tuple[str, str]]:
    """The usual ways, each shown by how it writes the sample moment; a format stored otherwise is kept on offer."""
    formats = TIME_FORMATS + ((stored,) if stored and stored not in TIME_FORMATS else ())
    return [(f, SAMPLE.strftime(f)) for f in formats]


def mapping_form(lang, kind: str) -> SpecForm:
    """One kind's mapping: a field per column the importer reads, and the kind's options."""
    fields = []
    for key in import_mappings.fields_of(kind):
        label = Text(f"mapping.{kind}.{key}")
        fields.append(Field(key, FieldSpec(FieldKind.TEXT), label=label, reference=key in CHOSEN))
    return SpecForm(lang, f"importMapping-{kind}", Text("ui.mapping.columns_of", kind=KINDS[kind]), Text("common.save"), fields)


class MappingPanel(QGroupBox):
    """The project's column mappings, one kind of data at a time; an emptied form removes that kind's mapping."""

    def __init__(self, page) -> None:
        super().__init__()
        self.page, self.lang = page, page.lang
        self.setObjectName("importMapping")
        self.kind = input_for(Field("kind", FieldSpec(FieldKind.TEXT, required=True), reference=True,
                                    choices=tuple(Choice(k, KINDS[k]) for k in field_data.IMPORTERS), default="readings"))
        self.kind.setObjectName("importMapping-kind")
        self.stack = QStackedWidget()
        self.forms = {kind: mapping_form(self.lang, kind) for kind in field_data.IMPORTERS}
        for kind, form in self.forms.items():
            self.stack.addWidget(form)
            form.submitted.connect(lambda values, k=kind: self.save(k, values))
        self.kind.currentIndexChanged.connect(lambda _i: self.stack.setCurrentWidget(self.forms[self.kind.value()]))
        layout = QVBoxLayout(self)
        layout.addWidget(self.kind)
        layout.addWidget(self.stack)
        self.retranslate()

    def form(self, kind: str) -> SpecForm:
        self.kind.set_value(kind)
        return self.forms[kind]

    def save(self, kind: str, values: dict) -> None:
        self.page.op(lambda ws, actor, project: import_mappings.set_mapping(ws, actor, project, kind, values), form=self.forms[kind],
                     done=lambda _c: self.page.feedback.setText(self.lang.pick(Text("ui.rows.saved"))))

    def show_mappings(self, ws, project: int) -> None:
        """The project's saved mappings in the forms, with its meters to choose a one-meter export's from."""
        for kind, form in self.forms.items():
            stored = import_mappings.get_mapping(ws, project, kind)
            form.reset()
            if "time_format" in form.inputs:
                form.set_choices("time_format", time_format_choices(stored.get("time_format", "")))
            if "meter_serial" in form.inputs:
                form.set_choices("meter_serial", pickers.meter_choices(ws, project))
            form.set(**stored)

    def retranslate(self) -> None:
        self.setTitle(self.lang.pick(Text("ui.monitoring.column_mapping_for_logger_and_meter")))
        self.kind.relabel(self.lang)
