"""Documents: plain contexts from the store, completeness checks, and rendering to PDF (文件)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from workbench.documents.charts import bar_chart
from workbench.documents.fonts import find_cjk_font
from workbench.documents.render import LANGS, render_document, render_pdf
from workbench.domain import catalogue
from workbench.domain.errors import UserError
from workbench.domain.stages import Stage
from workbench.domain.text import Bilingual, Text
from workbench.domain.vocabulary import DocumentKind
from workbench.domain.vocabulary import EngagementKind
from workbench.methodology import additionality
from workbench.methodology.loader import get
from workbench.methodology.protocol import Verdict
from workbench.services.monitoring.accounting import needs_recalculation, period_of
from workbench.services.monitoring.meters import calibrations_of
from workbench.services.support.context import Actor
from workbench.domain.references import Placement
from workbench.services.documents.evidence import store_bytes
from workbench.services.support.write_action import write_action
from workbench.services.projects.agreements import agreement_name
from workbench.services.methodology.methodology import applicability_input, ex_ante, parameters_of
from workbench.services.methodology.project_inputs import DECLARATIONS, declarations_of, pdd_texts_of
from workbench.services.methodology.reference_editions import marked_editions
from workbench.services.support.output_files import output_path, write_bytes
from workbench.services.monitoring.periods import deviation_percent
from workbench.services.issuance.issued_records import issuance_record, retirement_record
from workbench.services.projects.projects import resolve
from workbench.services.projects.risks import title
from workbench.store.models import ProjectRow
from workbench.store.models_ledger import BlockRow, IssuanceRow, TransactionRow
from workbench.store.models_monitoring import MeterRow
from workbench.store.models_periods import AccountingPeriodRow
from workbench.store.models_risks import RiskRow
from workbench.store.models_validation import EngagementRow, VvbRow
from workbench.store.workspace import Workspace

PDD_TEXTS = ("description", "environment", "stakeholders")  # written by the user in both languages (PDD editor)
TEXT_TITLES = {"description": Text("documents.project_description"), "environment": Text("documents.environmental_impact"),
               "stakeholders": Text("documents.stakeholder_comments")}
APPLICABILITY = Text("documents.methodology_and_applicability")
APPLICATION = Text("documents.application_of_the_methodology")
EX_ANTE = Text("documents.ex_ante_estimate")
UNIQUENESS = Text("documents.uniqueness_statement")
VALIDATOR = Text("common.validation_and_verification_body")
PDD_SECTIONS = (TEXT_TITLES["description"], APPLICABILITY, APPLICATION, EX_ANTE, UNIQUENESS, VALIDATOR, TEXT_TITLES["environment"],
                TEXT_TITLES["stakeholders"])
FINAL_FROM = {"pdd": (Stage.REGISTRATION_REQUESTED, Stage.REGISTERED, Stage.REPORT_PUBLICITY, Stage.VERIFICATION,
                      Stage.ISSUANCE_REQUESTED, Stage.ISSUED, Stage.CLOSED)}


@dataclass(frozen=True)
class Missing:
    section: Bilingual
    item: Bilingual


def _project(row: ProjectRow) -> dict[str, Any]:
    crediting = f"{row.crediting_start} – {row.crediting_end}" if row.crediting_start and row.crediting_end else None
    return {
        "code": row.code, "title_en": row.title_en, "title_zh": row.title_zh,
        "programme": row.programme, "sector": row.sector,
        "host_country": row.host_country, "agreement": agreement_name(object_session(row), row),
        "methodology": f"{row.methodology_id}-{row.methodology_version}" if row.methodology_id else "",
        "construction_start": str(row.construction_start) if row.construction_start else None,
        "operation_start": str(row.operation_start) if row.operation_start else None,
        "project_start": str(row.project_start) if row.project_start else None,
        "lifetime_years": row.lifetime_years, "crediting": crediting,
    }


def _parties(row: ProjectRow) -> list[dict[str, str]]:
    return [{"name_en": p.name_en, "name_zh": p.name_zh, "role": p.role, "nationality": p.nationality, "country": p.country,
             "form": p.participation_form} for p in row.parties]


def _period(period: AccountingPeriodRow) -> dict[str, Any]:
    return {"number": period.number, "start": str(period.start), "end": str(period.end), "status": period.status}


def pdd_context(s: Session, row: ProjectRow, today) -> tuple[dict[str, Any], list[Missing]]:
    params = parameters_of(s, row.id)
    missing: list[Missing] = []
    written = pdd_texts_of(s, row.id)
    texts = {f"{k}_{lang}": written.get((k, lang), "") for k in PDD_TEXTS for lang in ("en", "zh")}
    for k in PDD_TEXTS:
        if not (texts[f"{k}_en"] or texts[f"{k}_zh"]):
            title = TEXT_TITLES[k]
            missing.append(Missing(title, Text("documents.section_text", section=title)))
    methodology = {"title_en": "", "title_zh": "", "conditions": [], "parameters": [], "monitoring": []}
    m = installed(row.methodology_id)
    if row.methodology_id and m is None:
        missing.append(Missing(APPLICABILITY, Text("documents.methodology_is_not_installed_in_this", methodology_id=row.methodology_id)))
    elif m is not None:
        facts = applicability_input(s, row)
        conditions = []
        for c in m.conditions:
            o = c.evaluate(facts)
            conditions.append({"text_en": c.text.en, "text_zh": c.text.zh, "verdict": o.verdict,
                               "explanation_en": o.explanation.en, "explanation_zh": o.explanation.zh})
            if o.verdict.value != "pass":
                missing.append(Missing(APPLICABILITY, Text("documents.condition_explained", condition=c.text, explanation=o.explanation)))
        methodology = {
            "title_en": m.title.en, "title_zh": m.title.zh, "conditions": conditions,
            "parameters": [{"symbol": p.symbol, "unit": p.unit, "description_en": p.description.en, "description_zh": p.description.zh,
                            "source": p.default.cite() if p.default else p.source} for p in m.parameters],
            "monitoring": [{"parameter": i.parameter, "equipment_en": i.equipment.en, "equipment_zh": i.equipment.zh, "accuracy": i.accuracy,
                            "frequency_en": i.frequency.en, "frequency_zh": i.frequency.zh, "qaqc_en": i.qa_qc.en, "qaqc_zh": i.qa_qc.zh}
                           for i in m.monitoring_plan],
        }
    else:
        missing.append(Missing(APPLICABILITY, Text("documents.methodology")))
    grid = None
    if params.get("grid"):
        factor = grid_factor_for_row(s, row, today)
        grid = factor.cite()
    elif m is not None and m.sector == "energy":
        missing.append(Missing(APPLICATION, Text("documents.grid_emission_factor_project_grid")))
    ex = ex_ante(s, row, today)
    estimate = [{"year": v.year, "be": v.baseline, "pe": v.project_emissions, "le": v.leakage, "er": v.reductions} for v in ex]
    chart = bar_chart([str(v.year) for v in ex], [("chart.er", [float(v.reductions) for v in ex])]) if ex else None
    if not estimate and m is not None and m.sector == "energy":
        missing.append(Missing(EX_ANTE, Text("documents.expected_annual_generation_ex_ante_eg")))
    elif not estimate:
        missing.append(Missing(EX_ANTE, Text("documents.planting_plan_per_stratum_parameters_plan")))
    deemed = additionality.assess(m.additionality, params.get(additionality.PARAMETER, "").strip()) if m is not None else None
    if deemed is not None and deemed.verdict is not Verdict.PASS:
        missing.append(Missing(Text("documents.additionality"), deemed.explanation))
    answered = declarations_of(s, row.id)
    declarations_complete = all(answered.get(d) is True for d in DECLARATIONS)
    if not declarations_complete:
        missing.append(Missing(UNIQUENESS, Text("documents.uniqueness_declarations")))
    validator = s.scalars(select(VvbRow).join(EngagementRow, EngagementRow.vvb_id == VvbRow.id)
                          .where(EngagementRow.project_id == row.id, EngagementRow.kind == "validation")).first()
    if validator is None:
        missing.append(Missing(VALIDATOR, Text("documents.vvb_engaged_for_validation")))
    sites = [{"name": x.name, "latitude": str(x.latitude), "longitude": str(x.longitude),
              "distance": str(x.distance_to_shore_km) if x.distance_to_shore_km is not None else None,
              "depth": str(x.water_depth_m) if x.water_depth_m is not None else None} for x in row.sites]
    context = {"project": _project(row), "parties": _parties(row), "sites": sites, "methodology": methodology, "grid_factor": grid,
               "estimate": estimate, "estimate_chart": chart, "declarations_complete": declarations_complete, "texts": texts,
               "vvb": _named(validator), "reference_editions": marked_editions(s, row.id, today),
               "additionality": {"deemed": deemed.verdict is Verdict.PASS, "text_en": deemed.explanation.en, "text_zh": deemed.explanation.zh}
               if deemed is not None else None}
    return context, missing


def installed(methodology_id: str):
    """The methodology package, or None when the id is empty or this workbench does not have it."""
    if not methodology_id:
        return None
    try:
        return get(methodology_id)
    except UserError:
        return None


def grid_factor_for_row(s: Session, row: ProjectRow, today):
    from workbench.methodology import grid_factors
    from workbench.services.methodology.methodology import grid_overrides

    return grid_factors.pick(parameters_of(s, row.id)["grid"], "pdd", today, None, grid_overrides(s))


def monitoring_context(s: Session, row: ProjectRow, period_ref) -> tuple[dict[str, Any], list[Missing]]:
    if period_ref is None:
        raise UserError("error.documents.a_monitoring_report_covers_one_accounting", field="period")
    period = period_of(s, row.id, period_ref)
    missing: list[Missing] = []
    results, sampling = [], []
    for v in period.vintages:
        deviation = deviation_percent(v)
        if deviation is not None and abs(deviation) > 10 and not v.deviation_note:
            missing.append(Missing(Text("documents.calculation_and_results"),
                                   Text("documents.explanation_of_the_deviation_in", deviation=deviation, vintage=v.vintage)))
        trace = json.loads(v.calculation)
        results.append({"year": v.vintage, "be": v.baseline, "pe": v.project_emissions, "le": v.leakage,
                        "er": v.reductions, "credited": v.credited, "estimate": v.ex_ante_estimate,
                        "deviation": deviation, "note": v.deviation_note,
                        "grid_factor": trace.get("grid_factor", ""), "corrections": trace.get("corrections", []),
                        "flags": trace.get("flags", []), "species": trace.get("species", {})})
        plan = trace.get("sampling") or {}
        sampling += [{"year": v.vintage, "stratum": name, **counts, "precision": Decimal(str(plan["target_precision"])) * 100}
                     for name, counts in plan.get("strata", {}).items()]
    if not results:
        missing.append(Missing(Text("documents.calculation_and_results"), Text("documents.calculated_results")))
    recalculate = needs_recalculation(period)
    if recalculate:
        missing.append(Missing(Text("documents.calculation_and_results"), Text("documents.a_recalculation_the_results_predate_meter")))
    chart = bar_chart([str(v.vintage) for v in period.vintages],
                      [("chart.actual_er", [float(v.reductions) for v in period.vintages]),
                       ("chart.estimate", [float(v.ex_ante_estimate or 0) for v in period.vintages])]) if period.vintages else None
    meters = [{"serial": m.serial, "role": m.role, "accuracy": m.accuracy_label, "calibrated": str(m.calibrated_on or ""),
               "calibrations": [{"on": str(c.calibrated_on), "error": f"{c.error_percent} %", "passed": c.passed, "reference": c.reference}
                                for c in calibrations_of(s, m)]}
              for m in s.scalars(select(MeterRow).where(MeterRow.project_id == row.id))]
    return {"project": _project(row), "parties": _parties(row), "period": _period(period), "results": results, "meters": meters, "chart": chart,
            "sampling": sampling, "recalculate": recalculate, "reference_editions": used_editions(period)}, missing


def used_editions(period) -> list[str]:
    """The user editions (grid, species, fuel) the period's stored results used, as their traces cite them: the
    monitoring report marks exactly what the figures rest on."""
    out: list[str] = []
    for v in sorted(period.vintages, key=lambda v: v.vintage):
        trace = json.loads(v.calculation or "{}")
        cites = [trace.get("grid_factor", ""), *(f"{k}: {c}" for k, c in trace.get("species", {}).items()),
                 *(f"{k.removeprefix('fuel.')}: {x.get('source', '')}" for k, x in trace.items() if k.startswith("fuel.") and isinstance(x, dict))]
        out += [c for c in cites if "user edition" in c and c not in out]
    return out


def issuance_context(s: Session, row: ProjectRow, period_ref) -> tuple[dict[str, Any], list[Missing]]:
    issuances = s.scalars(select(IssuanceRow).where(IssuanceRow.project_id == row.id).order_by(IssuanceRow.id)).all()
    if period_ref is not None:
        period = period_of(s, row.id, period_ref)
        issuances = [i for i in issuances if i.period_id == period.id]
    if not issuances:
        raise UserError("error.documents.nothing_has_been_issued_for_this", field="allocation_statement")
    issuance = issuances[-1]
    return {"project": _project(row), "parties": _parties(row), "period": _period(s.get(AccountingPeriodRow, issuance.period_id)),
            "issuance": issuance_record(s, row, issuance)}, []


def retirement_context(s: Session, row: ProjectRow, block_id) -> tuple[dict[str, Any], list[Missing]]:
    """The certificate of one retired block (a retired block never moves, so it has exactly one retirement)."""
    if block_id is None:
        raise UserError("error.documents.a_certificate_is_for_one_retired", field="retirement")
    block = s.get(BlockRow, int(block_id)) if str(block_id).strip().isdigit() else None
    tx = s.scalar(select(TransactionRow).where(TransactionRow.block_id == block.id, TransactionRow.kind == "retire")) if block else None
    if block is None or tx is None or block.project_id != row.id:
        raise UserError("error.documents.block_of_project_is_not_retired", field="retirement", block_id=block_id, code=row.code)
    return {"project": _project(row), "parties": _parties(row), "retirement": retirement_record(s, row, tx)}, []


def _risk_title(r: RiskRow) -> Text | Bilingual:
    """A checklist risk in the catalogue's current wording; the stored words for a key the checklist no longer has."""
    words = title(r.key)
    return words if catalogue.has(words.id, "en") and catalogue.has(words.id, "zh") else Bilingual(r.title_en, r.title_zh)


