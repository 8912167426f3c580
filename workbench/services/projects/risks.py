"""The risk register: seed 000's checklist per stage, with owner, likelihood, impact, mitigation and status.

The checklist (reference/data/risk_checklist.csv) names the programmes each risk applies to: a domestic CCER
project meets no cross-border, two-registry or joint-body risk. Each risk's wording is the catalogue entry
``risk_item.<key>``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from workbench.domain.change import Change
from workbench.domain import field_specs as fs
from workbench.domain.errors import NotFound
from workbench.domain.text import Text
from workbench.reference import load_table
from workbench.services.support import fields as f
from workbench.services.support.context import Actor
from workbench.services.projects.projects import resolve
from workbench.services.support.records import row_fields
from workbench.services.support.write_action import write_action
from workbench.store.models_risks import RiskRow
from workbench.store.conflicts import refuse_if_stale
from workbench.store.workspace import Workspace

def title(key: str) -> Text:
    """The wording of checklist risk ``key``."""
    return Text(f"risk_item.{key}")


def applies(row, programme: str) -> bool:
    """Whether a checklist row applies to a project of ``programme`` (its ``programmes`` column, ``;``-separated)."""
    return programme in row.columns["programmes"].split(";")


def preload(ws: Workspace, actor: Actor, project: int | str) -> Change:
    """Add the checklist items that apply to the project's programme and that it does not have yet (running it again
    adds nothing)."""
    checklist = load_table("risk_checklist")
    with write_action(ws, actor, "risk.preload") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        have = set(s.scalars(select(RiskRow.key).where(RiskRow.project_id == p.id)))
        added = []
        for row in checklist.rows:
            if row.key in have or not applies(row, p.programme):
                continue
            c, words = row.columns, title(row.key)
            risk = RiskRow(project_id=p.id, key=row.key, category=c["category"], stage=c["stage"], title_en=words.en, title_zh=words.zh,
                           owner="", likelihood=0, impact=0, mitigation="", status="open")
            s.add(risk)
            added.append(risk)
        s.flush()
        for risk in added:
            act.created("risk", risk)
        if added:
            act.result["added"] = len(added)
        else:
            act.unchanged(added=0)
    return act.change


RISK_FIELDS = fs.flat(fs.RISK)  # likelihood and impact scored 1..5 (0: not assessed yet)


def update(ws: Workspace, actor: Actor, project: int | str, key: str, values: dict[str, Any], seen: int | None = None) -> Change:
    """Assess or close a risk (refused when ``seen``, the version edited, is no longer the stored one)."""
    parsed = f.parse_fields(values, RISK_FIELDS, "risk")
    with write_action(ws, actor, "risk.update") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        row = s.scalar(select(RiskRow).where(RiskRow.project_id == p.id, RiskRow.key == key))
        if row is None:
            raise NotFound("error.risks.project_has_no_risk_workbench_risk", field="risk", code=p.code, key=key)
        refuse_if_stale(s, row, seen)
        before = row_fields(row)
        for name, value in parsed.items():
            setattr(row, name, value)
        act.updated("risk", row, before)
    return act.change


def register_of(ws: Workspace, project: int | str) -> list[RiskRow]:
    with ws.reading() as s:
        p = resolve(s, project)
        return list(s.scalars(select(RiskRow).where(RiskRow.project_id == p.id).order_by(RiskRow.id)))


def open_risks(ws: Workspace, project: int | str, stage: str) -> list[RiskRow]:
    """Risks still open, those of the current stage first, then by likelihood × impact (unassessed last)."""
    return sorted((r for r in register_of(ws, project) if r.status == "open"),
                  key=lambda r: (r.stage != stage, -(r.likelihood * r.impact), r.key))
