"""Comparing a project here with the same project from a package, and merging the two as the user chooses.

Ids are local to a workspace, so rows are matched by an identity that travels: the columns of the table's natural
unique key (a site's name, a meter's serial, a reading's meter and start; a parent row by its own identity), or,
where a table has none, the ``uid`` every such row carries (``store.models.Travelling``).

Every difference is one item with a reference a user can type: ``project#title_en`` (one field),
``party/3f2a…`` (a row only one side has), ``party/3f2a…#name_en``. Each item is settled as ``local`` (keep what
this workspace holds) or ``incoming`` (take the package's); unsettled items default to keeping every row either
side has and, for a field both sides changed, the side whose audit log changed it last (here when unknown).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, UniqueConstraint, select
from sqlalchemy.orm import Session

from workbench.domain.errors import UserError
from workbench.domain.serials import Block, violations
from workbench.domain.text import Text
from workbench.services.support.records import plain
from workbench.store.models import AuditRow
from workbench.store.schema import Base

Rows = dict[str, list[dict[str, Any]]]
History = dict[tuple[str, int], dict[str | None, tuple[str, str]]]
"""(table, id) → {field or None for the row: (ISO time, who)} — the newest audit entry that changed it."""

SIDES = ("local", "incoming")
BOOKKEEPING = {"id", "version", "uid", "updated_at"}  # a merged row's updated_at is the later of the two
NATURAL_KEYS = {"vvb": ("name_en", "name_zh"), "account": ("holder", "registry"), "agreement": ("name",)}
"""Shared rows (not owned by one project) are matched by these columns when a package is imported."""


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def identity_columns(t: Table) -> tuple[str, ...]:
    """The columns that identify a row of ``t`` across workspaces (a project's own column excluded)."""
    if "uid" in t.c:
        return ("uid",)
    for constraint in sorted((c for c in t.constraints if isinstance(c, UniqueConstraint)), key=lambda c: c.name or ""):
        return tuple(c.name for c in constraint.columns if c.name != "project_id")
    if t.name in NATURAL_KEYS:
        return NATURAL_KEYS[t.name]
    raise LookupError(f"table {t.name} has no identity that travels: give it a unique key or the Travelling mixin")


def references(t: Table) -> dict[str, str]:
    return {fk.parent.name: fk.column.table.name for fk in t.foreign_keys}


def keys(data: Rows) -> dict[str, dict[int, str]]:
    """table → {row id → identity text}; tables in ``data`` must come parents first (as packages hold them)."""
    out: dict[str, dict[int, str]] = {}
    for name in [t.name for t in Base.metadata.sorted_tables if t.name in data]:
        t = table(name)
        refs = references(t)
        columns = () if name == "project" else identity_columns(t)
        mine = out[name] = {}
        for row in data[name]:
            parts = []
            for column in columns:
                value = row.get(column)
                if column in refs and value is not None:
                    value = out.get(refs[column], {}).get(value, f"?{value}")
                parts.append("" if value is None else str(plain(value)))
            mine[row["id"]] = "|".join(parts)
    return out


@dataclass(frozen=True)
class Difference:
    """One thing that differs: a field of a row both sides hold, or a row only one side holds (``field`` None)."""

    ref: str
    table: str
    key: str
    field: str | None
    local: Any  # the value here; for a row: its label, None when this side does not hold it
    incoming: Any
    local_change: str  # "by alice at 2026-11-20T10:02:11", "" when the audit log does not say
    incoming_change: str
    default: str  # local | incoming

    @property
    def row_ref(self) -> str:
        return self.ref.split("#", 1)[0]

    def describe(self) -> Text:
        """``party#3.name_en: here 'A' (by alice at …) / package 'B'``, worded in the reader's language."""
        if self.field is None:
            only = "package_merge.only_here" if self.incoming is None else "package_merge.only_in_package"
            return Text(only, ref=self.ref, change=self.local_change or self.incoming_change or Text("package_merge.no_change_recorded"))
        return Text("package_merge.both", ref=self.ref, here=self._side(self.local, self.local_change),
                    package=self._side(self.incoming, self.incoming_change))

    def _side(self, value: Any, change: str) -> Text:
        shown = Text("package_merge.none") if value is None else repr(value)
        return Text("package_merge.side_changed", value=shown, change=change) if change else Text("package_merge.side", value=shown)


def history(s: Session, project_id: int) -> History:
    """The newest change of every row and field of a project, from its audit entries — including the changes an
    imported package brought with it (kept in the import's entry), so authorship survives any number of trips."""
    out: History = {}
    for at, actor, body in s.execute(select(AuditRow.at, AuditRow.actor, AuditRow.payload)
                                     .where(AuditRow.project_id == project_id).order_by(AuditRow.id)):
        stamp = (at.isoformat(timespec="seconds"), actor)
        entry = json.loads(body)
        for (name, row_id), fields in history_from_rows(entry.get("result", {}).get("history")).items():
            out.setdefault((name, row_id), {}).update(fields)
        for item in entry.get("entities", []):
            before, after = item.get("before") or {}, item.get("after") or {}
            fields = out.setdefault((item.get("entity"), item.get("id")), {})
            fields[None] = stamp
            for name in set(before) | set(after):
                if before.get(name) != after.get(name):
                    fields[name] = stamp
    return out


def history_rows(h: History) -> list[list[Any]]:
    return [[t, i, f, at, by] for (t, i), fields in sorted(h.items(), key=str) for f, (at, by) in sorted(fields.items(), key=str)]


def history_from_rows(rows: Any) -> History:
    """A package's history member, tolerant of anything malformed (it only explains, it never decides data)."""
    out: History = {}
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, list) and len(row) == 5 and all(isinstance(x, str) for x in (row[0], row[3], row[4])):
            out.setdefault((row[0], row[1]), {})[row[2]] = (row[3], row[4])
    return out


