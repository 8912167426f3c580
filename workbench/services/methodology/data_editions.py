"""Species and fuel-default editions a user adds, lists and confirms (树种参数、燃料缺省值), as grid editions are.

A species edition is one species or species group of one forestry methodology with its tree-biomass path
(allometric, species group V × WD × BEF × (1 + R) × CF, or Komiyama for mangroves), the diameter range its source
states, its source (document, table, page) and the day it was published. A fuel edition is one fuel's NCV, CC
(tC/GJ) and OF (%) in the units CCER-01-001-V01 §6.4 equation (5) publishes. The stage rule
(``workbench.methodology.editions``) picks the edition in force; every result that uses one cites it as a user
edition, with who confirmed it, when and against which source — until then as (confirm).
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual, Text
from workbench.methodology import editions
from workbench.methodology.loader import all_methodologies
from workbench.methodology.species_rows import method_of, numbers_of
from workbench.methodology.tree_biomass import NUMBERS
from workbench.reference import ReferenceRow, parse_rows
from workbench.services.support import fields as f
from workbench.services.support.context import Actor
from workbench.services.support.text_files import read_text_file
from workbench.services.support.records import row_fields
from workbench.services.support.write_action import write_action
from workbench.store.models import ReferenceOverrideRow
from workbench.store.workspace import Workspace

SPECIES_FIELDS = {"methodology": f.text, "species": f.text, "name_zh": f.text, "method": f.text, "source": f.text,
                  "published": f.optional_date, **{n: f.text for n in NUMBERS}}
SPECIES_COLUMNS = ("key", "name_zh", "method", *NUMBERS, "source", "valid_from", "valid_to", "confirm")
FUEL_FIELDS = {"fuel": f.text, "name_zh": f.text, "fuel_unit": f.text, "ncv": f.optional_decimal, "carbon_content": f.optional_decimal,
               "oxidation": f.optional_decimal, "source": f.text, "published": f.optional_date}
FUEL_COLUMNS = ("key", "name_zh", "fuel_unit", "ncv", "ncv_unit", "carbon_content", "carbon_content_unit", "oxidation", "oxidation_unit",
                "source", "valid_from", "valid_to", "confirm")
FUEL_UNITS = ("t", "10^4 Nm3")
NO_SUCH_EDITION = {"species": "error.data_editions.no_such_species_edition", "fuel": "error.data_editions.no_such_fuel_edition"}


def _csv(columns: tuple[str, ...], row: dict[str, str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    return buffer.getvalue()


def forestry_methodology(value: str):
    """The installed forestry methodology named by ``CCER-14-001`` or ``CCER-14-001-V01``."""
    forestry = {m.id: m for m in all_methodologies().values() if m.species}
    found = next((m for m in forestry.values() if value.strip() in (m.id, m.full_id)), None)
    if found is None:
        raise UserError("error.data_editions.not_a_forestry_methodology", field="methodology", value=value,
                        accepted=", ".join(m.full_id for m in forestry.values()))
    return found


def _add(ws: Workspace, actor: Actor, rows: list[tuple[str, str, str, str]], label: str, origin: str) -> Change:
    """Store editions given as (table, key, CSV text, where) in one action; one the workspace holds already, or one
    given twice, is refused naming where it was given, and nothing is stored."""
    with write_action(ws, actor, "reference.add") as act:
        s = act.session
        held = {(o.table_name, o.columns): o.id for o in s.scalars(select(ReferenceOverrideRow).where(
            ReferenceOverrideRow.table_name.in_({t for t, *_ in rows})))}
        stored = []
        for table, key, text, where in rows:
            if (table, text) in held:
                raise UserError("error.data_editions.already_held", where=where, key=key, id=held[(table, text)] or "—")
            o = ReferenceOverrideRow(table_name=table, key=key, columns=text, origin=origin, imported_at=actor.now())
            s.add(o)
            s.flush()
            held[(table, text)] = o.id
            act.created("reference_override", o)
            stored.append(o)
        act.result.update({"id": stored[0].id, label: stored[0].key, "table": stored[0].table_name, "rows": len(stored)})
    return act.change


def _required(parsed: dict[str, Any], names: tuple[str, ...], what: str) -> None:
    missing = [k for k in names if parsed.get(k) in (None, "")]
    if missing:
        raise UserError("error.data_editions.missing_fields", field=what, value=", ".join(missing))


def species_row(values: dict[str, Any], where: str) -> tuple[str, str, str, str]:
    """One species or species group of a forestry methodology checked and written as its stored row: methodology,
    species, method and its numbers (``tree_biomass.NEEDS``), dbh_min and dbh_max (cm, the range the source states;
    required for fitted equations), optional carbon_fraction, growth_max and name_zh, source (document, table,
    page) and published (YYYY-MM-DD). Returns (table, key, CSV text, where)."""
    parsed = f.parse_fields(values, SPECIES_FIELDS, "species edition")
    _required(parsed, ("methodology", "species", "source", "published"), "species_edition")
    m = forestry_methodology(parsed["methodology"])
    where = f"{where}species {parsed['species']}"
    method = method_of(parsed, where)
    numbers = numbers_of(parsed, where)
    if method != "komiyama" and not {"dbh_min", "dbh_max"} <= set(numbers):
        raise UserError("error.data_editions.species_range_required", where=where, method=method)
    row = {"key": parsed["species"], "name_zh": parsed.get("name_zh", ""), "method": method, **{n: str(v) for n, v in numbers.items()},
           "source": parsed["source"], "valid_from": parsed["published"].isoformat(), "valid_to": "", "confirm": "yes"}
    return editions.species_table_name(m.id), row["key"], _csv(SPECIES_COLUMNS, row), where


def add_species_edition(ws: Workspace, actor: Actor, values: dict[str, Any]) -> Change:
    """One species edition entered by hand (``species_row``)."""
    return _add(ws, actor, [species_row(values, "")], "species", f"entered by {actor.name}")


def import_species_editions(ws: Workspace, actor: Actor, path: str | Path) -> Change:
    """A species table from a CSV (UTF-8, else GB18030) whose header names the fields of ``species_row``: every row
    checked first (file, line, species, column), then all stored in one action, or none."""
    p = Path(path)
    reader = csv.DictReader(io.StringIO(read_text_file(p), newline=""))
    rows = [species_row({k.strip(): v for k, v in raw.items() if k is not None and (v or "").strip()}, f"{p} line {line}: ")
            for line, raw in enumerate(reader, start=2)]
    if not rows:
        raise UserError("error.methodology.no_rows", where=str(p))
    return _add(ws, actor, rows, "species", str(p))


def add_fuel_edition(ws: Workspace, actor: Actor, values: dict[str, Any]) -> Change:
    """One fuel's defaults in the published units: fuel, fuel_unit (t or 10^4 Nm3), ncv (GJ per fuel unit),
    carbon_content (tC/GJ), oxidation (%), source (document, table, page), published (YYYY-MM-DD), optional name_zh."""
    parsed = f.parse_fields(values, FUEL_FIELDS, "fuel edition")
    _required(parsed, ("fuel", "fuel_unit", "ncv", "carbon_content", "oxidation", "source", "published"), "fuel_edition")
    if parsed["fuel_unit"] not in FUEL_UNITS:
        raise UserError("error.data_editions.fuel_unit", field="fuel_unit", value=parsed["fuel_unit"], accepted=", ".join(FUEL_UNITS))
    if not 0 < parsed["carbon_content"] < 1:
        raise UserError("error.solar_thermal.cc_is_not_in_tc_gj", where="carbon_content", cc=parsed["carbon_content"])
    if not 1 < parsed["oxidation"] <= 100:
        raise UserError("error.solar_thermal.of_is_not_a_percentage_in", where="oxidation", of=parsed["oxidation"])
    if parsed["ncv"] <= 0:
        raise UserError("error.data_editions.ncv_positive", field="ncv", value=parsed["ncv"])
    row = {"key": parsed["fuel"], "name_zh": parsed.get("name_zh", ""), "fuel_unit": parsed["fuel_unit"], "ncv": str(parsed["ncv"]),
           "ncv_unit": f"GJ/{parsed['fuel_unit']}", "carbon_content": str(parsed["carbon_content"]), "carbon_content_unit": "tC/GJ",
           "oxidation": str(parsed["oxidation"]), "oxidation_unit": "%", "source": parsed["source"],
           "valid_from": parsed["published"].isoformat(), "valid_to": "", "confirm": "yes"}
    return _add(ws, actor, [(editions.FUEL_TABLE, row["key"], _csv(FUEL_COLUMNS, row), f"fuel {row['key']}")], "fuel",
                f"entered by {actor.name}")


def user_rows(s: Session, table: str) -> list[ReferenceRow]:
    """The user's editions of one table as reference rows, each with its ``edition_id`` and, once confirmed, who
    confirmed it when against which source (and no longer marked confirm)."""
    out = []
    for o in s.scalars(select(ReferenceOverrideRow).where(ReferenceOverrideRow.table_name == table).order_by(ReferenceOverrideRow.id)):
        for r in parse_rows(table, o.columns, origin=o.origin, overridden=True):
            extra = {"edition_id": str(o.id)}
            if o.confirmed_by:
                extra["confirmed_by"] = f"{o.confirmed_by} on {o.confirmed_at:%Y-%m-%d} against {o.confirmed_source}"
                r = replace(r, confirm=False)
            out.append(replace(r, columns={**r.columns, **extra}))
    return out


def species_table_for(s: Session, methodology_id: str, on: date) -> list[dict[str, str]]:
    """The species editions of a methodology in force on ``on``, as the forestry calculation's ``species_table``."""
    rows = editions.in_force(user_rows(s, editions.species_table_name(methodology_id)), on).values()
    return [{**{k: v for k, v in r.columns.items() if k in ("key", "name_zh", "method", *NUMBERS) and v},
             "source": r.source, "edition": f"#{r.columns['edition_id']}, published {r.valid_from}",
             "confirmed_by": r.columns.get("confirmed_by", "")} for r in rows]


