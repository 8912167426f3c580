"""A project's inputs other than its parameters, each in its own table (migration 0018_parameter_split):
uniqueness declarations (yes or no), evidence references (where an applicability condition, or a stage change, is
shown: a document, clause, page or decision number) and the PDD's prose, per section and language.

``parameter set P decl.KEY yes`` / ``evidence.KEY REF`` / ``text.SECTION.LANG …`` keep working: ``methodology.
set_parameter`` hands those names to the functions here (``INPUT_PREFIXES``).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.services.projects.projects import resolve
from workbench.services.support.context import Actor
from workbench.services.support.records import row_fields
from workbench.services.support.write_action import Action, write_action
from workbench.store.models_methodology import DeclarationRow, EvidenceReferenceRow, PddTextRow
from workbench.store.workspace import Workspace

DECLARATIONS = ("no_other_programme", "no_green_certificate")
"""The uniqueness declarations a PDD states (not registered under another programme; no green certificates sold)."""
PDD_LANGS = ("en", "zh")
INPUT_PREFIXES = ("decl.", "evidence.", "text.")
ANSWERS = {"yes": True, "no": False}
EVIDENCE_KEY = re.compile(r"[a-z][a-z0-9_]{0,63}")


def declarations_of(s: Session, project_id: int) -> dict[str, bool]:
    """Declaration key → the owner's answer (a declaration not answered is absent)."""
    return {r.key: r.answer for r in s.scalars(select(DeclarationRow).where(DeclarationRow.project_id == project_id))}


def condition_evidence_of(s: Session, project_id: int) -> dict[str, str]:
    """Evidence key of an applicability condition → where it is shown (``grid_connection`` → ``PPA EVN-2024-117``)."""
    rows = s.scalars(select(EvidenceReferenceRow).where(EvidenceReferenceRow.project_id == project_id,
                                                        EvidenceReferenceRow.condition.is_not(None)))
    return {r.condition: r.reference for r in rows}


def stage_evidence_of(s: Session, project_id: int) -> dict[int, str]:
    """Stage event id → the reference given when the project moved to that stage (a decision number)."""
    rows = s.scalars(select(EvidenceReferenceRow).where(EvidenceReferenceRow.project_id == project_id,
                                                        EvidenceReferenceRow.stage_event_id.is_not(None)))
    return {r.stage_event_id: r.reference for r in rows}


def pdd_texts_of(s: Session, project_id: int) -> dict[tuple[str, str], str]:
    """(section, language) → the PDD prose written for it."""
    return {(r.section, r.lang): r.body for r in s.scalars(select(PddTextRow).where(PddTextRow.project_id == project_id))}


def answer(value: Any, where: str) -> bool:
    """A declaration's answer: yes or no (either case); anything else is refused."""
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text not in ANSWERS:
        raise UserError("error.methodology.a_declaration_is_yes_or_no", where=where, value=value)
    return ANSWERS[text]


def set_declaration(ws: Workspace, actor: Actor, project: int | str, key: str, value: Any, source: str = "") -> Change:
    """Answer one uniqueness declaration (``DECLARATIONS``) yes or no."""
    if key not in DECLARATIONS:
        raise UserError("error.methodology.unknown_declaration_declarations_are", where=f"decl.{key}", key=key, value=", ".join(DECLARATIONS))
    given = answer(value, f"decl.{key}")
    with write_action(ws, actor, "declaration.set") as act:
        p = _project(act, project)
        row = act.session.scalar(select(DeclarationRow).where(DeclarationRow.project_id == p.id, DeclarationRow.key == key))
        _store(act, "project_declaration", row, lambda: DeclarationRow(project_id=p.id, key=key),
               {"answer": given, "source": source})
    return act.change


def set_condition_evidence(ws: Workspace, actor: Actor, project: int | str, key: str, reference: str, source: str = "") -> Change:
    """Record where the project shows the evidence an applicability condition asks for (``key`` as the condition
    names it, e.g. ``grid_connection``); an empty reference takes the record away."""
    with write_action(ws, actor, "evidence_reference.set") as act:
        record_condition_evidence(act, _project(act, project).id, key, reference, source)
    return act.change


def record_condition_evidence(act: Action, project_id: int, key: str, reference: str, source: str = "") -> None:
    """As part of the action ``act``: record (or, with an empty ``reference``, take away) where the project shows the
    evidence of the condition ``key``."""
    if not EVIDENCE_KEY.fullmatch(key):
        raise UserError("error.project_inputs.evidence_key", where=f"evidence.{key}", key=key)
    row = act.session.scalar(select(EvidenceReferenceRow).where(EvidenceReferenceRow.project_id == project_id,
                                                                EvidenceReferenceRow.condition == key))
    if reference.strip():
        _store(act, "evidence_reference", row, lambda: EvidenceReferenceRow(project_id=project_id, condition=key),
               {"reference": reference.strip(), "source": source})
    elif row is not None:
        _remove(act, "evidence_reference", row)


