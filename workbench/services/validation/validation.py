"""VVBs, engagements and findings (审定与核查机构、委托与发现问题)."""

from __future__ import annotations

import re

from typing import Any

from sqlalchemy import func, select

from workbench.domain.act_order import check_report_after_publicity
from workbench.domain.change import Change
from workbench.domain.dependants import refuse_if_used
from workbench.domain.stages import Stage
from workbench.domain.text import Bilingual, Joined, Text
from workbench.domain.errors import NotFound, UserError
from workbench.domain.references import match_key
from workbench.domain import field_specs as fs
from workbench.domain.vocabulary import EngagementKind, FindingStatus
from workbench.reference import thresholds_on
from workbench.services.documents.evidence import evidence_dependants
from workbench.services.support import fields as f
from workbench.services.monitoring.accounting import period_of
from workbench.services.support.context import Actor
from workbench.services.projects.projects import resolve
from workbench.services.support.records import row_fields
from workbench.services.support.write_action import write_action
from workbench.store.models import ProjectRow
from workbench.store.models_periods import AccountingPeriodRow
from workbench.store.models_validation import EngagementRow, FindingRow, VvbRow
from workbench.store.workspace import Workspace

VVB_FIELDS = fs.flat(fs.VVB)

TEAM_SEPARATORS = re.compile(r"[,，、;；]")  # a team as either language lists it: "Li Wei, Zhang Min" / "李伟、张敏"
CJK = re.compile(r"[\u4e00-\u9fff]")  # a team written in Chinese is listed as Chinese lists names, with 、


def parse_vvb(values: dict[str, Any]) -> dict[str, Any]:
    parsed = f.parse_fields(values, VVB_FIELDS, "vvb")
    if not (parsed.get("name_en") or parsed.get("name_zh")):
        raise UserError("error.validation.a_vvb_needs_a_name", field="name_en")
    return parsed


def _insert_vvb(act, parsed: dict[str, Any]) -> VvbRow:
    """Record a new VVB; refused when one of its names is already recorded (compared as ``match_key``: case, spacing
    and full-width characters aside): the same body twice made the VVB lists show it twice."""
    for key in ("name_en", "name_zh"):
        wanted = match_key(parsed.get(key) or "")
        same = next((r for r in act.session.scalars(select(VvbRow)) if wanted and match_key(getattr(r, key) or "") == wanted), None)
        if same is not None:
            raise UserError("error.validation.vvb_already_recorded", field=key, name=Bilingual.either(same.name_en, same.name_zh))
    row = VvbRow(**{"name_en": "", "name_zh": "", "scopes": "", **parsed})
    act.session.add(row)
    act.session.flush()
    act.created("vvb", row)
    return row


def add_vvb(ws: Workspace, actor: Actor, values: dict[str, Any]) -> Change:
    parsed = parse_vvb(values)
    with write_action(ws, actor, "vvb.add") as act:
        act.result["id"] = _insert_vvb(act, parsed).id
    return act.change


def list_vvbs(ws: Workspace) -> list[VvbRow]:
    with ws.reading() as s:
        return list(s.scalars(select(VvbRow).order_by(VvbRow.id)))


def vvb_name(row: VvbRow) -> Bilingual:
    """The VVB's name as refusals show it: each language its own name, else the one the VVB was given in."""
    return Bilingual.either(row.name_en, row.name_zh)


def engage(ws: Workspace, actor: Actor, project: int | str, vvb_id: int, kind: str, team: str, period: int | str | None = None) -> Change:
    """Engage a VVB. The verifier must not be the VVB that validated the project (2023 CCER measures; the BRI
    procedure follows the same rule of the old CCER / CDM process). VVB, kind, team and period are parsed by the
    engagement's field specs."""
    return engage_vvb(ws, actor, project, vvb_id, kind, team, period)


