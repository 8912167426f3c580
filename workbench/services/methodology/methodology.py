"""Methodology actions: project parameters and declarations, applicability checks, estimates, grid editions."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.change import Change
from workbench.domain.errors import UserError, parse_problem
from workbench.domain.estimate_table import year_share
from workbench.domain.text import Bilingual
from workbench.domain.text import Text
from workbench.methodology import additionality, grid_factors
from workbench.methodology.conditions import OUT_OF_SCOPE, out_of_scope
from workbench.methodology.loader import all_methodologies, get
from workbench.methodology.protocol import ApplicabilityInput, Methodology, SiteFacts, Verdict, VintageResult
from workbench.reference import ReferenceRow, parse_rows
from workbench.services.methodology.data_editions import with_editions
from workbench.services.support.context import Actor
from workbench.services.support.file_guards import MAX_JSON, guard_file, guard_json
from workbench.services.projects.parties import SITE_FIELDS
from workbench.services.projects.projects import PROJECT_FIELDS, resolve, update_project
from workbench.services.support import fields as f
from workbench.services.methodology import parameter_keys, project_inputs
from workbench.services.methodology.project_inputs import DECLARATIONS
from workbench.services.support.records import entity, row_fields
from workbench.services.support.write_action import write_action
from workbench.services.monitoring.site_import import stratum_areas
from workbench.store.models import ProjectRow, ReferenceOverrideRow
from workbench.store.models_methodology import ProjectParameterRow
from workbench.store.workspace import Workspace


def parameters_of(session: Session, project_id: int) -> dict[str, str]:
    rows = session.scalars(select(ProjectParameterRow).where(ProjectParameterRow.project_id == project_id))
    return {r.key: r.value for r in rows}


def set_parameter(ws: Workspace, actor: Actor, project: int | str, key: str, value: str, source: str = "") -> Change:
    """Set a project parameter (e.g. ``grid``): a project-level key or a symbol of the project's methodology's
    parameter list, its value parsed by kind (``parameter_keys``); any other key is refused. A declaration (``decl.no_green_certificate`` yes), an evidence
    reference (``evidence.grid_connection``) or a PDD text (``text.description.en``) named this way is stored in its
    own table (``project_inputs``)."""
    key = key.strip()
    if not key:
        raise UserError("error.methodology.empty_parameter_name", field="parameter")
    if key.startswith(project_inputs.INPUT_PREFIXES):
        return project_inputs.set_input(ws, actor, project, key, value, source)
    with write_action(ws, actor, "parameter.set") as act:
        s = act.session
        m = all_methodologies().get(resolve(s, project).methodology_id or "")
        value = parameter_keys.parse(key, value, m)
        if key == additionality.PARAMETER:
            additionality.check_case(m.additionality if m else (), value)
        if key == "grid":
            known = grid_factors.table(grid_overrides(s)).keys()
            if value not in known:
                raise UserError("error.methodology.unknown_grid_known_grids_add_the", field="grid", value=value, value2=', '.join(known) or 'none')
        p = resolve(s, project)
        act.project_id = p.id
        row = s.scalar(select(ProjectParameterRow).where(ProjectParameterRow.project_id == p.id, ProjectParameterRow.key == key))
        before = row_fields(row) if row else None
        if row is None:
            row = ProjectParameterRow(project_id=p.id, key=key, value=value, source=source, updated_at=actor.now())
            s.add(row)
        else:
            row.value, row.source, row.updated_at = value, source, actor.now()
        s.flush()
        act.add(entity("project_parameter", row, before))
    return act.change


def delete_parameter(ws: Workspace, actor: Actor, project: int | str, key: str) -> Change:
    """Take a parameter away (a declaration, evidence reference or PDD text named as ``set_parameter`` names it too)."""
    if key.startswith(project_inputs.INPUT_PREFIXES):
        return project_inputs.remove_input(ws, actor, project, key)
    with write_action(ws, actor, "parameter.delete") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        row = s.scalar(select(ProjectParameterRow).where(ProjectParameterRow.project_id == p.id, ProjectParameterRow.key == key))
        if row is None:
            raise UserError("error.methodology.the_project_has_no_parameter", field="parameter", key=key)
        before = row_fields(row)
        s.delete(row)
        act.deleted("project_parameter", row, before)
    return act.change


def applicability_input(session: Session, row: ProjectRow) -> ApplicabilityInput:
    declarations = project_inputs.declarations_of(session, row.id)
    params = parameters_of(session, row.id)
    return ApplicabilityInput(
        programme=row.programme,
        host_country=row.host_country,
        sector=row.sector,
        construction_start=row.construction_start,
        operation_start=row.operation_start,
        crediting_start=row.crediting_start,
        project_start=row.project_start,
        additionality_case=params.get(additionality.PARAMETER, "").strip(),
        sites=tuple(SiteFacts(s.name, s.distance_to_shore_km, s.water_depth_m, s.area_ha) for s in row.sites),
        declarations={d: declarations.get(d, False) for d in DECLARATIONS},
        evidence=project_inputs.condition_evidence_of(session, row.id),
    )


@dataclass(frozen=True)
class ConditionResult:
    key: str
    text: Bilingual
    verdict: Verdict
    explanation: Bilingual
    evidence: Bilingual | None
    evidence_key: str = ""  # the project parameter evidence.<key> that satisfies it, when it needs evidence


@dataclass(frozen=True)
class MethodologyCheck:
    methodology: str
    title: Bilingual
    chosen: bool
    applicable: Verdict
    conditions: list[ConditionResult]


def check_project(ws: Workspace, project: int | str, methodology_id: str | None = None, by_choice: bool = True) -> list[MethodologyCheck]:
    """Evaluate every methodology (or one) against the project and explain each condition. One out of the project's
    scope (another sector, or — ``by_choice`` — another technology than the methodology the project chose) says so
    plainly instead (``conditions.out_of_scope``)."""
    with ws.reading() as s:
        row = resolve(s, project)
        return _evaluate(methodology_id, applicability_input(s, row), row.methodology_id if by_choice else "")


def check_draft(values: dict[str, Any], sites: list[dict[str, Any]]) -> list[MethodologyCheck]:
    """Every methodology against a project not saved yet (the new-project wizard): its fields and sites as the project
    and site specs read them; no declarations or evidence yet, so conditions that need them say so."""
    parsed = f.parse_fields({k: v for k, v in values.items() if k != "agreement"}, PROJECT_FIELDS, "project")
    site_rows = [f.parse_fields(v, SITE_FIELDS, "site") for v in sites]
    facts = ApplicabilityInput(
        programme=parsed.get("programme", ""), host_country=parsed.get("host_country", ""), sector=parsed.get("sector", ""),
        construction_start=parsed.get("construction_start"), operation_start=parsed.get("operation_start"),
        crediting_start=parsed.get("crediting_start"), project_start=parsed.get("project_start"),
        sites=tuple(SiteFacts(v["name"], v.get("distance_to_shore_km"), v.get("water_depth_m"), v.get("area_ha")) for v in site_rows),
        declarations={d: False for d in DECLARATIONS})
    return _evaluate(None, facts, "")


def _evaluate(methodology_id: str | None, facts: ApplicabilityInput, own_id: str) -> list[MethodologyCheck]:
    checked = [get(methodology_id)] if methodology_id else list(all_methodologies().values())
    own = all_methodologies().get(own_id) if own_id else None
    results = []
    for m in checked:
        scope = out_of_scope(m, facts, own)
        conditions = [ConditionResult("scope", OUT_OF_SCOPE, scope.verdict, scope.explanation, None)] if scope else []
        for c in () if scope else m.conditions:
            outcome = c.evaluate(facts)
            conditions.append(ConditionResult(c.key, c.text, outcome.verdict, outcome.explanation, outcome.evidence, c.evidence_key))
        verdicts = {c.verdict for c in conditions}
        overall = Verdict.FAIL if Verdict.FAIL in verdicts else Verdict.NEEDS_EVIDENCE if Verdict.NEEDS_EVIDENCE in verdicts else Verdict.PASS
        results.append(MethodologyCheck(m.full_id, m.title, m.id == own_id, overall, conditions))
    return results


def choose(ws: Workspace, actor: Actor, project: int | str, full_id: str) -> Change:
    """Make an installed methodology (``CCER-14-001-V01``) the project's; refused when it fails a condition."""
    found = next((m for m in all_methodologies().values() if m.full_id == full_id), None)
    if found is None:
        raise UserError("error.methodology.is_not_installed_installed", field="methodology", full_id=full_id, value=', '.join(m.full_id for m in all_methodologies().values()))
    (check,) = check_project(ws, project, found.id, by_choice=False)  # choosing anew may correct an earlier choice
    failed = [c for c in check.conditions if c.verdict is Verdict.FAIL]
    if failed:
        why = Bilingual("; ".join(f"{c.text.en}: {c.explanation.en}" for c in failed),
                        "；".join(f"{c.text.zh}:{c.explanation.zh}" for c in failed))
        raise UserError("error.methodology.does_not_apply", field="methodology", full_id=full_id, reasons=why)
    return update_project(ws, actor, project, {"methodology_id": found.id, "methodology_version": found.version},
                          reason=Text("reason.methodology_chosen", methodology=full_id))


