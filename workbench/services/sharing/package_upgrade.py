"""Packages written by earlier versions, read in today's shape before they are checked (schema 0016 → 0018).

Schema 0016 named a project's agreement by text and an evidence file's target by text ("finding 3", "document pdd");
both become links here with the same rules as the 0017 migration (``workbench.domain.references``): text that
names nothing in the package is kept (``agreement_unmatched``, ``unmatched_target``) and shown as a task.

Schema 0017 kept declarations, evidence references and PDD texts among the parameters, told apart by prefix, and a
stage change's reference on the stage event; they move to their own tables as the 0018 migration moves them
(``workbench.domain.project_inputs``).
"""

from __future__ import annotations

from typing import Any

from workbench.domain.project_inputs import split_parameter
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
    _split_parameters(data)
    return data


def _split_parameters(data: dict[str, Any]) -> None:
    """Declarations, evidence references and PDD texts out of ``project_parameter`` (and the reference out of
    ``stage_event``) into their own tables, as the 0018 migration moves them."""
    events = _rows(data, "stage_event")
    if not any("evidence" in r for r in events) and any(name in data for name in SPLIT_TABLES):
        return
    moved: Rows = {name: list(_rows(data, name)) for name in SPLIT_TABLES}
    kept = []
    for row in _rows(data, "project_parameter"):
        target = split_parameter(str(row.get("key", "")), row.get("value") if isinstance(row.get("value"), str) else "")
        if target is None:
            kept.append(row)
            continue
        name, columns = target
        moved[name].append({"project_id": row.get("project_id"), "source": row.get("source", ""), "updated_at": row.get("updated_at"),
                            "version": 1, **columns})
    for event in events:
        reference = event.pop("evidence", "")
        if isinstance(reference, str) and reference.strip():
            moved["evidence_reference"].append({"project_id": event.get("project_id"), "condition": None, "stage_event_id": event.get("id"),
                                                "reference": reference, "source": "stage change", "updated_at": event.get("at"), "version": 1})
    if "project_parameter" in data:
        data["project_parameter"] = kept
    for name, rows in moved.items():
        for number, row in enumerate(rows, start=1):
            row.setdefault("id", number)
        data[name] = rows


SPLIT_TABLES = ("project_declaration", "evidence_reference", "pdd_text")