def engage_vvb(ws: Workspace, actor: Actor, project: int | str, vvb: int | str | dict[str, Any], kind: str, team: str,
               period: int | str | None = None) -> Change:
    """Engage a recorded VVB (its id), or record a new one (its fields) and engage it, as one action (the engagement
    wizard): the same checks as ``engage`` — team size, accreditation for the project's sector, a verifier other than
    the validator, a calculated period to verify — and nothing is recorded when any of them refuses."""
    new_vvb = parse_vvb(vvb) if isinstance(vvb, dict) else None
    given = f.parse_record("engagement", kind=kind, team=team, period=period, **({} if new_vvb is not None else {"vvb": vvb}))
    kind, period = given["kind"], given["period"] or None
    members = [m.strip() for m in TEAM_SEPARATORS.split(given["team"]) if m.strip()]
    with write_action(ws, actor, "engagement.add") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        row_vvb = _insert_vvb(act, new_vvb) if new_vvb is not None else s.get(VvbRow, f.record_id(given["vvb"], "vvb"))
        if row_vvb is None:
            raise NotFound("error.validation.no_vvb_workbench_vvb_list_shows", field="vvb", vvb_id=vvb)
        row = _engage(act, p, row_vvb, kind, members, period)
        act.label = Text("change.engagement.add", subject=Bilingual.either(row_vvb.name_en, row_vvb.name_zh))
        act.result["id"] = row.id
    return act.change


def withdraw_engagement(ws: Workspace, actor: Actor, engagement_id: int, vvb_id: int | None = None) -> Change:
    """Take back an engagement just made (Edit › Undo): refused once the VVB's work has begun — a finding raised, its
    report final, evidence attached. A period it had marked reported for verification is a draft again; ``vvb_id``,
    the VVB recorded by the same action, is deleted with it unless another engagement names it."""
    with write_action(ws, actor, "engagement.withdraw") as act:
        s = act.session
        row = _engagement(s, engagement_id)
        act.project_id = row.project_id
        vvb = s.get(VvbRow, row.vvb_id)
        work = [Text("dependant.findings", count=len(row.findings))] if row.findings else []
        work += [Text("dependant.final_report")] if row.report_status != "draft" else []
        refuse_if_used(vvb_name(vvb), work + evidence_dependants(s, "for_engagement_id", row.id), "engagement")
        if row.period_id is not None:
            period = s.get(AccountingPeriodRow, row.period_id)
            others = s.scalar(select(func.count()).select_from(EngagementRow).where(EngagementRow.period_id == period.id, EngagementRow.id != row.id))
            if period.status == "reported" and not others:
                before = row_fields(period)
                period.status = "draft"
                act.updated("accounting_period", period, before)
            act.result["period"] = period.number
        act.deleted("engagement", row, row_fields(row))
        s.delete(row)
        s.flush()
        if vvb_id is not None and vvb.id == int(vvb_id) and not s.scalar(select(func.count()).select_from(EngagementRow).where(EngagementRow.vvb_id == vvb.id)):
            act.deleted("vvb", vvb, row_fields(vvb))
            s.delete(vvb)
        act.label = Text("change.engagement.withdraw", subject=Bilingual.either(vvb.name_en, vvb.name_zh))
    return act.change


def engage_again(ws: Workspace, actor: Actor, withdrawn: Change) -> Change:
    """Make a withdrawn engagement again from the values its withdrawal recorded (Edit › Redo)."""
    engagement = next(e.before for e in withdrawn.entities if e.entity == "engagement")
    vvb = next((e.before for e in withdrawn.entities if e.entity == "vvb"), None)
    chosen: int | dict[str, Any] = {k: vvb[k] for k in VVB_FIELDS if vvb.get(k)} if vvb else engagement["vvb_id"]
    return engage_vvb(ws, actor, engagement["project_id"], chosen, engagement["kind"], engagement["team"], withdrawn.result.get("period"))


def _engage(act, p, vvb: VvbRow, kind: str, members: list[str], period: int | str | None) -> EngagementRow:
    s, actor = act.session, act.actor
    minimum = thresholds_on(actor.today)[f"{p.programme}.vvb_team_min"]
    if len(members) < minimum.as_int:
        raise UserError("error.validation.the_team_has_member_s_at", field="team", count=len(members), as_int=minimum.as_int, source=minimum.cited)
    if vvb.scopes and p.sector not in [x.strip() for x in vvb.scopes.split(",")]:
        raise UserError("error.validation.is_accredited_for_not", field="vvb", value=vvb_name(vvb), scopes=vvb.scopes, sector=p.sector)
    period_id = None
    if kind == "verification":
        validators = {e.vvb_id for e in s.scalars(select(EngagementRow).where(EngagementRow.project_id == p.id, EngagementRow.kind == "validation"))}
        if vvb.id in validators:
            raise UserError("error.validation.validated_this_project_verification_must_be", field="vvb", value=vvb_name(vvb))
        if period is None:
            raise UserError("error.validation.a_verification_covers_an_accounting_period", field="period")
        row_period = period_of(s, p.id, period)
        if not row_period.vintages:
            raise UserError("error.validation.period_has_no_calculated_results_to", field="period", number=row_period.number)
        if row_period.status == "draft":
            before = row_fields(row_period)
            row_period.status = "reported"
            act.updated("accounting_period", row_period, before)
        period_id = row_period.id
    row = EngagementRow(project_id=p.id, vvb_id=vvb.id, kind=kind, period_id=period_id, team=("、" if CJK.search("".join(members)) else ", ").join(members),
                        started_on=actor.today, report_status="draft")
    s.add(row)
    s.flush()
    act.created("engagement", row)
    return row


