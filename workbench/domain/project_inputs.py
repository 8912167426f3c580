"""Where a project input written by schema ≤ 0017 lives now: one table held parameters, declarations, evidence
references and PDD texts told apart by the key's prefix (``decl.``, ``evidence.``, ``text.SECTION.LANG``); each has
its own table since 0018 (the migration and the package upgrade both follow this rule)."""

from __future__ import annotations

from typing import Any

PDD_LANGS = ("en", "zh")


def split_parameter(key: str, value: str) -> tuple[str, dict[str, Any]] | None:
    """(table, its typed columns) for a 0017 parameter ``key`` = ``value``, or None when it stays a parameter: a
    declaration answered neither yes nor no, or a text in a language other than en/zh, is kept as it was.

    ``split_parameter("decl.no_green_certificate", "Yes")`` → ``("project_declaration", {"key": …, "answer": True})``.
    """
    if key.startswith("decl.") and len(key) > len("decl.") and value.strip().lower() in ("yes", "no"):
        return "project_declaration", {"key": key[len("decl."):], "answer": value.strip().lower() == "yes"}
    if key.startswith("evidence.") and len(key) > len("evidence."):
        return "evidence_reference", {"condition": key[len("evidence."):], "stage_event_id": None, "reference": value}
    section, _, lang = key[len("text."):].rpartition(".")
    if key.startswith("text.") and section and lang in PDD_LANGS:
        return "pdd_text", {"section": section, "lang": lang, "body": value}
    return None
