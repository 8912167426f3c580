"""HTML templates → PDF: sandboxed Jinja2 (autoescape, strict undefined) and xhtml2pdf on ReportLab.

The same context and template give the same bytes: ReportLab runs in invariant mode (fixed dates and ids).
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from workbench.domain.errors import UserError

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
LANGS = ("zh", "en", "bilingual")


@lru_cache(maxsize=1)
def glossary() -> dict[str, dict[str, str]]:
    return json.loads((TEMPLATES / "glossary.json").read_text(encoding="utf-8"))


def environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def translator(lang: str):
    """``t(key)``: fixed wording from the glossary in the document's language (both for bilingual)."""
    words = glossary()

    def t(key: str) -> str:
        entry = words[key]
        if lang == "bilingual":
            return f"{entry['zh']} {entry['en']}"
        return entry[lang]

    def pick(en: str, zh: str) -> str:
        """User text in the document's language; bilingual shows both, Chinese first."""
        if lang == "bilingual":
            return " / ".join(x for x in (zh, en) if x)
        return (zh or en) if lang == "zh" else (en or zh)

    return t, pick


def font_name(font: Path) -> str:
    """The name the font gets inside the render folder; xhtml2pdf recognises the type by its suffix."""
    return f"cjk-font{font.suffix.lower()}"


def render_html(kind: str, context: dict[str, Any], lang: str, font_file: str = "cjk-font.ttf") -> str:
    if lang not in LANGS:
        raise UserError(f"language {lang!r} is not one of: {', '.join(LANGS)}", where="lang")
    t, pick = translator(lang)
    template = environment().get_template(f"{kind}/document.html")
    return template.render(**context, lang=lang, t=t, pick=pick, font_file=font_file)


def html_to_pdf(html: str, font: Path) -> bytes:
    """Render with the font copied into a private base folder: xhtml2pdf reads fonts only from there."""
    from reportlab import rl_config
    from xhtml2pdf import pisa

    rl_config.invariant = 1
    with tempfile.TemporaryDirectory(prefix="workbench-pdf-") as base:
        shutil.copyfile(font, Path(base) / font_name(font))
        out = io.BytesIO()
        status = pisa.CreatePDF(html, dest=out, path=str(Path(base) / "document.html"), encoding="utf-8")
        if status.err:
            raise UserError(f"the PDF could not be produced ({status.err} layout error(s))", where="document")
        return out.getvalue()


def render_pdf(kind: str, context: dict[str, Any], lang: str, font: Path) -> bytes:
    return html_to_pdf(render_html(kind, context, lang, font_name(font)), font)