def risk_context(s: Session, row: ProjectRow) -> tuple[dict[str, Any], list[Missing]]:
    items = s.scalars(select(RiskRow).where(RiskRow.project_id == row.id).order_by(RiskRow.id)).all()
    missing = [Missing(Text("documents.risk_register"), Text("documents.assessment_of_risk", risk=_risk_title(r)))
               for r in items if r.status == "open" and not (r.owner and r.likelihood and r.impact)]
    if not items:
        missing.append(Missing(Text("documents.risk_register"), Text("documents.the_checklist_workbench_risk_preload")))
    risks = [{"title": _risk_title(r), "stage": r.stage, "owner": r.owner, "likelihood": r.likelihood,
              "impact": r.impact, "mitigation": r.mitigation, "status": r.status} for r in items]
    return {"project": _project(row), "parties": _parties(row), "risks": risks}, missing


def _engagement(s: Session, project_id: int, kind: str, period_id: int | None = None):
    query = select(EngagementRow).where(EngagementRow.project_id == project_id, EngagementRow.kind == kind)
    if period_id is not None:
        query = query.where(EngagementRow.period_id == period_id)
    return s.scalars(query.order_by(EngagementRow.id.desc())).first()


def _named(vvb: VvbRow | None) -> Bilingual | None:
    """A VVB by its name in the document's language (the other language's name where one is not given)."""
    if vvb is None:
        return None
    return Bilingual(vvb.name_en or vvb.name_zh, vvb.name_zh or vvb.name_en)


