"""Reference editions a user adds, lists and confirms (基准线排放因子等参考数据): grid emission factors so far.

A user edition is first-class: the stage rule picks it like a shipped row (``workbench.methodology.grid_factors``),
and every result that uses it cites it as a user edition. Confirming records who checked it, when, and against
which published document (table, page) — until then it shows as (confirm).
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.methodology import editions, grid_factors
from workbench.methodology.loader import all_methodologies
from workbench.reference import parse_rows
from workbench.services.methodology.data_editions import check_stored
from workbench.services.methodology.methodology import grid_overrides, parameters_of
from workbench.services.support import fields as f
from workbench.services.support.context import Actor
from workbench.services.support.records import row_fields
from workbench.services.support.write_action import write_action
from workbench.store.models import ProjectRow, ReferenceOverrideRow
from workbench.store.workspace import Workspace

GRID_FIELDS = {
    "grid": f.text, "edition": f.text, "data_year": f.optional_int, "ef_om": f.optional_decimal, "ef_bm": f.optional_decimal,
    "source": f.text, "published": f.optional_date, "note": f.text,
}
COLUMNS = ("key", "edition", "data_year", "ef_om", "ef_bm", "unit", "source", "valid_from", "valid_to", "confirm", "demo", "note")


def add_grid_edition(ws: Workspace, actor: Actor, values: dict[str, Any]) -> Change:
    """One grid's factors of one edition, e.g. a host country's: grid, edition, data_year, ef_om, ef_bm (tCO2/MWh),
    source (document, table, page) and published (the day the edition was published, YYYY-MM-DD)."""
    parsed = f.parse_fields(values, GRID_FIELDS, "grid edition")
    missing = [k for k in ("grid", "edition", "data_year", "ef_om", "ef_bm", "source", "published") if parsed.get(k) in (None, "")]
    if missing:
        raise UserError("error.reference_editions.missing_a_grid_edition_needs_grid", field="grid_edition", value=', '.join(missing))
    for name in ("ef_om", "ef_bm"):
        if not 0 <= parsed[name] <= 2:
            raise UserError("error.reference_editions.tco2_mwh_is_outside_0_2", where=name, name=name, parsed=parsed[name])
    if not 1990 <= parsed["data_year"] <= parsed["published"].year:
        raise UserError("error.reference_editions.data_year_must_be_a_year", field="data_year", parsed=parsed['data_year'], year=parsed['published'].year)
    row = {"key": parsed["grid"], "edition": parsed["edition"], "data_year": str(parsed["data_year"]), "ef_om": str(parsed["ef_om"]),
           "ef_bm": str(parsed["ef_bm"]), "unit": "tCO2/MWh", "source": parsed["source"], "valid_from": parsed["published"].isoformat(),
           "valid_to": "", "confirm": "yes", "demo": "", "note": parsed.get("note", "")}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    text = buffer.getvalue()
    parse_rows(grid_factors.TABLE, text, origin="grid edition", overridden=True, decimal_columns=("ef_om", "ef_bm", "data_year"))
    with write_action(ws, actor, "reference.add") as act:
        s = act.session
        same = [r for r in grid_overrides(s) if r.key == row["key"] and r.columns["data_year"] == row["data_year"]
                and r.columns["edition"] == row["edition"]]
        if same:
            raise UserError("error.reference_editions.grid_already_has_edition_for_edition", field="edition", row=row['key'], row2=row['edition'], row3=row['data_year'], columns=same[0].columns['edition_id'])
        o = ReferenceOverrideRow(table_name=grid_factors.TABLE, key=row["key"], columns=text, origin=f"entered by {actor.name}",
                                 imported_at=actor.now())
        s.add(o)
        s.flush()
        act.created("reference_override", o)
        act.result.update(id=o.id, grid=row["key"])
    return act.change


def list_grid_editions(ws: Workspace) -> list[dict[str, Any]]:
    """Every grid-factor edition the workbench knows: shipped rows and the user's, with source and status."""
    with ws.reading() as s:
        rows = grid_factors.table(grid_overrides(s)).rows
    return [{"id": int(r.columns["edition_id"]) if r.overridden else None, "grid": r.key, "edition": r.columns["edition"],
             "data_year": int(r.columns["data_year"]), "ef_om": r.columns["ef_om"], "ef_bm": r.columns["ef_bm"], "source": r.source,
             "published": r.valid_from.isoformat(), "origin": "user" if r.overridden else "shipped",
             "demo": r.columns.get("demo", "").lower() == "yes", "confirm": r.confirm, "confirmed": r.columns.get("confirmed", "")}
            for r in sorted(rows, key=lambda r: (r.key, int(r.columns["data_year"]), r.valid_from))]


