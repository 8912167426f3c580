"""Import auxiliary fuel deliveries (燃料入库) from CSV or XLSX, for methodologies with fuel project emissions.

Columns (English or Chinese, any case): date / 日期, fuel / 燃料 (the methodology's fuel keys or Chinese names),
quantity / 数量 in the fuel's unit (t, or 10^4 Nm3 for natural gas), reference / 单据号 (invoice or delivery
note), error_percent / 计量误差(%) (optional: the meter or weighbridge error; applied upward). A delivery is
stored once per date, fuel and reference; the same file imported twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.errors import UserError
from workbench.domain.text import Text
from workbench.methodology.loader import get
from workbench.services.monitoring.imports import Importer
from workbench.services.support.tabular import date_cell, decimal_cell, records, table
from workbench.store.models import ProjectRow
from workbench.store.models_inventory import FuelDeliveryRow

ALIASES = {
    "date": ("date", "delivered_on", "日期", "入库日期"),
    "fuel": ("fuel", "燃料", "燃料品种"),
    "quantity": ("quantity", "amount", "数量"),
    "reference": ("reference", "invoice", "单据号", "发票号"),
    "error_percent": ("error_percent", "error(%)", "计量误差(%)", "计量误差"),
}
REQUIRED = ("date", "fuel", "quantity")
FUEL_SHEET = "Fuel"
QUANTITY_RANGE = (Decimal(0), Decimal(10) ** 9)
ERROR_RANGE = (Decimal(0), Decimal(10))  # %: beyond 10 % a meter is not fit for the purpose


@dataclass(frozen=True)
class Delivery:
    delivered_on: date
    fuel: str
    quantity: Decimal
    reference: str
    error_percent: Decimal | None


@dataclass
class FuelReport:
    file: str
    rows: int = 0
    new: int = 0
    unchanged: int = 0
    fuels: dict[str, str] = field(default_factory=dict)  # fuel → new quantity
    dry_run: bool = False

    def summary(self) -> Text:
        each = ", ".join(f"{k}: {q}" for k, q in sorted(self.fuels.items()))
        return Text("fuel_import.summary", new=self.new, each=Text("common.in_parentheses", text=each) if each else "",
                    unchanged=self.unchanged)


def fuels_of(project: ProjectRow) -> dict[str, str]:
    """Accepted fuel names (key, Chinese name) → fuel key; a methodology without fuels takes none."""
    m = get(project.methodology_id) if project.methodology_id else None
    if m is None or not m.fuels:
        raise UserError("error.fuel_import.project_s_methodology_counts_no_auxiliary", field="methodology", code=project.code, value=project.methodology_id or 'none')
    names = {k.lower(): k for k in m.fuels}
    names.update({zh: k for k, (_unit, zh) in m.fuels.items() if zh})
    return names


def parse_deliveries(path: Path, fuels: dict[str, str], mapping: dict[str, str] | None = None,
                     source: tuple[str, Iterator[list[str]]] | None = None) -> tuple[list[Delivery], list[str]]:
    out: list[Delivery] = []
    seen: dict[tuple[date, str, str], int] = {}
    errors: list[str] = []
    known = ", ".join(sorted(set(fuels.values())))
    for number, place, value in records(source or table(path, FUEL_SHEET), ALIASES, REQUIRED, REQUIRED, mapping, errors):
        before = len(errors)
        fuel = fuels.get(value["fuel"].lower()) or fuels.get(value["fuel"])
        if fuel is None:
            errors.append(Text("import.unknown_fuel", place=place, value=value["fuel"], known=known))
        day = date_cell(value["date"], place, "date", errors)
        quantity = decimal_cell(value["quantity"], place, "quantity", errors, *QUANTITY_RANGE, accepted=Text("import.accepted.fuel_quantity"))
        error = decimal_cell(value["error_percent"], place, "error_percent", errors, *ERROR_RANGE,
                             accepted=Text("import.accepted.meter_error")) if value.get("error_percent") else None
        if len(errors) > before:
            continue
        key = (day, fuel, value.get("reference", ""))
        if key in seen:
            errors.append(Text("import.delivery_twice", place=place, fuel=fuel, day=day, reference=key[2], first=seen[key]))
            continue
        seen[key] = number
        out.append(Delivery(day, fuel, quantity, key[2], error))
    return out, errors


def stage_deliveries(s: Session, project_id: int, path: Path, parsed: list[Delivery], errors: list[str]) -> tuple[list[Delivery], FuelReport]:
    report = FuelReport(str(path), rows=len(parsed))
    stored = {(r.delivered_on, r.fuel, r.reference): Delivery(r.delivered_on, r.fuel, r.quantity, r.reference, r.error_percent)
              for r in s.scalars(select(FuelDeliveryRow).where(FuelDeliveryRow.project_id == project_id))}
    new = []
    for d in parsed:
        old = stored.get((d.delivered_on, d.fuel, d.reference))
        if old is None:
            new.append(d)
            report.fuels[d.fuel] = str(Decimal(report.fuels.get(d.fuel, "0")) + d.quantity)
        elif old == d:
            report.unchanged += 1
        else:
            errors.append(Text("import.delivery_stored_otherwise", file=path, fuel=d.fuel, day=d.delivered_on, reference=d.reference or "-",
                               stored=old.quantity, stored_error=old.error_percent, quantity=d.quantity, error=d.error_percent))
    report.new = len(new)
    return new, report


def store_deliveries(s: Session, project_id: int, new: list[Delivery]) -> None:
    s.add_all(FuelDeliveryRow(project_id=project_id, delivered_on=d.delivered_on, fuel=d.fuel, quantity=d.quantity,
                              error_percent=d.error_percent, reference=d.reference) for d in new)
    s.flush()


FUEL = Importer("fuel", "fuel.import", FUEL_SHEET, ALIASES,
                lambda path, project, mapping, source, _steps, _early: parse_deliveries(path, fuels_of(project), mapping, source), stage_deliveries,
                lambda s, project_id, new, _steps: store_deliveries(s, project_id, new))

