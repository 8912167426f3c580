"""A BRI project's cooperation agreement (合作协议) as a link to the recorded agreement, not a name matched each time.

A name that matches no recorded agreement yet is kept on the project (``agreement_unmatched``) and shown as a task;
recording that agreement later links every project waiting for it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.change import EntityChange
from workbench.domain.errors import NotFound, UserError
from workbench.domain.references import find_by_name, match_key
from workbench.services.support.records import entity, row_fields
from workbench.store.models import ProjectRow
from workbench.store.models_ledger import AgreementRow


def recorded(s: Session) -> dict[int, str]:
    return dict(s.execute(select(AgreementRow.id, AgreementRow.name).order_by(AgreementRow.id)).all())


def agreement_named(s: Session, text: str) -> AgreementRow | None:
    """The recorded agreement ``text`` names: its id, its exact name, or the only name equal after NFKC, case-folding
    and removing spaces; None when none does."""
    text = str(text or "").strip()
    if text.isdigit():
        return s.get(AgreementRow, int(text))
    found = find_by_name(text, recorded(s))
    return s.get(AgreementRow, found) if found is not None else None


def required_agreement(s: Session, text: str) -> AgreementRow:
    row = agreement_named(s, text)
    if row is None:
        names = "; ".join(f"{i}: {n}" for i, n in recorded(s).items()) or "none yet ('workbench agreement add')"
        raise NotFound("error.agreements.no_recorded_agreement_recorded_agreements", field="agreement", value=str(text).strip(), names=names)
    return row


def set_agreement(s: Session, project: ProjectRow, text: str) -> None:
    """Link ``project`` to the agreement ``text`` names; a name not recorded yet is kept as a task; '' clears it."""
    text = str(text or "").strip()
    row = agreement_named(s, text) if text else None
    if row is None and text.isdigit():
        raise NotFound("error.agreements.no_agreement_workbench_agreement_list_shows", field="agreement", text=text)
    if row is not None and row.host_country != project.host_country:
        raise UserError("error.agreements.agreement_is_with_project_is_in", field="agreement", name=row.name, host_country=row.host_country, code=project.code, host_country2=project.host_country)
    project.agreement_id = row.id if row is not None else None
    project.agreement_unmatched = "" if row is not None else text


def agreement_name(s: Session, project: ProjectRow) -> str:
    """What the project names as its agreement: the recorded one's name, else the text still waiting to be matched."""
    if project.agreement_id is not None:
        return s.get(AgreementRow, project.agreement_id).name
    return project.agreement_unmatched


def link_waiting_projects(s: Session, agreement: AgreementRow) -> list[EntityChange]:
    """Link the projects whose unmatched agreement name is this agreement's (same host country); their changes."""
    changes = []
    waiting = s.scalars(select(ProjectRow).where(ProjectRow.agreement_id.is_(None), ProjectRow.agreement_unmatched != "",
                                                 ProjectRow.host_country == agreement.host_country)).all()
    for project in waiting:
        if match_key(project.agreement_unmatched) == match_key(agreement.name):
            before = row_fields(project)
            project.agreement_id, project.agreement_unmatched = agreement.id, ""
            s.flush()
            changes.append(entity("project", project, before))
    return changes
