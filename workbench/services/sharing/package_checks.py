"""What every package import checks, whichever way it imports (new project, copy, merge, take incoming): the
values of its rows (closed sets, serial ranges, quantities, prices, currencies, compliance years) before anything
is written, and the unit ledger's invariants once the rows are in place (``package_merge.ledger_problems``)."""

from __future__ import annotations

from typing import Any

from workbench.domain.errors import UserError
from workbench.domain.serials import Block, violations
from workbench.domain.stages import Stage
from workbench.services.support import values

BLOCK_STATUSES = ("issued", "transferred", "retired", "cancelled")  # models_ledger.BlockRow.status
MOVE_KINDS = ("issue", "transfer", "retire", "cancel", "pledge", "freeze", "release")  # models_ledger.TransactionRow.kind
LEDGER = ("unit_transaction", "unit_block", "issuance")  # children first: what a copy leaves behind
MAX_SERIAL = 10**15
CLOSED: dict[tuple[str, str], tuple[str, ...]] = {
    ("project", "stage"): tuple(s.value for s in Stage),
    ("unit_block", "status"): BLOCK_STATUSES,
    ("unit_transaction", "kind"): MOVE_KINDS,
}


def _row_problems(table: str, row: dict[str, Any]) -> list[str]:
    problems = [f"{column} {row.get(column)!r} is not one of: {', '.join(accepted)}"
                for (name, column), accepted in CLOSED.items() if name == table and row.get(column) not in accepted]
    if table == "unit_block":
        first, last = row.get("first"), row.get("last")
        if not (isinstance(first, int) and isinstance(last, int) and 1 <= first <= last < MAX_SERIAL):
            problems.append(f"serials {first}..{last} are not a range of positive serial numbers (first ≤ last)")
    if table == "unit_transaction":
        if not isinstance(row.get("quantity"), int) or row["quantity"] <= 0:
            problems.append(f"quantity {row.get('quantity')!r} is not a whole number of tonnes above 0")
        for column, check in (("price", values.price), ("currency", values.currency), ("compliance_year", values.compliance_year)):
            try:
                check(row.get(column), column)
            except UserError as exc:
                problems.append(str(exc))
    return problems


def refuse_bad_values(data: dict[str, list[dict[str, Any]]], where: str) -> None:
    """Refuse a package whose rows hold values the workbench itself would never write; names table, row and value."""
    for table, rows in data.items():
        for i, row in enumerate(rows):
            problems = _row_problems(table, row)
            if problems:
                raise UserError("error.package_checks.table_row_the_package_was_altered", where=where, table=table, value=i + 1, value2='; '.join(problems))


def package_ledger_problems(data: dict[str, list[dict[str, Any]]]) -> list[str]:
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
        raise UserError("error.package_checks.the_package_s_unit_ledger_is", where=where, value='; '.join(problems[:3]))


def without_ledger(data: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """A copy of a project: its issuances, unit blocks and their movements stay with the original (a unit exists once)."""
    return {name: ([] if name in LEDGER else rows) for name, rows in data.items()}


def ledger_count(data: dict[str, list[dict[str, Any]]]) -> int:
    return len(data.get("unit_block", []))
