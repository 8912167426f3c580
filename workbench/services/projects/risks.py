"""The risk register: seed 000's checklist per stage, with owner, likelihood, impact, mitigation and status."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from workbench.domain.change import Change
from workbench.domain import field_specs as fs
from workbench.domain.errors import NotFound
from workbench.reference import load_table
from workbench.services.support import fields as f
from workbench.services.support.context import Actor
from workbench.services.projects.projects import resolve
from workbench.services.support.records import entity, record, row_fields
from workbench.store.models_risks import RiskRow
from workbench.store.conflicts import refuse_if_stale
from workbench.store.workspace import Workspace

def preload(ws: Workspace, actor: Actor, project: int | str) -> Change:
    """Add the checklist items the project does not have yet (running it again adds nothing)."""
    checklist = load_table("risk_checklist")
    with ws.transaction() as s:
        p = resolve(s, project)
        have = set(s.scalars(select(RiskRow.key).where(RiskRow.project_id == p.id)))
        added = []
        for row in checklist.rows:
            if row.key in have:
                continue
            c = row.columns
            risk = RiskRow(project_id=p.id, key=row.key, category=c["category"], stage=c["stage"], title_en=c["title_en"], title_zh=c["title_zh"],
                           owner="", likelihood=0, impact=0, mitigation="", status="open")
            s.add(risk)
            added.append(risk)
        s.flush()
        return record(s, Change("risk.preload", actor.name, actor.now(), p.id, entities=tuple(entity("risk", r, None) for r in added),
                                result={"added": len(added)}))


RISK_FIELDS = fs.flat(fs.RISK)  # likelihood and impact scored 1..5


def update(ws: Workspace, actor: Actor, project: int | str, key: str, values: dict[str, Any], seen: int | None = None) -> Change:
    """Assess or close a risk (refused when ``seen``, the version edited, is no longer the stored one)."""
    parsed = f.parse_fields(values, RISK_FIELDS, "risk")
    with ws.transaction() as s:
        p = resolve(s, project)
        row = s.scalar(select(RiskRow).where(RiskRow.project_id == p.id, RiskRow.key == key))
        if row is None:
            raise NotFound("error.risks.project_has_no_risk_workbench_risk", field="risk", code=p.code, key=key)
        refuse_if_stale(s, row, seen)
        before = row_fields(row)
        for name, value in parsed.items():
            setattr(row, name, value)
        return record(s, Change("risk.update", actor.name, actor.now(), p.id, entities=(entity("risk", row, before),)))


def register_of(ws: Workspace, project: int | str) -> list[RiskRow]:
    with ws.reading() as s:
        p = resolve(s, project)
        return list(s.scalars(select(RiskRow).where(RiskRow.project_id == p.id).order_by(RiskRow.id)))


def open_risks(ws: Workspace, project: int | str, stage: str) -> list[RiskRow]:
    """Risks still open, those of the current stage first, then by likelihood × impact (unassessed last)."""
    return sorted((r for r in register_of(ws, project) if r.status == "open"),
                  key=lambda r: (r.stage != stage, -(r.likelihood * r.impact), r.key))
