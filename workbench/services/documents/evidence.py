"""Evidence files and archived documents: stored with their SHA-256, kept for the record-keeping period.

Files are copied into the workspace (``evidence_file``), so they travel with the project and cannot be lost
by moving a folder. Records are kept ``<programme>.records_retention_years`` (a dated threshold) after the project's *last* reduction
registration (Measures 2023 arts. 11 and 18), so each file's date is recomputed at every registration and becomes
final when the project closes; deleting before then is refused unless the user confirms, saying until when and why.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

from workbench.domain.change import Change
from workbench.domain.dependants import refuse_if_used
from workbench.domain.errors import UserError
from workbench.domain.publicity import years_after
from workbench.domain.references import ArchivedDocument, Placement, newest_document
from workbench.domain.text import Bilingual, Text
from workbench.domain.vocabulary import DocumentKind
from workbench.reference import thresholds_on
from workbench.services.support.context import Actor
from workbench.services.support.file_guards import guard_file
from workbench.services.support.output_files import output_path, write_bytes
from workbench.services.methodology.project_inputs import record_condition_evidence
from workbench.services.projects.projects import resolve
from workbench.services.support.records import row_fields
from workbench.services.support.write_action import Action, write_action
from workbench.store.models import ProjectRow
from workbench.store.models_evidence import EvidenceRow
from workbench.store.models_ledger import IssuanceRow
from workbench.store.models_periods import AccountingPeriodRow
from workbench.store.models_validation import EngagementRow, FindingRow
from workbench.store.workspace import Workspace

MAX_BYTES = 256 * 2**20
TARGETS = ("finding", "engagement", "period", "document")  # what ``to`` may name besides the project


@dataclass(frozen=True)
class Retention:
    """How long a project's records are kept: ``years`` after the project's last reduction registration (Measures
    2023 arts. 11 and 18; CCER-01-002/001-V01 §7.3.3.1). ``final`` once the project is closed (no registration can
    follow); before that ``until`` is only the earliest possible end, counted from the latest registration so far
    (or from today when there is none)."""

    until: date
    years: int
    source: Bilingual
    final: bool
    last_registration: date | None


def retention(s: Session, p: ProjectRow, today: date) -> Retention:
    value = thresholds_on(today).get(f"{p.programme}.records_retention_years")
    if value is None:
        raise UserError("error.evidence.no_record_keeping_period_for_in_2", programme=p.programme, today=today)
    years = int(value.value)
    last = s.scalar(select(func.max(IssuanceRow.decision_on)).where(IssuanceRow.project_id == p.id))
    final = p.stage == "closed" and last is not None
    start = last if final else max(last or today, today)
    return Retention(years_after(start, years), years, value.cited, final, last)


def project_retention(ws: Workspace, project: int | str, today: date) -> Retention:
    """The record-keeping rule as it stands for ``project`` today (what lists and deletion warnings show)."""
    with ws.reading() as s:
        return retention(s, resolve(s, project), today)


def refresh_retention(s: Session, p: ProjectRow, today: date) -> list[tuple[EvidenceRow, dict]]:
    """Push every evidence file's retention date of ``p`` to the rule's date (after a reduction registration);
    returns the rows changed with their values before. A date only ever moves later."""
    keep = retention(s, p, today)
    changed = []
    for row in s.scalars(select(EvidenceRow).where(EvidenceRow.project_id == p.id, EvidenceRow.retain_until < keep.until)):
        changed.append((row, row_fields(row)))
        row.retain_until = keep.until
    return changed


def _in_project(s: Session, p: ProjectRow, kind: str, ref: str) -> int | None:
    """The id of the ``kind`` record ``ref`` names in project ``p``, or None."""
    if kind == "document":
        documents = [ArchivedDocument(r.id, r.document_kind, r.document_ref) for r in s.scalars(
            select(EvidenceRow).where(EvidenceRow.project_id == p.id, EvidenceRow.kind == "document"))]
        if ref.isdigit():
            return int(ref) if int(ref) in {d.id for d in documents} else None
        doc_kind, _, doc_ref = ref.partition(" ")
        return newest_document(documents, doc_kind, doc_ref)
    if not ref.isdigit():
        raise UserError("error.evidence.is_not_a_number", field="to", ref=ref)
    number = int(ref)
    if kind == "period":
        return s.scalar(select(AccountingPeriodRow.id).where(AccountingPeriodRow.project_id == p.id, AccountingPeriodRow.number == number))
    if kind == "engagement":
        return s.scalar(select(EngagementRow.id).where(EngagementRow.project_id == p.id, EngagementRow.id == number))
    return s.scalar(select(FindingRow.id).join(EngagementRow).where(EngagementRow.project_id == p.id, FindingRow.id == number))


def target_columns(s: Session, p: ProjectRow, to: str) -> dict[str, object]:
    """The keys of the record ``kind:ref`` names in this project ('' for the project itself): exactly one is set.

    ``kind`` is finding or engagement (by id), period (by number) or document (an archived document's file id, or its
    kind: the newest archived document of that kind). A record that does not exist is a UserError.
    """
    to = (to or "").strip()
    kind, _, ref = to.partition(":")
    if to and (kind not in TARGETS or not ref.strip()):
        raise UserError("error.evidence.is_not_one_of_or_empty", field="to", to=to, value=', '.join(t + ':REF' for t in TARGETS))
    found = _in_project(s, p, kind, ref.strip()) if to else p.id
    if found is None:
        raise UserError("error.evidence.project_has_no_2", field="to", code=p.code, kind=kind, value=ref.strip())
    return Placement(kind or "project", found).columns()


def evidence_dependants(s: Session, column: str, target_id: int) -> list[Text]:
    """The evidence files attached to a record (``column``: ``for_finding_id`` …), as one dependant naming each file:
    a record that still has evidence is not deleted (move or remove the files first)."""
    files = s.execute(select(EvidenceRow.id, EvidenceRow.name).where(getattr(EvidenceRow, column) == target_id).order_by(EvidenceRow.id)).all()
    return [Text("dependant.evidence_files", files=", ".join(f"{i} ({n})" for i, n in files))] if files else []


def file_dependants(ws: Workspace, file_id: int) -> list[Text]:
    """What keeps a file from being deleted: for an archived document, the files attached to it as its evidence."""
    with ws.reading() as s:
        kind = s.scalar(select(EvidenceRow.kind).where(EvidenceRow.id == int(file_id)))
        return evidence_dependants(s, "for_document_id", int(file_id)) if kind == "document" else []


def describe(s: Session, row: EvidenceRow) -> Text:
    """What a file is attached to, worded when shown: "finding 3", "period 1", "archived Validation package (file 5)",
    "the project"."""
    if row.kind == "document":
        return Text("evidence.attached.archive", kind=_document_kind(row.document_kind), ref=_ref(row.document_ref))
    if row.for_finding_id is not None:
        return Text("evidence.attached.finding", number=row.for_finding_id)
    if row.for_engagement_id is not None:
        return Text("evidence.attached.engagement", number=row.for_engagement_id)
    if row.for_period_id is not None:
        return Text("evidence.attached.period", number=s.get(AccountingPeriodRow, row.for_period_id).number)
    if row.for_document_id is not None:
        doc = s.get(EvidenceRow, row.for_document_id)
        return Text("evidence.attached.document", kind=_document_kind(doc.document_kind), ref=_ref(doc.document_ref), number=doc.id)
    return Text("evidence.attached.unmatched", target=row.unmatched_target) if row.unmatched_target else Text("evidence.attached.project")


def _ref(ref: str | None) -> str:
    return f" {ref}" if ref else ""  # an archived document's reference (a period's number) after its kind


def _document_kind(kind: str) -> DocumentKind | str:
    return DocumentKind(kind) if DocumentKind.has_value(kind) else kind


def store_bytes(act: Action, p: ProjectRow, name: str, body: bytes, target: dict[str, object], kind: str, note: str = "",
                document: tuple[str, str] = ("", "")) -> None:
    """Keep ``body``, as part of the action ``act``, as evidence of the record ``target`` (``target_columns``) or, with
    ``kind`` "document", as an archived ``document`` (kind, ref) of the project; the same bytes for the same record are
    kept once (``act.result``: id, sha256, new, and retain_until when kept now)."""
    s, actor = act.session, act.actor
    digest = hashlib.sha256(body).hexdigest()
    same = s.scalar(select(EvidenceRow).where(EvidenceRow.project_id == p.id, EvidenceRow.sha256 == digest, EvidenceRow.kind == kind,
                                              EvidenceRow.document_kind == document[0], EvidenceRow.document_ref == document[1],
                                              *(getattr(EvidenceRow, c) == v if v is not None else getattr(EvidenceRow, c).is_(None)
                                                for c, v in target.items() if c.startswith("for_"))))
    if same is not None:
        act.unchanged(id=same.id, sha256=digest, new=False)
        return
    keep = retention(s, p, actor.today)
    row = EvidenceRow(project_id=p.id, kind=kind, **target, name=name, size=len(body), sha256=digest, content=body, note=note,
                      added_on=actor.today, added_by=actor.name, retain_until=keep.until, created_at=actor.now())
    row.document_kind, row.document_ref = document
    s.add(row)
    s.flush()
    act.created("evidence_file", row)
    act.result.update(id=row.id, sha256=digest, retain_until=keep.until, new=True)


def attach(ws: Workspace, actor: Actor, project: int | str, path: str | Path, to: str = "", note: str = "") -> Change:
    """Copy a file into the workspace as evidence of the project or of one of its findings, engagements, periods or
    archived documents (``to``: see ``target_columns``)."""
    path = guard_file(path, MAX_BYTES, too_large="error.evidence.too_large")
    body = path.read_bytes()
    with write_action(ws, actor, "evidence.add") as act:
        p = resolve(act.session, project)
        act.project_id = p.id
        store_bytes(act, p, path.name, body, target_columns(act.session, p, to), "evidence", note)
    return act.change


def attach_for_condition(ws: Workspace, actor: Actor, project: int | str, key: str, path: str | Path, source: str = "",
                         note: str = "") -> Change:
    """Copy a file into the workspace as evidence of the project and name it, in the same action, as where the
    applicability condition ``key`` is shown (``grid_connection``): the condition's evidence reads
    ``<file name> · SHA-256 <first 12 hex digits>``, so the PDD names the very file kept."""
    path = guard_file(path, MAX_BYTES, too_large="error.evidence.too_large")
    body = path.read_bytes()
    with write_action(ws, actor, "evidence.condition") as act:
        p = resolve(act.session, project)
        act.project_id = p.id
        store_bytes(act, p, path.name, body, Placement("project", p.id).columns(), "evidence", note)
        reference = f"{path.name} · SHA-256 {act.result['sha256'][:12]}"
        record_condition_evidence(act, p.id, key, reference, source)
        act.result["reference"] = reference
    return act.change


def move(ws: Workspace, actor: Actor, file_id: int, to: str) -> Change:
    """Attach a stored evidence file to another record of its project (``to`` as for ``attach``); this settles the
    task of a file whose earlier target named nothing."""
    with write_action(ws, actor, "evidence.move") as act:
        s = act.session
        row = _file(s, file_id)
        act.project_id = row.project_id
        if row.kind == "document":
            raise UserError("error.evidence.file_is_an_archived_document_it", field="file", number=row.id)
        target = target_columns(s, s.get(ProjectRow, row.project_id), to)
        if target.get("for_document_id") == row.id:
            raise UserError("error.evidence.file_cannot_be_evidence_of_itself", field="to", number=row.id)
        before = row_fields(row)
        for column, value in target.items():
            setattr(row, column, value)
        row.unmatched_target = ""
        s.flush()
        if row_fields(row) != before:
            act.updated("evidence_file", row, before)
            act.result.update(id=row.id, attached_to=describe(s, row))
    return act.change


def list_files(ws: Workspace, project: int | str) -> list[EvidenceRow]:
    """The project's files, each with ``attached_to`` set to what ``describe`` says."""
    with ws.reading() as s:
        p = resolve(s, project)
        rows = list(s.scalars(select(EvidenceRow).where(EvidenceRow.project_id == p.id).order_by(EvidenceRow.id)))
        for row in rows:
            row.attached_to = describe(s, row)
        return rows