def _vvb_name(s: Session, engagement) -> Bilingual | None:
    return _named(s.get(VvbRow, engagement.vvb_id)) if engagement is not None else None


def _report(engagement) -> str | None:
    """The day the engagement's report became final (None while it is not)."""
    if engagement is None or engagement.report_status != "final":
        return None
    return str(engagement.final_on)


def engagement_package_context(s: Session, row: ProjectRow, kind: str, period_ref=None) -> tuple[dict[str, Any], list[Missing]]:
    """The package the owner hands the VVB: engagement, team, the site-visit sample, enclosures and sites."""
    period = None
    if kind == "verification":
        if period_ref is None:
            raise UserError("error.documents.a_verification_package_covers_one_accounting", field="period")
        period = period_of(s, row.id, period_ref)
    e = _engagement(s, row.id, kind, period.id if period else None)
    missing = [] if e else [Missing(Text("common.engagement"), Text("documents.vvb_engaged_for", kind=EngagementKind(kind)))]
    if e is not None and not e.sampled_sites:
        missing.append(Missing(Text("common.engagement"), Text("documents.site_visit_sample_workbench_vvb_sample")))
    sites = [{"name": x.name, "latitude": str(x.latitude), "longitude": str(x.longitude)} for x in row.sites]
    enclosures = ["d.pdd", "d.parcels", "d.tenure", "d.commitment"] if kind == "validation" else \
        ["d.monitoring_report", "d.monitoring_data", "d.meter_certificates", "d.pdd", "d.registration", "d.commitment"]
    return {"project": _project(row), "parties": _parties(row), "sites": sites, "vvb": _vvb_name(s, e), "team": e.team if e else None,
            "period": _period(period) if period else None,
            "sample": (e.sampled_sites or None) if e else None, "enclosures": enclosures}, missing


