"""Column mappings saved per project (列映射): which column of a data-logger or meter-system export holds what.

A mapping names, for a kind of data (``readings``, ``plots``, ``fuel``), the file's column title for each of
our fields, plus a few options (``time_format`` for timestamps that are not ISO, ``meter_serial`` for an export
of one meter, ``time_zone`` for the meters' time zone: see ``reading_times``). Every import of that kind in the project uses it; the built-in header names keep working.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.services.support.context import Actor
from workbench.services.projects.projects import resolve
from workbench.services.support.records import entity, record, row_fields
from workbench.store.models_inventory import ImportMappingRow
from workbench.store.workspace import Workspace

OPTIONS = {"readings": ("time_format", "meter_serial", "time_zone"), "plots": (), "fuel": ()}


def fields_of(kind: str) -> tuple[str, ...]:
    """The fields a mapping of ``kind`` may name: the importer's own columns and the kind's options."""
    from workbench.services.monitoring.field_data import IMPORTERS  # the importers read mappings: imported when asked

    if kind not in IMPORTERS:
        raise UserError(f"unknown kind of data {kind!r}; mappings exist for {', '.join(IMPORTERS)}", where="mapping")
    return tuple(IMPORTERS[kind].aliases) + OPTIONS[kind]


def mapping_of(session: Session, project_id: int, kind: str) -> dict[str, str]:
    row = session.scalar(select(ImportMappingRow).where(ImportMappingRow.project_id == project_id, ImportMappingRow.kind == kind))
    return json.loads(row.mapping) if row else {}


def get_mapping(ws: Workspace, project: int | str, kind: str) -> dict[str, str]:
    fields_of(kind)
    with ws.reading() as s:
        return mapping_of(s, resolve(s, project).id, kind)


def set_mapping(ws: Workspace, actor: Actor, project: int | str, kind: str, values: dict[str, str]) -> Change:
    """Replace the project's mapping for ``kind`` (an empty ``values`` removes it)."""
    allowed = fields_of(kind)
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise UserError(f"{', '.join(unknown)} cannot be mapped for {kind}; accepted: {', '.join(allowed)}", where="mapping")
    empty = sorted(k for k, v in values.items() if not str(v).strip())
    if empty:
        raise UserError(f"{', '.join(empty)}: give the column title of the file", where="mapping")
    if "time_zone" in values:
        from workbench.services.monitoring.reading_times import zone_of

        zone_of(values["time_zone"])
    fmt = values.get("time_format")
    if fmt:
        sample = datetime(2025, 1, 31, 23, 45)
        try:
            back = datetime.strptime(sample.strftime(fmt), fmt)
        except ValueError:
            back = None
        if back is None or back.date() != sample.date():
            raise UserError(f"time_format {fmt!r} does not read a date and time back (it needs day, month and year); "
                            "e.g. %d.%m.%Y %H:%M or %Y/%m/%d %H:%M", where="mapping")
    with ws.transaction() as s:
        p = resolve(s, project)
        row = s.scalar(select(ImportMappingRow).where(ImportMappingRow.project_id == p.id, ImportMappingRow.kind == kind))
        before = row_fields(row) if row else None
        text = json.dumps({k: str(v).strip() for k, v in sorted(values.items())}, ensure_ascii=False)
        if row is None and not values:
            raise UserError(f"project {p.code} has no {kind} mapping to remove", where="mapping")
        if row is None:
            row = ImportMappingRow(project_id=p.id, kind=kind, mapping=text)
            s.add(row)
        elif values:
            row.mapping = text
        s.flush()
        e = entity("import_mapping", row, before, deleted=not values)
        if not values:
            s.delete(row)
        return record(s, Change("mapping.set", actor.name, actor.now(), p.id, entities=(e,), result={"kind": kind, "mapping": values}))
