"""Links between records (agreements, evidence targets, holder accounts) and how text written by earlier versions
is matched to them. Pure functions over plain values: the 0017 migration and the package importer both use them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

TARGET_KINDS = ("project", "finding", "engagement", "period", "document")
"""What an evidence file can be attached to; each has its own foreign key on ``evidence_file`` (``for_<kind>_id``)."""


def match_key(text: str) -> str:
    """The form two names are compared in: NFKC (full-width letters and digits become ordinary ones), case-folded,
    with every space removed — so "ＢＲＩ  Agreement " and "bri agreement" have the same key."""
    return "".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def find_by_name(text: str, rows: Mapping[int, str]) -> int | None:
    """The id of the row named ``text`` among ``rows`` (id → name): the exact name first, else the only one with the
    same ``match_key``; None when nothing or more than one row matches."""
    wanted = (text or "").strip()
    if not wanted:
        return None
    exact = [i for i, name in rows.items() if name == wanted]
    if len(exact) == 1:
        return exact[0]
    same = [i for i, name in rows.items() if match_key(name) == match_key(wanted)]
    return same[0] if len(same) == 1 else None


def near_duplicates(text: str, rows: Mapping[int, str]) -> list[int]:
    """Ids of rows whose name differs from ``text`` only by case, spacing or full-width characters (not equal)."""
    key, wanted = match_key(text), (text or "").strip()
    return [i for i, name in rows.items() if name != wanted and match_key(name) == key]


@dataclass(frozen=True)
class ArchivedDocument:
    id: int
    kind: str  # the document kind: pdd, verification-package …
    ref: str  # what it was rendered for (an engagement or period), '' for none


@dataclass(frozen=True)
class Placement:
    """Where an evidence file written by an earlier version goes: exactly one ``for_<kind>_id`` set; text that names
    nothing is kept in ``unmatched`` (the file stays on the project and the project shows a task)."""

    target: str  # one of TARGET_KINDS
    target_id: int
    unmatched: str = ""
    document_kind: str = ""  # an archived document's own kind and ref (row kind "document")
    document_ref: str = ""

    def columns(self) -> dict[str, object]:
        return {**{f"for_{k}_id": (self.target_id if k == self.target else None) for k in TARGET_KINDS},
                "unmatched_target": self.unmatched, "document_kind": self.document_kind, "document_ref": self.document_ref}


def newest_document(documents: Iterable[ArchivedDocument], kind: str, ref: str = "") -> int | None:
    """The newest archived document of ``kind`` (and ``ref`` when given)."""
    found = [d.id for d in documents if d.kind == kind and (not ref or d.ref == ref)]
    return max(found) if found else None


def place_old_evidence(attached_to: str, row_kind: str, project_id: int, findings: Iterable[int], engagements: Iterable[int],
                       periods: Mapping[int, int], documents: Iterable[ArchivedDocument]) -> Placement:
    """Read an ``attached_to`` text of schema 0016 ("finding 3", "engagement 2", "period 1", "document pdd",
    "document verification-package 1", "" for the project) as a link. ``findings`` and ``engagements`` are the
    project's ids, ``periods`` its period number → id, ``documents`` its archived documents. An archived document
    (``row_kind`` "document") is itself kept on the project with its kind and ref."""
    text = " ".join((attached_to or "").split())
    kind, _, ref = text.partition(" ")
    if row_kind == "document":
        doc_kind, _, doc_ref = ref.partition(" ")
        return Placement("project", project_id, "" if kind == "document" else text, doc_kind, doc_ref)
    if not text:
        return Placement("project", project_id)
    found: int | None = None
    if kind == "document" and ref:
        doc_kind, _, doc_ref = ref.partition(" ")
        found = newest_document(documents, doc_kind, doc_ref)
    elif kind in ("finding", "engagement", "period") and ref.isdigit():
        number = int(ref)
        pool = {"finding": set(findings), "engagement": set(engagements)}.get(kind)
        found = periods.get(number) if kind == "period" else (number if number in pool else None)
    if found is None:
        return Placement("project", project_id, unmatched=text)
    return Placement(kind, found)
