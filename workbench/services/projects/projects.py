"""Projects: create, update, list and look up (项目)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.change import Change
from workbench.domain.crediting import CreditingRule
from workbench.domain.errors import NotFound, UserError, field_label
from workbench.domain.text import Text, stored_line
from workbench.domain import field_specs as fs
from workbench.domain.project import CreditingPeriod, Programme, ProjectDates, ProjectHeader, Sector
from workbench.domain.stages import Stage
from workbench.services.projects.listing import ProjectSummary, matching
from workbench.services.support import fields as f
from workbench.services.support.context import Actor
from workbench.services.support.records import row_fields
from workbench.services.support.write_action import Action, write_action
from workbench.store.models import ProjectRow, StageEventRow
from workbench.store.conflicts import refuse_if_stale
from workbench.store.workspace import Workspace

PROJECT_FIELDS = fs.flat(fs.PROJECT)  # the agreement: a recorded agreement's id or name (agreements.set_agreement)
REQUIRED_ON_CREATE = f.required(PROJECT_FIELDS)


def resolve(session: Session, ref: int | str) -> ProjectRow:
    """A project by its integer id or its code (CONTRACTS.md §1)."""
    text = str(ref).strip()
    row = None
    if text.isdigit():
        row = session.get(ProjectRow, int(text))
    if row is None:
        row = session.scalar(select(ProjectRow).where(ProjectRow.code == text))
    if row is None:
        raise NotFound("error.projects.no_project_with_id_or_code", field="project", text=text)
    return row


def header_of(s: Session, row: ProjectRow) -> ProjectHeader:
    crediting = None
    if row.crediting_start and row.crediting_end:
        crediting = CreditingPeriod(row.crediting_start, row.crediting_end)
    return ProjectHeader(
        code=row.code,
        title_en=row.title_en,
        title_zh=row.title_zh,
        programme=Programme(row.programme),
        host_country=row.host_country,
        sector=Sector(row.sector),
        methodology_id=row.methodology_id,
        methodology_version=row.methodology_version,
        agreement=_agreements().agreement_name(s, row),
        agreement_id=row.agreement_id,
        dates=ProjectDates(row.construction_start, row.operation_start, row.lifetime_years, crediting, row.project_start),
    )


def _check(s: Session, row: ProjectRow) -> None:
    if bool(row.crediting_start) != bool(row.crediting_end):
        raise UserError("error.projects.give_both_crediting_start_and_crediting", field="crediting_period")
    header = header_of(s, row)
    header.check()
    rule = crediting_rule_of(row)
    problems = rule.problems(header.dates) if rule else []
    if problems:
        raise UserError("error.projects.crediting_period_problems", field="crediting_period", problems=[p.text for p in problems])


def crediting_rule_of(row: ProjectRow) -> CreditingRule | None:
    """The crediting-period rule of the project's methodology (None without one, or one this workbench lacks)."""
    from workbench.methodology.loader import all_methodologies

    methodology = all_methodologies().get(row.methodology_id) if row.methodology_id else None
    return methodology.crediting if methodology else None


def _assign(s: Session, row: ProjectRow, parsed: dict[str, Any]) -> None:
    for name, value in parsed.items():
        if name != "agreement":
            setattr(row, name, value)
    if "agreement" in parsed:  # after host_country: the agreement must be with the project's host country
        _agreements().set_agreement(s, row, parsed["agreement"])


def _agreements():
    """The agreements service, imported when a project's agreement is named or set: its ledger models are not
    loaded by every command that resolves a project."""
    from workbench.services.projects import agreements

    return agreements


def _unique_code(session: Session, code: str, own_id: int | None) -> None:
    clash = session.scalar(select(ProjectRow).where(ProjectRow.code == code))
    if clash is not None and clash.id != own_id:
        raise UserError("error.projects.code_is_already_used_by_project", field="code", code=code, number=clash.id)


def check_code_free(ws: Workspace, code: str) -> None:
    """Refuse ``code`` if a project of the workspace has it already, as ``create_project`` would (the new-project
    wizard asks on its first page, not at Finish). Reads only."""
    with ws.reading() as s:
        _unique_code(s, str(code or "").strip(), None)