def _stamp(h: History, name: str, row_id: int | None, field: str | None) -> tuple[str, str] | None:
    return h.get((name, row_id), {}).get(field)


def _said(stamp: tuple[str, str] | None) -> str:
    return f"by {stamp[1]} at {stamp[0]}" if stamp else ""


def _label(name: str, row: dict[str, Any], key: str) -> str:
    for column in ("name_en", "name", "title_en", "serial", "holder", "key", "reference", "code", "kind"):
        if row.get(column):
            return f"{name} {row[column]}"
    return f"{name} {key}"


def _value(refs: dict[str, str], row: dict[str, Any], column: str, side_keys: dict[str, dict[int, str]]) -> Any:
    """A column's value comparable across workspaces: a reference as the identity of the row it points to."""
    target = refs.get(column)
    value = row.get(column)
    if target and value is not None:
        return side_keys.get(target, {}).get(value, f"?{value}")
    return plain(value)


def _fields(name: str) -> list[str]:
    t = table(name)
    identity = set() if name == "project" else set(identity_columns(t))
    return [c.name for c in t.c if c.name not in BOOKKEEPING and c.name not in identity and c.name not in ("project_id", "code")]


def compare(local: Rows, incoming: Rows, local_history: History, incoming_history: History, owned: list[str]) -> list[Difference]:
    """Every difference between the project here and the package's, table by table in ``owned`` order."""
    lk, ik = keys(local), keys(incoming)
    out: list[Difference] = []
    for name in owned:
        mine = {lk[name][r["id"]]: r for r in local.get(name, [])}
        theirs = {ik[name][r["id"]]: r for r in incoming.get(name, [])}
        fields, refs = _fields(name), references(table(name))
        for key in sorted(set(mine) | set(theirs)):
            here, there = mine.get(key), theirs.get(key)
            ref = name if name == "project" else f"{name}/{key}"
            if here is None or there is None:
                row = here or there
                stamp = _stamp(local_history if here else incoming_history, name, row["id"], None)
                out.append(Difference(ref, name, key, None, _label(name, row, key) if here else None,
                                      _label(name, row, key) if there else None, _said(stamp) if here else "",
                                      "" if here else _said(stamp), "local" if here else "incoming"))
                continue
            for column in fields:
                a, b = _value(refs, here, column, lk), _value(refs, there, column, ik)
                if a == b:
                    continue
                ours, others = _stamp(local_history, name, here["id"], column), _stamp(incoming_history, name, there["id"], column)
                newer = "incoming" if others and (not ours or others[0] > ours[0]) else "local"
                out.append(Difference(f"{ref}#{column}", name, key, column, a, b, _said(ours), _said(others), newer))
    return out


def choose(difference: Difference, choices: dict[str, str]) -> str:
    """The side settled for one item: its own choice, else its row's, else its table's, else the default."""
    for ref in (difference.ref, difference.row_ref, difference.table):
        if ref in choices:
            return choices[ref]
    return difference.default


def checked_choices(choices: dict[str, str], differences: list[Difference]) -> dict[str, str]:
    known = {d.ref for d in differences} | {d.row_ref for d in differences} | {d.table for d in differences}
    for ref, side in choices.items():
        if side not in SIDES:
            raise UserError("error.package_merge.choice_a_side_is_local_or", field="choices", ref=ref, side=side)
        if ref not in known:
            raise UserError("error.package_merge.choice_names_nothing_that_differs_see", field="choices", ref=ref)
    return choices


Origin = tuple[str, int, int, "set[str] | None"]
"""(table, id in the merged rows, id in the package, the fields taken from the package or None for the whole row)."""


