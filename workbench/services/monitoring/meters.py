"""Revenue and fuel meters (关口计量表、燃料计量装置): register, record calibrations, and the corrections that follow.

The correction of every reading follows from the meter's calibration records, day by day, as CCER-01-002-V01 and
CCER-01-001-V01 §7.3.4 say (workbench.methodology.meter_corrections).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.domain.change import Change
from workbench.domain.dependants import refuse_if_used
from workbench.domain.text import Text
from workbench.domain import field_specs as fs
from workbench.domain.errors import UserError
from workbench.domain.meter_class import accuracy_class
from workbench.domain.text import stored
from workbench.methodology import meter_corrections as mc
from workbench.services.projects.projects import resolve
from workbench.services.support import fields as f
from workbench.services.support.context import Actor
from workbench.services.support.records import row_fields
from workbench.services.support.write_action import write_action
from workbench.store.models import ProjectRow
from workbench.store.models_monitoring import MeterCalibrationRow, MeterRow, ReadingRow
from workbench.store.workspace import Workspace

SIGN = {"export": -1, "import": 1, "fuel": 1}  # §7.3.4: export × (1 − e); import and fuel × (1 + e)
SPAN_SETTING = "meter_error_span"  # project parameter: where a beyond-class span starts (BeyondClassFrom)

METER_FIELDS = fs.flat(fs.METER)


def add_meter(ws: Workspace, actor: Actor, project: int | str, values: dict[str, Any]) -> Change:
    """Register a meter; ``calibrated_on`` with ``calibration_error`` records its first calibration."""
    parsed = f.parse_fields(values, METER_FIELDS, "meter")
    if not parsed.get("serial"):
        raise UserError("error.meters.missing_serial", field="meter")
    if parsed.get("role") is None:
        raise UserError("error.fields.required", field="role")
    limit, special = accuracy_class(parsed.get("accuracy_class", ""))
    fuel = parsed.pop("fuel", "") or None
    if (parsed["role"] == "fuel") != bool(fuel):
        raise UserError("error.meters.a_fuel_meter_role_fuel_names", field="fuel")
    first = (parsed.pop("calibrated_on", None), parsed.pop("calibration_error", None))
    if (first[0] is None) != (first[1] is None):
        raise UserError("error.meters.give_both_calibrated_on_and_calibration", field="calibration")
    with write_action(ws, actor, "meter.add") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        if fuel:
            _check_fuel(p, fuel)
        if s.scalar(select(MeterRow).where(MeterRow.project_id == p.id, MeterRow.serial == parsed["serial"])):
            raise UserError("error.meters.the_project_already_has_a_meter", field="serial", parsed=parsed['serial'])
        row = MeterRow(project_id=p.id, serial=parsed["serial"], role=parsed["role"], accuracy_class=limit, accuracy_special=special,
                       location=parsed.get("location", ""), fuel=fuel)
        s.add(row)
        s.flush()
        act.created("meter", row)
        if first[0] is not None:
            act.created("meter_calibration", _calibration(s, row, first[0], first[1], None, ""))
        act.result["id"] = row.id
    return act.change


EDITABLE = ("serial", "role", "accuracy_class", "location", "fuel")


def update_meter(ws: Workspace, actor: Actor, project: int | str, serial: str, values: dict[str, Any]) -> Change:
    """Correct a registered meter: its serial, role, accuracy class, location or fuel (those given; an empty location
    or fuel clears it). Its calibrations are recorded with ``calibrate``, and its readings stay with it."""
    parsed = f.parse_fields(values, {k: METER_FIELDS[k] for k in EDITABLE}, "meter")
    if "serial" in parsed and not parsed["serial"]:
        raise UserError("error.meters.missing_serial", field="serial")
    if "role" in parsed and parsed["role"] is None:
        raise UserError("error.fields.required", field="role")
    with write_action(ws, actor, "meter.update") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        row = meter_of(s, p, serial)
        new_serial = parsed.get("serial", row.serial)
        if new_serial != row.serial and s.scalar(select(MeterRow).where(MeterRow.project_id == p.id, MeterRow.serial == new_serial)):
            raise UserError("error.meters.the_project_already_has_a_meter", field="serial", parsed=new_serial)
        role, fuel = parsed.get("role", row.role), (parsed["fuel"] or None) if "fuel" in parsed else row.fuel
        if (role == "fuel") != bool(fuel):
            raise UserError("error.meters.a_fuel_meter_role_fuel_names", field="fuel")
        if fuel and fuel != row.fuel:
            _check_fuel(p, fuel)
        before = row_fields(row)
        if "accuracy_class" in parsed:
            row.accuracy_class, row.accuracy_special = accuracy_class(parsed["accuracy_class"])
        row.serial, row.role, row.fuel = new_serial, role, fuel
        if "location" in parsed:
            row.location = parsed["location"]
        s.flush()
        act.updated("meter", row, before)
        act.result.update(id=row.id, serial=row.serial)
    return act.change


def edit_values(before: dict[str, Any], changed: set[str]) -> dict[str, Any]:
    """The ``update_meter`` values that put back a meter's recorded fields (its undo): the changed ones only."""
    back = {k: before[k] or "" for k in ("serial", "role", "location", "fuel") if k in changed}
    if changed & {"accuracy_class", "accuracy_special"}:
        back["accuracy_class"] = f"{before['accuracy_class']}{'S' if before['accuracy_special'] else ''}"
    return back


