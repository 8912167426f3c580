"""One rule for reference values not yet confirmed against their published source (a DEMO edition, a value marked
(confirm); CONTRACTS.md §5, DOMAIN.md): they may be used to estimate, calculate and draft — a draft marks each one and
lists it with its source in its appendix — but no document the project owner submits as its own is final while its
figures rest on one: the PDD, the monitoring report, the validation and verification packages, the registration and
issuance applications. The acts of others — a VVB making its report final, the registry or joint body issuing, a
retirement in the registry — are recorded as they happened, and the allocation statement and retirement certificate
state those registry facts; they are not refused for it (the refusal says so).
"""

from __future__ import annotations

import json

from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual, Text
from workbench.services.documents.gaps import CONFIRM, Gaps, Missing
from workbench.services.documents.pdd_context import installed, names_of
from workbench.services.documents.rests_on import rests_on
from workbench.store.models import ProjectRow
from workbench.store.models_periods import AccountingPeriodRow

RULE = Text("documents.confirm_rule")


def period_values_to_confirm(row: ProjectRow, period: AccountingPeriodRow) -> list[Missing]:
    """The values to confirm the period's calculated results rest on (as the monitoring report lists them)."""
    m = installed(row.methodology_id)
    if m is None:
        return []
    gaps = Gaps()
    rests_on([json.loads(v.calculation or "{}") for v in sorted(period.vintages, key=lambda v: v.vintage)], m, names_of(m), gaps)
    return gaps.items


def refuse_final(missing: list[Missing]) -> None:
    """Refuse a final document while ``missing`` lists anything; when values to confirm are among them, the refusal
    states the rule above."""
    if not missing:
        return
    items = Bilingual("; ".join(f"{m.section.en}: {m.item.en}" for m in missing), "；".join(f"{m.section.zh}：{m.item.zh}" for m in missing))
    if any(m.section == CONFIRM for m in missing):
        raise UserError("error.documents.final_with_values_to_confirm", items=items, rule=RULE)
    raise UserError("error.documents.final_while_missing", items=items)
