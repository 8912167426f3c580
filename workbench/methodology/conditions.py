"""Applicability conditions several methodologies share, and sourced defaults from a package's data."""

from __future__ import annotations

from collections.abc import Callable

from workbench.domain.crediting import CreditingRule
from workbench.domain.sourced import SourcedValue
from workbench.domain.text import Joined, Text
from workbench.domain.project import Sector
from workbench.methodology.protocol import ApplicabilityInput, Condition, Methodology, Outcome, Verdict
from workbench.reference import ReferenceTable


def default(table: ReferenceTable, symbol: str) -> SourcedValue:
    """A methodology parameter's default as first published with the methodology, with its source."""
    return table.on(symbol, table.rows[0].valid_from).sourced()


def crediting_rule(table: ReferenceTable, methodology: str, inside_lifetime_from_grid_connection: bool = False) -> CreditingRule:
    """The crediting-period bounds a methodology's data give (rows ``crediting_years_max`` / ``crediting_years_min``),
    with their sources; a bound the data do not give is not enforced."""
    bounds = {k: default(table, k) if k in table.keys() else None for k in ("crediting_years_max", "crediting_years_min")}
    given = [v for v in bounds.values() if v is not None]
    distinct = {v.source: v for v in given}.values()
    source = Joined(tuple(Text("cite.to_confirm", source=v.cited) if v.confirm else v.cited for v in distinct))
    return CreditingRule(methodology, bounds["crediting_years_max"].as_int if bounds["crediting_years_max"] else None,
                         bounds["crediting_years_min"].as_int if bounds["crediting_years_min"] else None,
                         inside_lifetime_from_grid_connection, source)


def evidence(key: str, ok: Text, need: Text, document: Text) -> Callable[[ApplicabilityInput], Outcome]:
    """Passes once the owner has recorded evidence ``evidence.<key>``; until then says which document is needed."""

    def evaluate(facts: ApplicabilityInput) -> Outcome:
        reference = facts.evidence.get(key)
        if reference:
            return Outcome(Verdict.PASS, Text("conditions.evidence_shown", what=ok, reference=reference))
        return Outcome(Verdict.NEEDS_EVIDENCE, need, Text("conditions.evidence_document", document=document, key=key))

    return evaluate


def in_sector(sector: str) -> Callable[[ApplicabilityInput], Outcome]:
    def evaluate(facts: ApplicabilityInput) -> Outcome:
        if facts.sector != sector:
            return Outcome(Verdict.FAIL, Text("conditions.sector_is_not", actual=Sector(facts.sector), expected=Sector(sector)))
        return Outcome(Verdict.PASS, Text("conditions.project_in_sector", sector=Sector(sector)))

    return evaluate


OUT_OF_SCOPE = Text("conditions.does_not_apply")


def out_of_scope(m: Methodology, facts: ApplicabilityInput, chosen: Methodology | None) -> Outcome | None:
    """Why ``m`` cannot apply to the project at all, before any evidence is asked for; None when it may.

    A methodology covers one sector and one technology — its title (CCER-01-002-V01 §1 scope: grid-connected
    offshore wind; CCER-01-001-V01 §1: grid-connected solar thermal; CCER-14-001/-002: afforestation, mangroves).
    A project of another sector is out of its scope, and so is a project that has chosen another methodology: that
    choice says what the project is (a desert CSP plant is not an offshore wind farm, whatever its sites record).
    """
    if facts.sector != m.sector:
        return Outcome(Verdict.FAIL, Text("conditions.methodology_is_for_sector", technology=m.title, sector=Sector(m.sector),
                                          actual=Sector(facts.sector)))
    if chosen is not None and chosen.id != m.id:
        return Outcome(Verdict.FAIL, Text("conditions.methodology_is_for_technology", technology=m.title, chosen=chosen.full_id,
                                          theirs=chosen.title))
    return None


GRID_CONNECTED = Condition(
    "grid_connected",
    Text("conditions.connected_to_the_grid_and_metered"),
    evidence("grid_connection", Text("conditions.grid_connection_shown_by"), Text("conditions.grid_connection_to_be_shown"),
             Text("conditions.grid_connection_agreement_and_revenue_meter")),
    evidence_key="grid_connection",
)


def _unique_mwh(facts: ApplicabilityInput) -> Outcome:
    needed = {"no_other_programme": Text("conditions.not_registered_under_cdm_vcs_gold"),
              "no_green_certificate": Text("conditions.the_same_mwh_earn_no_tradable")}
    missing = [k for k in needed if not facts.declarations.get(k)]
    if missing:
        return Outcome(Verdict.NEEDS_EVIDENCE,
                       Text("conditions.declaration_missing", declarations=[needed[k] for k in missing]),
                       Text("conditions.signed_uniqueness_declaration"))
    return Outcome(Verdict.PASS, Text("conditions.uniqueness_declared_other_programmes_green_certificates"))


UNIQUE_MWH = Condition(
    "unique",
    Text("conditions.uniqueness_no_other_crediting_programme_or"),
    _unique_mwh,
)
