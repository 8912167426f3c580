"""The meter corrections a period's calculation applied (CCER-01-002-V01 / CCER-01-001-V01 §7.3.4), read back from
the stored calculation of each vintage: span by span for meters, delivery by delivery for fuel.

Each correction is a dict: ``what`` (a meter's serial, or a fuel as ``{"en", "zh", "unit"}``), ``role`` (a
``MeterRole`` value, or ``"fuel"``), ``start``/``end`` (ISO dates), ``days``, ``case`` (a
``meter_corrections.Case`` value), ``error`` (Decimal, % applied), ``measured`` and ``corrected`` (Decimal, in
``unit``: MWh, or the fuel's unit). The monitoring report and the Monitoring page show the same rows.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from workbench.methodology.loader import get
from workbench.services.monitoring import periods
from workbench.store.workspace import Workspace


def fuel_named(key: str, fuels) -> dict[str, str]:
    """A fuel by its name in both languages and its unit (the methodology's fuel table), never its key."""
    unit, zh = fuels.get(key, ("", key))
    return {"en": key.replace("_", " "), "zh": zh, "unit": unit}


def corrections_in(trace: dict[str, Any], fuels) -> list[dict[str, Any]]:
    """The §7.3.4 corrections one vintage's calculation recorded: case, error applied, measured and corrected."""
    out = []
    for c in trace.get("corrections", []):
        if "meter" in c:
            out.append({"what": c["meter"], "role": c["role"], "start": c["start"], "end": c["end"], "days": c["days"], "case": c["case"],
                        "error": Decimal(c["error"]) * 100, "measured": Decimal(c["MWh"]), "corrected": Decimal(c["corrected_MWh"]),
                        "unit": "MWh"})
        else:
            fuel = fuel_named(c["fuel"], fuels)
            out.append({"what": fuel, "role": "fuel", "start": c["delivered_on"], "end": c["delivered_on"], "days": 1, "case": c["case"],
                        "error": Decimal(c["error"]) * 100, "measured": Decimal(c["FC"]), "corrected": Decimal(c["corrected_FC"]),
                        "unit": fuel["unit"]})
    return out


def period_corrections(ws: Workspace, project: int | str, methodology_id: str | None) -> list[dict[str, Any]]:
    """Every correction of the project's calculated periods, each with its period ``number`` and ``year``."""
    fuels = get(methodology_id).fuels if methodology_id else {}
    return [{"period": p.number, "year": v.vintage, **c}
            for p in periods.list_periods(ws, project) for v in p.vintages
            for c in corrections_in(json.loads(v.calculation or "{}"), fuels)]