def fuel_defaults_for(s: Session, on: date) -> dict[str, dict[str, str]]:
    """Per fuel, the user's edition in force on ``on`` as the NCV / CC / OF / source a fuel item carries."""
    return {key: {"NCV": r.columns["ncv"], "CC": r.columns["carbon_content"], "OF": r.columns["oxidation"],
                  "source": cite(r)} for key, r in editions.in_force(user_rows(s, editions.FUEL_TABLE), on).items()}


def cite(r: ReferenceRow) -> Text:
    """A user edition as a result records it: source, edition, publication day, who confirmed it (or: to confirm)."""
    confirmed = r.columns.get("confirmed_by")
    return Text("cite.user_edition", source=r.source, edition=r.columns["edition_id"], published=r.valid_from.isoformat(),
                confirmed=Text("cite.confirmed_by", who=confirmed) if confirmed else "", confirm="" if confirmed else Text("cite.confirm"))


def list_species(ws: Workspace, methodology: str | None = None) -> list[dict[str, Any]]:
    """Every species row: the shipped ones (DEMO where no table was read) and the user's editions, per methodology."""
    chosen = [forestry_methodology(methodology)] if methodology else [m for m in all_methodologies().values() if m.species]
    out = []
    with ws.reading() as s:
        for m in chosen:
            shipped = [(None, r) for r in m.species_rows]
            users = [(int(r.columns["edition_id"]), r) for r in user_rows(s, editions.species_table_name(m.id))]
            for edition_id, r in shipped + users:
                numbers = {n: r.columns[n] for n in NUMBERS if r.columns.get(n)}
                out.append({"id": edition_id, "methodology": m.full_id, "species": r.key, "name_zh": r.columns.get("name_zh", ""),
                            "method": r.columns.get("method") or "allometric", "numbers": numbers, "source": r.source,
                            "published": r.valid_from.isoformat(), "origin": "user" if r.overridden else "shipped",
                            "demo": r.columns.get("demo", "").lower() == "yes", "confirm": r.confirm,
                            "confirmed": r.columns.get("confirmed_by", "")})
    return out


