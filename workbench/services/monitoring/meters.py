"""Revenue meters (关口计量表): register, calibrate, and the error the calculation must apply."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.domain.vocabulary import MeterRole
from workbench.services.support import fields as f
from workbench.services.support.context import Actor
from workbench.services.projects.projects import resolve
from workbench.services.support.records import entity, record, row_fields
from workbench.store.models_monitoring import MeterRow
from workbench.store.workspace import Workspace

ROLES = tuple(MeterRole)
CALIBRATION_INTERVAL = timedelta(days=366)  # calibrated yearly (CCER-01-002-V01 monitoring plan)

METER_FIELDS = {
    "serial": f.text,
    "role": f.text,
    "accuracy_class": f.optional_decimal,
    "calibrated_on": f.optional_date,
    "calibration_error": f.optional_decimal,
    "location": f.text,
}


def add_meter(ws: Workspace, actor: Actor, project: int | str, values: dict[str, Any]) -> Change:
    parsed = f.parse_fields(values, METER_FIELDS, "meter")
    if not parsed.get("serial"):
        raise UserError("error.meters.missing_serial", field="meter")
    if parsed.get("role") not in ROLES:
        raise UserError("error.meters.role_is_not_one_of", field="role", value=parsed.get('role'), value2=', '.join(ROLES))
    accuracy = parsed.get("accuracy_class")
    if accuracy is None or not Decimal(0) < accuracy <= Decimal(2):
        raise UserError("error.meters.accuracy_class_must_be_a_percentage", field="accuracy_class", accuracy=accuracy)
    with ws.transaction() as s:
        p = resolve(s, project)
        if s.scalar(select(MeterRow).where(MeterRow.project_id == p.id, MeterRow.serial == parsed["serial"])):
            raise UserError("error.meters.the_project_already_has_a_meter", field="serial", parsed=parsed['serial'])
        row = MeterRow(project_id=p.id, location="", **{k: v for k, v in parsed.items()})
        s.add(row)
        s.flush()
        return record(s, Change("meter.add", actor.name, actor.now(), p.id, entities=(entity("meter", row, None),), result={"id": row.id}))


def calibrate(ws: Workspace, actor: Actor, project: int | str, serial: str, on: Any, error_pct: Any) -> Change:
    day = f.required_date(on, "calibrated_on")
    error = f.optional_decimal(error_pct, "calibration_error")
    if error is None:
        raise UserError("error.meters.give_the_error_found_at_calibration", field="calibration_error")
    with ws.transaction() as s:
        p = resolve(s, project)
        row = s.scalar(select(MeterRow).where(MeterRow.project_id == p.id, MeterRow.serial == serial))
        if row is None:
            raise UserError("error.meters.no_meter_in_project", field="meter", serial=serial, code=p.code)
        before = row_fields(row)
        row.calibrated_on, row.calibration_error = day, error
        return record(s, Change("meter.calibrate", actor.name, actor.now(), p.id, entities=(entity("meter", row, before),)))


def applied_error(meter: MeterRow, period_end: date) -> tuple[Decimal, str]:
    """The fraction the conservative correction uses, and why.

    A meter calibrated within the year before the period end uses the error found at calibration; otherwise
    its maximum permissible error — its accuracy class (CCER-01-002-V01 / CCER-01-001-V01 monitoring rules).
    """
    if meter.calibrated_on and meter.calibration_error is not None and period_end - meter.calibrated_on <= CALIBRATION_INTERVAL:
        return abs(meter.calibration_error) / 100, f"error found at calibration on {meter.calibrated_on}"
    return meter.accuracy_class / 100, "not calibrated in time: maximum permissible error of its accuracy class"
