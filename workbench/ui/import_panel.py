"""Importing monitored data in two steps: check the file and preview what it would add, then store it.

The check and the import run off the UI thread through the op runner (progress bar, cancel). Nothing is stored until the user has
seen the preview and pressed Import; a change of file or kind needs a new check.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QLineEdit, QPushButton, QVBoxLayout

from workbench.domain.text import Text
from workbench.services.monitoring import field_data
from workbench.ui.fields import quiet_wheel
from workbench.ui.outputs import file_filter, open_file
from workbench.ui.forms import form_row

KINDS = {"fieldbook": Text("ui.import_panel.field_workbook_every_sheet"), "readings": Text("ui.import_panel.meter_readings"),
         "fuel": Text("ui.import_panel.fuel_deliveries"), "plots": Text("ui.import_panel.plot_inventory")}
TITLE = Text("ui.import_panel.import_monitoring_data_checked_and_previewed")


class ImportPanel(QGroupBox):
    def __init__(self, page) -> None:
        super().__init__()
        self.page, self.ctx, self.lang = page, page.ctx, page.ctx.lang
        self.setObjectName("importPanel")
        self.checked: tuple[str, str] | None = None  # (kind, path) the preview is of
        self.kind = QComboBox()
        self.kind.setObjectName("importKind")
        quiet_wheel(self.kind)
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setPlaceholderText("readings.csv / field-workbook.xlsx")
        self.browse = QPushButton("…")
        self.browse.setObjectName("importBrowse")
        self.browse.clicked.connect(self.choose_file)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.check)
        self.confirm = QPushButton()
        self.confirm.setObjectName("importConfirm")
        self.confirm.clicked.connect(self.store)
        self.preview = QLabel()
        self.preview.setObjectName("importPreview")
        self.preview.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.path.textChanged.connect(self.forget)
        self.kind.currentIndexChanged.connect(self.forget)
        layout = QVBoxLayout(self)
        chooser = form_row(self.kind, self.path, self.browse, self.import_button)
        chooser.layout().setStretch(1, 3)  # the path gets the room
        chooser.layout().setStretch(2, 0)
        for w in (chooser, self.preview, form_row(self.confirm), self.status):
            layout.addWidget(w)
        self.forget()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.lang.pick(TITLE))
        self.import_button.setText(self.lang.pick(Text("ui.import_panel.check_file")))
        self.confirm.setText(self.lang.pick(Text("ui.import_panel.import")))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, self.lang.pick(KINDS[self.kind.itemData(i)]))

    def set_kinds(self, kinds: tuple[str, ...]) -> None:
        """The kinds the project's methodology takes, its main one first; the field workbook as the last choice."""
        wanted = [*kinds, "fieldbook"]
        if [self.kind.itemData(i) for i in range(self.kind.count())] == wanted:
            return
        self.kind.blockSignals(True)
        self.kind.clear()
        for kind in wanted:
            self.kind.addItem(self.lang.pick(KINDS[kind]), kind)
        self.kind.blockSignals(False)
        self.forget()

    def choose(self, kind: str) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))

    def choose_file(self) -> None:
        path = open_file(self, "monitoring", self.lang.pick(TITLE), file_filter(self.lang, "ui.filter.tables", "*.csv *.txt *.xlsx *.xlsm *.xls *.ods"))
        if path:
            self.path.setText(path)
            if path.lower().endswith(".xlsx") and self.kind.findData("fieldbook") >= 0:
                self.choose("fieldbook")

    def forget(self) -> None:
        self.checked = None
        self.preview.clear()
        self.confirm.setEnabled(False)

    def _work(self, dry_run: bool):
        kind, path = self.kind.currentData(), self.path.text().strip()
        if kind == "fieldbook":
            return lambda ws, actor, project, steps: (kind, path, field_data.import_workbook(ws, actor, project, path, dry_run, steps)[1])
        return lambda ws, actor, project, steps: (kind, path, {kind: field_data.import_file(ws, actor, project, path, kind, dry_run, steps)[1]})

    def check(self) -> None:
        """Read and check the whole file in a worker: a preview of what it adds, nothing stored."""
        self.forget()
        self.status.setText(self.lang.pick(Text("ui.import_panel.checking_the_whole_file")))
        self.page.op(self._work(dry_run=True), done=self.checked_done, long=Text("ui.import_panel.checking_the_whole_file"), undoable=False,
                     busy=self.busy, failed=self.failed, cancelled=self.cancelled)

    def store(self) -> None:
        if self.checked != (self.kind.currentData(), self.path.text().strip()):
            return
        self.status.setText(self.lang.pick(Text("ui.import_panel.importing")))
        self.page.op(self._work(dry_run=False), done=self.stored, long=Text("ui.import_panel.importing"), undoable=False,
                     busy=self.busy, failed=self.failed, cancelled=self.cancelled, touches=frozenset({"readings", "monitoring", "fieldbook"}))

    def busy(self, on: bool) -> None:
        self.import_button.setEnabled(not on)
        self.confirm.setEnabled(False)

    def cancelled(self) -> None:
        """Stopped before it stored anything: the file must be checked again to import it."""
        self.forget()
        self.status.setText(self.lang.pick(Text("ui.import_panel.cancelled_nothing_imported")))

    def _lines(self, reports: dict) -> str:
        return "\n".join(f"{self.lang.pick(KINDS[kind])}: {self.lang.pick(r.summary())}" for kind, r in reports.items())

    def checked_done(self, result) -> None:
        kind, path, reports = result
        self.checked = (kind, path)
        adds = any(r.new for r in reports.values())
        self.preview.setText(self._lines(reports))
        self.confirm.setEnabled(adds)
        self.status.setText(self.lang.pick(Text("ui.import_panel.the_file_is_valid_press_import")
                                           if adds else Text("ui.import_panel.the_file_is_valid_and_adds")))

    def stored(self, result) -> None:
        _, _, reports = result
        self.forget()
        self.status.setText(self.lang.pick(Text("ui.import_panel.imported")) + self._lines(reports))

    def failed(self) -> None:
        self.status.setText(self.lang.pick(Text("ui.import_panel.nothing_imported")))
