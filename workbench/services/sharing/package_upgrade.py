"""Packages written by earlier versions, read in today's shape before they are checked (schema 0016 → 0017).

Schema 0016 named a project's agreement by text and an evidence file's target by text ("finding 3", "document pdd");
both become links here with the same rules as the 0017 migration (``workbench.domain.references``): text that
names nothing in the package is kept (``agreement_unmatched``, ``unmatched_target``) and shown as a task.
"""

from __future__ import annotations

from typing import Any

from workbench.domain.references import ArchivedDocument, find_by_name, place_old_evidence

Rows = dict[str, list[dict[str, Any]]]


def _rows(data: Any, name: str) -> list[dict[str, Any]]:
    rows = data.get(name, []) if isinstance(data, dict) else []
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def upgrade(data: Any) -> Any:
    """``data.json`` of a package in today's shape; data already in it (or too malformed to read) comes back as it was,
    for the checks to judge."""
    projects = _rows(data, "project")
    if len(projects) != 1 or not isinstance(projects[0].get("id"), int):
        return data
    project = projects[0]
    if "agreement" in project and "agreement_id" not in project:
        names = {r["id"]: r["name"] for r in _rows(data, "agreement") if isinstance(r.get("name"), str)}
        text = project.pop("agreement") if isinstance(project.get("agreement"), str) else ""
        found = find_by_name(text, names)
        project["agreement_id"], project["agreement_unmatched"] = found, "" if found is not None else text.strip()
    evidence = _rows(data, "evidence_file")
    if any("attached_to" in r for r in evidence):
        engagements = [r.get("id") for r in _rows(data, "engagement")]
        findings = [r.get("id") for r in _rows(data, "finding")]
        periods = {r.get("number"): r.get("id") for r in _rows(data, "accounting_period")}
        placed = {}
        for row in sorted(evidence, key=lambda r: r.get("kind") != "document"):  # archived documents first
            documents = [ArchivedDocument(r["id"], p.document_kind, p.document_ref) for r, p in placed.values()]
            text = row.pop("attached_to", "")
            placed[id(row)] = (row, place_old_evidence(text if isinstance(text, str) else "", row.get("kind", ""), project["id"],
                                                       findings, engagements, periods, documents if row.get("kind") != "document" else ()))
        for row, placement in placed.values():
            row.update(placement.columns())
    return data
