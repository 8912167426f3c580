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

from sqlalchemy import Date, DateTime, LargeBinary, Table, select
from sqlalchemy.orm import Session

import workbench
from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.services.context import Actor
from workbench.services.output_files import output_path, replacing
from workbench.services.projects import resolve
from workbench.services.records import plain, record
from workbench.store.backup import make_backup
from workbench.store.schema import Base
from workbench.store.types import ExactDecimal
from workbench.store.workspace import Workspace, head_revisions, known_revisions

FORMAT = 1
MAX_MEMBERS = 5000  # data.json and the evidence files
MAX_TOTAL = 512 * 2**20  # uncompressed bytes
MAX_RATIO = 200
SKIP = {"audit_entry", "alembic_version", "reference_override"}
NATURAL_KEYS = {"vvb": ("name_en", "name_zh"), "account": ("holder", "registry"), "agreement": ("name",)}


def _tables() -> dict[str, Table]:
    return {t.name: t for t in Base.metadata.sorted_tables if t.name not in SKIP}


def _project_tables() -> tuple[list[str], list[str]]:
    """(tables owned by a project — directly or through a parent — in insert order, shared tables they point to)."""
    tables = _tables()
    owned: list[str] = []
    for name, table in tables.items():  # sorted_tables: parents before children
        if name == "project" or "project_id" in table.c or any(fk.column.table.name in owned for fk in table.foreign_keys):
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


def export_package(ws: Workspace, actor: Actor, project: int | str, out: str | Path) -> Path:
    out = output_path(out)
    with ws.reading() as s:
        p = resolve(s, project)
        rows = _rows(s, p.id)
        code = p.code
    data = {name: [{k: plain(v) for k, v in row.items()} for row in table] for name, table in rows.items()}
    files = {f"files/{hashlib.sha256(v).hexdigest()}": v for table in rows.values() for row in table for v in row.values() if isinstance(v, bytes)}
    members = {"data.json": json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8"), **files}
    manifest = {
        "format": FORMAT, "program": f"ccer-workbench {workbench.__version__}", "schema": sorted(head_revisions()),
        "project": code, "created_at": actor.now().isoformat(), "created_by": actor.name,
        "members": {name: {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)} for name, body in members.items()},
    }
    with replacing(out) as tmp, zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        for name, body in members.items():
            z.writestr(name, body)
    return out


@dataclass
class ImportReport:
    project: str
    action: str  # created | copied | replaced | unchanged | differs
    differences: list[str] = field(default_factory=list)
    rows: int = 0


def read_package(path: str | Path) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """The manifest and the data of a package, every member checked; any problem is a UserError naming it."""
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise UserError("no such file", where=where)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError(f"is not a project package (not a zip file: {exc})", where=where)
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise UserError(f"holds {len(infos)} members; a package holds at most {MAX_MEMBERS}", where=where)
        names = [i.filename for i in infos]
        for info in infos:
            pure = PurePosixPath(info.filename)
            if info.filename.startswith(("/", "\\")) or ".." in pure.parts or ":" in info.filename or "\\" in info.filename:
                raise UserError(f"member {info.filename!r} has an absolute or parent path; refused", where=where)
            if (info.external_attr >> 16) & 0o170000 == 0o120000:
                raise UserError(f"member {info.filename!r} is a symbolic link; refused", where=where)
            if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
                raise UserError(f"member {info.filename!r} expands {info.file_size // max(info.compress_size, 1)}×; refused as a zip bomb", where=where)
        if len(set(names)) != len(names):
            raise UserError("has two members with the same name", where=where)
        if sum(i.file_size for i in infos) > MAX_TOTAL:
            raise UserError(f"would expand to more than {MAX_TOTAL // 2**20} MiB; refused", where=where)
        if "manifest.json" not in names:
            raise UserError("has no manifest.json: not a project package", where=where)
        try:
            manifest = json.loads(archive.read("manifest.json"))
        except (json.JSONDecodeError, UnicodeDecodeError, zipfile.BadZipFile, EOFError) as exc:
            raise UserError(f"manifest.json cannot be read ({exc})", where=where)
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(manifest.get("members"), dict):
            raise UserError(f"manifest.json is not a format-{FORMAT} package manifest", where=where)
        unknown = set(manifest.get("schema") or []) - known_revisions()
        if unknown:
            raise UserError(f"was written by a newer version of the workbench (schema {', '.join(sorted(unknown))}); update to import it", where=where)
        bodies = {}
        for name, meta in manifest["members"].items():
            if name not in names:
                raise UserError(f"member {name!r} listed in the manifest is missing", where=where)
            try:
                body = archive.read(name)
            except (zipfile.BadZipFile, EOFError, OSError) as exc:
                raise UserError(f"member {name!r} cannot be read ({exc})", where=where)
            if len(body) != meta.get("size") or hashlib.sha256(body).hexdigest() != meta.get("sha256"):
                raise UserError(f"member {name!r} does not match its SHA-256 or size in the manifest (altered or damaged)", where=where)
            bodies[name] = body
    try:
        data = json.loads(bodies["data.json"])
    except (KeyError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"data.json is missing or not JSON ({exc})", where=where)
    return manifest, _checked(data, where, bodies)


