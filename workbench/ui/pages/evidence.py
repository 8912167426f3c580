"""Evidence: files kept in the workspace with their SHA-256 and retention date (证据文件)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QPushButton

from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual as B
from workbench.services.documents import evidence
from workbench.ui.forms import ActionForm, RecordTable, form_row
from workbench.ui.pages.base import Page


class EvidencePage(Page):
    title = B("Evidence", "证据文件")
    order = 65

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.files = RecordTable(L, "evidenceTable", [B("Id", "编号"), B("Kind", "类别"), B("Attached to", "关联"), B("File", "文件"),
                                                      B("Bytes", "字节"), B("SHA-256", "SHA-256"), B("Added", "添加日期"), B("Keep until", "保存至")])
        self.add = ActionForm(L, "addEvidence", B("Add a file", "添加文件"), B("Add", "添加"), [
            ("path", B("File", "文件"), None, ""),
            ("to", B("Attached to (finding:ID, engagement:ID, period:NUMBER, document:FILE-ID or KIND; empty: the project)",
                     "关联(finding:编号、period:序号、document:文件编号或类别等;留空为项目)"), None, ""),
            ("note", B("Note", "备注"), None, "")])
        self.add.submitted.connect(lambda v: self.ctx.act(self, lambda: evidence.attach(
            self.ctx.workspace, self.ctx.actor(), self.ctx.project, v["path"], v["to"], v["note"])))
        self.browse = QPushButton("…")
        self.browse.setObjectName("evidenceBrowse")
        self.browse.clicked.connect(self.choose_file)
        self.save = ActionForm(L, "saveEvidence", B("Save a copy (checked against its SHA-256)", "另存副本(校验SHA-256)"), B("Save", "保存"), [
            ("file", B("Id", "编号"), None, ""), ("out", B("Save as", "保存为"), None, "")])
        self.save.submitted.connect(lambda v: self.ctx.act(self, lambda: evidence.save_copy(self.ctx.workspace, v["file"], v["out"])))
        self.move = ActionForm(L, "moveEvidence", B("Attach a file to another record", "改关联到其他记录"), B("Move", "改关联"), [
            ("file", B("Id", "编号"), None, ""), ("to", B("Attached to", "关联"), None, "")])
        self.move.submitted.connect(lambda v: self.ctx.act(self, lambda: evidence.move(self.ctx.workspace, self.ctx.actor(), v["file"], v["to"])))
        self.remove = ActionForm(L, "removeEvidence", B("Delete a file", "删除文件"), B("Delete", "删除"), [("file", B("Id", "编号"), None, "")])
        self.remove.submitted.connect(lambda v: self.ask_to_remove(v["file"]))
        for w in (self.files, self.add, form_row(self.browse), self.move, self.save, self.remove):
            self.layout_.addWidget(w)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.lang.pick(B("Evidence file", "证据文件")))
        if path:
            self.add.set(path=path)

    def ask_to_remove(self, file_id: str) -> None:
        """Files inside their record-keeping period are deleted only after a warning, with a reason."""
        row = next((r for r in evidence.list_files(self.ctx.workspace, self.ctx.project) if str(r.id) == file_id.strip()), None)
        if row is None:
            self.ctx.show_error(self, str(UserError(f"no evidence file {file_id!r} in this project", where="file")))
            return
        today = self.ctx.actor().today
        warning = evidence.deletion_warning(row, today, evidence.project_retention(self.ctx.workspace, self.ctx.project, today))
        if warning is None:
            self.ctx.act(self, lambda: evidence.remove(self.ctx.workspace, self.ctx.actor(), row.id), undoable=False)
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("confirmDeleteDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(self.lang.pick(B("Delete a kept record?", "删除须保存的记录?")))
        dialog.setLabelText(warning + "\n\n" + self.lang.pick(B("Why is it deleted?", "删除原因:")))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.textValueSelected.connect(lambda reason: self.ctx.act(self, lambda: evidence.remove(
            self.ctx.workspace, self.ctx.actor(), row.id, confirmed=True, reason=reason), undoable=False))
        dialog.open()

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        self.files.show_rows([[r.id, r.kind, r.attached_to or self.lang.pick(B("project", "项目")), r.name, f"{r.size:,}", r.sha256[:12],
                               r.added_on, r.retain_until] for r in evidence.list_files(self.ctx.workspace, self.ctx.project)])


PAGE = EvidencePage
