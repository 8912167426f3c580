"""Evidence: files kept in the workspace with their SHA-256 and retention date (证据文件).

A file is attached to the project or to one of its engagements, findings or accounting periods, chosen from a list;
each row can be saved as a copy, attached elsewhere or deleted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QLineEdit

from workbench.domain.text import Text
from workbench.domain.vocabulary import DocumentKind, EvidenceKind
from workbench.services.documents import evidence
from workbench.ui import pickers
from workbench.ui.deletion import ask_to_delete
from workbench.ui.fields import Field
from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.ui.forms import RecordTable, SpecForm
from workbench.ui.outputs import InputFileField, confirm_overwrite, output_folder
from workbench.ui.pages.base import Page


class EvidencePage(Page):
    title = Text("ui.evidence.evidence")
    order = 45
    shows = frozenset({"evidence_file", "evidence", "document", "engagement", "finding", "accounting_period"})

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.files = RecordTable(L, "evidenceTable", [Text("ui.evidence.kind"), Text("ui.evidence.attached_to"), Text("common.file"),
                                                      Text("ui.evidence.bytes"), Text("ui.evidence.sha_256"), Text("ui.evidence.added"), Text("ui.evidence.keep_until")])
        self.files.add_action(Text("ui.evidence.move"), self.move_row)
        self.files.add_action(Text("ui.evidence.save_a_copy"), self.save_row)
        self.files.add_action(Text("ui.evidence.delete"), self.ask_to_remove)
        self.add = SpecForm(L, "addEvidence", Text("ui.evidence.add_a_file"), Text("common.add"), [
            InputFileField("path", Text("common.file")), pickers.reference("to", Text("ui.evidence.attached_to"), required=False),
            Field("note", FieldSpec(FieldKind.TEXT), label=Text("common.note"))])
        self.add.submitted.connect(lambda v: self.op(lambda ws, actor, project: evidence.attach(ws, actor, project, v["path"], v.get("to", ""), v.get("note", "")),
                                                     form=self.add, done=lambda c: self.saved(self.add, Text("ui.evidence.attached", name=Path(v["path"]).name))))
        self.move = SpecForm(L, "moveEvidence", Text("ui.evidence.attach_a_file_to_another_record"), Text("ui.evidence.move"), [
            pickers.reference("file", Text("common.file")), pickers.reference("to", Text("ui.evidence.attached_to"), required=False)])
        self.move.submitted.connect(lambda v: self.op(lambda ws, actor, project: evidence.move(ws, actor, self.own_file(ws, project, v["file"]), v.get("to", "")),
                                                      form=self.move, done=lambda c: self.saved(self.move, Text("ui.rows.saved"))))
        self.feedback = QLabel()
        self.feedback.setObjectName("evidenceFeedback")
        self.rows: dict[int, object] = {}
        for w in (self.feedback, self.files, self.files.action_bar(), self.add, self.move):
            self.layout_.addWidget(w)

    @staticmethod
    def own_file(ws, project: int, file_id: str | int) -> int:
        """The file, if it is evidence of the project the action was started for."""
        from workbench.domain.errors import UserError

        if int(file_id) not in {r.id for r in evidence.list_files(ws, project)}:
            raise UserError("error.ui.evidence.no_evidence_file_in_this_project", field="file", file_id=file_id)
        return int(file_id)

    def saved(self, form: SpecForm, message: Text) -> None:
        form.reset()
        self.feedback.setText(self.lang.pick(message))

    def move_row(self, file_id: int) -> None:
        self.move.set(file=str(file_id))
        self.move.inputs["to"].setFocus()
        self.ensureWidgetVisible(self.move)

    def save_row(self, file_id: int) -> None:
        row = self.rows[file_id]
        path, _ = QFileDialog.getSaveFileName(self, self.lang.pick(Text("ui.evidence.save_a_copy")), str(output_folder() / row.name))
        if path:
            self.save_copy(file_id, path)

    def save_copy(self, file_id: int, path: str) -> None:
        confirm_overwrite(self, [Path(path)], lambda force: self.op(
            lambda ws, _actor, project: evidence.save_copy(ws, self.own_file(ws, project, file_id), path, force=force), undoable=False,
            done=lambda out: self.feedback.setText(self.lang.pick(Text("ui.evidence.copy_saved", out=out)))))

    def ask_to_remove(self, file_id: int) -> None:
        """Files inside their record-keeping period are deleted only after a warning, with a reason."""
        row = self.rows[file_id]
        today = self.ctx.actor().today
        warning = evidence.deletion_warning(row, today, evidence.project_retention(self.ctx.workspace, self.ctx.project, today))
        remove = lambda reason="", confirmed=False: self.op(  # noqa: E731
            lambda ws, actor, project: evidence.remove(ws, actor, self.own_file(ws, project, row.id), confirmed=confirmed, reason=reason),
            undoable=False, done=lambda c: self.feedback.setText(self.lang.pick(Text("ui.rows.removed"))))
        dependants = evidence.file_dependants(self.ctx.workspace, row.id)
        if warning is None or dependants:  # files attached to an archived document are said before any warning
            ask_to_delete(self, self.lang, row.name, dependants, lambda _why: remove(), undoable=False)
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("confirmDeleteDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(self.lang.pick(Text("ui.evidence.delete_a_kept_record")))
        dialog.setLabelText(self.lang.pick(warning) + "\n\n" + self.lang.pick(Text("ui.evidence.why_is_it_deleted")))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.textValueSelected.connect(lambda reason: remove(reason, True))
        dialog.open()

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        ws, project = self.ctx.workspace, self.ctx.project
        targets = pickers.evidence_targets(ws, project)
        for form in (self.add, self.move):
            form.set_choices("to", targets)
        named = dict(targets)
        files = evidence.list_files(ws, project)
        self.rows = {r.id: r for r in files}
        self.move.set_choices("file", [(str(r.id), r.name) for r in files])
        self.files.show_rows([[EvidenceKind(r.kind), self.attached_to(r, named), r.name, r.size, r.sha256[:12], r.added_on, r.retain_until]
                              for r in files], keys=[r.id for r in files])

    @staticmethod
    def attached_to(row, named: dict) -> object:
        """What a file is evidence of, as the pickers name it (an archived document by its kind)."""
        if row.kind == "document":
            return pickers.joined(DocumentKind(row.document_kind), row.document_ref) if row.document_kind in set(DocumentKind) else row.attached_to
        for column, kind in (("for_finding_id", "finding"), ("for_engagement_id", "engagement")):
            if getattr(row, column) is not None:
                return named.get(f"{kind}:{getattr(row, column)}", row.attached_to)
        if row.for_period_id is not None:
            return named.get(f"period:{row.attached_to.params['number']}", row.attached_to)
        if row.for_document_id is not None or row.unmatched_target:
            return row.attached_to
        return Text("ui.evidence.project")


PAGE = EvidencePage