def registration_context(s: Session, row: ProjectRow, today) -> tuple[dict[str, Any], list[Missing]]:
    e = _engagement(s, row.id, "validation")
    missing = []
    if _report(e) is None:
        missing.append(Missing(Text("common.validation"), Text("documents.a_final_validation_report")))
    ex = ex_ante(s, row, today)
    # each year in whole tonnes, rounded down, and the total the sum of the rounded years (as units are issued)
    total = sum(int(v.reductions) for v in ex) if ex else None
    return {"project": _project(row), "parties": _parties(row), "vvb": _vvb_name(s, e), "report": _report(e), "estimate_total": total,
            "enclosures": ["d.form", "d.pdd", "d.validation_report", "d.commitment"]}, missing


def issuance_application_context(s: Session, row: ProjectRow, period_ref) -> tuple[dict[str, Any], list[Missing]]:
    if period_ref is None:
        raise UserError("error.documents.an_issuance_application_covers_one_accounting", field="period")
    period = period_of(s, row.id, period_ref)
    e = _engagement(s, row.id, "verification", period.id)
    missing = [] if _report(e) else [Missing(Text("common.verification"), Text("documents.a_final_verification_report_for_the"))]
    results = [{"year": v.vintage, "er": v.reductions, "credited": v.credited} for v in period.vintages]
    if not results:
        missing.append(Missing(Text("documents.calculation_and_results"), Text("documents.calculated_results")))
    issuance = s.scalar(select(IssuanceRow).where(IssuanceRow.period_id == period.id))
    return {"project": _project(row), "parties": _parties(row), "period": _period(period), "verifier": _vvb_name(s, e), "report": _report(e), "results": results,
            "requested_total": sum(v.credited for v in period.vintages),
            "issued": issuance_record(s, row, issuance) if issuance is not None else None}, missing


