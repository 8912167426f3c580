"""Tasks a project shows until someone settles them: references an earlier version wrote as text that match no
record (an agreement not recorded, an evidence target that does not exist), and accounts holding the project's
units that look like one holder written twice. Nothing here blocks a stage move; it is never lost either."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.references import match_key
from workbench.domain.text import Bilingual
from workbench.store.models import ProjectRow
from workbench.store.models_evidence import EvidenceRow
from workbench.store.models_ledger import AccountRow, BlockRow


@dataclass(frozen=True)
class Task:
    code: str  # agreement_unmatched | evidence_unmatched | holder_twice
    text: Bilingual


def tasks_of(s: Session, project: ProjectRow) -> list[Task]:
    out = []
    if project.agreement_id is None and project.agreement_unmatched:
        name = project.agreement_unmatched
        out.append(Task("agreement_unmatched", Bilingual(
            f"The agreement {name!r} is not recorded: record it ('workbench agreement add', Issuance page) or choose a recorded "
            "one ('workbench project update --set agreement=ID', project details)",
            f"合作协议“{name}”尚未登记:请登记该协议,或选择已登记的协议")))
    for row in s.scalars(select(EvidenceRow).where(EvidenceRow.project_id == project.id, EvidenceRow.unmatched_target != "")
                         .order_by(EvidenceRow.id)):
        out.append(Task("evidence_unmatched", Bilingual(
            f"Evidence file {row.id} ({row.name}) was attached to {row.unmatched_target!r}, which is not in this project; it is "
            f"kept on the project: attach it where it belongs ('workbench evidence move {row.id} --to KIND:REF')",
            f"证据文件 {row.id}({row.name})原关联“{row.unmatched_target}”,本项目中没有该记录;文件暂归项目,请改关联到正确记录")))
    held = s.scalars(select(AccountRow).join(BlockRow, BlockRow.account_id == AccountRow.id)
                     .where(BlockRow.project_id == project.id).distinct()).all()
    for account in held:
        twins = [a for a in s.scalars(select(AccountRow).where(AccountRow.registry_code == account.registry_code, AccountRow.id != account.id))
                 if match_key(a.holder) == match_key(account.holder) and (a.id > account.id or a not in held)]
        for twin in twins:
            out.append(Task("holder_twice", Bilingual(
                f"Accounts {account.id} ({account.holder!r}) and {twin.id} ({twin.holder!r}) in the {account.registry_code} registry differ "
                "only by case, spacing or full-width characters: check whether they are one holder",
                f"{account.registry_code} 登记簿中账户 {account.id}(“{account.holder}”)与 {twin.id}(“{twin.holder}”)仅大小写、空格或全角字符不同:"
                "请核实是否为同一持有人")))
    return out