def _meter_dependants(s: Session, row: MeterRow) -> list[Text]:
    readings = s.scalar(select(func.count()).select_from(ReadingRow).where(ReadingRow.meter_id == row.id))
    return [Text("dependant.readings", count=f"{readings:,}")] if readings else []


def meter_dependants(ws: Workspace, project: int | str, serial: str) -> list[Text]:
    """What refers to a meter: its stored readings (the monitoring record). Its calibrations go with it."""
    with ws.reading() as s:
        return _meter_dependants(s, meter_of(s, resolve(s, project), serial))


def remove_meter(ws: Workspace, actor: Actor, project: int | str, serial: str) -> Change:
    """Delete a meter registered by mistake; refused while readings of it are stored (``meter_dependants``)."""
    with write_action(ws, actor, "meter.remove") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        row = meter_of(s, p, serial)
        refuse_if_used(serial, _meter_dependants(s, row), "meter")
        for calibration in calibrations_of(s, row):
            act.deleted("meter_calibration", calibration, row_fields(calibration))
            s.delete(calibration)
        act.deleted("meter", row, row_fields(row))
        s.delete(row)
    return act.change


def _check_fuel(project, fuel: str) -> None:
    from workbench.methodology.loader import get

    m = get(project.methodology_id) if project.methodology_id else None
    known = sorted(m.fuels) if m else []
    if fuel not in known:
        raise UserError("error.meters.fuel_is_not_one_the_project", field="fuel", fuel=fuel, value=', '.join(known) or 'none')


def calibrate(ws: Workspace, actor: Actor, project: int | str, serial: str, on: Any, error_pct: Any,
              passed: bool | None = None, reference: str = "") -> Change:
    """Record one calibration: the day, the error found (%, signed) and — when the certificate says so — pass or fail.

    Without a verdict, the calibration passes when |error| is within the accuracy class. A meter found beyond its
    class must be recalibrated within 30 days (§7.3.2.2); the readings between are corrected (§7.3.4)."""
    given = f.parse_record("calibration", calibrated_on=on, calibration_error=error_pct, reference=reference)
    day, error, reference = given["calibrated_on"], given["calibration_error"], given["reference"]
    with write_action(ws, actor, "meter.calibrate") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        row = meter_of(s, p, serial)
        if s.scalar(select(MeterCalibrationRow).where(MeterCalibrationRow.meter_id == row.id, MeterCalibrationRow.calibrated_on == day)):
            raise UserError("error.meters.meter_already_has_a_calibration_on", field="calibrated_on", serial=serial, day=day)
        before = row_fields(row)
        calibration = _calibration(s, row, day, error, passed, reference.strip())
        act.updated("meter", row, before)
        act.created("meter_calibration", calibration)
        act.result.update(serial=serial, calibrated_on=day.isoformat(), passed=calibration.passed)
    return act.change


def _calibration(s: Session, meter: MeterRow, day: date, error: Decimal, passed: bool | None, reference: str) -> MeterCalibrationRow:
    verdict = abs(error) <= meter.accuracy_class if passed is None else passed
    row = MeterCalibrationRow(meter_id=meter.id, calibrated_on=day, error_percent=error, passed=verdict, reference=reference)
    s.add(row)
    if meter.calibrated_on is None or day >= meter.calibrated_on:
        meter.calibrated_on, meter.calibration_error = day, error
    s.flush()
    return row


