"""The PDD editor's service: the texts the user writes in both languages, and how complete each section is."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual
from workbench.services.support.context import Actor
from workbench.services.documents.documents import check
from workbench.services.documents.pdd_context import PDD_SECTIONS, PDD_TEXTS, TEXT_TITLES
from workbench.services.methodology.project_inputs import PDD_LANGS as LANGS
from workbench.services.methodology.project_inputs import pdd_texts_of, set_pdd_text
from workbench.services.projects.projects import resolve
from workbench.store.workspace import Workspace


@dataclass(frozen=True)
class SectionState:
    title: Bilingual
    missing: tuple[Bilingual, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


def texts(ws: Workspace, project: int | str) -> dict[tuple[str, str], str]:
    """Every PDD text by (section key, language); empty when not written yet."""
    with ws.reading() as s:
        written = pdd_texts_of(s, resolve(s, project).id)
    return {(k, lang): written.get((k, lang), "") for k in PDD_TEXTS for lang in LANGS}


def set_text(ws: Workspace, actor: Actor, project: int | str, key: str, lang: str, text: str) -> Change:
    """Save one section's text in one language (undoable like any parameter)."""
    if key not in PDD_TEXTS:
        raise UserError("error.pdd.is_not_a_pdd_text_section", field="section", key=key, value=', '.join(PDD_TEXTS))
    return set_pdd_text(ws, actor, project, key, lang, text, f"PDD editor: {TEXT_TITLES[key].en}")


def completeness(ws: Workspace, project: int | str, today) -> list[SectionState]:
    """Each PDD section in document order with what it still misses (the same check a final render applies)."""
    missing = check(ws, "pdd", project, today)
    return [SectionState(title, tuple(m.item for m in missing if m.section == title)) for title in PDD_SECTIONS]