def _checked(data: Any, where: str, bodies: dict[str, bytes]) -> dict[str, list[dict[str, Any]]]:
    tables = _tables()
    if not isinstance(data, dict) or not isinstance(data.get("project"), list) or len(data["project"]) != 1:
        raise UserError("data.json does not hold exactly one project", where=where)
    out: dict[str, list[dict[str, Any]]] = {}
    for name, rows in data.items():
        if name not in tables:
            raise UserError(f"data.json has an unknown table {name!r}", where=where)
        t = tables[name]
        if not isinstance(rows, list):
            raise UserError(f"table {name!r} is not a list of rows", where=where)
        parsed = []
        for i, row in enumerate(rows):
            if not isinstance(row, dict) or set(row) - set(t.c.keys()) or "id" not in row:
                raise UserError(f"table {name!r} row {i + 1} has unknown or missing columns", where=where)
            values = {}
            for key, value in row.items():
                column = t.c[key]
                try:
                    if value is None:
                        values[key] = None
                    elif isinstance(column.type, ExactDecimal):
                        values[key] = Decimal(str(value))
                    elif isinstance(column.type, DateTime):
                        values[key] = datetime.fromisoformat(value)
                    elif isinstance(column.type, Date):
                        values[key] = date.fromisoformat(value)
                    elif isinstance(column.type, LargeBinary):
                        member = "files/" + str(value).removeprefix("sha256:")
                        if member not in bodies:
                            raise ValueError(f"names {member}, which the package does not hold")
                        values[key] = bodies[member]
                    elif column.type.python_type in (int, bool) and not isinstance(value, (int, bool)):
                        raise ValueError(f"{value!r} is not a number")
                    else:
                        values[key] = value
                except (ValueError, TypeError, ArithmeticError) as exc:
                    raise UserError(f"table {name!r} row {i + 1} column {key!r}: {exc}", where=where)
            parsed.append(values)
        out[name] = parsed
    return out


def _fk_columns(table: Table) -> dict[str, str]:
    return {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}


def _content(data: dict[str, list[dict[str, Any]]]) -> dict[str, list[str]]:
    """Rows without their workspace-local ids, comparable across workspaces."""
    tables = _tables()
    out = {}
    for name, rows in data.items():
        drop = {"id", "version", *_fk_columns(tables[name])}
        out[name] = sorted(json.dumps({k: plain(v) for k, v in r.items() if k not in drop}, sort_keys=True, ensure_ascii=False) for r in rows)
    return out


