"""What every package import checks, whichever way it imports (new project, copy, merge, take incoming): the
values of its rows (closed sets, serial ranges, quantities, prices, currencies, compliance years) before anything
is written, and the unit ledger's invariants once the rows are in place (``package_merge.ledger_problems``)."""

from __future__ import annotations

from typing import Any

from workbench.domain import field_specs as fs
from workbench.domain.article6 import UnitUse
from workbench.domain.errors import UserError, field_label
from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.serials import Block, violations
from workbench.domain.stages import Stage
from workbench.domain.text import Joined, Text
from workbench.domain.vocabulary import BlockStatus, FindingStatus, PeriodStatus, ReportStatus, TransactionKind
from workbench.services.support.fields import parse_value

LEDGER = ("unit_transaction", "unit_block", "issuance")  # children first: what a copy leaves behind
MAX_SERIAL = 10**15


def _state(enum) -> FieldSpec:
    """A state the workbench moves a record through (not typed by a user, but a closed set all the same)."""
    return FieldSpec(FieldKind.ENUM, required=True, enum=enum)


def _pick(fields, *keys: str) -> dict[str, FieldSpec]:
    return {k: s for k, s in fs.flat(fields).items() if k in keys}


# A package's rows are checked field by field as a user's entry would be (field_specs), by stored column.
CHECKED: dict[str, dict[str, FieldSpec]] = {
    "project": {**{k: s for k, s in fs.flat(fs.PROJECT).items() if k != "agreement"}, "stage": _state(Stage)},
    "party": fs.flat(fs.PARTY),
    "site": fs.flat(fs.SITE),
    "meter": _pick(fs.METER, "serial", "role", "accuracy_class", "calibrated_on", "location", "fuel"),
    "risk": {**fs.flat(fs.RISK), "stage": _state(Stage)},
    "vvb": fs.flat(fs.VVB),
    "engagement": {**_pick(fs.ENGAGEMENT, "kind", "team"), "report_status": _state(ReportStatus)},
    "finding": {**_pick(fs.FINDING, "type", "text"), "status": _state(FindingStatus)},
    "accounting_period": {**fs.flat(fs.PERIOD), "status": _state(PeriodStatus)},
    "agreement": fs.flat(fs.AGREEMENT),
    "account": fs.flat(fs.ACCOUNT),
    "allocation": fs.flat(fs.ALLOCATION),
    "joint_decision": _pick(fs.DECISION, "kind", "decided_on", "reference", "note"),
    "unit_block": {"status": _state(BlockStatus), "use": FieldSpec(FieldKind.ENUM, enum=UnitUse)},
    "unit_transaction": {"kind": _state(TransactionKind), **_pick(fs.TRANSFER, "price", "currency"),
                         **_pick(fs.RETIREMENT, "compliance_year")},
}
CANONICAL = (FieldKind.ENUM, FieldKind.COUNTRY, FieldKind.CURRENCY)  # stored exactly as the workbench writes them
# REFERENCE fields, stored as ``<key>_id``: the id of a row the package itself carries.
REFERENCES: dict[str, dict[str, FieldSpec]] = {
    table: {key: spec for key, spec in fields.items() if spec.kind is FieldKind.REFERENCE}
    for table, fields in (("project", fs.PROJECT), ("engagement", fs.ENGAGEMENT), ("joint_decision", fs.DECISION),
                          ("unit_transaction", fs.TRANSFER))
}


def refuse_missing_reference(table: str, row: int, column: str, value: Any, target: str, where: str) -> None:
    """Refuse a row whose ``column`` names a row the package does not carry: by the field's label when the column
    holds a REFERENCE field (``vvb_id`` → 审定与核查机构), else by table and column."""
    for key, spec in REFERENCES.get(table, {}).items():
        if column == f"{key}_id":
            problem = Text("package_checks.field_problem", field=field_label(key),
                           message=Text("package_checks.reference_missing", value=value, record=field_label(spec.refers_to)))
            raise UserError("error.package_checks.table_row_the_package_was_altered", where=where, table=table, value=row, value2=[problem])
    raise UserError("error.packages.table_row_column_refers_to_which", where=where, name=table, value=row, column=column, target=target, row=value)


def _field_problem(key: str, spec: FieldSpec, value: Any) -> Text | None:
    try:
        parsed = parse_value(spec, value, key)
    except UserError as exc:
        return Text("package_checks.field_problem", field=field_label(key), message=exc.text)
    if spec.kind in CANONICAL and value not in (None, "") and parsed != value:
        return Text("package_checks.field_problem", field=field_label(key), message=Text("package_checks.not_as_written", value=value, expected=parsed))
    return None


def _row_problems(table: str, row: dict[str, Any]) -> list[Text]:
    problems = [p for key, spec in CHECKED.get(table, {}).items() if key in row and (p := _field_problem(key, spec, row[key]))]
    if table == "unit_block":
        first, last = row.get("first"), row.get("last")
        if not (isinstance(first, int) and isinstance(last, int) and 1 <= first <= last < MAX_SERIAL):
            problems.append(Text("package_checks.serials_not_a_range", first=first, last=last))
    if table == "unit_transaction" and (not isinstance(row.get("quantity"), int) or row["quantity"] <= 0):
        problems.append(Text("package_checks.quantity_not_whole_tonnes", value=row.get("quantity")))
    return problems


def refuse_bad_values(data: dict[str, list[dict[str, Any]]], where: str) -> None:
    """Refuse a package whose rows hold values the workbench itself would never write; names table, row, field (by
    its label) and value (references to rows the package does not carry: ``refuse_missing_reference``, as it is read)."""
    for table, rows in data.items():
        for i, row in enumerate(rows):
            problems = _row_problems(table, row)
            if problems:
                raise UserError("error.package_checks.table_row_the_package_was_altered", where=where, table=table, value=i + 1, value2=problems)


def package_ledger_problems(data: dict[str, list[dict[str, Any]]]) -> list[Text]:
    """The ledger invariants (``domain.serials.violations``) over the package's own blocks and issue movements."""
    code = data["project"][0]["code"]
    blocks = [Block(r["id"], code, r["vintage"], r["first"], r["last"], r["registry"], r["status"]) for r in data.get("unit_block", [])]
    vintage_of = {b.id: b.vintage for b in blocks}
    issued: dict[tuple[str, int], int] = {}
    for move in data.get("unit_transaction", []):
        if move.get("kind") == "issue" and move.get("block_id") in vintage_of:
            key = (code, vintage_of[move["block_id"]])
            issued[key] = issued.get(key, 0) + move["quantity"]
    return violations(blocks, issued)


def refuse_bad_package(data: dict[str, list[dict[str, Any]]], where: str) -> None:
    """Every value check, then the package's own ledger: the same on every import path."""
    refuse_bad_values(data, where)
    problems = package_ledger_problems(data)
    if problems:
        raise UserError("error.package_checks.the_package_s_unit_ledger_is", where=where, value=Joined(tuple(problems[:3])))


def without_ledger(data: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """A copy of a project: its issuances, unit blocks and their movements stay with the original (a unit exists once)."""
    return {name: ([] if name in LEDGER else rows) for name, rows in data.items()}


def ledger_count(data: dict[str, list[dict[str, Any]]]) -> int:
    return len(data.get("unit_block", []))