def context_for(s: Session, row: ProjectRow, kind: str, today, ref=None) -> tuple[dict[str, Any], list[Missing]]:
    if kind == "pdd":
        return pdd_context(s, row, today)
    if kind == "monitoring-report":
        return monitoring_context(s, row, ref)
    if kind in ("validation-package", "verification-package"):
        return engagement_package_context(s, row, kind.split("-")[0], ref)
    if kind == "registration-application":
        return registration_context(s, row, today)
    if kind == "issuance-application":
        return issuance_application_context(s, row, ref)
    if kind == "allocation-statement":
        return issuance_context(s, row, ref)
    if kind == "retirement-certificate":
        return retirement_context(s, row, ref)
    if kind == "risk-register":
        return risk_context(s, row)
    raise UserError("error.documents.document_kind_is_not_one_of", field="kind", kind=kind, value=', '.join(DocumentKind))


def check(ws: Workspace, kind: str, project: int | str, today, ref=None) -> list[Missing]:
    """Every missing or unconfirmed item, by section."""
    with ws.reading() as s:
        return context_for(s, resolve(s, project), kind, today, ref)[1]


def _prepared(ws: Workspace, kind: str, project: int | str, lang: str, out: str | Path, today, final: bool, ref, version: str,
              force: bool) -> tuple[Path, dict[str, Any]]:
    """The checked output path and the full template context; a final document is refused while items are missing."""
    if lang not in LANGS:
        raise UserError("error.documents.language_is_not_one_of", field="lang", lang=lang, value=', '.join(LANGS))
    out = output_path(out, force=force)
    with ws.reading() as s:
        row = resolve(s, project)
        context, missing = context_for(s, row, kind, today, ref)
        stage = Stage(row.stage)
    if final:
        if missing:
            items = Bilingual("; ".join(f"{m.section.en}: {m.item.en}" for m in missing), "；".join(f"{m.section.zh}:{m.item.zh}" for m in missing))
            raise UserError("error.documents.final_while_missing", items=items)
        allowed = FINAL_FROM.get(kind)
        if allowed is not None and stage not in allowed:
            raise UserError("error.documents.the_becomes_final_once_the_project", kind=DocumentKind(kind), stage=stage)
    always_final = kind in ("allocation-statement", "retirement-certificate")
    return out, {**context, "kind": kind, "final": final or always_final, "version": version, "issued_on": str(today)}


