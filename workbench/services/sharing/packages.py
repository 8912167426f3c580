"""Project packages (项目包): one project travels between workspaces as a zip with a manifest.

Everything is checked before anything is written: member names (no absolute paths, no ``..``), sizes and
compression ratio (no zip bombs), SHA-256 of every member, the schema version, and every table and column.
Rows are found generically from the schema: tables with a ``project_id``, their children by foreign key, and
the shared rows they point to (VVBs, accounts, agreements), matched by natural key on import.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import Date, DateTime, LargeBinary, Table, and_, or_, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

import workbench
from workbench.domain.change import Change
from workbench.domain.errors import UserError, parse_problem
from workbench.domain.progress import QUIET, Steps
from workbench.domain.text import Joined, Text
from workbench.services.support.context import Actor
from workbench.services.support.file_guards import guard_json, guard_zip
from workbench.services.support.output_files import output_path, replacing
from workbench.domain.references import match_key
from workbench.services.projects.agreements import agreement_named
from workbench.services.sharing import package_anchor, package_upgrade
from workbench.services.sharing.package_checks import ledger_count, refuse_bad_package, refuse_missing_reference, without_ledger
from workbench.services.sharing.package_merge import (Difference, History, checked_choices, choose, compare, evidence_targets_lost, history,
                                              history_from_rows, history_rows, identity_columns, ledger_problems, merged, references)
from workbench.services.methodology import parameter_keys
from workbench.services.methodology.reference_editions import editions_for_package, receive_editions
from workbench.services.projects.projects import resolve
from workbench.services.support.records import plain
from workbench.services.support.write_action import write_action
from workbench.store.backup import make_backup
from workbench.store.models import ProjectRow, new_uid
from workbench.store.schema import Base
from workbench.store.types import ExactDecimal
from workbench.store.workspace import Workspace, head_revisions, known_revisions

FORMAT = 1
MAX_MEMBERS = 5000  # data.json and the evidence files
MAX_TOTAL = 512 * 2**20  # uncompressed bytes
MAX_RATIO = 200
SKIP = {"audit_entry", "audit_anchor", "alembic_version", "reference_override"}


def _tables() -> dict[str, Table]:
    return {t.name: t for t in Base.metadata.sorted_tables if t.name not in SKIP}


def _project_tables() -> tuple[list[str], list[str]]:
    """(tables owned by a project — directly or through a parent — in insert order, shared tables they point to)."""
    tables = _tables()
    owned: list[str] = []
    for name, table in tables.items():  # sorted_tables: parents before children
        if name == "project" or "project_id" in table.c or any(fk.column.table.name in owned and not fk.parent.nullable
                                                                for fk in table.foreign_keys):
            owned.append(name)
    shared = sorted({fk.column.table.name for n in owned for fk in tables[n].foreign_keys} - set(owned) - SKIP)
    return owned, shared


def _rows(s: Session, project_id: int) -> dict[str, list[dict[str, Any]]]:
    tables = _tables()
    owned, shared = _project_tables()
    out: dict[str, list[dict[str, Any]]] = {}
    ids: dict[str, set[int]] = {}
    for name in owned:
        t = tables[name]
        if name == "project":
            query = select(t).where(t.c.id == project_id)
        elif name == "allocation":  # the project's own shares and those of its agreement
            agreement = out["project"][0]["agreement_id"]
            query = select(t).where(or_(t.c.project_id == project_id, and_(t.c.project_id.is_(None), t.c.agreement_id == agreement)))
        elif "project_id" in t.c:
            query = select(t).where(t.c.project_id == project_id)
        else:
            fk = next(fk for fk in t.foreign_keys if fk.column.table.name in ids)
            query = select(t).where(fk.parent.in_(ids[fk.column.table.name] or {-1}))
        rows = [dict(r._mapping) for r in s.execute(query)]
        out[name] = rows
        ids[name] = {r["id"] for r in rows}
    for name in shared:
        t = tables[name]
        wanted = {r[fk.parent.name] for n in owned for fk in tables[n].foreign_keys if fk.column.table.name == name for r in out[n]} - {None}
        out[name] = [dict(r._mapping) for r in s.execute(select(t).where(t.c.id.in_(wanted or {-1})))]
    return out


def export_package(ws: Workspace, actor: Actor, project: int | str, out: str | Path, *, force: bool = False, steps: Steps = QUIET) -> Path:
    """One project as a package file at ``out``; stopped through ``steps``, no file is left behind."""
    out = output_path(out, force=force)
    steps.step(Text("progress.package.reading_project"))
    with ws.reading() as s:
        p = resolve(s, project)
        rows = _rows(s, p.id)
        changes = history_rows(history(s, p.id))
        code = p.code
        editions = editions_for_package(s, p.id)  # the user's grid editions the project's baseline uses
        entries = package_anchor.audit_slice(s, p.id)
    data = {name: [{k: plain(v) for k, v in row.items()} for row in table] for name, table in rows.items()}
    files = {f"files/{hashlib.sha256(v).hexdigest()}": v for table in rows.values() for row in table for v in row.values() if isinstance(v, bytes)}
    members = {"data.json": json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8"),
               "history.json": json.dumps(changes, ensure_ascii=False).encode("utf-8"),
               package_anchor.AUDIT_MEMBER: json.dumps(entries, ensure_ascii=False).encode("utf-8"), **files}
    listed = {name: {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)} for name, body in members.items()}
    with ws.reading() as s:
        anchor, unsigned = package_anchor.sign(ws, s, code, listed, entries)
    manifest = {
        "format": FORMAT, "program": f"ccer-workbench {workbench.__version__}", "schema": sorted(head_revisions()),
        "project": code, "created_at": actor.now().isoformat(), "created_by": actor.name, "members": listed,
        **({"reference_editions": editions} if editions else {}), **({"audit_anchor": unsigned} if unsigned else {}),
    }
    with replacing(out) as tmp, zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        for number, (name, body) in enumerate(members.items(), start=1):
            steps.step(Text("progress.package.member_written", done=number, total=len(members)), number - 1, len(members))
            z.writestr(name, body)
        if anchor is not None:  # outside the manifest's list: it signs that list
            z.writestr(package_anchor.ANCHOR_MEMBER, json.dumps(anchor, indent=1))
    return out


@dataclass
class ImportReport:
    project: str
    action: str  # created | copied | merged | replaced | unchanged | differs (a dry run)
    differences: list[Difference] = field(default_factory=list)
    rows: int = 0
    taken: list[str] = field(default_factory=list)  # the references settled with the package's side
    left_out: list[str] = field(default_factory=list)  # rows dropped because the row they belong to was not kept
    notes: list[Text] = field(default_factory=list)  # what the user should know about the result
    audit: package_anchor.PackageAudit | None = None  # whether the package's history is confirmed by its anchor


class Unfit(Exception):
    """A package cell its column cannot hold, with the reason in words."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def _cell(column: Any, value: Any, bodies: dict[str, bytes]) -> Any:
    """One cell of ``data.json`` as its column holds it (Decimal, date, file bytes …), or ``Unfit``."""
    if value is None:
        if not column.nullable:
            raise Unfit(Text("packages.cell.empty"))
        return None
    try:
        if isinstance(column.type, ExactDecimal):
            number = Decimal(str(value))
            if number.is_finite():
                return number
            raise ValueError(value)
        if isinstance(column.type, DateTime):
            return datetime.fromisoformat(value)
        if isinstance(column.type, Date):
            return date.fromisoformat(value)
    except (ValueError, TypeError, ArithmeticError):
        if isinstance(column.type, ExactDecimal):
            raise Unfit(Text("packages.cell.not_a_number", value=repr(value)))
        raise Unfit(Text("packages.cell.not_a_date", value=repr(value)))
    if isinstance(column.type, LargeBinary):
        member = "files/" + str(value).removeprefix("sha256:")
        if member not in bodies:
            raise Unfit(Text("packages.cell.file_missing", member=member))
        return bodies[member]
    if column.type.python_type in (int, bool) and (not isinstance(value, (int, bool)) or not -2**63 <= value < 2**63):
        raise Unfit(Text("packages.cell.not_whole", value=repr(value)))
    if column.type.python_type is str and not isinstance(value, str):
        raise Unfit(Text("packages.cell.not_text", value=repr(value)))
    return value


