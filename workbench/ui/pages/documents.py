"""Documents: check completeness and render PDFs in a worker (文件)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPixmap
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from workbench.domain.errors import UserError
from workbench.domain.text import Text
from workbench.domain.vocabulary import DocumentKind, DocumentLanguage, ReportStatus
from workbench.paths import data_dir
from workbench.services.documents import documents
from workbench.ui.forms import ActionForm, RecordTable, form_row
from workbench.ui.pages.base import Page
from workbench.ui.worker import Worker, run


DOCX = Text("ui.documents.export_for_word_docx")
FOLDER = Text("ui.documents.open_folder")


class DocumentsPage(Page):
    title = Text("ui.documents.documents")
    order = 60

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.worker: Worker | None = None
        self.form = ActionForm(L, "renderDocument", Text("ui.documents.render_a_document"), Text("ui.documents.render_pdf"), [
            ("kind", Text("ui.documents.document"), list(DocumentKind), "pdd"), ("lang", Text("ui.documents.language"), list(DocumentLanguage), "zh"),
            ("ref", Text("ui.documents.period_or_retirement_id"), None, ""), ("out", Text("common.save_as"), None, ""),
            ("mode", Text("ui.documents.draft_or_final_a_final_copy"), list(ReportStatus), "draft")])
        self.form.submitted.connect(self.render)
        self.docx_button = QPushButton()
        self.docx_button.setObjectName("exportDocx")
        self.docx_button.setText(self.lang.pick(DOCX))
        self.docx_button.clicked.connect(lambda: self.render(self.form.values(), word=True))
        self.progress = QProgressBar()
        self.progress.setObjectName("renderProgress")
        self.progress.setRange(0, 0)  # shown only while rendering: a bar never sits full with nothing said
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("renderStatus")
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelRender")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.folder_button = QPushButton()
        self.folder_button.setObjectName("openFolder")
        self.folder_button.setEnabled(False)
        self.folder_button.clicked.connect(self.open_folder)
        self.missing = RecordTable(L, "missingTable", [Text("common.section"), Text("ui.documents.missing_or_unconfirmed")])
        self.preview = QWidget()  # the pages of the last PDF rendered, one under the other
        self.preview.setObjectName("documentPreview")
        self.preview_layout = QVBoxLayout(self.preview)
        self.last: Path | None = None
        for w in (self.form, form_row(self.docx_button, self.folder_button), form_row(self.progress, self.cancel_button), self.status, self.missing, self.preview):
            self.layout_.addWidget(w)
        self.retranslate_own()

    def default_path(self, kind: str, lang: str, suffix: str = ".pdf") -> str:
        folder = Path(str(QSettings().value("documents/folder", data_dir() / "documents")))
        folder.mkdir(parents=True, exist_ok=True)
        return str(folder / f"{kind}-{lang}{suffix}")

    def retranslate_own(self) -> None:
        self.docx_button.setText(self.lang.pick(DOCX))
        self.folder_button.setText(self.lang.pick(FOLDER))
        self.cancel_button.setText(self.lang.pick(Text("common.cancel")))

    def cancel(self) -> None:
        """Stop waiting: the document is finished in the background and dropped (a draft file may still be written)."""
        if self.worker is not None:
            self.worker.cancelled = True
        self.idle()
        self.status.setText(self.lang.pick(Text("common.cancelled")))

    def idle(self) -> None:
        self.progress.hide()
        self.form.button.setEnabled(True)
        self.docx_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def retranslate(self) -> None:
        self.retranslate_own()
        super().retranslate()

    def open_folder(self) -> None:
        if self.last is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last.parent)))

    def show_pages(self, pages: list[QImage]) -> None:
        while self.preview_layout.count():
            self.preview_layout.takeAt(0).widget().deleteLater()
        for i, image in enumerate(pages):
            label = QLabel()
            label.setObjectName(f"previewPage-{i + 1}")
            label.setPixmap(QPixmap.fromImage(image))
            label.setToolTip(self.lang.pick(Text("ui.documents.page_of", value=i + 1, count=len(pages))))
            self.preview_layout.addWidget(label)

    def render(self, v: dict, word: bool = False) -> None:
        ws, project, actor = self.ctx.workspace, self.ctx.project, self.ctx.actor()
        final, ref = v["mode"] == "final", v["ref"] or None
        if word:
            out = str(Path(v["out"]).with_suffix(".docx")) if v["out"] else self.default_path(v["kind"], v["lang"], ".docx")

            def work():
                return documents.export_docx(ws, v["kind"], project, v["lang"], out, actor.today, ref=ref, final=final, force=True)
        else:
            out = v["out"] or self.default_path(v["kind"], v["lang"])
            font = QSettings().value("pdf/cjk_font") or None

            def work():  # all off the UI thread: rendering, rasterising and decoding the pages
                path = documents.render(ws, v["kind"], project, v["lang"], out, actor.today, ref=ref, font=font, final=final, archive=actor, force=True)
                return path, [QImage.fromData(png, "PNG") for png in documents.preview(path)], final

        self.worker = run(work, self.done, self.failed)
        self.progress.show()
        self.form.button.setEnabled(False)
        self.docx_button.setEnabled(False)
        self.cancel_button.setEnabled(True)

    def done(self, result) -> None:
        path, pages, stored = result if isinstance(result, tuple) else (result, [], False)
        self.last = Path(path)
        self.folder_button.setEnabled(True)
        self.show_pages(pages)
        self.idle()
        self.status.setText(str(path))
        if stored:  # a final document is archived in the workspace
            self.ctx.changed.emit()

    def failed(self, message: UserError | Text) -> None:
        if self.worker is not None and self.worker.cancelled:
            return  # the user stopped waiting for it
        self.idle()
        self.status.setText("")
        self.ctx.show_error(self, message)

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        items = documents.check(self.ctx.workspace, "pdd", self.ctx.project, self.ctx.actor().today)
        self.missing.show_rows([[self.lang.pick(m.section), self.lang.pick(m.item)] for m in items])


PAGE = DocumentsPage