def render(ws: Workspace, kind: str, project: int | str, lang: str, out: str | Path, today, *, final: bool = False, ref=None,
           font: str | None = None, version: str = "1.0", archive: Actor | None = None, force: bool = False) -> Path:
    """Render a document to ``out``. A final render is refused while items are missing; drafts mark them.

    With ``archive`` (who renders), a final document is also kept in the workspace with its SHA-256 and retention date.
    An existing ``out`` is replaced only with ``force``.
    """
    out, context = _prepared(ws, kind, project, lang, out, today, final, ref, version, force)
    pdf = render_pdf(kind, context, lang, find_cjk_font(font))
    write_bytes(out, pdf)
    if archive is not None and context["final"]:
        with write_action(ws, archive, "document.add") as act:
            p = resolve(act.session, project)
            act.project_id = p.id
            store_bytes(act, p, out.name, pdf, Placement("project", p.id).columns(), "document", document=(kind, str(ref or "")))
    return out


def export_docx(ws: Workspace, kind: str, project: int | str, lang: str, out: str | Path, today, *, final: bool = False, ref=None,
                version: str = "1.0", force: bool = False) -> Path:
    """The same document as a Word file, from the same document model as the PDF, to go on editing in Word."""
    out, context = _prepared(ws, kind, project, lang, out, today, final, ref, version, force)
    from workbench.documents.docx_export import build  # python-docx: loaded for a Word export
    from workbench.documents.fonts import register
    write_bytes(out, build(render_document(kind, context, lang), register(find_cjk_font())))
    return out


def preview(path: str | Path) -> list[bytes]:
    """Every page of a rendered PDF as a PNG image, to show inside the program."""
    from workbench.documents.preview import page_images
    return page_images(Path(path))
