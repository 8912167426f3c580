"""Evidence: files kept in the workspace with their SHA-256 and retention date (证据文件)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QPushButton

from workbench.domain.errors import UserError
from workbench.domain.text import Text
from workbench.domain.vocabulary import EvidenceKind
from workbench.services.documents import evidence
from workbench.ui.forms import ActionForm, RecordTable, form_row
from workbench.ui.pages.base import Page


class EvidencePage(Page):
    title = Text("ui.evidence.evidence")
    order = 65

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.files = RecordTable(L, "evidenceTable", [Text("ui.evidence.id"), Text("ui.evidence.kind"), Text("ui.evidence.attached_to"), Text("common.file"),
                                                      Text("ui.evidence.bytes"), Text("ui.evidence.sha_256"), Text("ui.evidence.added"), Text("ui.evidence.keep_until")])
        self.add = ActionForm(L, "addEvidence", Text("ui.evidence.add_a_file"), Text("common.add"), [
            ("path", Text("common.file"), None, ""),
            ("to", Text("ui.evidence.attached_to_finding_id_engagement_id"), None, ""),
            ("note", Text("common.note"), None, "")])
        self.add.submitted.connect(lambda v: self.ctx.act(self, lambda: evidence.attach(
            self.ctx.workspace, self.ctx.actor(), self.ctx.project, v["path"], v["to"], v["note"])))
        self.browse = QPushButton("…")
        self.browse.setObjectName("evidenceBrowse")
        self.browse.clicked.connect(self.choose_file)
        self.save = ActionForm(L, "saveEvidence", Text("ui.evidence.save_a_copy_checked_against_its"), Text("common.save"), [
            ("file", Text("ui.evidence.id"), None, ""), ("out", Text("common.save_as"), None, "")])
        self.save.submitted.connect(lambda v: self.ctx.act(self, lambda: evidence.save_copy(self.ctx.workspace, v["file"], v["out"])))
        self.move = ActionForm(L, "moveEvidence", Text("ui.evidence.attach_a_file_to_another_record"), Text("ui.evidence.move"), [
            ("file", Text("ui.evidence.id"), None, ""), ("to", Text("ui.evidence.attached_to"), None, "")])
        self.move.submitted.connect(lambda v: self.ctx.act(self, lambda: evidence.move(self.ctx.workspace, self.ctx.actor(), v["file"], v["to"])))
        self.remove = ActionForm(L, "removeEvidence", Text("ui.evidence.delete_a_file"), Text("ui.evidence.delete"), [("file", Text("ui.evidence.id"), None, "")])
        self.remove.submitted.connect(lambda v: self.ask_to_remove(v["file"]))
        for w in (self.files, self.add, form_row(self.browse), self.move, self.save, self.remove):
            self.layout_.addWidget(w)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.lang.pick(Text("ui.evidence.evidence_file")))
        if path:
            self.add.set(path=path)

    def ask_to_remove(self, file_id: str) -> None:
        """Files inside their record-keeping period are deleted only after a warning, with a reason."""
        row = next((r for r in evidence.list_files(self.ctx.workspace, self.ctx.project) if str(r.id) == file_id.strip()), None)
        if row is None:
            self.ctx.show_error(self, UserError("error.ui.evidence.no_evidence_file_in_this_project", field="file", file_id=file_id))
            return
        today = self.ctx.actor().today
        warning = evidence.deletion_warning(row, today, evidence.project_retention(self.ctx.workspace, self.ctx.project, today))
        if warning is None:
            self.ctx.act(self, lambda: evidence.remove(self.ctx.workspace, self.ctx.actor(), row.id), undoable=False)
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("confirmDeleteDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(self.lang.pick(Text("ui.evidence.delete_a_kept_record")))
        dialog.setLabelText(self.lang.pick(warning) + "\n\n" + self.lang.pick(Text("ui.evidence.why_is_it_deleted")))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.textValueSelected.connect(lambda reason: self.ctx.act(self, lambda: evidence.remove(
            self.ctx.workspace, self.ctx.actor(), row.id, confirmed=True, reason=reason), undoable=False))
        dialog.open()

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        self.files.show_rows([[r.id, EvidenceKind(r.kind), r.attached_to or self.lang.pick(Text("ui.evidence.project")), r.name, f"{r.size:,}", r.sha256[:12],
                               r.added_on, r.retain_until] for r in evidence.list_files(self.ctx.workspace, self.ctx.project)])


PAGE = EvidencePage
