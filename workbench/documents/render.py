"""Templates → document model → PDF: sandboxed Jinja2 (autoescape, strict undefined) writes the document's XML,
``model.parse`` reads it, ``pdf.build`` lays it out on ReportLab (the Word export reads the same model).

The same context and template give the same bytes: ReportLab runs in invariant mode (fixed dates and ids).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from workbench.documents import model
from workbench.domain.errors import UserError

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
LANGS = ("zh", "en", "bilingual")


@lru_cache(maxsize=1)
def glossary() -> dict[str, dict[str, str]]:
    return json.loads((TEMPLATES / "glossary.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """One environment for the program's life: Jinja2 compiles each template once."""
    return SandboxedEnvironment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                                lstrip_blocks=True)


def translator(lang: str):
    """``t(key)``: fixed wording from the glossary in the document's language (both for bilingual)."""
    words = glossary()

    def t(key: str) -> str:
        entry = words[key]
        if lang == "bilingual":
            return f"{entry['zh']} {entry['en']}"
        return entry[lang]

    def pick(en: str, zh: str) -> str:
        """User text in the document's language; bilingual shows both, Chinese first (as paragraphs of their own
        when either runs to more than one line)."""
        if lang == "bilingual":
            both = [x for x in (zh, en) if x]
            return ("\n\n" if any("\n" in x for x in both) else " / ").join(both)
        return (zh or en) if lang == "zh" else (en or zh)

    return t, pick


def render_xml(kind: str, context: dict[str, Any], lang: str) -> str:
    if lang not in LANGS:
        raise UserError("error.documents.language_is_not_one_of", field="lang", lang=lang, value=', '.join(LANGS))
    t, pick = translator(lang)
    return environment().get_template(f"{kind}/document.xml").render(**context, lang=lang, t=t, pick=pick)


def render_document(kind: str, context: dict[str, Any], lang: str) -> model.Document:
    """The document model of ``kind`` for the context, in ``lang`` (zh, en or bilingual)."""
    return model.parse(render_xml(kind, context, lang), "en" if lang == "en" else "zh")


def render_pdf(kind: str, context: dict[str, Any], lang: str, font: Path) -> bytes:
    from workbench.documents.fonts import register
    from workbench.documents.pdf import build

    return build(render_document(kind, context, lang), register(font))
