"""The monitoring report's follow-up sections (监测与减排量核算报告 E–G; DOMAIN.md §6, the CDM monitoring-report form as
the structural model):

- ``explained``: each grid-power vintage's difference from the PDD estimate split by cause (domain/deviation.py) —
  generation, grid factor, project emissions, leakage, the estimate's rounding — beside the owner's own explanation
  where one is written;
- ``far_follow_up``: every forward action request (FAR) of a final validation or earlier verification report, with
  the owner's response; one carried forward without a response is missing (the verifier checks it at this
  verification);
- ``declaration``: the owner's uniqueness declarations the report repeats for the period (Measures art. 48:
  唯一性 — no other programme, no double counting; a grid-power project also no green certificate for the same MWh).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.deviation import deviation_parts, generation_for_span
from workbench.domain.stages import Stage
from workbench.domain.text import Bilingual, Text
from workbench.domain.vocabulary import EngagementKind
from workbench.services.documents.event_dates import entered_on
from workbench.services.documents.gaps import Gaps
from workbench.services.methodology.methodology import ex_ante, parameters_of
from workbench.services.methodology.project_inputs import declarations_of
from workbench.store.models import ProjectRow
from workbench.store.models_periods import AccountingPeriodRow
from workbench.store.models_validation import EngagementRow, VvbRow

FOLLOW_UP = Text("documents.far_follow_up")
CAUSES = ("by_generation", "by_factor", "by_project_emissions", "by_leakage", "by_rounding")  # DeviationParts fields
DECLARATION = Text("documents.uniqueness_declarations")


def _pdd_factors(s: Session, row: ProjectRow, period: AccountingPeriodRow) -> dict[int, Decimal]:
    """The combined margin the PDD's estimate applies per year (EF_CM of ``ex_ante``), with the grid edition the stage
    rule picks on the day the project was registered (the period's end for a project not registered)."""
    day = entered_on(s, row.id, (Stage.REGISTERED,)) or period.end
    return {v.year: Decimal(str(v.used["EF_CM"])) for v in ex_ante(s, row, day) if "EF_CM" in v.used}


def explained(s: Session, row: ProjectRow, period: AccountingPeriodRow) -> list[dict[str, Any]]:
    """Per grid-power vintage with an estimate: the PDD's expected generation for its span and the factor the estimate
    applied, the generation and factor found, and ER − ER_est by cause (tCO2e); empty for forestry."""
    annual = parameters_of(s, row.id).get("ex_ante_EG_MWh")
    if not annual or not (row.crediting_start and row.crediting_end):
        return []
    factors = _pdd_factors(s, row, period)
    out = []
    for v in sorted(period.vintages, key=lambda v: v.vintage):
        trace = json.loads(v.calculation or "{}")
        if not v.ex_ante_estimate or "EG_PJ" not in trace or "EF_CM" not in trace or v.vintage not in factors:
            continue
        expected = generation_for_span(Decimal(annual), v.vintage, period.start, period.end, row.crediting_start, row.crediting_end)
        if expected <= 0:
            continue
        parts = deviation_parts(Decimal(trace["EG_PJ"]), Decimal(trace["EF_CM"]), v.project_emissions, v.leakage, expected,
                                factors[v.vintage], v.ex_ante_estimate)
        out.append({"year": v.vintage, "expected": parts.generation_estimate, "generation": parts.generation,
                    "factor_estimate": parts.factor_estimate, "factor": parts.factor, "by_generation": parts.by_generation,
                    "by_factor": parts.by_factor, "by_pe": parts.by_project_emissions, "by_le": parts.by_leakage,
                    "by_rounding": parts.by_rounding, "total": parts.total, "estimate": v.ex_ante_estimate, "er": v.reductions,
                    "generation_change": (parts.generation - parts.generation_estimate) / parts.generation_estimate * 100,
                    "main": Text(f"doc.mr.cause.{max(CAUSES, key=lambda k: abs(getattr(parts, k)))}")})
    return out


def far_follow_up(s: Session, row: ProjectRow, period: AccountingPeriodRow, gaps: Gaps) -> list[dict[str, Any]]:
    """The FARs of the project's final validation report and of the final verification reports of earlier periods,
    oldest first: label, who raised it and when, the request, its status and the owner's response (a missing response
    is a gap while the FAR is carried forward)."""
    engagements = s.scalars(select(EngagementRow).where(EngagementRow.project_id == row.id).order_by(EngagementRow.id))
    out = []
    for e in engagements:
        if e.report_status != "final" or (e.kind == "verification" and e.period_id == period.id):
            continue  # a draft report forwards nothing yet; this verification's own findings are raised on this report
        vvb = s.get(VvbRow, e.vvb_id)
        for f in sorted((f for f in e.findings if f.type == "FAR"), key=lambda f: f.number):
            label = f"FAR-{f.number}"
            response = f.response or (gaps.gap(FOLLOW_UP, Text("documents.response_to_far", label=label, kind=EngagementKind(e.kind)))
                                      if f.status == "carried_forward" else "")
            out.append({"label": label, "kind": e.kind, "vvb": Bilingual.either(vvb.name_en, vvb.name_zh) if vvb else "",
                        "raised_on": str(f.raised_on), "text": f.text, "status": f.status, "response": response,
                        "responded_on": str(f.responded_on or "")})
    return out


def declaration(s: Session, row: ProjectRow, energy: bool, gaps: Gaps) -> dict[str, Any]:
    """The uniqueness declarations the report repeats (no other programme; for grid power also no green certificate),
    each as answered — a missing or a "no" answer is a gap, so a final report always carries all of them — and
    whether the period's units are split between two registries (a BRI project: one issuance, one registry each)."""
    answered = declarations_of(s, row.id)
    keys = ("no_other_programme", "no_green_certificate") if energy else ("no_other_programme",)
    items = [key if answered.get(key) is True else gaps.gap(DECLARATION, Text(f"documents.declaration.{key}")) for key in keys]
    return {"items": items, "two_registries": row.programme == "bri"}
