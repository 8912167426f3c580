"""The monitoring report's account of the project as built and monitored (监测与减排量核算报告 B–C), after the CCER
accounting-report contents (DOMAIN.md §6: implementation versus the PDD, monitoring system, changes to the plan,
calibration, data flow, QA/QC) with the CDM monitoring-report form as the structural model:

- ``registration``: the registration the report compares with (the stage change to *registered*, its evidence, the
  final PDD archived by then) and
  every change to the project's sites, meters, parties, parameters or declarations recorded after it (the audit
  chain), so "implemented as registered" is a checked statement, not a claim;
- ``fuel_sources``: for each auxiliary fuel, how its consumption FC_i,y was measured — by a fuel meter, or, with no
  meter, from delivery notes (each delivery counted in full as consumed in the period it arrives, its metered error
  applied upward, CCER-01-001-V01 §7.3.4 c), and how that is checked;
- ``plan_changes``: how the registered monitoring plan was applied where it differs (a parameter the plan meters
  taken from delivery notes);
- ``data_flow``: the records the figures come from, counted for the period (readings per meter, deliveries,
  calibrations), with the methodology's data-management and QA/QC rules;
- ``owner_texts``: what the owner wrote for the period's report, in either language (``parameter set
  text.report.N.implementation.zh`` / ``text.report.N.plan_changes.en``, kept with the project's other prose).
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.domain.text import Text
from workbench.methodology.protocol import Methodology
from workbench.services.documents.gaps import both
from workbench.services.methodology.project_inputs import pdd_texts_of
from workbench.services.monitoring.corrections import fuel_named
from workbench.store.models import AuditRow, ProjectRow, StageEventRow
from workbench.store.models_inventory import FuelDeliveryRow
from workbench.store.models_evidence import EvidenceRow
from workbench.store.models_methodology import EvidenceReferenceRow
from workbench.store.models_monitoring import MeterCalibrationRow, MeterRow, ReadingRow

# Actions that change what the project is or how it is monitored (not its records: readings, periods, documents).
DESIGN_ACTIONS = ("site.add", "site.update", "site.remove", "site.import", "meter.add", "meter.update", "meter.remove",
                  "party.add", "party.update", "party.remove", "parameter.set", "parameter.delete", "declaration.set")
SUBJECT_KEYS = ("serial", "name", "key", "name_zh", "name_en")


def _registered_event(row: ProjectRow) -> StageEventRow | None:
    events = [e for e in row.stage_events if e.target == "registered"]
    return max(events, key=lambda e: e.at) if events else None


def _subject(payload: dict[str, Any]) -> str:
    """What an audit entry changed, by the name users know it by (a meter's serial, a site's name, a parameter's key)."""
    for entity in payload.get("entities", []):
        values = entity.get("after") or entity.get("before") or {}
        for key in SUBJECT_KEYS:
            if values.get(key):
                return str(values[key])
    return ""


def registration(s: Session, row: ProjectRow) -> dict[str, Any] | None:
    """The registration (day, the decision or notice recorded as its evidence), the final PDD archived in the workspace
    by then (file, day, SHA-256: the version registered) and the design changes recorded after it, oldest first (day,
    action, what); None while the project is not registered."""
    event = _registered_event(row)
    if event is None:
        return None
    evidence = s.scalar(select(EvidenceReferenceRow.reference).where(EvidenceReferenceRow.stage_event_id == event.id))
    # after the registration's own audit entry (the last stage change to "registered"); a project whose chain lacks it
    # (brought in by a package) counts from the moment the registration was recorded
    mark = max((a.id for a in s.scalars(select(AuditRow).where(AuditRow.project_id == row.id, AuditRow.action == "stage.advance"))
                if '"target": "registered"' in a.payload), default=None)
    after = AuditRow.id > mark if mark is not None else AuditRow.at > event.at
    changes = [{"on": str(a.at.date()), "action": Text(f"action.{a.action}"), "what": _subject(json.loads(a.payload or "{}"))}
               for a in s.scalars(select(AuditRow).where(AuditRow.project_id == row.id, after, AuditRow.action.in_(DESIGN_ACTIONS))
                                  .order_by(AuditRow.id))]
    pdd = s.scalars(select(EvidenceRow).where(EvidenceRow.project_id == row.id, EvidenceRow.kind == "document", EvidenceRow.document_kind == "pdd",
                                              EvidenceRow.added_on <= event.on).order_by(EvidenceRow.added_on.desc(), EvidenceRow.id.desc())).first()
    return {"on": str(event.on), "evidence": evidence or "", "changes": changes,
            "pdd": {"name": pdd.name, "on": str(pdd.added_on), "sha256": pdd.sha256} if pdd else None}


def fuel_sources(s: Session, row: ProjectRow, start: date, end: date, m: Methodology | None, traces: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each auxiliary fuel delivered in the period: its deliveries (count, first and last note, quantity as delivered),
    the errors stated on the notes, the quantity the calculation counted (its stored corrections, ``traces``; None
    before the period is calculated) and the fuel meters that measure it (none: the quantities are the notes')."""
    fuels = m.fuels if m else {}
    deliveries = list(s.scalars(select(FuelDeliveryRow).where(FuelDeliveryRow.project_id == row.id, FuelDeliveryRow.delivered_on >= start,
                                                              FuelDeliveryRow.delivered_on <= end).order_by(FuelDeliveryRow.delivered_on)))
    meters = list(s.scalars(select(MeterRow).where(MeterRow.project_id == row.id, MeterRow.role == "fuel")))
    out = []
    for fuel in sorted({d.fuel for d in deliveries}):
        mine = [d for d in deliveries if d.fuel == fuel]
        serials = [x.serial for x in meters if x.fuel == fuel]
        errors = sorted({d.error_percent for d in mine if d.error_percent is not None})
        out.append({"fuel": fuel_named(fuel, fuels), "deliveries": len(mine), "first": mine[0].reference, "last": mine[-1].reference,
                    "first_on": str(mine[0].delivered_on), "last_on": str(mine[-1].delivered_on),
                    "quantity": sum((d.quantity for d in mine), Decimal(0)),
                    "corrected": _counted(traces, fuel),
                    "errors": errors, "invoice_only": any(d.error_percent is None for d in mine),
                    "meters": serials})
    return out


def _counted(traces: list[dict[str, Any]], fuel: str) -> Decimal | None:
    """The fuel the period's calculation counted: the corrected quantity of each delivery it recorded."""
    counted = [Decimal(c["corrected_FC"]) for t in traces for c in t.get("corrections", []) if c.get("fuel") == fuel]
    return sum(counted, Decimal(0)) if counted else None


def plan_changes(fuel: list[dict[str, Any]], m: Methodology | None) -> list[dict[str, Any]]:
    """Where monitoring departs from the registered plan's equipment: a fuel consumption the plan meters (a
    monitored FC parameter) taken from delivery notes because no fuel meter is installed."""
    plan = {p.symbol: p for p in (m.pdd.monitored if m and m.pdd else ())}
    fc = next((p for symbol, p in plan.items() if symbol.startswith("FC")), None)
    return [{"symbol": fc.symbol, "plan": both(fc.equipment), "fuel": f["fuel"], "deliveries": f["deliveries"]}
            for f in fuel if fc is not None and not f["meters"]]


def data_flow(s: Session, row: ProjectRow, start: date, end: date, fuel: list[dict[str, Any]]) -> dict[str, Any]:
    """The records the period's figures come from: readings per meter (count, interval, the share of the period's
    intervals present, first and last), fuel deliveries, calibrations on record up to the period's end."""
    until = datetime.combine(end + timedelta(days=1), time())
    meters = list(s.scalars(select(MeterRow).where(MeterRow.project_id == row.id, MeterRow.role != "fuel").order_by(MeterRow.serial)))
    readings = []
    for x in meters:
        count, first, last, minutes = s.execute(select(func.count(), func.min(ReadingRow.start), func.max(ReadingRow.start), func.min(ReadingRow.minutes))
                                                .where(ReadingRow.meter_id == x.id, ReadingRow.start >= datetime.combine(start, time()),
                                                       ReadingRow.start < until)).one()
        expected = ((end - start).days + 1) * 1440 // minutes if minutes else 0  # intervals the period holds at that length
        readings.append({"serial": x.serial, "role": x.role, "count": count, "minutes": minutes or 0,
                         "complete": Decimal(count) / expected * 100 if expected else None,
                         "first": str(first.date()) if first else "—", "last": str(last.date()) if last else "—"})
    calibrations = s.scalar(select(func.count()).select_from(MeterCalibrationRow).join(MeterRow, MeterRow.id == MeterCalibrationRow.meter_id)
                            .where(MeterRow.project_id == row.id, MeterCalibrationRow.calibrated_on <= end)) or 0
    return {"readings": readings, "deliveries": sum(f["deliveries"] for f in fuel), "calibrations": calibrations}


REPORT_TEXTS = ("implementation", "plan_changes")


def owner_texts(s: Session, row: ProjectRow, number: int) -> dict[str, dict[str, str] | None]:
    """The owner's prose for report ``number``'s sections (``report.N.implementation``, ``report.N.plan_changes``),
    each in both languages where written (None where not written at all)."""
    written = pdd_texts_of(s, row.id)
    out: dict[str, dict[str, str] | None] = {}
    for key in REPORT_TEXTS:
        en, zh = (written.get((f"report.{number}.{key}", lang), "") for lang in ("en", "zh"))
        out[key] = {"en": en, "zh": zh} if en or zh else None
    return out