def parse_new(values: dict[str, Any]) -> dict[str, Any]:
    """A new project's fields parsed by their specs, every required one present (UserError naming those missing)."""
    parsed = f.parse_fields(values, PROJECT_FIELDS, "project")
    missing = [k for k in REQUIRED_ON_CREATE if not parsed.get(k)]
    if missing:
        raise UserError("error.projects.missing_a_project_needs", value=[field_label(k) for k in missing],
                        value2=[field_label(k) for k in REQUIRED_ON_CREATE])
    return parsed


def check_new(values: dict[str, Any]) -> None:
    """Refuse a new project's fields as ``create_project`` would — its dates against its methodology's crediting rule
    included — before anything is stored (the new-project wizard checks each page this way). A BRI agreement is
    taken as named; whether it is recorded is settled when the project is created."""
    parsed = parse_new(values)
    row = ProjectRow(**{k: parsed[k] if k in parsed else f.parse_value(spec, None, k) for k, spec in PROJECT_FIELDS.items() if k != "agreement"})
    row.agreement_id, row.agreement_unmatched = None, str(parsed.get("agreement") or "")
    _check(None, row)


def insert_project(act: Action, parsed: dict[str, Any], project_id: int | None = None) -> ProjectRow:
    """Add the project ``parse_new`` gave to the action, in the design stage (checked, flushed, its id known): with
    ``project_id`` when that id is free, else the next one."""
    s, actor, now = act.session, act.actor, act.actor.now()
    _unique_code(s, parsed["code"], None)
    free = project_id is not None and s.get(ProjectRow, project_id) is None
    row = ProjectRow(id=project_id if free else None, stage=Stage.DESIGN.value, stage_since=actor.today, created_at=now, updated_at=now)
    # required fields were checked by parse_new, so only optional ones fall back to their empty value
    _assign(s, row, {name: parsed[name] if name in parsed else f.parse_value(spec, None, name) for name, spec in PROJECT_FIELDS.items()})
    _check(s, row)
    s.add(row)
    s.flush()
    s.add(StageEventRow(project_id=row.id, source=None, target=Stage.DESIGN.value, on=actor.today, at=now, actor=actor.name, reason=stored_line(Text("reason.project_created"))))
    act.project_id = row.id
    act.created("project", row)
    act.result.update(id=row.id, code=row.code, agreement_id=row.agreement_id, agreement_unmatched=row.agreement_unmatched)
    return row


def create_project(ws: Workspace, actor: Actor, values: dict[str, Any]) -> Change:
    """Create a project in the design stage."""
    parsed = parse_new(values)
    with write_action(ws, actor, "project.create") as act:
        insert_project(act, parsed)
    return act.change


def update_project(ws: Workspace, actor: Actor, ref: int | str, values: dict[str, Any], reason: str = "",
                   seen: int | None = None) -> Change:
    """Change project fields; the whole edit is checked before anything is written.

    ``seen`` is the project version the edit was made from: when someone changed the project since, it is refused.
    """
    parsed = f.parse_fields(values, PROJECT_FIELDS, "project")
    now = actor.now()
    with write_action(ws, actor, "project.update", reason=reason) as act:
        s = act.session
        row = resolve(s, ref)
        act.project_id = row.id
        refuse_if_stale(s, row, seen)
        before = row_fields(row)
        _assign(s, row, parsed)
        if "code" in parsed:
            _unique_code(s, row.code, row.id)
        _check(s, row)
        if row_fields(row) != before:
            row.updated_at = now
            act.updated("project", row, before)
    return act.change


def list_projects(ws: Workspace, search: str = "") -> list[ProjectSummary]:
    """Every project in the workspace, optionally filtered by a text found in code or titles."""
    with ws.reading() as s:
        rows = s.scalars(select(ProjectRow).order_by(ProjectRow.id)).all()
        summaries = (ProjectSummary(r.id, r.code, r.title_en, r.title_zh, r.programme, r.host_country, r.methodology_id, r.stage,
                                    r.updated_at.isoformat()) for r in rows)
        return matching(summaries, search)
