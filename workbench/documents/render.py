"""Templates → document model → PDF: sandboxed Jinja2 (autoescape, strict undefined) writes the document's XML,
``model.parse`` reads it, ``pdf.build`` lays it out on ReportLab (the Word export reads the same model).

Fixed wording comes from the message catalogue (ids ``doc.<key>``, :mod:`workbench.documents.wording`) in the
document's language; a bilingual document stacks each label, Chinese first and the English smaller beneath it.
Anything that knows its own wording (a labelled enum member, a catalogue :class:`~workbench.domain.text.Text`, a
country, user text held in both languages) is shown the same way wherever a template prints it, so no stored value
reaches a page. The same context and template give the same bytes: ReportLab runs in invariant mode.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, pass_context
from jinja2.sandbox import SandboxedEnvironment

from workbench.documents import model, wording
from workbench.domain.errors import UserError

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
LANGS = ("zh", "en", "bilingual")


@pass_context
def _finalize(context, value):
    """Every printed value: a thing with its own wording is shown in the document's language, a day as the
    language writes days (2025年3月6日)."""
    if callable(getattr(value, "in_lang", None)):
        return wording.shown(value, context["lang"])
    found = wording.as_day(value)
    return wording.day(found, context["lang"]) if found else value


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """One environment for the program's life: Jinja2 compiles each template once."""
    env = SandboxedEnvironment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                               lstrip_blocks=True, finalize=_finalize)
    env.filters.update(wording.FILTERS)
    return env


def translator(lang: str, removals: bool = False):
    """``t(key, **params)``: fixed wording ``doc.<key>`` in the document's language (for bilingual stacked, or on one
    line with ``inline=True``; one language with ``only="zh"``) — a forestry document's (``removals``) variant where
    there is one —, and ``pick(en, zh)``: user text in the document's language."""

    def t(key: str, only: str | None = None, inline: bool = False, **params: Any):
        return wording.fixed(wording.worded(key, removals), only or lang, inline, **params)

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
    removals = (context.get("project") or {}).get("sector") == "forestry"
    t, pick = translator(lang, removals)
    return environment().get_template(f"{kind}/document.xml").render(**context, lang=lang, t=t, pick=pick, removals=removals)


def render_document(kind: str, context: dict[str, Any], lang: str) -> model.Document:
    """The document model of ``kind`` for the context, in ``lang`` (zh, en or bilingual)."""
    return model.parse(render_xml(kind, context, lang), "en" if lang == "en" else "zh")


def render_pdf(kind: str, context: dict[str, Any], lang: str, font: Path) -> bytes:
    from workbench.documents.fonts import register
    from workbench.documents.pdf import build

    return build(render_document(kind, context, lang), register(font))
