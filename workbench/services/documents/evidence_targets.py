"""What an evidence file of a project can be attached to, each with a label a user reads: the project itself, its
findings, engagements, accounting periods and archived documents (the GUI's "Attached to" picker; ``attach`` and
``move`` take ``to``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from workbench.domain.text import Bilingual, Text
from workbench.domain.vocabulary import DocumentKind, EngagementKind
from workbench.services.projects.projects import resolve
from workbench.store.models_evidence import EvidenceRow
from workbench.store.models_periods import AccountingPeriodRow
from workbench.store.models_validation import EngagementRow, FindingRow, VvbRow
from workbench.store.workspace import Workspace

EXCERPT = 60  # characters of a finding's text shown in its label


@dataclass(frozen=True)
class EvidenceTarget:
    """One record evidence can be attached to: ``kind`` (project, finding, engagement, period, document), the record's
    ``id``, ``to`` as ``evidence.attach``/``move`` accept it (``""`` for the project, ``finding:3``, ``period:1`` —
    a period by its number —, ``document:12``) and ``label``."""

    kind: str
    id: int
    to: str
    label: Text


def evidence_targets(ws: Workspace, project: int | str) -> list[EvidenceTarget]:
    """Every record of ``project`` that evidence can be attached to, the project first, then engagements with their
    findings, periods by number, archived documents newest first. Errors: no such project (NotFound)."""
    with ws.reading() as s:
        p = resolve(s, project)
        out = [EvidenceTarget("project", p.id, "", Text("evidence_target.project", code=p.code, title=Bilingual(p.title_en or p.title_zh,
                                                                                                            p.title_zh or p.title_en)))]
        engagements = s.execute(select(EngagementRow, VvbRow).join(VvbRow, VvbRow.id == EngagementRow.vvb_id)
                                .where(EngagementRow.project_id == p.id).order_by(EngagementRow.id)).all()
        for engagement, vvb in engagements:
            name = Bilingual.either(vvb.name_en, vvb.name_zh)
            out.append(EvidenceTarget("engagement", engagement.id, f"engagement:{engagement.id}",
                                      Text("evidence_target.engagement", kind=EngagementKind(engagement.kind), vvb=name,
                                           started=engagement.started_on)))
            for finding in s.scalars(select(FindingRow).where(FindingRow.engagement_id == engagement.id).order_by(FindingRow.id)):
                excerpt = finding.text if len(finding.text) <= EXCERPT else finding.text[:EXCERPT - 1] + "…"
                out.append(EvidenceTarget("finding", finding.id, f"finding:{finding.id}",
                                          Text("evidence_target.finding", label=f"{finding.type}-{finding.number}",
                                               kind=EngagementKind(engagement.kind), text=excerpt)))
        for period in s.scalars(select(AccountingPeriodRow).where(AccountingPeriodRow.project_id == p.id).order_by(AccountingPeriodRow.number)):
            out.append(EvidenceTarget("period", period.id, f"period:{period.number}",
                                      Text("evidence_target.period", number=period.number, start=period.start, end=period.end)))
        documents = s.scalars(select(EvidenceRow).where(EvidenceRow.project_id == p.id, EvidenceRow.kind == "document")
                              .order_by(EvidenceRow.id.desc()))
        for doc in documents:
            kind = DocumentKind(doc.document_kind) if doc.document_kind in DocumentKind._value2member_map_ else doc.document_kind
            out.append(EvidenceTarget("document", doc.id, f"document:{doc.id}",
                                      Text("evidence_target.document", kind=kind, ref=doc.document_ref or "-", name=doc.name, number=doc.id)))
        return out
