"""What a methodology contributes to its PDD and monitoring report, read from its ``data/pdd.toml`` (plain data).

The file holds, in both languages, the methodology's own wording for the project boundary, the baseline scenario,
additionality, data management, QA/QC and (forestry) sampling; the emission sources in the boundary; the
equations applied; the data and parameters fixed ex ante (each naming where its value comes from); the monitored
parameters; the site columns its sector shows and the crediting-period type. The documents print exactly this, so
no sector sees another's fields (a forestry PDD asks for no grid factor, a CSP PDD for no distance to shore).

Structure after the CDM PDD form sections B.3–B.7 (the structural model where the CCER guideline is not at hand,
DOMAIN.md §6); the texts cite their methodology clause in ``source``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from workbench.domain.errors import UserError
from workbench.domain.sourced import SourcedValue
from workbench.domain.text import Bilingual
from workbench.reference import ReferenceTable

SITE_COLUMNS = ("distance", "depth", "area")  # what a site row may show besides name and coordinates
CREDITING_TYPES = ("fixed", "renewable")


@dataclass(frozen=True)
class Passage:
    """A methodology's paragraph in both languages with the clause it restates."""

    text: Bilingual
    source: Bilingual


@dataclass(frozen=True)
class EmissionSource:
    """One row of the emission-sources table (CDM PDD B.3): scenario (baseline/project/leakage), source, gas,
    whether it is included and why."""

    scenario: str
    source: Bilingual
    gas: str
    included: bool
    justification: Bilingual


@dataclass(frozen=True)
class Equation:
    number: str
    formula: str
    meaning: Bilingual
    source: Bilingual


