"""Tasks a project shows until someone settles them: references an earlier version wrote as text that match no
record (an agreement not recorded, an evidence target that does not exist), and accounts holding the project's
units that look like one holder written twice. Nothing here blocks a stage move; it is never lost either."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.references import match_key
from workbench.domain.text import Bilingual, Text
from workbench.store.models import ProjectRow
from workbench.store.models_evidence import EvidenceRow
from workbench.store.models_ledger import AccountRow, BlockRow


@dataclass(frozen=True)
class Task:
    code: str  # agreement_unmatched | evidence_unmatched | holder_twice
    text: Bilingual | Text


def tasks_of(s: Session, project: ProjectRow) -> list[Task]:
    out = []
    if project.agreement_id is None and project.agreement_unmatched:
        name = project.agreement_unmatched
        out.append(Task("agreement_unmatched", Text("tasks.the_agreement_is_not_recorded_record", name=name)))
    for row in s.scalars(select(EvidenceRow).where(EvidenceRow.project_id == project.id, EvidenceRow.unmatched_target != "")
                         .order_by(EvidenceRow.id)):
        out.append(Task("evidence_unmatched", Text("tasks.evidence_file_was_attached_to_which", number=row.id, name=row.name, unmatched_target=row.unmatched_target)))
    held = s.scalars(select(AccountRow).join(BlockRow, BlockRow.account_id == AccountRow.id)
                     .where(BlockRow.project_id == project.id).distinct()).all()
    for account in held:
        twins = [a for a in s.scalars(select(AccountRow).where(AccountRow.registry_code == account.registry_code, AccountRow.id != account.id))
                 if match_key(a.holder) == match_key(account.holder) and (a.id > account.id or a not in held)]
        for twin in twins:
            out.append(Task("holder_twice", Text("tasks.accounts_and_in_the_registry_differ", number=account.id, holder=account.holder, number2=twin.id, holder2=twin.holder, registry_code=account.registry_code)))
    return out
