"""What reference pickers offer (引用选择): the records a field may point to, from the right scope.

The selected project's engagements, findings, accounting periods, unit blocks, risks, meters and evidence targets;
the workspace's VVBs, agreements and holder accounts. Each choice is (value handed to the service, text shown);
the text says what the record is, never just its id.
"""

from __future__ import annotations

from typing import Any

from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.text import Bilingual, Text
from workbench.domain.vocabulary import BlockStatus, EngagementKind, FindingStatus, MeterRole
from workbench.methodology.loader import all_methodologies
from workbench.reference.countries import by_code
from workbench.services.issuance import accounts, ledger, ledger_exports
from workbench.services.monitoring import meters, periods
from workbench.services.projects import projects, risks
from workbench.services.validation import validation
from workbench.store.workspace import Workspace
from workbench.ui.fields import Field

Choices = list[tuple[str, Any]]


def joined(*parts: Any) -> Bilingual:
    """Parts (texts, labels, plain values) shown as one choice in either language."""
    def in_lang(lang: str) -> str:
        return " · ".join(p.in_lang(lang) if callable(getattr(p, "in_lang", None)) else str(p) for p in parts if p not in (None, ""))
    return Bilingual(in_lang("en"), in_lang("zh"))


def methodology_choices() -> Choices:
    """Every installed methodology, by its id and title."""
    return [(m.full_id, joined(m.full_id, m.title)) for m in all_methodologies().values()]


def agreement_choices(ws: Workspace, host: str = "") -> Choices:
    """The recorded agreements; with ``host`` (an ISO code), only those with that host country."""
    return [(str(a.id), a.name) for a in ledger.list_agreements(ws) if not host or a.host_country == host]


def vvb_choices(ws: Workspace) -> Choices:
    return [(str(v.id), Bilingual.either(v.name_en, v.name_zh)) for v in validation.list_vvbs(ws)]


def holder_choices(ws: Workspace, registry: str | None = None) -> Choices:
    """Holders with an account in ``registry`` (a transfer stays in its block's registry), each named with the registry;
    every registry's holders when none is given."""
    seen: dict[str, Any] = {}
    for a in accounts.list_accounts(ws, registry):
        seen.setdefault(a.holder, joined(a.holder, Text("ui.pickers.registry_of", country=by_code(a.registry_code))))
    return sorted(seen.items())


def engagement_choices(ws: Workspace, project: int | None, *, draft_only: bool = False) -> Choices:
    if project is None:
        return []
    vvbs = {v.id: Bilingual.either(v.name_en, v.name_zh) for v in validation.list_vvbs(ws)}
    return [(str(e.id), joined(EngagementKind(e.kind), vvbs.get(e.vvb_id, ""), e.started_on))
            for e in validation.engagements_of(ws, project) if not draft_only or e.report_status == "draft"]


def finding_choices(ws: Workspace, project: int | None, *, statuses: tuple[str, ...] = ()) -> Choices:
    if project is None:
        return []
    return [(str(x.id), joined(f"{x.type}-{x.number}", FindingStatus(x.status), x.text[:60]))
            for e in validation.engagements_of(ws, project) for x in e.findings if not statuses or x.status in statuses]


def period_choices(ws: Workspace, project: int | None) -> Choices:
    if project is None:
        return []
    return [(str(p.number), joined(Text("ui.pickers.period", number=p.number), f"{p.start} – {p.end}"))
            for p in periods.list_periods(ws, project)]


def block_choices(ws: Workspace, project: int | None, *, movable: bool = False) -> Choices:
    """The project's blocks; ``movable``: only those that can be transferred, retired or held (not pledged or frozen)."""
    if project is None:
        return []
    return [(str(b["block"]), joined(b["registry"], b["holder"], b["vintage"], Text("ui.pickers.tonnes", quantity=f"{b['quantity']:,}"),
                                     BlockStatus(b["status"])))
            for b in ledger_exports.ledger_rows(ws, project) if not movable or (b["status"] in (BlockStatus.ISSUED, BlockStatus.TRANSFERRED) and not (b["pledged"] or b["frozen"]))]


def risk_choices(ws: Workspace, project: int | None) -> Choices:
    if project is None:
        return []
    return [(r.key, Bilingual.either(r.title_en, r.title_zh)) for r in risks.register_of(ws, project)]


def meter_choices(ws: Workspace, project: int | None) -> Choices:
    if project is None:
        return []
    return [(m["serial"], joined(m["serial"], MeterRole(m["role"]))) for m in meters.list_meters(ws, project)]


def evidence_targets(ws: Workspace, project: int | None) -> Choices:
    """What a file can be attached to: the project itself, an engagement, a finding or an accounting period."""
    if project is None:
        return []
    targets: Choices = [("", Text("ui.evidence.project"))]
    targets += [(f"engagement:{value}", joined(Text("common.engagement"), text)) for value, text in engagement_choices(ws, project)]
    targets += [(f"finding:{value}", joined(Text("ui.validation.finding"), text)) for value, text in finding_choices(ws, project)]
    targets += [(f"period:{value}", text) for value, text in period_choices(ws, project)]
    return targets


def reference(key: str, label: Text | None = None, required: bool = True) -> Field:
    """A field whose value is chosen among records (the page fills its choices on each refresh)."""
    return Field(key, FieldSpec(FieldKind.TEXT, required=required), label=label, reference=True)


def new_project_fields() -> list[Field]:
    """The new-project form: the project's own specs, every installed methodology, recorded agreements to pick."""
    spec = projects.PROJECT_FIELDS
    plain = [Field(k, spec[k]) for k in ("code", "title_en", "title_zh")] + [Field("programme", spec["programme"], default="bri")]
    return [*plain, Field("host_country", spec["host_country"], host=True), Field("sector", spec["sector"]),
            Field("methodology_id", spec["methodology_id"], label=Text("common.methodology"), choices=tuple(methodology_choices()), reference=True),
            reference("agreement", Text("common.agreement_bri"), required=False),
            *(Field(k, spec[k]) for k in ("project_start", "construction_start", "operation_start", "crediting_start", "crediting_end"))]