def fuel_name(key: str, name_zh: str = "") -> Bilingual:
    """A fuel as users read it, never its key: its Chinese name where the fuel table gives one, the key in words
    (``natural_gas`` → natural gas) in English."""
    words = key.replace("_", " ")
    return Bilingual(words, name_zh or words)


def fuel_names(ws: Workspace) -> dict[str, Bilingual]:
    """Every fuel the shipped tables and the user's editions know, by key (a later edition's Chinese name wins)."""
    out: dict[str, Bilingual] = {}
    for r in list_fuels(ws):
        if r["name_zh"] or r["fuel"] not in out:
            out[r["fuel"]] = fuel_name(r["fuel"], r["name_zh"])
    return out


def list_fuels(ws: Workspace) -> list[dict[str, Any]]:
    """Every fuel default: the shipped DEMO rows and the user's editions, with units, source and status."""
    shipped = [r for m in all_methodologies().values() for r in m.fuel_rows]
    with ws.reading() as s:
        users = [(int(r.columns["edition_id"]), r) for r in user_rows(s, editions.FUEL_TABLE)]
    return [{"id": edition_id, "fuel": r.key, "name_zh": r.columns.get("name_zh", ""), "fuel_unit": r.columns["fuel_unit"],
             "ncv": r.columns["ncv"], "ncv_unit": r.columns["ncv_unit"], "carbon_content": r.columns["carbon_content"],
             "oxidation": r.columns["oxidation"], "source": r.source, "published": r.valid_from.isoformat(),
             "origin": "user" if r.overridden else "shipped", "demo": r.columns.get("demo", "").lower() == "yes",
             "confirm": r.confirm, "confirmed": r.columns.get("confirmed_by", "")}
            for edition_id, r in [(None, r) for r in shipped] + users]


