"""Importing monitored data in two steps: check the file and preview what it would add, then store it.

The check and the import run off the UI thread (progress bar, cancel). Nothing is stored until the user has
seen the preview and pressed Import; a change of file or kind needs a new check.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFileDialog, QGroupBox, QLabel, QLineEdit, QProgressBar, QPushButton, QVBoxLayout

from workbench.domain.errors import UserError
from workbench.domain.text import Text
from workbench.services.monitoring import field_data
from workbench.ui.forms import form_row
from workbench.ui.worker import Worker, run

KINDS = {"fieldbook": Text("ui.import_panel.field_workbook_every_sheet"), "readings": Text("ui.import_panel.meter_readings"),
         "fuel": Text("ui.import_panel.fuel_deliveries"), "plots": Text("ui.import_panel.plot_inventory")}
TITLE = Text("ui.import_panel.import_monitoring_data_checked_and_previewed")


class ImportPanel(QGroupBox):
    def __init__(self, ctx) -> None:
        super().__init__()
        self.ctx, self.lang = ctx, ctx.lang
        self.setObjectName("importPanel")
        self.worker: Worker | None = None
        self.checked: tuple[str, str] | None = None  # (kind, path) the preview is of
        self.kind = QComboBox()
        self.kind.setObjectName("importKind")
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setPlaceholderText("readings.csv / field-workbook.xlsx")
        self.browse = QPushButton("…")
        self.browse.clicked.connect(self.choose_file)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.check)
        self.confirm = QPushButton()
        self.confirm.setObjectName("importConfirm")
        self.confirm.clicked.connect(self.store)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setRange(0, 0)  # shown only while busy: a bar never sits full with nothing said
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel = QPushButton()
        self.cancel.setObjectName("importCancel")
        self.cancel.clicked.connect(self.cancel_work)
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
        for w in (chooser, self.preview, form_row(self.confirm, self.progress, self.cancel), self.status):
            layout.addWidget(w)
        self._idle()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.lang.pick(TITLE))
        self.import_button.setText(self.lang.pick(Text("ui.import_panel.check_file")))
        self.confirm.setText(self.lang.pick(Text("ui.import_panel.import")))
        self.cancel.setText(self.lang.pick(Text("common.cancel")))
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
        path, _ = QFileDialog.getOpenFileName(self, self.lang.pick(TITLE), "", "CSV / Excel (*.csv *.txt *.xlsx *.xlsm *.xls *.ods)")
        if path:
            self.path.setText(path)
            if path.lower().endswith(".xlsx") and self.kind.findData("fieldbook") >= 0:
                self.choose("fieldbook")

    def forget(self) -> None:
        self.checked = None
        self.preview.clear()
        self.confirm.setEnabled(False)

    def _run(self, dry_run: bool):
        ws, actor, project = self.ctx.workspace, self.ctx.actor(), self.ctx.project
        kind, path = self.kind.currentData(), self.path.text().strip()
        if kind == "fieldbook":
            return lambda: (kind, path, field_data.import_workbook(ws, actor, project, path, dry_run)[1])
        return lambda: (kind, path, {kind: field_data.import_file(ws, actor, project, path, kind, dry_run)[1]})

    def check(self) -> None:
        self.forget()
        self._work(self._run(dry_run=True), self.checked_done, Text("ui.import_panel.checking_the_whole_file"))

    def store(self) -> None:
        if self.checked != (self.kind.currentData(), self.path.text().strip()):
            return
        self._work(self._run(dry_run=False), self.stored, Text("ui.import_panel.importing"))
        self.cancel.setEnabled(False)  # one short transaction: it stores all or nothing, and is not left half-waited

    def _work(self, fn, done, message: Text) -> None:
        self.worker = run(fn, done, self.failed)
        self.progress.show()
        self.import_button.setEnabled(False)
        self.confirm.setEnabled(False)
        self.cancel.setEnabled(True)
        self.status.setText(self.lang.pick(message))

    def _idle(self) -> None:
        self.progress.hide()
        self.import_button.setEnabled(True)
        self.cancel.setEnabled(False)

    def _lines(self, reports: dict) -> str:
        return "\n".join(f"{self.lang.pick(KINDS[kind])}: {self.lang.pick(r.summary())}" for kind, r in reports.items())

    def checked_done(self, result) -> None:
        kind, path, reports = result
        self._idle()
        self.checked = (kind, path)
        adds = any(r.new for r in reports.values())
        self.preview.setText(self._lines(reports))
        self.confirm.setEnabled(adds)
        self.status.setText(self.lang.pick(Text("ui.import_panel.the_file_is_valid_press_import")
                                           if adds else Text("ui.import_panel.the_file_is_valid_and_adds")))

    def stored(self, result) -> None:
        _, _, reports = result
        self._idle()
        self.forget()
        self.status.setText(self.lang.pick(Text("ui.import_panel.imported")) + self._lines(reports))
        self.ctx.changed.emit()

    def cancel_work(self) -> None:
        """Stop waiting for a check: it finishes in the background, stores nothing, and its result is dropped."""
        if self.worker is not None:
            self.worker.cancelled = True
        self._idle()
        self.forget()
        self.status.setText(self.lang.pick(Text("common.cancelled")))

    def failed(self, message: UserError | Text) -> None:
        self._idle()
        self.status.setText(self.lang.pick(Text("ui.import_panel.nothing_imported")))
        self.ctx.show_error(self, message)