def differences(local: dict[str, list[dict[str, Any]]], incoming: dict[str, list[dict[str, Any]]]) -> list[str]:
    """What differs, entity by entity: the project's fields one by one, other tables by the rows that differ."""
    out = []
    mine, theirs = local["project"][0], incoming["project"][0]
    for key in sorted(set(mine) | set(theirs)):
        if key not in ("id", "version") and plain(mine.get(key)) != plain(theirs.get(key)):
            out.append(f"project.{key}: local {plain(mine.get(key))!r} / incoming {plain(theirs.get(key))!r}")
    a, b = _content(local), _content(incoming)
    for name in sorted(set(a) | set(b)):
        if name == "project":
            continue
        only_local = len(set(a.get(name, [])) - set(b.get(name, [])))
        only_incoming = len(set(b.get(name, [])) - set(a.get(name, [])))
        if only_local or only_incoming:
            out.append(f"{name}: {only_local} row(s) only here, {only_incoming} only in the package")
    return out


def _insert(s: Session, data: dict[str, list[dict[str, Any]]], code: str) -> int:
    tables = _tables()
    owned, shared = _project_tables()
    ids: dict[str, dict[int, int]] = {}
    count = 0
    for name in shared:
        t = tables[name]
        ids[name] = {}
        for row in data.get(name, []):
            keys = NATURAL_KEYS.get(name)
            found = None
            if keys:
                found = s.execute(select(t.c.id).where(*(t.c[k] == row[k] for k in keys))).scalar()
            if found is None:
                values = {k: v for k, v in row.items() if k != "id"}
                found = s.execute(t.insert().values(**values)).inserted_primary_key[0]
                count += 1
            ids[name][row["id"]] = found
    for name in owned:
        t = tables[name]
        fks = _fk_columns(t)
        ids[name] = {}
        pending_self = []
        for row in data.get(name, []):
            values = {k: v for k, v in row.items() if k != "id"}
            if name == "project":
                values["code"] = code
            for column, target in fks.items():
                if values.get(column) is None:
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
    return count


def import_package(ws: Workspace, actor: Actor, path: str | Path, *, take: str | None = None, new_code: str | None = None,
                   dry_run: bool = False) -> tuple[Change | None, ImportReport]:
    """Import a package. A project with the same code is compared first: identical → nothing changes; different →
    refused with the differences unless ``take`` says whose version wins ("local" keeps this workspace's,
    "incoming" replaces it after an automatic backup). ``new_code`` imports a separate copy."""
    if take not in (None, "local", "incoming"):
        raise UserError(f"take {take!r} is not local or incoming", where="take")
    manifest, data = read_package(path)
    code = new_code or data["project"][0]["code"]
    with ws.transaction() as s:
        existing = s.execute(select(_tables()["project"].c.id).where(_tables()["project"].c.code == code)).scalar()
        report = ImportReport(code, "created" if not new_code else "copied")
        if existing is not None:
            if new_code:
                raise UserError(f"code {new_code!r} is already used in this workspace; choose another", where="new code")
            diff = differences(_rows(s, existing), data)
            if not diff:
                return None, ImportReport(code, "unchanged")
            report.differences = diff
            if take is None:
                raise UserError(f"project {code} differs from the package ({len(diff)} difference(s)): " + "; ".join(diff[:8]) +
                                " — choose --take local or --take incoming, or import as a copy with --as-new-copy CODE")
            if take == "local":
                return None, ImportReport(code, "unchanged", diff)
            report.action = "replaced"
        if dry_run:
            return None, report
        if existing is not None:
            if ws.path is not None:  # a team database is backed up by its server (pg_dump)
                make_backup(ws.path, "before-package-import")
            s.execute(_tables()["project"].delete().where(_tables()["project"].c.id == existing))
        report.rows = _insert(s, data, code)
        new_id = s.execute(select(_tables()["project"].c.id).where(_tables()["project"].c.code == code)).scalar()
        change = Change("package.import", actor.name, actor.now(), new_id, reason=f"package {Path(path).name} by {manifest.get('created_by')}",
                        result={"code": code, "action": report.action, "rows": report.rows, "differences": report.differences})
        return record(s, change), report