def _file(s: Session, file_id: int | str) -> EvidenceRow:
    if not str(file_id).strip().isdigit():
        raise UserError("error.evidence.is_not_an_evidence_file_id", field="file", file_id=file_id)
    row = s.get(EvidenceRow, int(file_id), options=[undefer(EvidenceRow.content)])
    if row is None:
        raise UserError("error.evidence.no_evidence_file", field="file", file_id=file_id)
    return row


def save_copy(ws: Workspace, file_id: int, out: str | Path, *, force: bool = False) -> Path:
    """Write the stored bytes to ``out`` after checking them against the SHA-256 taken when they were added."""
    out = output_path(out, force=force)
    with ws.reading() as s:
        row = _file(s, file_id)
        if hashlib.sha256(row.content).hexdigest() != row.sha256:
            raise UserError("error.evidence.evidence_file_no_longer_matches_its", field="file", number=row.id, name=row.name)
        body = row.content
    return write_bytes(out, body)


def deletion_warning(row: EvidenceRow, today: date, keep: Retention) -> Text | None:
    """Why deleting this file now needs a confirmation, or None once its record-keeping period is over: records are
    kept at least ``keep.years`` years after the project's last reduction registration (Measures arts. 11 and 18)."""
    if not keep.final:
        if keep.last_registration:
            return Text("evidence.deletion_warning_open", name=row.name, number=row.id, years=keep.years, source=keep.source,
                        last=keep.last_registration, until=keep.until)
        return Text("evidence.deletion_warning_none_yet", name=row.name, number=row.id, years=keep.years, source=keep.source,
                    until=keep.until)
    if today >= keep.until:
        return None
    return Text("evidence.deletion_warning", name=row.name, number=row.id, until=keep.until, years=keep.years,
                last=keep.last_registration, source=keep.source)


def remove(ws: Workspace, actor: Actor, file_id: int, *, confirmed: bool = False, reason: str = "") -> Change:
    with write_action(ws, actor, "evidence.remove", reason=reason.strip()) as act:
        s = act.session
        row = _file(s, file_id)
        act.project_id, act.name = row.project_id, f"{row.kind}.remove"
        if row.kind == "document":
            refuse_if_used(row.name, evidence_dependants(s, "for_document_id", row.id), "file")
        warning = deletion_warning(row, actor.today, retention(s, s.get(ProjectRow, row.project_id), actor.today))
        if warning and not confirmed:
            raise UserError("error.evidence.confirm_deletion", field="file", warning=warning)
        if warning and not reason.strip():
            raise UserError("error.evidence.say_why_a_file_inside_its", field="reason")
        before = row_fields(row)
        s.delete(row)
        s.flush()
        act.deleted("evidence_file", row, before)
    return act.change