def _engagement(s, engagement_id: int) -> EngagementRow:
    row = s.get(EngagementRow, f.record_id(engagement_id, "engagement"))
    if row is None:
        raise NotFound("error.validation.no_engagement", field="engagement", engagement_id=engagement_id)
    return row


def raise_finding(ws: Workspace, actor: Actor, engagement_id: int, kind: str, text: str) -> Change:
    """Raise a CAR, CL or FAR on an engagement whose report is not final (type and text parsed by the finding's field
    specs; the type in either case)."""
    given = f.parse_record("finding", type=str(kind or "").strip().upper(), text=text)
    kind, text = given["type"], given["text"]
    with write_action(ws, actor, "finding.raise") as act:
        s = act.session
        e = _engagement(s, engagement_id)
        act.project_id = e.project_id
        if e.report_status == "final":
            raise UserError("error.validation.the_report_is_final_findings_can", field="engagement")
        number = 1 + sum(1 for x in e.findings if x.type == kind)
        row = FindingRow(engagement_id=e.id, number=number, type=kind, text=text.strip(), raised_on=actor.today, status="open", response="")
        s.add(row)
        s.flush()
        act.created("finding", row)
        act.result.update(id=row.id, label=f"{kind}-{number}")
    return act.change


def _finding(s, finding_id: int) -> FindingRow:
    row = s.get(FindingRow, f.record_id(finding_id, "finding"))
    if row is None:
        raise NotFound("error.validation.no_finding", field="finding", finding_id=finding_id)
    return row


def respond(ws: Workspace, actor: Actor, finding_id: int, response: str) -> Change:
    if not response.strip():
        raise UserError("error.validation.the_response_is_empty", field="response")
    with write_action(ws, actor, "finding.respond") as act:
        s = act.session
        row = _finding(s, finding_id)
        act.project_id = row.engagement.project_id
        if row.status == "closed":
            raise UserError("error.validation.is_already_closed", field="finding", type=row.type, number=row.number)
        before = row_fields(row)
        row.response, row.responded_on, row.status = response.strip(), actor.today, "responded"
        act.updated("finding", row, before)
    return act.change


def close(ws: Workspace, actor: Actor, finding_id: int) -> Change:
    with write_action(ws, actor, "finding.close") as act:
        s = act.session
        row = _finding(s, finding_id)
        act.project_id = row.engagement.project_id
        if row.status != "responded":
            raise UserError("error.validation.is_the_owner_responds_before_the", field="finding", type=row.type, number=row.number, status=FindingStatus(row.status))
        before = row_fields(row)
        row.status, row.closed_on = "closed", actor.today
        act.updated("finding", row, before)
    return act.change


def _finding_dependants(s, row: FindingRow) -> list[Text]:
    closed = [Text("dependant.closed_finding", on=row.closed_on)] if row.status == "closed" else []
    return closed + evidence_dependants(s, "for_finding_id", row.id)


def finding_dependants(ws: Workspace, finding_id: int) -> list[Text]:
    """What keeps a finding from being withdrawn: its report (once closed, it is part of it) and its evidence files."""
    with ws.reading() as s:
        return _finding_dependants(s, _finding(s, finding_id))


def remove_finding(ws: Workspace, actor: Actor, finding_id: int, reason: str) -> Change:
    """Withdraw a finding raised by mistake. A closed finding is part of the report and stays; one that still has
    evidence is refused with the list of its files (move or remove them first): ``finding_dependants``."""
    if not reason.strip():
        raise UserError("error.validation.say_why_the_finding_is_withdrawn", field="reason")
    with write_action(ws, actor, "finding.remove", reason=reason.strip()) as act:
        s = act.session
        row = _finding(s, finding_id)
        act.project_id = row.engagement.project_id
        refuse_if_used(f"{row.type}-{row.number}", _finding_dependants(s, row), "finding")
        before = row_fields(row)
        s.delete(row)
        s.flush()
        act.deleted("finding", row, before)
    return act.change


