"""The document model both the PDF and the Word file are built from, read from a template's XML output.

A template (templates/KIND/document.xml, Jinja2) writes a small XML vocabulary::

    <document header="…" footer="Page {page} of {pages}" draft="DRAFT">   (draft only on drafts)
      <cover><title>…</title><sub>…</sub><p>…</p></cover>
      <toc/> <pagebreak/>
      <h1>…</h1> <h2>…</h2> <h3>…</h3>
      <p class="note">text with <missing>[missing: …]</missing> marks</p>
      <h2>2. 基准线<small>Baseline</small></h2>   (<small>: the smaller English of a bilingual label)
      <table><tr><th width="32%">…</th><td class="num">…</td></tr></table>
      <table><tr><td>项目业主(盖章)</td><td class="sign"/></tr></table>   (sign: room to sign and seal by hand)
      <chart>{"categories": […], "series": [[name, [values]]]}</chart>
      <map>{"points": [[label, lon, lat]], "polygons": [[label, [[lon, lat], …]]], "north": "N", "scale": "km"}</map>
      <p class="caption">图1 …</p>   (right after a chart or map: the figure's caption, listed by <figures/>)
      <figures/>   (the list of figures: the captions of the figures that follow, with their pages)
      <keep>…</keep>   (what it holds stays on one page when it fits on one: a declaration and its signature block)
    </document>

User text keeps its line breaks: a blank line starts a new paragraph, a single line break stays a line break.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date

from workbench.domain.errors import UserError


@dataclass(frozen=True)
class Run:
    """A piece of text; ``missing`` marks an item still to be filled in (shown in red), ``small`` the smaller English
    beneath a Chinese label in a bilingual document."""

    text: str
    missing: bool = False
    small: bool = False


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    style: str = "body"  # body, note, title, sub, cover

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Heading:
    """A numbered heading; ``sub`` is the smaller English line of a bilingual heading."""

    level: int
    title: str
    sub: str = ""

    @property
    def text(self) -> str:
        """The whole heading on one line (contents, outline, Word)."""
        return f"{self.title} {self.sub}" if self.sub else self.title


@dataclass(frozen=True)
class Cell:
    runs: tuple[Run, ...]
    header: bool = False
    number: bool = False
    width: float | None = None  # a fraction of the table's width, when the template fixes it
    sign: bool = False  # left blank with room for a handwritten signature, a seal or a date

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def header_rows(self) -> int:
        """1 when the first row is all headings: it repeats on every page the table runs to."""
        return 1 if self.rows and all(c.header for c in self.rows[0]) else 0


@dataclass(frozen=True)
class Chart:
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]


@dataclass(frozen=True)
class Map:
    """A project-boundary figure (documents/maps.py): the spec as the template wrote it."""

    spec: dict


@dataclass(frozen=True)
class Contents:
    """The table of contents: the headings of levels 1 and 2 that follow it."""


@dataclass(frozen=True)
class Figures:
    """The list of figures: the captions of the figures that follow it."""


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Para | Heading | Table | Chart | Map | Contents | Figures | PageBreak


@dataclass
class Document:
    header: str
    footer: str  # with {page} and {pages}
    draft: str | None  # the watermark text, None on a final document
    blocks: list[Block] = field(default_factory=list)
    language: str = "zh"
    keeps: list[tuple[int, int]] = field(default_factory=list)  # [start, end) ranges of blocks kept on one page
    dated: date | None = None  # the date of the act the document records: the file's creation date (None: 2000-01-01)

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    def captions(self) -> dict[int, int]:
        """``{index of a caption: index of its figure}``: a ``caption`` paragraph right after a chart or a map (and,
        as before captions had their own style, a ``note`` right after a map)."""
        out = {}
        for index, block in enumerate(self.blocks[:-1]):
            after = self.blocks[index + 1]
            if isinstance(block, (Chart, Map)) and isinstance(after, Para) and (
                    after.style == "caption" or (after.style == "note" and isinstance(block, Map))):
                out[index + 1] = index
        return out


_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n\s*")


def _runs(el: ET.Element) -> list[Run]:
    runs = [Run(el.text)] if el.text else []
    for child in el:
        if child.tag not in ("missing", "small"):
            raise UserError(f"template element <{child.tag}> inside <{el.tag}> is not one of: missing, small", where="template")
        runs.append(Run("".join(child.itertext()), missing=child.tag == "missing", small=child.tag == "small"))
        if child.tail:
            runs.append(Run(child.tail))
    return runs


def _heading(el: ET.Element) -> Heading:
    runs = _runs(el)
    title = " ".join("".join(r.text for r in runs if not r.small).split())
    return Heading(int(el.tag[1]), title, " ".join(" ".join(r.text for r in runs if r.small).split()))


def _paragraphs(runs: list[Run], style: str) -> list[Para]:
    """Split at blank lines (the user's paragraphs); leading and trailing space of the whole is dropped."""
    out: list[list[Run]] = [[]]
    for run in runs:
        parts = _BLANK_LINE.split(run.text)
        for k, part in enumerate(parts):
            if k:
                out.append([])
            if part:
                out[-1].append(Run(part, run.missing, run.small))
    paras = []
    for group in out:
        if group:
            group[0] = Run(group[0].text.lstrip(), group[0].missing, group[0].small)
            group[-1] = Run(group[-1].text.rstrip(), group[-1].missing, group[-1].small)
        group = [r for r in group if r.text]
        if group:
            paras.append(Para(tuple(group), style))
    return paras or [Para((), style)]


def _cell(el: ET.Element) -> Cell:
    width = el.get("width")
    fraction = float(width.rstrip("%")) / 100 if width else None
    runs = _runs(el)
    if runs:
        runs[0] = Run(runs[0].text.lstrip(), runs[0].missing, runs[0].small)
        runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].missing, runs[-1].small)
    classes = (el.get("class") or "").split()
    return Cell(tuple(r for r in runs if r.text), el.tag == "th", "num" in classes, fraction, "sign" in classes)


