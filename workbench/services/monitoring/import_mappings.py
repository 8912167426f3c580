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
from workbench.services.support.records import entity, row_fields
from workbench.services.support.write_action import write_action
from workbench.store.models_inventory import ImportMappingRow
from workbench.store.workspace import Workspace

OPTIONS = {"readings": ("time_format", "meter_serial", "time_zone"), "plots": (), "fuel": ()}


def fields_of(kind: str) -> tuple[str, ...]:
    """The fields a mapping of ``kind`` may name: the importer's own columns and the kind's options."""
    from workbench.services.monitoring.field_data import IMPORTERS  # the importers read mappings: imported when asked

    if kind not in IMPORTERS:
        raise UserError("error.import_mappings.unknown_kind_of_data_mappings_exist", field="mapping", kind=kind, value=', '.join(IMPORTERS))
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
        raise UserError("error.import_mappings.cannot_be_mapped_for_accepted", field="mapping", value=', '.join(unknown), kind=kind, value2=', '.join(allowed))
    empty = sorted(k for k, v in values.items() if not str(v).strip())
    if empty:
        raise UserError("error.import_mappings.give_the_column_title_of_the", field="mapping", value=', '.join(empty))
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
            raise UserError("error.import_mappings.time_format_does_not_read_a", field="mapping", fmt=fmt)
    with write_action(ws, actor, "mapping.set") as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        row = s.scalar(select(ImportMappingRow).where(ImportMappingRow.project_id == p.id, ImportMappingRow.kind == kind))
        before = row_fields(row) if row else None
        text = json.dumps({k: str(v).strip() for k, v in sorted(values.items())}, ensure_ascii=False)
        if row is None and not values:
            raise UserError("error.import_mappings.project_has_no_mapping_to_remove", field="mapping", code=p.code, kind=kind)
        if row is None:
            row = ImportMappingRow(project_id=p.id, kind=kind, mapping=text)
            s.add(row)
        elif values:
            row.mapping = text
        s.flush()
        act.add(entity("import_mapping", row, before, deleted=not values))
        if not values:
            s.delete(row)
        act.result.update(kind=kind, mapping=values)
    return act.change
