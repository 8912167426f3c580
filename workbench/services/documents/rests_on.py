"""The shipped reference values a monitoring report's results rest on, as the PDD's fixed boxes show them: the
methodology's parameters, the grid edition each vintage cites, and the species and fuel rows the calculation took
from the methodology's tables (a user's edition is cited by the report itself). A value not yet confirmed against
its published source — a DEMO row above all — is a value to confirm: marked, listed in the draft's appendix, and a
final report waits for it (CONTRACTS.md §5; the PDD's appendix, services/documents/pdd_context.py).
"""

from __future__ import annotations

from typing import Any

from workbench.domain.text import Bilingual, Text, restored
from workbench.methodology import grid_factors
from workbench.methodology.pdd_content import FixedParameter
from workbench.methodology.protocol import Methodology
from workbench.services.documents.gaps import Gaps, both

USER_EDITION = "user edition"  # how a trace cites a workspace edition (the report cites those itself)


def _cited(cite: Any) -> tuple[str, str, str] | None:
    """``(grid or "", edition or "", source)`` of a shipped row a trace cites — a ``cite.*`` message as stored, or the
    plain English a result stored before kept (``GRID: EDITION, OM …; source …``); None for a user edition."""
    cite = restored(cite)
    if isinstance(cite, Text):
        if cite.id == "cite.user_edition" or cite.params.get("user"):
            return None
        return str(cite.params.get("grid", "")), str(cite.params.get("edition", "")), str(cite.params.get("source", ""))
    if not isinstance(cite, str) or USER_EDITION in cite:
        return None
    grid, _, rest = cite.partition(": ")
    return grid, rest.split(", OM ", 1)[0], cite


def _grid_rows(trace: dict[str, Any], p: FixedParameter, gaps: Gaps) -> list[dict[str, Any]]:
    """The shipped grid edition a vintage cites, by the box's column."""
    cited = _cited(trace.get("grid_factor", ""))
    if not cited:
        return []
    grid, edition, cite = cited
    row = next((r for r in grid_factors.table().rows if r.key == grid and r.columns.get("edition") == edition and r.source in cite), None)
    if row is None:
        return []
    source = Bilingual(grid_factors.edition_cited(row, "en"), grid_factors.edition_cited(row, "zh"))
    value, unit = row.columns[p.grid_column], "tCO2/MWh"
    mark = gaps.to_confirm(p.description, p.symbol, value, unit, source) if row.confirm and not row.columns.get("confirmed") else both(source)
    return [{"label": "", "value": value, "unit": unit, "source": mark}]


def _shipped(traces: list[dict[str, Any]], m: Methodology) -> dict[str, list[str]]:
    """The species and fuels whose shipped row (its source cited as is) a vintage's calculation used."""
    cited = {"species": {k: cite for t in traces for k, cite in t.get("species", {}).items()},
             "fuel_defaults": {k.removeprefix("fuel."): x.get("source", "") for t in traces for k, x in t.items()
                               if k.startswith("fuel.") and isinstance(x, dict)}}
    cited = {name: {k: c[2] for k, c in ((k, _cited(cite)) for k, cite in cites.items()) if c} for name, cites in cited.items()}
    out = {}
    for name, cites in cited.items():
        table = m.pdd.tables.get(name)
        shipped = {k: table.on(k, table.rows[0].valid_from).source for k in table.keys()} if table else {}
        out[name] = sorted(k for k, cite in cites.items() if k in shipped and cite.startswith(shipped[k]))
    return out


def symbol(symbol: str, named: dict[str, str]) -> Text:
    """A box's symbol for one of several species or fuels: ``B_tree (Cunninghamia lanceolata)`` / ``B_tree(杉木)``."""
    return Text("documents.symbol_of", symbol=symbol, name=Bilingual(named["en"], named["zh"]))


def rests_on(traces: list[dict[str, Any]], m: Methodology | None, names: dict[str, dict[str, str]], gaps: Gaps) -> list[dict[str, Any]]:
    """Boxes ``{symbol, description, rows: [{label, value, unit, source}]}`` of the reference values the period's
    vintages (their stored ``traces``) rest on, a value to confirm marked in place of its source; ``names`` label the
    species and fuels in both languages."""
    if m is None or m.pdd is None:
        return []
    used = _shipped(traces, m)
    boxes = []
    for p in m.pdd.fixed:
        if p.from_grid:
            rows = next((r for r in (_grid_rows(t, p, gaps) for t in traces) if r), [])
        else:
            table, key = p.value.split(":")[:2]
            keys = used.get(table, []) if key == "*" else None
            if key == "*" and not keys:
                continue
            values = m.pdd.values(p, keys)
            rows = [{"label": names.get(k, {"en": k, "zh": k}) if key == "*" else "",
                     **gaps.sourced(p.description, symbol(p.symbol, names.get(k, {"en": k, "zh": k})) if len(values) > 1 else p.symbol,
                                    columns, p.unit)} for k, columns in values]
        if rows:
            boxes.append({"symbol": p.symbol, "description": both(p.description), "rows": rows})
    return boxes