def confirm_grid_edition(ws: Workspace, actor: Actor, edition_id: int | str, source: str) -> Change:
    """Record that a user edition was checked against ``source`` (document, table, page) by the actor, today."""
    if not (source or "").strip():
        raise UserError("error.reference_editions.say_which_published_document_table_and", field="source")
    with write_action(ws, actor, "reference.confirm") as act:
        s = act.session
        o = s.get(ReferenceOverrideRow, int(edition_id)) if str(edition_id).strip().isdigit() else None
        if o is None or o.table_name != grid_factors.TABLE:
            known = ", ".join(str(x) for x in s.scalars(select(ReferenceOverrideRow.id).where(ReferenceOverrideRow.table_name == grid_factors.TABLE)))
            raise UserError("error.reference_editions.no_user_grid_edition_user_editions", field="edition", edition_id=edition_id, value=known or 'none')
        before = row_fields(o)
        o.confirmed_by, o.confirmed_at, o.confirmed_source = actor.name, actor.now(), source.strip()
        act.updated("reference_override", o, before)
        act.result.update(id=o.id, confirmed_by=actor.name)
    return act.change


def travelling(table_name: str) -> bool:
    """The user editions that travel in packages: grid factors, species of a forestry methodology, fuel defaults."""
    return table_name in (grid_factors.TABLE, editions.FUEL_TABLE) or table_name.startswith(editions.SPECIES_PREFIX)


def editions_for_package(s: Session, project_id: int) -> list[dict[str, str | None]]:
    """The user editions the project's numbers may use, as they travel in its package (the manifest's
    ``reference_editions``): the grid editions of its grid, the species editions of its forestry methodology and
    the fuel-default editions of a methodology with fuels — the receiver then computes the same results."""
    grid = parameters_of(s, project_id).get("grid")
    project = s.get(ProjectRow, project_id)
    m = all_methodologies().get(project.methodology_id) if project is not None and project.methodology_id else None
    tables = ([editions.species_table_name(m.id)] if m is not None and m.species else []) + ([editions.FUEL_TABLE] if m is not None and m.fuels else [])
    rows = [*(s.scalars(select(ReferenceOverrideRow).where(ReferenceOverrideRow.table_name == grid_factors.TABLE,
                                                          ReferenceOverrideRow.key == grid)) if grid else []),
            *(s.scalars(select(ReferenceOverrideRow).where(ReferenceOverrideRow.table_name.in_(tables)).order_by(ReferenceOverrideRow.id))
              if tables else [])]
    return [{"table_name": o.table_name, "key": o.key, "columns": o.columns, "origin": o.origin, "confirmed_by": o.confirmed_by,
             "confirmed_at": o.confirmed_at.isoformat() if o.confirmed_at else None, "confirmed_source": o.confirmed_source}
            for o in rows]


def receive_editions(s: Session, actor: Actor, items: Any, where: str) -> list[ReferenceOverrideRow]:
    """Store the package's editions this workspace does not hold yet (same table, key and row = held), each checked
    as if entered here; returns the rows added."""
    if items in (None, []):
        return []
    if not isinstance(items, list):
        raise UserError("error.reference_editions.the_manifest_s_reference_editions_is", where=where)
    held = {(o.table_name, o.key, o.columns) for o in s.scalars(select(ReferenceOverrideRow)) if travelling(o.table_name)}
    added = []
    for i, item in enumerate(items):
        place = f"{where} reference edition {i + 1}"
        if not isinstance(item, dict) or not travelling(str(item.get("table_name"))) or not all(
                isinstance(item.get(k), str) for k in ("key", "columns", "origin")):
            raise UserError("error.reference_editions.is_not_a_grid_factor_edition", where=place)
        if item["table_name"] == grid_factors.TABLE:
            parse_rows(grid_factors.TABLE, item["columns"], origin=place, overridden=True, decimal_columns=("ef_om", "ef_bm", "data_year"))
        else:
            check_stored(item["table_name"], item["columns"], place)
        if (item["table_name"], item["key"], item["columns"]) in held:
            continue
        try:
            confirmed_at = datetime.fromisoformat(item["confirmed_at"]) if item.get("confirmed_at") else None
        except (TypeError, ValueError):
            raise UserError("error.reference_editions.confirmed_at_is_not_a_date", where=place, value=item.get('confirmed_at'))
        o = ReferenceOverrideRow(table_name=item["table_name"], key=item["key"], columns=item["columns"],
                                 origin=f"{item['origin']} (from a package)", imported_at=actor.now(),
                                 confirmed_by=item.get("confirmed_by") or None, confirmed_at=confirmed_at,
                                 confirmed_source=item.get("confirmed_source") or None)
        s.add(o)
        held.add((o.table_name, o.key, o.columns))
        added.append(o)
    s.flush()
    return added