def confirm_edition(ws: Workspace, actor: Actor, kind: str, edition_id: int | str, source: str) -> Change:
    """Record that a user species (``kind`` "species") or fuel ("fuel") edition was checked against ``source``
    (document, table, page) by the actor, today."""
    if not (source or "").strip():
        raise UserError("error.reference_editions.say_which_published_document_table_and", field="source")
    matches = (lambda t: t.startswith(editions.SPECIES_PREFIX)) if kind == "species" else (lambda t: t == editions.FUEL_TABLE)
    with write_action(ws, actor, "reference.confirm") as act:
        s = act.session
        o = s.get(ReferenceOverrideRow, int(edition_id)) if str(edition_id).strip().isdigit() else None
        if o is None or not matches(o.table_name):
            known = [str(x.id) for x in s.scalars(select(ReferenceOverrideRow)) if matches(x.table_name)]
            raise UserError(NO_SUCH_EDITION[kind], field="edition", edition_id=edition_id, value=", ".join(known) or "—")
        before = row_fields(o)
        o.confirmed_by, o.confirmed_at, o.confirmed_source = actor.name, actor.now(), source.strip()
        act.updated("reference_override", o, before)
        act.result.update(id=o.id, confirmed_by=actor.name)
    return act.change


def check_stored(table: str, text: str, where: str) -> None:
    """A species or fuel edition arriving in a package is checked as if entered: its numbers, path and units."""
    species = table.startswith(editions.SPECIES_PREFIX)
    rows = parse_rows(table, text, origin=where, overridden=True, decimal_columns=() if species else ("ncv", "carbon_content", "oxidation"))
    for row in rows:
        if species:
            numbers_of(row.columns, f"{where} species {row.key}")


def with_editions(s: Session, methodology, values: dict[str, Any], on: date) -> dict[str, Any]:
    """``values`` with the workspace's editions in force on ``on`` added where the values do not give their own:
    species rows (``species_table``; a row of the input or the project wins) and fuel NCV / CC / OF (a fuel item
    or project parameter that gives all three wins)."""
    out = dict(values)
    if methodology.species:
        given = [r for r in values.get("species_table") or [] if isinstance(r, dict)]
        held = {str(r.get("key", "")).strip() for r in given}
        out["species_table"] = [*(values.get("species_table") or []),
                                *(r for r in species_table_for(s, methodology.id, on) if r["key"] not in held)]
    vintages = values.get("vintages")
    if methodology.fuels and isinstance(vintages, list):
        defaults = fuel_defaults_for(s, on)
        out["vintages"] = [{**v, "fuels": [{**defaults[item["fuel"]], **item}
                                           if isinstance(item, dict) and item.get("fuel") in defaults and not {"NCV", "CC", "OF"} <= set(item)
                                           else item for item in v.get("fuels", [])]}
                           if isinstance(v, dict) and isinstance(v.get("fuels"), list) else v for v in vintages]
    return out