def read_package(path: str | Path, steps: Steps = QUIET) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]], History, package_anchor.PackageAudit]:
    """The manifest, the data, the change history of a package and what can be said of its audit history
    (``package_anchor``), every member checked (each a step of ``steps``); any problem is a UserError naming it."""
    path = Path(path)
    where = str(path)
    guard_zip(path, max_unpacked=MAX_TOTAL, max_members=MAX_MEMBERS)  # counts, sizes and ratios before expanding anything
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError("error.packages.is_not_a_project_package_not", where=where, exc=exc)
    with archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        for info in infos:
            pure = PurePosixPath(info.filename)
            if info.filename.startswith(("/", "\\")) or ".." in pure.parts or ":" in info.filename or "\\" in info.filename:
                raise UserError("error.packages.member_has_an_absolute_or_parent", where=where, filename=info.filename)
            if (info.external_attr >> 16) & 0o170000 == 0o120000:
                raise UserError("error.packages.member_is_a_symbolic_link_refused", where=where, filename=info.filename)
            if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
                raise UserError("error.packages.member_expands_refused_as_a_zip", where=where, filename=info.filename, value=info.file_size // max(info.compress_size, 1))
        if len(set(names)) != len(names):
            raise UserError("error.packages.has_two_members_with_the_same", where=where)
        if "manifest.json" not in names:
            raise UserError("error.packages.has_no_manifest_json_not_a", where=where)
        try:
            manifest = json.loads(guard_json(archive.read("manifest.json"), f"{where} manifest.json"))
        except (json.JSONDecodeError, UnicodeDecodeError, zipfile.BadZipFile, EOFError, RecursionError) as exc:
            raise UserError("error.packages.manifest_json_cannot_be_read", where=where, exc=parse_problem(exc))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(manifest.get("members"), dict) \
                or not all(isinstance(m, dict) and isinstance(m.get("size"), int) and isinstance(m.get("sha256"), str)
                           for m in manifest["members"].values()) \
                or not isinstance(manifest.get("schema") or [], list) or not all(isinstance(r, str) for r in manifest.get("schema") or []):
            raise UserError("error.packages.manifest_json_is_not_a_format", where=where, FORMAT=FORMAT)
        unknown = set(manifest.get("schema") or []) - known_revisions()
        if unknown:
            raise UserError("error.packages.was_written_by_a_newer_version", where=where, value=', '.join(sorted(unknown)))
        bodies = {}
        for number, (name, meta) in enumerate(manifest["members"].items()):
            steps.step(Text("progress.package.member_checked", done=number + 1, total=len(manifest["members"])), number, len(manifest["members"]))
            if name not in names:
                raise UserError("error.packages.member_listed_in_the_manifest_is", where=where, name=name)
            try:
                body = archive.read(name)
            except (zipfile.BadZipFile, EOFError, OSError) as exc:
                raise UserError("error.packages.member_cannot_be_read", where=where, name=name, exc=exc)
            if len(body) != meta.get("size") or hashlib.sha256(body).hexdigest() != meta.get("sha256"):
                raise UserError("error.packages.member_does_not_match_its_sha", where=where, name=name)
            bodies[name] = body
        try:
            anchor_raw = archive.read(package_anchor.ANCHOR_MEMBER) if package_anchor.ANCHOR_MEMBER in names else None
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise UserError("error.packages.member_cannot_be_read", where=where, name=package_anchor.ANCHOR_MEMBER, exc=exc)
    audit = package_anchor.check(where, manifest, bodies, anchor_raw)
    steps.step(Text("progress.package.reading_data"))
    try:
        data = json.loads(guard_json(bodies["data.json"], f"{where} data.json"))
    except (KeyError, json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise UserError("error.packages.data_json_is_missing_or_not", where=where, exc=parse_problem(exc))
    try:
        changes = history_from_rows(json.loads(guard_json(bodies.get("history.json", b"[]"), f"{where} history.json")))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise UserError("error.packages.history_json_is_not_json", where=where, exc=parse_problem(exc))
    return manifest, _checked(package_upgrade.upgrade(data), where, bodies), changes, audit


def _checked(data: Any, where: str, bodies: dict[str, bytes]) -> dict[str, list[dict[str, Any]]]:
    tables = _tables()
    if not isinstance(data, dict) or not isinstance(data.get("project"), list) or len(data["project"]) != 1:
        raise UserError("error.packages.data_json_does_not_hold_exactly", where=where)
    out: dict[str, list[dict[str, Any]]] = {}
    for name, rows in data.items():
        if name not in tables:
            raise UserError("error.packages.data_json_has_an_unknown_table", where=where, name=name)
        t = tables[name]
        if not isinstance(rows, list):
            raise UserError("error.packages.table_is_not_a_list_of", where=where, name=name)
        parsed = []
        for i, row in enumerate(rows):
            if not isinstance(row, dict) or set(row) - set(t.c.keys()) or "id" not in row:
                raise UserError("error.packages.table_row_has_unknown_or_missing", where=where, name=name, value=i + 1)
            values = {}
            for key, value in row.items():
                try:
                    values[key] = _cell(t.c[key], value, bodies)
                except Unfit as exc:
                    raise UserError("error.packages.table_row_column", where=where, name=name, value=i + 1, key=key, exc=exc.text)
            if "uid" in t.c and "uid" not in values:  # written before rows carried identities: a row of its own
                values["uid"] = new_uid()
            parsed.append(values)
        ids = [r["id"] for r in parsed]
        if len(set(ids)) != len(ids):
            raise UserError("error.packages.table_holds_two_rows_with_the", where=where, name=name)
        out[name] = parsed
    owned, _ = _project_tables()
    for name in owned:  # every reference of a project's row points at a row the package holds
        rows = out.get(name, [])
        for column, target in references(tables[name]).items():
            held = {r["id"] for r in out.get(target, [])}
            for i, row in enumerate(rows):
                if row.get(column) is not None and row[column] not in held:
                    refuse_missing_reference(name, i + 1, column, row[column], target, where)
    return out


def _insert(s: Session, data: dict[str, list[dict[str, Any]]], code: str, *, keep_ids: bool = False,
            where: str, steps: Steps = QUIET) -> tuple[int, dict[str, dict[int, int]]]:
    """Insert a project's rows; ids map through. With ``keep_ids`` a row with a positive id keeps it (a merge keeps
    the rows this workspace already holds where they are); every other row gets a new id. Returns the count of rows
    written and each table's {id in ``data`` → id here}. Rows the database refuses
    (two sites of one name, say) are a UserError and the caller's transaction writes nothing; so is a stop asked
    through ``steps`` (a step every ``ROWS_A_STEP`` rows)."""
    try:
        return _insert_rows(s, data, code, keep_ids, steps)
    except (IntegrityError, DataError) as exc:
        raise UserError("error.packages.the_package_s_data_breaks_a", where=where, value=str(exc.orig).splitlines()[0])


ROWS_A_STEP = 1000


def _insert_rows(s: Session, data: dict[str, list[dict[str, Any]]], code: str, keep_ids: bool, steps: Steps) -> tuple[int, dict[str, dict[int, int]]]:
    tables = _tables()
    owned, shared = _project_tables()
    ids: dict[str, dict[int, int]] = {}
    count = 0
    total = sum(len(data.get(name, [])) for name in (*shared, *owned))
    seen = 0

    def step() -> None:
        nonlocal seen
        if seen % ROWS_A_STEP == 0:
            steps.step(Text("progress.package.rows_stored", done=seen, total=total), seen, total)
        seen += 1

    for name in shared:
        t = tables[name]
        columns = identity_columns(t)
        ids[name] = {}
        for row in data.get(name, []):
            step()
            found = s.execute(select(t.c.id).where(*(t.c[k] == row[k] for k in columns))).scalar()
            if found is None and name in NAMED:  # the same agreement or holder written with other case or spacing
                found = same_name(s, t, row, columns)
            if found is None:  # a shared row's link into some project (an account's party) stays behind
                values = {k: (None if k in references(t) else v) for k, v in row.items() if k != "id"}
                found = s.execute(t.insert().values(**values)).inserted_primary_key[0]
                count += 1
            ids[name][row["id"]] = found
    for name in owned:
        t = tables[name]
        fks = references(t)
        ids[name] = {}
        pending_self = []
        rows = sorted(data.get(name, []), key=lambda r: (keep_ids and r["id"] < 0, any(fks[c] == name and r.get(c) is not None for c in fks)))
        for row in rows:  # rows keeping their ids first, so a new row's id (SQLite: the largest + 1) cannot take one; rows
            # pointing to a row of their own table after the others, so the row they point to is there (evidence of a document)
            step()
            if name != "project" and "project_id" in row and row["project_id"] is None:  # an agreement's, not the project's
                ids[name][row["id"]] = _agreement_row(s, t, row, ids)
                continue
            values = {k: v for k, v in row.items() if k != "id" or (keep_ids and v > 0)}
            if name == "project":
                values["code"] = code
            for column, target in fks.items():
                if values.get(column) is None:
                    continue
                if target == name and values[column] in ids[name]:
                    values[column] = ids[name][values[column]]
                    continue
                if target == name:  # a row pointing to another row of its own table (split blocks): set afterwards
                    pending_self.append((row["id"], column, values[column]))
                    values[column] = None
                    continue
                values[column] = ids[target][values[column]]
            ids[name][row["id"]] = s.execute(t.insert().values(**values)).inserted_primary_key[0]
            count += 1
        for old, column, old_target in pending_self:
            s.execute(t.update().where(t.c.id == ids[name][old]).values({column: ids[name][old_target]}))
    return count, ids


NAMED = {"agreement": "name", "account": "holder"}
"""Shared rows whose name is typed by people: one written with other case, spacing or full-width letters is the same."""


def same_name(s: Session, t: Table, row: dict[str, Any], columns: tuple[str, ...]) -> int | None:
    text = NAMED[t.name]
    others = [k for k in columns if k != text]
    candidates = dict(s.execute(select(t.c.id, t.c[text]).where(*(t.c[k] == row[k] for k in others))).all())
    same = [i for i, name in candidates.items() if match_key(name) == match_key(row[text])]
    return same[0] if len(same) == 1 else None


def _link_agreement(s: Session, code: str) -> None:
    """A project still naming an agreement the package did not hold is linked to this workspace's, when recorded here."""
    project = s.scalar(select(ProjectRow).where(ProjectRow.code == code))
    if project.agreement_id is None and project.agreement_unmatched:
        found = agreement_named(s, project.agreement_unmatched)
        if found is not None and found.host_country == project.host_country:
            project.agreement_id, project.agreement_unmatched = found.id, ""
            s.flush()


def _agreement_row(s: Session, t: Table, row: dict[str, Any], ids: dict[str, dict[int, int]]) -> int:
    """An agreement-wide row (an allocation in force for every project of the agreement): the one this workspace holds
    for the same agreement and date, else inserted."""
    agreement = ids["agreement"][row["agreement_id"]]
    found = s.execute(select(t.c.id).where(t.c.project_id.is_(None), t.c.agreement_id == agreement,
                                           t.c.effective_from == row["effective_from"])).scalar()
    if found is None:
        found = s.execute(t.insert().values({**{k: v for k, v in row.items() if k != "id"}, "agreement_id": agreement})).inserted_primary_key[0]
    return found


def refuse_broken_ledger(s: Session, code: str, where: str, *, merging: bool = False) -> None:
    """The imported project's unit ledger as now written: no serial twice, every issued unit in exactly one block."""
    project = _tables()["project"]
    project_id = s.execute(select(project.c.id).where(project.c.code == code)).scalar()
    problems = ledger_problems(s, project_id, code)
    if problems:
        if merging:
            raise UserError("error.packages.the_merged_project_would_break_the", where=where, value=Joined(tuple(problems[:3])))
        raise UserError("error.packages.the_imported_project_would_break_the", where=where, value=Joined(tuple(problems[:3])))


def _fresh_identities(data: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """A separate copy of a project: its rows must not be taken for the original's when packages travel later."""
    return {name: [{**row, "uid": new_uid()} if "uid" in row else row for row in rows] for name, rows in data.items()}


def import_package(ws: Workspace, actor: Actor, path: str | Path, *, take: str | None = None, new_code: str | None = None,
                   choices: dict[str, str] | None = None, dry_run: bool = False, steps: Steps = QUIET) -> tuple[Change | None, ImportReport]:
    """Import a package. A project with the same code is compared first, row by row and field by field: identical →
    nothing changes; different → refused with the differences unless ``take`` says how to settle them: "local"
    keeps this workspace's version, "incoming" takes the package's, "merge" takes each difference from the side
    ``choices`` names (``package_merge.choose``). A merge or replacement is one transaction, after an automatic
    backup; rows this workspace holds keep their ids. ``new_code`` imports a separate copy. ``dry_run`` reports
    what would happen and writes nothing; so does an import stopped through ``steps`` (``domain.progress``)."""
    if take not in (None, "local", "incoming", "merge"):
        raise UserError("error.packages.take_is_not_local_incoming_or", field="take", take=take)
    manifest, data, theirs, audit = read_package(path, steps)
    refuse_bad_package(data, str(path))
    code = new_code or data["project"][0]["code"]
    owned, shared = _project_tables()
    with write_action(ws, actor, "package.import", reason=Text("reason.package", file=Path(path).name, by=manifest.get("created_by") or "-"), steps=steps) as act:
        s = act.session
        existing = s.execute(select(_tables()["project"].c.id).where(_tables()["project"].c.code == code)).scalar()
        report = ImportReport(code, "created" if not new_code else "copied", audit=audit)
        if existing is not None and new_code:
            raise UserError("error.packages.code_is_already_used_in_this", field="new_code", new_code=new_code)
        if existing is None:
            incoming = data
            if new_code:
                incoming = _fresh_identities(without_ledger(data))
                if ledger_count(data):
                    report.notes.append(Text("packages.copy_without_ledger", count=ledger_count(data), code=data["project"][0]["code"]))
            if not dry_run:
                report.rows, ids = _insert(s, incoming, code, where=str(path), steps=steps)
                carried = {(t, ids[t][i]): fields for (t, i), fields in theirs.items() if i in ids.get(t, {})}
                refuse_broken_ledger(s, code, str(path))
        else:
            steps.step(Text("progress.package.comparing"))
            local = _rows(s, existing)
            found = compare(local, data, history(s, existing), theirs, owned)
            if not found:
                return None, ImportReport(code, "unchanged", audit=audit)
            report.differences = found
            if take is None and not dry_run:
                raise UserError("error.packages.project_differs", code=code, count=len(found),
                                differences=Joined(tuple(d.describe() for d in found[:8]) + (("…",) if len(found) > 8 else ())))
            wanted = {d.table: take for d in found} if take in ("local", "incoming") else checked_choices(choices or {}, found)
            result, report.left_out, origins = merged(local, data, found, wanted, owned, shared)
            lost = evidence_targets_lost(local, result)
            if lost:
                raise UserError("error.packages.taking_these_differences_would_delete_records", where=str(path), value='; '.join(lost[:8]))
            report.taken = sorted(d.ref for d in found if choose(d, wanted) == "incoming")
            if take is not None and not compare(local, result, {}, {}, owned):
                report.action = "unchanged"
                return None, report
            report.action = {"merge": "merged", "incoming": "replaced"}.get(take or "", "differs")
            if dry_run:
                return None, report
            if ws.path is not None:  # a team database is backed up by its server (pg_dump)
                steps.step(Text("progress.package.backing_up"))
                make_backup(ws.path, "before-package-import")
            s.execute(_tables()["project"].delete().where(_tables()["project"].c.id == existing))
            report.rows, ids = _insert(s, result, code, keep_ids=True, where=str(path), steps=steps)
            carried = {(t, ids[t][merged_id]): {f: stamp for f, stamp in theirs.get((t, incoming_id), {}).items() if fields is None or f in fields}
                       for t, merged_id, incoming_id, fields in origins}
            refuse_broken_ledger(s, code, str(path), merging=True)
        if dry_run:
            return None, report
        _link_agreement(s, code)
        receive_editions(s, actor, manifest.get("reference_editions"), str(path))
        new_id = s.execute(select(_tables()["project"].c.id).where(_tables()["project"].c.code == code)).scalar()
        act.project_id = new_id
        unknown = parameter_keys.unknown_in_project(s, new_id)
        if unknown:  # kept, so a file from an earlier version imports whole; shown, since ``parameter set`` now refuses them
            report.notes.append(Text("packages.unknown_parameters_kept", keys=", ".join(unknown)))
        act.result = {"code": code, "action": report.action, "rows": report.rows, "differences": len(report.differences),
                      "notes": list(report.notes), "taken_from_package": report.taken[:200], "left_out": report.left_out,
                      "history": history_rows(carried),  # who changed what, when, on the package's side
                      "package_audit": {"confirmed": audit.confirmed, "entries": audit.entries, "workspace": audit.workspace}}
    return act.change, report