def merged(local: Rows, incoming: Rows, differences: list[Difference], choices: dict[str, str], owned: list[str],
           shared: list[str]) -> tuple[Rows, list[str], list[Origin]]:
    """The project as chosen, in package form; the rows left out because the row they belong to was; and where
    each row or field taken from the package came from (to carry its history over).

    Rows this workspace holds keep their ids (positive); rows from the package get negative ids, so the insert
    gives them new ones and nothing this workspace refers to moves.
    """
    lk, ik = keys(local), keys(incoming)
    taken = {(d.table, d.key, d.field): choose(d, choices) for d in differences}
    out: Rows = {}
    ids: dict[str, dict[str, int]] = {}
    dropped: list[str] = []
    origins: list[Origin] = []
    fresh = iter(range(-1, -10**9, -1))
    for name in shared:  # matched by natural key on insert; both sides' rows so either side's reference resolves
        rows: dict[str, dict[str, Any]] = {}
        for side, side_keys in ((incoming, ik), (local, lk)):
            for row in side.get(name, []):
                rows[side_keys[name][row["id"]]] = {**row, "id": next(fresh)}
        out[name] = list(rows.values())
        ids[name] = {key: row["id"] for key, row in rows.items()}
    for name in owned:
        refs = references(table(name))
        mine = {lk[name][r["id"]]: r for r in local.get(name, [])}
        theirs = {ik[name][r["id"]]: r for r in incoming.get(name, [])}
        kept: dict[str, tuple[dict[str, Any], str, set[str]]] = {}  # key → (row, side it came from, fields taken from the package)
        fields = _fields(name)
        for key in sorted(set(mine) | set(theirs)):
            here, there = mine.get(key), theirs.get(key)
            if here is None or there is None:
                side = "local" if here is not None else "incoming"
                if taken.get((name, key, None)) == side:
                    kept[key] = ({**(here or there), "id": here["id"] if here is not None else next(fresh)}, side, set())
                continue
            row = dict(here)
            from_incoming = {column for column in fields if taken.get((name, key, column)) == "incoming"}
            for column in from_incoming:
                row[column] = there[column]
            if from_incoming and "updated_at" in row:
                row["updated_at"] = max(x for x in (here["updated_at"], there["updated_at"]) if x is not None)
            if from_incoming and "version" in row:  # a form still holding the old version is refused, not overwriting
                row["version"] = max(here["version"], there["version"]) + 1
            kept[key] = (row, "local", from_incoming)
        ids[name] = {key: row["id"] for key, (row, _, _) in kept.items()}
        rows_out = []
        for key, (row, side, from_incoming) in kept.items():
            side_keys = lk if side == "local" else ik
            missing = None
            for column, target in refs.items():
                value = row.get(column)
                if value is None or target == name:
                    continue
                target_key = (ik if column in from_incoming else side_keys).get(target, {}).get(value)
                new = ids.get(target, {}).get(target_key)
                if new is None:
                    missing = target
                    break
                row[column] = new
            if missing:
                dropped.append(f"{name}/{key} (its {missing} is not kept)")
                del ids[name][key]
                continue
            if side == "incoming" or from_incoming:
                origins.append((name, row["id"], theirs[key]["id"], None if side == "incoming" else from_incoming))
            rows_out.append((row, side_keys, from_incoming))
        for row, side_keys, from_incoming in rows_out:  # a row pointing to a row of its own table (split blocks)
            for column, target in refs.items():
                if target == name and row.get(column) is not None:
                    target_key = (ik if column in from_incoming else side_keys)[name].get(row[column])
                    row[column] = ids[name].get(target_key)
        out[name] = [row for row, _, _ in rows_out]
    return out, dropped, origins


EVIDENCE_TARGETS = {"for_finding_id": "finding", "for_engagement_id": "engagement", "for_period_id": "accounting_period",
                    "for_document_id": "evidence_file"}


def evidence_targets_lost(local: Rows, result: Rows) -> list[str]:
    """Records here that still have evidence here but that ``result`` (the merged project) no longer holds: deleting
    them is refused, as everywhere (``evidence.evidence_dependants``)."""
    lk, rk = keys(local), keys(result)
    lost = []
    for row in local.get("evidence_file", []):
        for column, target in EVIDENCE_TARGETS.items():
            key = lk.get(target, {}).get(row.get(column))
            if row.get(column) is not None and key not in set(rk.get(target, {}).values()):
                lost.append(f"{target}/{key} (evidence file {row['id']}, {row['name']})")
    return lost


def ledger_problems(s: Session, project_id: int, code: str) -> list[Text]:
    """Ledger invariants of one project as stored now: no serial twice, every issued unit in exactly one block."""
    blocks = table("unit_block")
    moves = table("unit_transaction")
    held = [Block(r.id, code, r.vintage, r.first, r.last, r.registry, r.status)
            for r in s.execute(select(blocks).where(blocks.c.project_id == project_id))]
    issued: dict[tuple[str, int], int] = {}
    for vintage, quantity in s.execute(select(blocks.c.vintage, moves.c.quantity).join(moves, moves.c.block_id == blocks.c.id)
                                       .where(blocks.c.project_id == project_id, moves.c.kind == "issue")):
        issued[(code, vintage)] = issued.get((code, vintage), 0) + quantity
    return violations(held, issued)