def estimate(methodology_id: str, values: dict[str, Any], ws: Workspace | None = None, on: date | None = None) -> dict[str, Any]:
    """Run a methodology's calculation on parameter values keyed by its own symbols (decimal strings); with a
    workspace, its species and fuel editions in force on ``on`` (the PDD rule: the latest) fill what the values
    do not give themselves."""
    m = get(methodology_id)
    if not isinstance(values, dict):
        raise UserError("error.methodology.the_input_must_be_a_json", field="input")
    if ws is not None:
        with ws.reading() as s:
            values = with_editions(s, m, values, on or date.today())
    results: list[VintageResult] = m.estimate(values)
    used = {k: _as_text(v) for k, v in results[0].used.items() if not k.startswith("EG_") and "error" not in k} if results else {}
    return {
        "methodology": m.full_id,
        "vintages": [
            {"year": r.year, "BE": str(r.baseline), "PE": str(r.project_emissions), "LE": str(r.leakage), "ER": str(r.reductions)}
            for r in results
        ],
        "total_ER": str(sum((r.reductions for r in results), Decimal(0))),
        "parameters_used": used,
    }


def _as_text(value: Any) -> Any:
    """Nested values kept as JSON objects and lists, every number and word in them as text (decimal strings)."""
    if isinstance(value, dict):
        return {str(k): _as_text(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_as_text(v) for v in value]
    return str(value)


def load_input(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    try:
        return json.loads(guard_json(guard_file(p, MAX_JSON).read_bytes(), str(p)).decode("utf-8"), parse_float=str)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise UserError("error.methodology.not_valid_json", where=str(p), exc=parse_problem(exc))


def user_species(params: dict[str, str]) -> list[dict[str, str]]:
    """The project's own species rows from parameters ``species.KEY.a`` / ``.b`` / ``.c`` / ``.root_shoot`` /
    ``.source`` (/ ``.name_zh``), as the forestry calculation's ``species_table``."""
    rows: dict[str, dict[str, str]] = {}
    for name, value in params.items():
        if name.startswith("species.") and name.count(".") >= 2:
            key, _, column = name[len("species."):].rpartition(".")
            rows.setdefault(key, {"key": key})[column] = value
    return list(rows.values())


def grid_overrides(session: Session) -> list[ReferenceRow]:
    """The user's grid-factor editions in this workspace; a confirmed one carries who confirmed it and is no longer
    marked (confirm)."""
    rows = session.scalars(select(ReferenceOverrideRow).where(ReferenceOverrideRow.table_name == grid_factors.TABLE))
    out = []
    for o in rows:
        for r in parse_rows(grid_factors.TABLE, o.columns, origin=o.origin, overridden=True, decimal_columns=("ef_om", "ef_bm", "data_year")):
            if o.confirmed_by:
                r = replace(r, confirm=False, columns={**r.columns, "confirmed": f"{o.confirmed_by} on {o.confirmed_at:%Y-%m-%d} "
                                                                                 f"against {o.confirmed_source}"})
            out.append(replace(r, columns={**r.columns, "edition_id": str(o.id)}))
    return out


def import_grid_edition(ws: Workspace, actor: Actor, path: str | Path) -> Change:
    """Add a grid-factor edition from a CSV shaped like the shipped table; checked whole before storing."""
    from workbench.services.support.text_files import read_text_file

    p = Path(path)
    text = read_text_file(p)  # UTF-8, else GB18030: Excel/WPS on Chinese Windows saves CSV in GBK
    rows = parse_rows(grid_factors.TABLE, text, origin=str(p), overridden=True, decimal_columns=("ef_om", "ef_bm", "data_year"))
    for i, r in enumerate(rows, start=2):
        for column in ("edition", "unit"):
            if not r.columns.get(column):
                raise UserError("error.methodology.column_is_empty", where=Text("where.file_line", file=p, line=i), column=column)
    if not rows:
        raise UserError("error.methodology.no_rows", where=str(p))
    with write_action(ws, actor, "reference.import") as act:
        s = act.session
        stored = []
        for r in rows:
            line = ",".join(f'"{c}"' for c in r.columns)
            values = ",".join('"' + r.columns[c].replace('"', '""') + '"' for c in r.columns)
            o = ReferenceOverrideRow(table_name=grid_factors.TABLE, key=r.key, columns=f"{line}\n{values}\n", origin=str(p), imported_at=actor.now())
            s.add(o)
            stored.append(o)
        s.flush()
        for o in stored:
            act.created("reference_override", o)
        act.result["rows"] = len(stored)
    return act.change


def grid_factor_for(ws: Workspace, project: int | str, stage: str, on, vintage: int | None = None) -> grid_factors.GridFactor:
    with ws.reading() as s:
        row = resolve(s, project)
        grid = parameters_of(s, row.id).get("grid")
        if not grid:
            raise UserError("error.methodology.the_project_has_no_grid_set", field="grid")
        return grid_factors.pick(grid, stage, on, vintage, grid_overrides(s))


def ex_ante(session: Session, row: ProjectRow, today) -> list[VintageResult]:
    """The PDD's ex-ante estimate per calendar year of the crediting period. Empty when an input is missing.

    Grid power (CCER-01-002-V01 form): expected annual net generation ``ex_ante_EG_MWh`` (a project parameter) ×
    the PDD-stage grid factor, pro rata to the days of each year inside the crediting period. Forestry: the
    planting plan per stratum (``plan.STRATUM.species``, ``plan.STRATUM.planted`` year, ``plan.STRATUM.density``
    trees/ha) on the stratum areas of the parcels, projected with the methodology's growth tables.
    """
    params = parameters_of(session, row.id)
    m = all_methodologies().get(row.methodology_id) if row.methodology_id else None
    if m is None or not (row.crediting_start and row.crediting_end):
        return []
    if m.projection is not None:
        return _forestry_ex_ante(session, row, params, m, today)
    expected = params.get("ex_ante_EG_MWh")
    grid = params.get("grid")
    if not (expected and grid) or m.sector != "energy":
        return []
    factor = grid_factors.pick(grid, "pdd", today, None, grid_overrides(session))
    vintages = []
    for year in range(row.crediting_start.year, row.crediting_end.year + 1):
        share = year_share(year, row.crediting_start, row.crediting_end)
        vintages.append({"year": year, "EG_export": Decimal(expected) * share, "EG_import": Decimal(0)})
    return m.estimate({"EF_OM": factor.ef_om, "EF_BM": factor.ef_bm, "vintages": vintages})


def _forestry_ex_ante(session: Session, row: ProjectRow, params: dict[str, str], m: Methodology, today: date) -> list[VintageResult]:
    strata = []
    for name, area in sorted(stratum_areas(session, row.id).items()):
        plan = {k: params.get(f"plan.{name}.{k}") for k in ("species", "planted", "density")}
        if all(plan.values()):
            strata.append({"name": name, "area_ha": str(area), **plan})
    if not strata:
        return []
    values = {"strata": strata, "years": list(range(row.crediting_start.year, row.crediting_end.year + 1)), "species_table": user_species(params)}
    projected = m.projection(with_editions(session, m, values, today))  # PDD: the latest species editions
    return [_pro_rated(v, year_share(v.year, row.crediting_start, row.crediting_end)) for v in projected]


def _pro_rated(v: VintageResult, share: Decimal) -> VintageResult:
    """A projected year's removals for the part of the year inside the crediting period (a period ending on
    28 February counts 59/365 of that year)."""
    if share == 1:
        return v
    return replace(v, baseline=v.baseline * share, project_emissions=v.project_emissions * share, leakage=v.leakage * share,
                   reductions=v.reductions * share, used={**v.used, "share_of_year": str(share)})
