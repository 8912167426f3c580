"""Documents: plain contexts from the store, completeness checks, and rendering to PDF (文件)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.documents.fonts import find_cjk_font
from workbench.documents.render import LANGS, render_document
from workbench.domain import catalogue
from workbench.domain.errors import UserError
from workbench.domain.progress import QUIET, Steps
from workbench.domain.estimate_table import estimate_table
from workbench.domain.stages import Stage
from workbench.domain.text import Bilingual, Text
from workbench.domain.vocabulary import DocumentKind
from workbench.domain.vocabulary import EngagementKind
from workbench.services.monitoring.accounting import period_of
from workbench.services.support.context import Actor
from workbench.domain.references import Placement
from workbench.services.documents.confirm_rule import period_values_to_confirm, refuse_final
from workbench.services.documents.context_parts import parties, project_facts
from workbench.services.documents.event_dates import document_date, stage_before
from workbench.services.documents.evidence import store_bytes
from workbench.services.documents.gaps import Missing
from workbench.services.documents.pdd_context import pdd_context
from workbench.services.documents.report_context import monitoring_context
from workbench.services.support.write_action import write_action
from workbench.services.methodology.methodology import ex_ante
from workbench.services.support.output_files import output_path, write_bytes
from workbench.services.issuance.issued_records import issuance_record, retirement_record
from workbench.services.projects.projects import resolve
from workbench.services.projects.risks import title
from workbench.store.models import ProjectRow
from workbench.store.models_ledger import BlockRow, IssuanceRow, TransactionRow
from workbench.store.models_periods import AccountingPeriodRow
from workbench.store.models_risks import RiskRow
from workbench.store.models_validation import EngagementRow, VvbRow
from workbench.store.workspace import Workspace

FINAL_FROM = {"pdd": (Stage.REGISTRATION_REQUESTED, Stage.REGISTERED, Stage.REPORT_PUBLICITY, Stage.VERIFICATION,
                      Stage.ISSUANCE_REQUESTED, Stage.ISSUED, Stage.CLOSED)}


def _period(period: AccountingPeriodRow) -> dict[str, Any]:
    return {"number": period.number, "start": str(period.start), "end": str(period.end), "status": period.status}


def issuance_context(s: Session, row: ProjectRow, period_ref) -> tuple[dict[str, Any], list[Missing]]:
    issuances = s.scalars(select(IssuanceRow).where(IssuanceRow.project_id == row.id).order_by(IssuanceRow.id)).all()
    if period_ref is not None:
        period = period_of(s, row.id, period_ref)
        issuances = [i for i in issuances if i.period_id == period.id]
    if not issuances:
        raise UserError("error.documents.nothing_has_been_issued_for_this", field="allocation_statement")
    issuance = issuances[-1]
    return {"project": project_facts(row), "parties": parties(row), "period": _period(s.get(AccountingPeriodRow, issuance.period_id)),
            "issuance": issuance_record(s, row, issuance)}, []


def retirement_context(s: Session, row: ProjectRow, block_id) -> tuple[dict[str, Any], list[Missing]]:
    """The certificate of one retired block (a retired block never moves, so it has exactly one retirement)."""
    if block_id is None:
        raise UserError("error.documents.a_certificate_is_for_one_retired", field="retirement")
    block = s.get(BlockRow, int(block_id)) if str(block_id).strip().isdigit() else None
    tx = s.scalar(select(TransactionRow).where(TransactionRow.block_id == block.id, TransactionRow.kind == "retire")) if block else None
    if block is None or tx is None or block.project_id != row.id:
        raise UserError("error.documents.block_of_project_is_not_retired", field="retirement", block_id=block_id, code=row.code)
    return {"project": project_facts(row), "parties": parties(row), "retirement": retirement_record(s, row, tx)}, []


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
    return {"project": project_facts(row), "parties": parties(row), "risks": risks}, missing


def _engagement(s: Session, project_id: int, kind: str, period_id: int | None = None):
    query = select(EngagementRow).where(EngagementRow.project_id == project_id, EngagementRow.kind == kind)
    if period_id is not None:
        query = query.where(EngagementRow.period_id == period_id)
    return s.scalars(query.order_by(EngagementRow.id.desc())).first()


def _named(vvb: VvbRow | None) -> Bilingual | None:
    """A VVB by its name in the document's language (the other language's name where one is not given)."""
    if vvb is None:
        return None
    return Bilingual.either(vvb.name_en, vvb.name_zh)


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
    return {"project": project_facts(row), "parties": parties(row), "sites": sites, "vvb": _vvb_name(s, e), "team": e.team if e else None,
            "period": _period(period) if period else None,
            "sample": (e.sampled_sites or None) if e else None, "enclosures": enclosures}, missing


def registration_context(s: Session, row: ProjectRow, today) -> tuple[dict[str, Any], list[Missing]]:
    e = _engagement(s, row.id, "validation")
    missing = []
    if _report(e) is None:
        missing.append(Missing(Text("common.validation"), Text("documents.a_final_validation_report")))
    ex = ex_ante(s, row, today)
    total = estimate_table(ex, row.crediting_start, row.crediting_end).total.reductions if ex else None  # the PDD's total row
    return {"project": project_facts(row), "parties": parties(row), "vvb": _vvb_name(s, e), "report": _report(e), "estimate_total": total,
            "enclosures": ["d.form", "d.pdd", "d.validation_report", "d.commitment"]}, missing


# The materials of an application for reductions (Measures art. 21): the form, the accounting report and the
# verification report the verification body uploads, and the owner's commitment on the accounting report.
ISSUANCE_ENCLOSURES = ({"document": "ia.form", "by": "ia.by_owner", "record": ""},
                       {"document": "d.monitoring_report", "by": "ia.by_verifier", "record": "period"},
                       {"document": "ia.verification_report", "by": "ia.by_verifier", "record": "report"},
                       {"document": "ia.commitment_letter", "by": "ia.by_owner", "record": "commitment"})


def issuance_application_context(s: Session, row: ProjectRow, period_ref) -> tuple[dict[str, Any], list[Missing]]:
    """The owner's application for one verified period's reductions (CCER: 项目减排量登记, Measures arts. 21–22; BRI:
    签发), with its enclosures, signed by the owner alone: the verification body answers for its report in the report
    (art. 20) and does not co-sign. Once issued, what was issued into each registry and to each holder."""
    if period_ref is None:
        raise UserError("error.documents.an_issuance_application_covers_one_accounting", field="period")
    period = period_of(s, row.id, period_ref)
    e = _engagement(s, row.id, "verification", period.id)
    missing = [] if _report(e) else [Missing(Text("common.verification"), Text("documents.a_final_verification_report_for_the"))]
    results = [{"year": v.vintage, "er": v.reductions, "credited": v.credited} for v in period.vintages]
    if not results:
        missing.append(Missing(Text("documents.calculation_and_results"), Text("documents.calculated_results")))
    missing += period_values_to_confirm(row, period)  # the owner's claim: final only on confirmed values (confirm_rule)
    issuance = s.scalar(select(IssuanceRow).where(IssuanceRow.period_id == period.id))
    return {"project": project_facts(row), "parties": parties(row), "period": _period(period), "verifier": _vvb_name(s, e), "report": _report(e), "results": results,
            "requested_total": sum(v.credited for v in period.vintages), "enclosures": list(ISSUANCE_ENCLOSURES),
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
        dated = document_date(s, row, kind, today, context)
        if kind == "monitoring-report":  # the status as it was when the report was written, not as it is today
            context["implementation"] = {**context["implementation"], "stage": stage_before(s, row.id, dated) or row.stage}
        stage = Stage(row.stage)
    if final:
        refuse_final(missing)
        allowed = FINAL_FROM.get(kind)
        if allowed is not None and stage not in allowed:
            raise UserError("error.documents.the_becomes_final_once_the_project", kind=DocumentKind(kind), stage=stage)
    return out, {**context, "kind": kind, "final": final, "version": version, "issued_on": str(dated)}  # a draft of any kind is marked DRAFT


def _document(kind: str, context: dict[str, Any], lang: str):
    """The document model; a final one that still carries a missing mark is refused (the check and the template
    read the same context, so this guards a template that marks what the context did not report)."""
    document = render_document(kind, context, lang)
    document.dated = date.fromisoformat(context["issued_on"])
    if context["final"]:
        marks = [run.text for block in document.blocks for run in _runs(block) if run.missing]
        if marks:
            raise UserError("error.documents.final_while_missing", items=Bilingual("; ".join(marks), "；".join(marks)))
    return document


def _runs(block):
    if hasattr(block, "runs"):
        return block.runs
    return [run for row in getattr(block, "rows", ()) for cell in row for run in cell.runs]


def render(ws: Workspace, kind: str, project: int | str, lang: str, out: str | Path, today, *, final: bool = False, ref=None,
           font: str | None = None, version: str = "1.0", archive: Actor | None = None, force: bool = False,
           steps: Steps = QUIET) -> Path:
    """Render a document to ``out``. A final render is refused while items are missing; drafts mark them.

    With ``archive`` (who renders), a final document is also kept in the workspace with its SHA-256 and retention date.
    An existing ``out`` is replaced only with ``force``. Each page is a step of ``steps``; stopped before the file is
    written, nothing is written (once it is written, the archiving goes through).
    """
    out, context = _prepared(ws, kind, project, lang, out, today, final, ref, version, force)
    from workbench.documents.fonts import register
    from workbench.documents.pdf import build

    steps.step(Text("progress.document.composing"))
    pdf = build(_document(kind, context, lang), register(find_cjk_font(font)), steps)
    steps.check()
    write_bytes(out, pdf)
    if archive is not None and context["final"]:
        with write_action(ws, archive, "document.add") as act:
            p = resolve(act.session, project)
            act.project_id = p.id
            store_bytes(act, p, out.name, pdf, Placement("project", p.id).columns(), "document", document=(kind, str(ref or "")))
    return out


def export_docx(ws: Workspace, kind: str, project: int | str, lang: str, out: str | Path, today, *, final: bool = False, ref=None,
                version: str = "1.0", force: bool = False, steps: Steps = QUIET) -> Path:
    """The same document as a Word file, from the same document model as the PDF, to go on editing in Word; stopped
    through ``steps`` before the file is written, nothing is written."""
    out, context = _prepared(ws, kind, project, lang, out, today, final, ref, version, force)
    from workbench.documents.docx_export import build  # python-docx: loaded for a Word export
    from workbench.documents.fonts import register
    steps.step(Text("progress.document.composing"))
    body = build(_document(kind, context, lang), register(find_cjk_font()))
    steps.check()
    write_bytes(out, body)
    return out


def preview(path: str | Path, steps: Steps = QUIET) -> list[bytes]:
    """Every page of a rendered PDF as a PNG image, to show inside the program (each page told to ``steps``)."""
    from workbench.documents.preview import page_images
    return page_images(Path(path), steps=steps)