def _blocks(el: ET.Element, keeps: list[tuple[int, int]] | None = None) -> list[Block]:
    """The blocks of ``el``; a ``<keep>`` (only at the top level) adds its children and their range to ``keeps``."""
    out: list[Block] = []
    for child in el:
        tag = child.tag
        if tag == "keep" and keeps is not None:
            start = len(out)
            out += _blocks(child)
            keeps.append((start, len(out)))
        elif tag in ("h1", "h2", "h3"):
            out.append(_heading(child))
        elif tag == "p":
            out += _paragraphs(_runs(child), child.get("class") or "body")
        elif tag in ("title", "sub"):
            out += _paragraphs(_runs(child), tag)
        elif tag == "cover":
            out += [b if not isinstance(b, Para) or b.style != "body" else Para(b.runs, "cover") for b in _blocks(child)]
        elif tag == "table":
            rows = tuple(tuple(_cell(c) for c in tr) for tr in child.iter("tr"))
            if rows:
                out.append(Table(rows))
        elif tag == "chart":
            spec = json.loads(child.text or "{}")
            out.append(Chart(tuple(spec["categories"]), tuple((name, tuple(values)) for name, values in spec["series"])))
        elif tag == "map":
            out.append(Map(json.loads(child.text or "{}")))
        elif tag == "toc":
            out.append(Contents())
        elif tag == "figures":
            out.append(Figures())
        elif tag == "pagebreak":
            out.append(PageBreak())
        else:
            raise UserError(f"template element <{tag}> is not part of the document vocabulary", where="template")
    return out


def parse(xml: str, language: str) -> Document:
    """The document a template wrote. Raises UserError for markup outside the vocabulary above."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise UserError(f"the template wrote malformed XML ({exc})", where="template") from None
    keeps: list[tuple[int, int]] = []
    blocks = _blocks(root, keeps)
    return Document(root.get("header", ""), root.get("footer", "{page} / {pages}"), root.get("draft"), blocks, language, keeps)