def calibrations_of(s: Session, meter: MeterRow) -> list[MeterCalibrationRow]:
    return list(s.scalars(select(MeterCalibrationRow).where(MeterCalibrationRow.meter_id == meter.id)
                          .order_by(MeterCalibrationRow.calibrated_on)))


def list_meters(ws: Workspace, project: int | str) -> list[dict[str, Any]]:
    """Every meter of the project with its calibration records and when each made the next one due."""
    with ws.reading() as s:
        p = resolve(s, project)
        out = []
        for m in s.scalars(select(MeterRow).where(MeterRow.project_id == p.id).order_by(MeterRow.serial)):
            out.append({"serial": m.serial, "role": m.role, "fuel": m.fuel or "", "accuracy_class": m.accuracy_label, "location": m.location or "",
                        "calibrations": [{"calibrated_on": c.calibrated_on.isoformat(), "error_percent": str(c.error_percent),
                                          "passed": c.passed, "reference": c.reference,
                                          "next_due": mc.add_months(c.calibrated_on, mc.DUE_MONTHS).isoformat()}
                                         for c in calibrations_of(s, m)]})
        return out


def span_setting(value: str | None) -> mc.BeyondClassFrom:
    """The project's ``meter_error_span`` setting (default: from the previous passing calibration)."""
    if not value:
        return mc.BeyondClassFrom.PREVIOUS_PASS
    try:
        return mc.BeyondClassFrom(value.strip())
    except ValueError:
        raise UserError("error.meters.is_not_one_of", where=SPAN_SETTING, SPAN_SETTING=SPAN_SETTING, value=value, value2=', '.join(m.value for m in mc.BeyondClassFrom))


@dataclass(frozen=True)
class CorrectedSpan:
    """The readings of one meter in one span of one vintage, and the §7.3.4 correction applied to them."""

    serial: str
    role: str
    year: int
    span: mc.Span
    wh: int
    readings: int

    @property
    def mwh(self) -> Decimal:
        return Decimal(self.wh) / 1_000_000

    @property
    def corrected_mwh(self) -> Decimal:
        return mc.corrected(self.mwh, self.span.error, SIGN[self.role])

    def as_dict(self) -> dict[str, Any]:
        return {"meter": self.serial, "role": self.role, "year": self.year, "start": self.span.start.isoformat(),
                "end": (self.span.end - timedelta(days=1)).isoformat(),
                "days": self.span.days, "case": self.span.case.value, "error": str(self.span.error), "readings": self.readings,
                "MWh": str(self.mwh), "corrected_MWh": str(self.corrected_mwh), "why": stored(self.span.why)}


def meter_spans(s: Session, meter: MeterRow, start: date, end: date, setting: mc.BeyondClassFrom) -> list[mc.Span]:
    """The §7.3.4 spans of ``meter`` from ``start`` to ``end`` (inclusive), cut at every new year (one vintage each)."""
    records = [mc.Calibration(c.calibrated_on, c.error_percent, c.passed) for c in calibrations_of(s, meter)]
    out = []
    for year in range(start.year, end.year + 1):
        out += mc.spans(records, meter.accuracy_class, max(start, date(year, 1, 1)), min(end, date(year, 12, 31)), setting)
    return out


def corrected_readings(s: Session, meter: MeterRow, start: date, end: date, setting: mc.BeyondClassFrom) -> list[CorrectedSpan]:
    """Energy of ``meter`` per §7.3.4 span between ``start`` and ``end`` (readings by interval start), spans with
    no readings left out."""
    total = select(func.coalesce(func.sum(ReadingRow.wh), 0), func.count()).where(ReadingRow.meter_id == meter.id)
    out = []
    for span in meter_spans(s, meter, start, end, setting):
        a, b = datetime.combine(span.start, time()), datetime.combine(span.end, time())
        wh, n = s.execute(total.where(ReadingRow.start >= a, ReadingRow.start < b)).one()
        if n:
            out.append(CorrectedSpan(meter.serial, meter.role, span.start.year, span, int(wh), n))
    return out


def meter_of(s: Session, p: ProjectRow, serial: str) -> MeterRow:
    """The project's meter ``serial``; refused naming the project when it has none of that serial."""
    row = s.scalar(select(MeterRow).where(MeterRow.project_id == p.id, MeterRow.serial == serial))
    if row is None:
        raise UserError("error.meters.no_meter_in_project", field="meter", serial=serial, code=p.code)
    return row
