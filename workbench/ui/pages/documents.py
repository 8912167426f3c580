"""Documents: check completeness and render PDFs in a worker (文件).

The file is proposed as ``<project code>-<document>-<language>.pdf`` in the documents folder; an existing file is
replaced only after the user says so. A document about one period or one retirement offers that project's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from workbench.domain.errors import UserError
from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.text import Text
from workbench.domain.vocabulary import DocumentKind, DocumentLanguage, ReportStatus
from workbench.services.documents import documents
from workbench.services.projects import lifecycle
from workbench.ui import pickers
from workbench.ui.fields import Field
from workbench.ui.forms import RecordTable, SpecForm, form_row
from workbench.ui.outputs import PathField, confirm_overwrite
from workbench.ui.pages.base import Page

DOCX = Text("ui.documents.export_for_word_docx")
FOLDER = Text("ui.documents.open_folder")
BY_PERIOD = {"monitoring-report", "verification-package", "issuance-application", "allocation-statement"}
BY_RETIREMENT = {"retirement-certificate"}


class DocumentsPage(Page):
    title = Text("ui.documents.documents")
    order = 75
    shows = None  # what a document lacks depends on every record of the project

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.form = SpecForm(L, "renderDocument", Text("ui.documents.render_a_document"), Text("ui.documents.render_pdf"), [
            Field("kind", FieldSpec(FieldKind.ENUM, required=True, enum=DocumentKind), label=Text("ui.documents.document"), default="pdd"),
            Field("lang", FieldSpec(FieldKind.ENUM, required=True, enum=DocumentLanguage), label=Text("ui.documents.language"), default="zh"),
            pickers.reference("ref", Text("ui.documents.period_or_retirement")),
            PathField("out", Text("common.save_as"), "pdf"),
            Field("mode", FieldSpec(FieldKind.ENUM, required=True, enum=ReportStatus), label=Text("ui.documents.draft_or_final_a_final_copy"),
                  default="draft")])
        self.form.submitted.connect(lambda v: self.ask(v, word=False))
        for key in ("kind", "lang"):
            self.form.input(key).currentIndexChanged.connect(self.kind_chosen)
        for key in ("kind", "ref"):  # what is missing depends on the document and its period or retirement
            self.form.input(key).currentIndexChanged.connect(self.show_missing)
        self.docx_button = QPushButton()
        self.docx_button.setObjectName("exportDocx")
        self.docx_button.clicked.connect(self.export_word)
        self.folder_button = QPushButton()
        self.folder_button.setObjectName("openFolder")
        self.folder_button.setEnabled(False)
        self.folder_button.clicked.connect(self.open_folder)
        self.status = QLabel()
        self.status.setObjectName("renderStatus")
        self.status.setWordWrap(True)
        self.missing = RecordTable(L, "missingTable", [Text("common.section"), Text("ui.documents.missing_or_unconfirmed")])
        self.preview = QWidget()  # the pages of the last PDF rendered, one under the other
        self.preview.setObjectName("documentPreview")
        self.preview_layout = QVBoxLayout(self.preview)
        self.last: Path | None = None
        self.code = ""
        for w in (self.form, form_row(self.docx_button, self.folder_button), self.status, self.missing, self.preview):
            self.layout_.addWidget(w)
        self.retranslate_own()

    def retranslate_own(self) -> None:
        self.docx_button.setText(self.lang.pick(DOCX))
        self.folder_button.setText(self.lang.pick(FOLDER))
        self.status.setText(self.lang.pick(Text("ui.documents.written", path=self.last)) if self.last else "")

    def retranslate(self) -> None:
        self.retranslate_own()
        super().retranslate()

    def kind_chosen(self) -> None:
        """The file name follows the document and language; the period or retirement is asked only where it applies."""
        kind = self.form.input("kind").value()
        self.form.show_fields(hidden_keys=set() if kind in BY_PERIOD | BY_RETIREMENT else {"ref"})
        if self.ctx.project is not None:
            if kind in BY_RETIREMENT:
                retired = [c for c in pickers.block_choices(self.ctx.workspace, self.ctx.project) if self.is_retired(c[0])]
                self.form.set_choices("ref", retired)
            else:
                self.form.set_choices("ref", pickers.period_choices(self.ctx.workspace, self.ctx.project))
        if self.code:
            self.form.input("out").suggest(f"{self.code}-{kind}-{self.form.input('lang').value()}.pdf")

    def is_retired(self, block: str) -> bool:
        from workbench.services.issuance import ledger_exports

        return any(str(b["block"]) == block and b["status"] == "retired" for b in ledger_exports.ledger_rows(self.ctx.workspace, self.ctx.project))

    def open_folder(self) -> None:
        if self.last is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last.parent)))

    def show_pages(self, pages: list[QImage]) -> None:
        while self.preview_layout.count():
            self.preview_layout.takeAt(0).widget().deleteLater()
        for i, image in enumerate(pages):
            label = QLabel()
            label.setObjectName(f"previewPage-{i + 1}")
            pixmap = QPixmap.fromImage(image)  # no wider than the page: a wide preview pushed the form off screen (X-window trial)
            room = max(self.viewport().width() - 2 * self.layout_.contentsMargins().left() - 24, 200)
            label.setPixmap(pixmap if pixmap.width() <= room else pixmap.scaledToWidth(room, Qt.TransformationMode.SmoothTransformation))
            label.setToolTip(self.lang.pick(Text("ui.documents.page_of", value=i + 1, count=len(pages))))
            self.preview_layout.addWidget(label)

    def export_word(self) -> None:
        found = self.form.check()
        if not found:
            self.ask(self.form.values(), word=True)
        else:
            self.form.submit()  # shows the problems next to their fields

    def ask(self, v: dict, word: bool) -> None:
        out = Path(v["out"]).with_suffix(".docx") if word else Path(v["out"])
        confirm_overwrite(self, [out], lambda force: self.render(v, out, word, force))

    def render(self, v: dict, out: Path, word: bool, force: bool) -> None:
        final, ref, kind, lang = v["mode"] == "final", v.get("ref"), v["kind"], v["lang"]
        if word:
            def work(ws, actor, project, steps):
                return documents.export_docx(ws, kind, project, lang, out, actor.today, ref=ref, final=final, force=force, steps=steps)
        else:
            font = QSettings().value("pdf/cjk_font") or None

            def work(ws, actor, project, steps):  # all off the UI thread: rendering, rasterising and decoding the pages
                path = documents.render(ws, kind, project, lang, out, actor.today, ref=ref, font=font, final=final, archive=actor, force=force,
                                        steps=steps)
                return path, [QImage.fromData(png, "PNG") for png in documents.preview(path, steps)]

        what = DocumentKind(kind)
        self.op(work, form=self.form, undoable=False, done=self.done, long=Text("ui.documents.rendering", document=what),
                busy=self.busy, touches=frozenset({"evidence_file"}) if final and not word else frozenset())

    def busy(self, on: bool) -> None:
        self.form.button.setEnabled(not on)
        self.docx_button.setEnabled(not on)

    def done(self, result) -> None:
        path, pages = result if isinstance(result, tuple) else (result, [])
        self.last = Path(path)
        self.folder_button.setEnabled(True)
        if pages:
            self.show_pages(pages)
        self.retranslate_own()

    def project_changed(self) -> None:
        self.code = ""
        self.status.clear()
        self.show_pages([])
        self.last = None
        self.folder_button.setEnabled(False)
        super().project_changed()

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        self.code = lifecycle.view_project(self.ctx.workspace, self.ctx.project, self.ctx.actor().today).snapshot.header.code
        self.kind_chosen()
        self.show_missing()

    def show_missing(self) -> None:
        """What the chosen document lacks (for its chosen period or retirement), as a final copy would be refused for;
        when the document cannot be put together at all (no period yet), the reason in one row."""
        if self.ctx.project is None or not self.code:
            return
        kind = self.form.input("kind").value()
        ref = self.form.input("ref").value() or None if kind in BY_PERIOD | BY_RETIREMENT else None
        try:
            items = documents.check(self.ctx.workspace, kind, self.ctx.project, self.ctx.actor().today, ref=ref)
        except UserError as e:
            self.missing.show_rows([[self.lang.pick(DocumentKind(kind)), self.lang.error(e)]])
            return
        self.missing.show_rows([[self.lang.pick(m.section), self.lang.pick(m.item)] for m in items])


PAGE = DocumentsPage
