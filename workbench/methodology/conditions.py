"""Applicability conditions several methodologies share, and sourced defaults from a package's data."""

from __future__ import annotations

from collections.abc import Callable

from workbench.domain.sourced import SourcedValue
from workbench.domain.text import Bilingual, Text
from workbench.methodology.protocol import ApplicabilityInput, Condition, Outcome, Verdict
from workbench.reference import ReferenceTable


def default(table: ReferenceTable, symbol: str) -> SourcedValue:
    """A methodology parameter's default as first published with the methodology, with its source."""
    return table.on(symbol, table.rows[0].valid_from).sourced()


def evidence(key: str, ok: Bilingual, need: Bilingual, document: Bilingual) -> Callable[[ApplicabilityInput], Outcome]:
    """Passes once the owner has recorded evidence ``evidence.<key>``; until then says which document is needed."""

    def evaluate(facts: ApplicabilityInput) -> Outcome:
        reference = facts.evidence.get(key)
        if reference:
            return Outcome(Verdict.PASS, Bilingual(f"{ok.en}: {reference}", f"{ok.zh}:{reference}"))
        return Outcome(Verdict.NEEDS_EVIDENCE, need, Bilingual(f"{document.en} (evidence.{key})", f"{document.zh}(evidence.{key})"))

    return evaluate


def in_sector(sector: str, en: str, zh: str) -> Callable[[ApplicabilityInput], Outcome]:
    def evaluate(facts: ApplicabilityInput) -> Outcome:
        if facts.sector != sector:
            return Outcome(Verdict.FAIL, Bilingual(f"sector is {facts.sector}, not {sector}", f"项目领域为{facts.sector},不是{zh}"))
        return Outcome(Verdict.PASS, Bilingual(f"a {en} project", f"{zh}项目"))

    return evaluate


GRID_CONNECTED = Condition(
    "grid_connected",
    Text("conditions.connected_to_the_grid_and_metered"),
    evidence("grid_connection", Text("conditions.grid_connection_shown_by"), Text("conditions.grid_connection_to_be_shown"),
             Text("conditions.grid_connection_agreement_and_revenue_meter")),
)


def _unique_mwh(facts: ApplicabilityInput) -> Outcome:
    needed = {"no_other_programme": Text("conditions.not_registered_under_cdm_vcs_gold"),
              "no_green_certificate": Text("conditions.the_same_mwh_earn_no_tradable")}
    missing = [k for k in needed if not facts.declarations.get(k)]
    if missing:
        return Outcome(Verdict.NEEDS_EVIDENCE,
                       Bilingual("declaration missing: " + "; ".join(needed[k].en for k in missing),
                                 "缺少声明:" + ";".join(needed[k].zh for k in missing)),
                       Text("conditions.signed_uniqueness_declaration"))
    return Outcome(Verdict.PASS, Text("conditions.uniqueness_declared_other_programmes_green_certificates"))


UNIQUE_MWH = Condition(
    "unique",
    Text("conditions.uniqueness_no_other_crediting_programme_or"),
    _unique_mwh,
)
