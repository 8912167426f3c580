"""Grid emission-factor editions (电网基准线排放因子) and the rule that picks one per stage (DOMAIN.md §3).

PDD: the latest edition; validation: the edition current on the validation date; verification: the edition of
the vintage year if it was published when the verification report was uploaded, else the latest earlier year.
Shipped rows and the user's editions (``reference_override``) are picked alike; a user edition wins a tie.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from workbench.domain.errors import UserError
from workbench.domain.text import Text
from workbench.reference import ReferenceRow, ReferenceTable, load_table

TABLE = "grid_emission_factors"
STAGES = ("pdd", "validation", "verification")


@dataclass(frozen=True)
class GridFactor:
    grid: str
    edition: str
    data_year: int
    ef_om: Decimal
    ef_bm: Decimal
    source: str
    published: date
    confirm: bool
    overridden: bool
    rule: Text  # the stage's rule that picked this edition
    demo: bool = False
    confirmed: str = ""  # who confirmed a user edition, when and against which source
    edition_zh: str = ""  # the edition's name and source in Chinese (columns ``edition_zh``, ``source_zh``), where given
    source_zh: str = ""

    def cited(self, lang: str) -> str:
        """Edition and source as a document cites them, in ``lang`` (the Chinese wording where the data has one)."""
        if lang == "zh":
            return f"{self.edition_zh or self.edition}；{self.source_zh or self.source}"
        return f"{self.edition}; {self.source}"

    def cite(self) -> Text:
        """The edition as a result records it: grid, edition, OM and BM, source, flags and the rule that picked it."""
        return Text("cite.grid_factor", grid=self.grid, edition=self.edition, om=self.ef_om, bm=self.ef_bm, source=self.source,
                    demo=Text("cite.grid_demo") if self.demo else "", confirm=Text("cite.confirm") if self.confirm else "",
                    user=Text("cite.user_edition_flag") if self.overridden else "",
                    confirmed=Text("cite.confirmed_by", who=self.confirmed) if self.confirmed else "", rule=self.rule)


def edition_cited(row: ReferenceRow, lang: str) -> str:
    """A row of the table as a document cites its edition and source (:meth:`GridFactor.cited`)."""
    return GridFactor(row.key, row.columns["edition"], 0, Decimal(0), Decimal(0), row.source, row.valid_from, row.confirm, row.overridden, "",
                      edition_zh=row.columns.get("edition_zh", "").strip(), source_zh=row.columns.get("source_zh", "").strip()).cited(lang)


def table(overrides: list[ReferenceRow] = ()) -> ReferenceTable:
    return load_table(TABLE, decimal_columns=("ef_om", "ef_bm", "data_year")).with_overrides(list(overrides))


def pick(grid: str, stage: str, on: date, vintage: int | None = None, overrides: list[ReferenceRow] = ()) -> GridFactor:
    """The edition the rule for ``stage`` selects for ``grid``."""
    rows = [r for r in table(overrides).rows if r.key == grid]
    if not rows:
        known = ", ".join(table(overrides).keys())
        raise UserError("error.grid_factors.no_grid_emission_factors_for_grid", field="grid", grid=grid, known=known)
    published = [r for r in rows if r.valid_from <= on]
    if stage == "verification":
        if vintage is None:
            raise UserError("error.grid_factors.verification_picks_the_edition_of_a", field="grid_factor")
        candidates = [r for r in published if int(r.columns["data_year"]) <= vintage]
        rule = Text("grid_rule.verification", vintage=vintage)
    elif stage in ("pdd", "validation"):
        candidates = published
        rule = Text("grid_rule.pdd") if stage == "pdd" else Text("grid_rule.validation", on=on.isoformat())
    else:
        raise UserError("error.grid_factors.stage_is_not_one_of", field="grid_factor", stage=stage, value=', '.join(STAGES))
    if not candidates:
        raise UserError("error.grid_factors.no_edition_for_grid_applies", field="grid_factor", grid=grid, rule=rule)
    row = max(candidates, key=lambda r: (int(r.columns["data_year"]), r.valid_from, r.overridden))
    return GridFactor(
        grid, row.columns["edition"], int(row.columns["data_year"]), row.decimal("ef_om"), row.decimal("ef_bm"),
        row.source, row.valid_from, row.confirm, row.overridden, rule, row.columns.get("demo", "").lower() in ("yes", "true", "1"),
        row.columns.get("confirmed", ""), row.columns.get("edition_zh", "").strip(), row.columns.get("source_zh", "").strip(),
    )