@dataclass(frozen=True)
class FixedParameter:
    """A "data and parameter fixed ex ante" box (CDM PDD B.6.2). ``value`` says where its value comes from:
    ``grid:ef_om`` / ``grid:ef_bm`` (the project's grid edition, picked when the document is made),
    ``TABLE:KEY`` (row KEY of the methodology's reference table, column ``value``) or ``TABLE:*:COLUMN:UNIT``
    (that column of every row: one value per species or fuel, narrowed to the project's own when it names them;
    ``a+b+c`` for several columns of one row, of which a row shows those it fills: each species its method's numbers)."""

    symbol: str
    description: Bilingual
    value: str
    justification: Bilingual
    purpose: Bilingual
    unit: str = ""  # for table columns without a unit column (species coefficients)

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns of a table-backed box (``a+b+c`` → ``("a", "b", "c")``); ``("value",)`` when it names none."""
        parts = self.value.split(":")
        return tuple(parts[2].split("+")) if len(parts) > 2 else ("value",)

    @property
    def from_grid(self) -> bool:
        return self.value.startswith("grid:")

    @property
    def grid_column(self) -> str:
        return self.value.split(":", 1)[1]


@dataclass(frozen=True)
class MonitoredParameter:
    """A "data and parameter monitored" box (CDM PDD B.7.1); ``ex_ante`` names the project parameter holding the
    value applied in the ex-ante estimate, when there is one."""

    symbol: str
    unit: str
    description: Bilingual
    data_source: Bilingual
    equipment: Bilingual
    accuracy: Bilingual
    frequency: Bilingual
    qa_qc: Bilingual
    responsible: str  # a party role (PartyRole value): the party named in the project
    ex_ante: str = ""


@dataclass(frozen=True)
class PddContent:
    crediting_type: str
    crediting: Passage  # what the methodology says of the crediting period, with its clause
    site_columns: tuple[str, ...]
    grid: bool  # whether the project names a grid and its emission factor
    boundary: Passage
    baseline: Passage
    additionality: Passage
    sources: tuple[EmissionSource, ...]
    equations: tuple[Equation, ...]
    fixed: tuple[FixedParameter, ...]
    monitored: tuple[MonitoredParameter, ...]
    data_management: tuple[Passage, ...]
    qa_qc: tuple[Passage, ...]
    sampling: tuple[Passage, ...] = ()
    tables: Mapping[str, ReferenceTable] = field(default_factory=dict)

    def values(self, parameter: FixedParameter, keys: Iterable[str] | None = None) -> list[tuple[str, list[tuple[str, SourcedValue]]]]:
        """The reference values of a table-backed box (not ``grid:``) by row key, one per column named (``a+b+c``),
        each with unit, source and confirm flag; for ``TABLE:*:…`` only ``keys`` (the project's species or fuels)
        when given and known to the table."""
        table, key, *columns = parameter.value.split(":")
        unit = columns[1] if len(columns) > 1 else "unit"
        rows = self.tables[table]
        wanted = rows.keys() if key == "*" else [key]
        if key == "*" and keys is not None:
            wanted = [k for k in rows.keys() if k in set(keys)] or rows.keys()
        out = []
        for k in wanted:
            row = rows.on(k, rows.rows[0].valid_from)  # as first published
            present = [c for c in parameter.columns if row.columns.get(c, "").strip()]  # a species gives its method's numbers
            if present:
                out.append((k, [(c, row.sourced(c, unit)) for c in present]))
        return out



def _both(entry: dict, name: str, where: str) -> Bilingual:
    en, zh = entry.get(f"{name}_en"), entry.get(f"{name}_zh")
    if not (isinstance(en, str) and isinstance(zh, str) and en.strip() and zh.strip()):
        raise UserError("error.pdd_content.needs_both_languages", where=where, name=name)
    return Bilingual(en.strip(), zh.strip())


def _source(entry: dict, where: str) -> Bilingual:
    """A clause cited: ``source`` (a citation the same in both languages, e.g. "CCER-01-002-V01 §7.3.1") or
    ``source_en`` / ``source_zh`` (a title that has a Chinese original, or a citation with words: "eq." / "公式")."""
    return _both(entry, "source", where) if "source_en" in entry else Bilingual(entry.get("source", ""), entry.get("source", ""))


def _passage(entry: dict, where: str) -> Passage:
    """A paragraph with the clause it restates."""
    return Passage(_both(entry, "text", where), _source(entry, where))


def load(path: Path, tables: Mapping[str, ReferenceTable]) -> PddContent:
    """The PDD content in ``path``, its fixed parameters read from ``tables`` (name → the methodology's reference
    table) as first published; a file that misses a field or a language, or names an unknown table or row, raises
    UserError naming the entry."""
    where = str(path)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    crediting = data["crediting"]
    if crediting["type"] not in CREDITING_TYPES or not set(data["sites"]["columns"]) <= set(SITE_COLUMNS):
        raise UserError("error.pdd_content.unknown_choice", where=where)
    fixed = tuple(FixedParameter(f["symbol"], _both(f, "description", f"{where} fixed {f['symbol']}"), f["value"],
                                 _both(f, "justification", f"{where} fixed {f['symbol']}"), _both(f, "purpose", f"{where} fixed {f['symbol']}"), f.get("unit", ""))
                  for f in data.get("fixed", []))
    for f in fixed:
        table, key = (f.value.split(":") + [""])[:2]
        if not f.from_grid and (table not in tables or (key != "*" and key not in tables[table].keys())):
            raise UserError("error.pdd_content.unknown_choice", where=f"{where} fixed {f.symbol}")
    return PddContent(
        crediting_type=crediting["type"], crediting=_passage(crediting, f"{where} crediting"), site_columns=tuple(data["sites"]["columns"]),
        grid=bool(data["sites"].get("grid", False)),
        boundary=_passage(data["boundary"], f"{where} boundary"), baseline=_passage(data["baseline"], f"{where} baseline"),
        additionality=_passage(data["additionality"], f"{where} additionality"),
        sources=tuple(EmissionSource(s["scenario"], _both(s, "source", f"{where} source"), s["gas"], bool(s["included"]),
                                     _both(s, "justification", f"{where} source")) for s in data["sources"]),
        equations=tuple(Equation(e["number"], e["formula"], _both(e, "meaning", f"{where} equation {e['number']}"), _source(e, f"{where} equation {e['number']}"))
                        for e in data["equations"]),
        fixed=fixed,
        monitored=tuple(MonitoredParameter(
            m["symbol"], m["unit"], *(_both(m, k, f"{where} monitored {m['symbol']}") for k in
                                      ("description", "data_source", "equipment", "accuracy", "frequency", "qa_qc")),
            m["responsible"], m.get("ex_ante", "")) for m in data["monitored"]),
        data_management=tuple(_passage(p, f"{where} data management") for p in data["data_management"]),
        qa_qc=tuple(_passage(p, f"{where} QA/QC") for p in data["qa_qc"]),
        sampling=tuple(_passage(p, f"{where} sampling") for p in data.get("sampling", [])),
        tables=dict(tables),
    )