def finalise_report(ws: Workspace, actor: Actor, engagement_id: int) -> Change:
    """Make the report final: refused while a CAR or CL is open, while the public comment period the report answers
    still runs (act_order.check_report_after_publicity), and for a verification while a FAR carried forward from an
    earlier report is not closed (carried_forward_open); this report's open FARs carry forward."""
    with write_action(ws, actor, "engagement.final") as act:
        s = act.session
        e = _engagement(s, engagement_id)
        act.project_id = e.project_id
        if e.report_status == "final":
            raise UserError("error.validation.the_report_is_already_final", field="engagement")
        project = s.get(ProjectRow, e.project_id)
        check_report_after_publicity(e.kind, project.stage, Stage(project.stage), project.stage_since)
        carried = carried_forward_open(s, e)
        if carried:
            raise UserError("error.validation.far_carried_forward_open", field="finding", findings=Joined(tuple(carried)))
        blocking = [f"{x.type}-{x.number} '{x.text}'" for x in e.findings if x.type in ("CAR", "CL") and x.status != "closed"]
        if blocking:
            raise UserError("error.validation.report_cannot_be_final_open", field="engagement", number=e.id, findings="; ".join(blocking))
        before = row_fields(e)
        e.report_status, e.final_on = "final", actor.today
        act.updated("engagement", e, before)
        for x in e.findings:
            if x.type == "FAR" and x.status != "closed":
                far_before = row_fields(x)
                x.status = "carried_forward"
                act.updated("finding", x, far_before)
        if e.kind == "verification" and e.period_id:
            period = period_of(s, e.project_id, e.period_id)
            period_before = row_fields(period)
            period.status = "verified"
            act.updated("accounting_period", period, period_before)
    return act.change


def carried_forward_open(s, e: EngagementRow) -> list[Text]:
    """The FARs of the project's earlier reports carried forward and not closed, which a verification ``e`` answers:
    each worded with its report and text (empty for a validation)."""
    if e.kind != "verification":
        return []
    earlier = s.scalars(select(EngagementRow).where(EngagementRow.project_id == e.project_id, EngagementRow.id != e.id)).all()
    return [Text("validation.far_of_report", label=f"{x.type}-{x.number}", kind=EngagementKind(other.kind), text=x.text)
            for other in earlier for x in other.findings if x.type == "FAR" and x.status == "carried_forward"]


def engagements_of(ws: Workspace, project: int | str) -> list[EngagementRow]:
    with ws.reading() as s:
        p = resolve(s, project)
        rows = list(s.scalars(select(EngagementRow).where(EngagementRow.project_id == p.id).order_by(EngagementRow.id)))
        for r in rows:
            r.findings  # noqa: B018 - loaded while the session is open
        return rows


def sample_sites(ws: Workspace, actor: Actor, engagement_id: int, seed: int | None = None) -> Change:
    """Sites the VVB visits: all when there are few, else a reproducible random sample (the seed is recorded).

    Thresholds are dated data (``*.site_visit_all_max_sites``, ``*.site_visit_min_sample``).
    """
    import random
    import secrets

    with write_action(ws, actor, "engagement.sample") as act:
        s = act.session
        e = _engagement(s, engagement_id)
        p = resolve(s, e.project_id)
        act.project_id = p.id
        names = sorted(site.name for site in p.sites)
        if not names:
            raise UserError("error.validation.the_project_has_no_sites_to", field="sites")
        limits = thresholds_on(actor.today)
        all_max = limits[f"{p.programme}.site_visit_all_max_sites"].as_int
        minimum = limits[f"{p.programme}.site_visit_min_sample"].as_int
        before = row_fields(e)
        if len(names) <= all_max:
            chosen, used_seed = names, None
        else:
            used_seed = secrets.randbelow(2**31) if seed is None else int(seed)
            chosen = sorted(random.Random(used_seed).sample(names, max(minimum, 1)))
        e.sample_seed, e.sampled_sites = used_seed, ", ".join(chosen)
        act.updated("engagement", e, before)
        act.result.update(seed=used_seed, sites=chosen)
    return act.change