def set_pdd_text(ws: Workspace, actor: Actor, project: int | str, section: str, lang: str, body: str, source: str = "") -> Change:
    """Save one PDD section's prose in one language (``en`` or ``zh``); an empty text takes it away."""
    if not section.strip() or len(section) > 64:
        raise UserError("error.project_inputs.pdd_section", where=f"text.{section}.{lang}", section=section)
    if lang not in PDD_LANGS:
        raise UserError("error.pdd.language_is_not_en_or_zh", field="language", lang=lang)
    with write_action(ws, actor, "pdd_text.set") as act:
        p = _project(act, project)
        row = act.session.scalar(select(PddTextRow).where(PddTextRow.project_id == p.id, PddTextRow.section == section, PddTextRow.lang == lang))
        if body.strip():
            _store(act, "pdd_text", row, lambda: PddTextRow(project_id=p.id, section=section, lang=lang), {"body": body.strip(), "source": source})
        elif row is not None:
            _remove(act, "pdd_text", row)
    return act.change


def set_input(ws: Workspace, actor: Actor, project: int | str, name: str, value: str, source: str = "") -> Change:
    """An input named the way ``parameter set`` names it: ``decl.KEY``, ``evidence.KEY`` or ``text.SECTION.LANG``."""
    if name.startswith("decl."):
        return set_declaration(ws, actor, project, name[len("decl."):], value, source)
    if name.startswith("evidence."):
        return set_condition_evidence(ws, actor, project, name[len("evidence."):], value, source)
    section, _, lang = name[len("text."):].rpartition(".")
    return set_pdd_text(ws, actor, project, section, lang, value, source)


def remove_input(ws: Workspace, actor: Actor, project: int | str, name: str) -> Change:
    """Take away a declaration, evidence reference or PDD text named as ``set_input`` names it."""
    with write_action(ws, actor, "project_input.remove") as act:
        p = _project(act, project)
        s = act.session
        if name.startswith("decl."):
            row = s.scalar(select(DeclarationRow).where(DeclarationRow.project_id == p.id, DeclarationRow.key == name[len("decl."):]))
            kind = "project_declaration"
        elif name.startswith("evidence."):
            row = s.scalar(select(EvidenceReferenceRow).where(EvidenceReferenceRow.project_id == p.id,
                                                              EvidenceReferenceRow.condition == name[len("evidence."):]))
            kind = "evidence_reference"
        else:
            section, _, lang = name[len("text."):].rpartition(".")
            row = s.scalar(select(PddTextRow).where(PddTextRow.project_id == p.id, PddTextRow.section == section, PddTextRow.lang == lang))
            kind = "pdd_text"
        if row is None:
            raise UserError("error.methodology.the_project_has_no_parameter", field="parameter", key=name)
        _remove(act, kind, row)
    return act.change


def add_stage_evidence(act: Action, project_id: int, stage_event_id: int, reference: str) -> None:
    """Keep, as part of a stage change, the reference it was made on (a registration or issuance decision number)."""
    row = EvidenceReferenceRow(project_id=project_id, stage_event_id=stage_event_id, reference=reference.strip(), source="stage change",
                               updated_at=act.actor.now())
    act.session.add(row)
    act.session.flush()
    act.created("evidence_reference", row)


def _project(act: Action, project: int | str):
    p = resolve(act.session, project)
    act.project_id = p.id
    return p


def _store(act: Action, kind: str, row: Any, new, values: dict[str, Any]) -> None:
    before = row_fields(row) if row is not None else None
    if row is None:
        row = new()
        act.session.add(row)
    if before is not None and all(getattr(row, name) == value for name, value in values.items()):
        return  # the same value again: nothing to write
    for name, value in values.items():
        setattr(row, name, value)
    row.updated_at = act.actor.now()
    act.session.flush()
    if before is None:
        act.created(kind, row)
    else:
        act.updated(kind, row, before)


def _remove(act: Action, kind: str, row: Any) -> None:
    before = row_fields(row)
    act.session.delete(row)
    act.session.flush()
    act.deleted(kind, row, before)


def remove_stage_evidence(s: Session, stage_event_id: int) -> list[tuple[Any, dict[str, Any]]]:
    """Delete the reference kept with a stage change taken back; each ``(row, values before)`` for the change record."""
    rows = s.scalars(select(EvidenceReferenceRow).where(EvidenceReferenceRow.stage_event_id == stage_event_id)).all()
    removed = [(r, row_fields(r)) for r in rows]
    for r in rows:
        s.delete(r)
    s.flush()
    return removed
