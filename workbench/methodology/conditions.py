"""Applicability conditions several methodologies share, and sourced defaults from a package's data."""

from __future__ import annotations

from collections.abc import Callable

from workbench.domain.crediting import CreditingRule
from workbench.domain.sourced import SourcedValue
from workbench.domain.text import Bilingual
from workbench.methodology.protocol import ApplicabilityInput, Condition, Outcome, Verdict
from workbench.reference import ReferenceTable


def default(table: ReferenceTable, symbol: str) -> SourcedValue:
    """A methodology parameter's default as first published with the methodology, with its source."""
    return table.on(symbol, table.rows[0].valid_from).sourced()


def crediting_rule(table: ReferenceTable, methodology: str, inside_lifetime_from_grid_connection: bool = False) -> CreditingRule:
    """The crediting-period bounds a methodology's data give (rows ``crediting_years_max`` / ``crediting_years_min``),
    with their sources; a bound the data do not give is not enforced."""
    bounds = {k: default(table, k) if k in table.keys() else None for k in ("crediting_years_max", "crediting_years_min")}
    given = [v for v in bounds.values() if v is not None]
    source = "; ".join(dict.fromkeys(f"{v.source}{' (confirm)' if v.confirm else ''}" for v in given))
    return CreditingRule(methodology, bounds["crediting_years_max"].as_int if bounds["crediting_years_max"] else None,
                         bounds["crediting_years_min"].as_int if bounds["crediting_years_min"] else None,
                         inside_lifetime_from_grid_connection, source)


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
    Bilingual("Connected to the grid and metered at the connection point", "并网运行并在关口计量"),
    evidence("grid_connection", Bilingual("grid connection shown by", "并网证明"), Bilingual("grid connection to be shown", "需证明已并网"),
             Bilingual("grid connection agreement and revenue meter records", "并网协议与关口计量表记录")),
)


def _unique_mwh(facts: ApplicabilityInput) -> Outcome:
    needed = {"no_other_programme": Bilingual("not registered under CDM, VCS, Gold Standard or earlier CCER", "未在CDM、VCS、GS或原CCER注册"),
              "no_green_certificate": Bilingual("the same MWh earn no tradable green electricity certificate", "同一电量未申领可交易绿证")}
    missing = [k for k in needed if not facts.declarations.get(k)]
    if missing:
        return Outcome(Verdict.NEEDS_EVIDENCE,
                       Bilingual("declaration missing: " + "; ".join(needed[k].en for k in missing),
                                 "缺少声明:" + ";".join(needed[k].zh for k in missing)),
                       Bilingual("signed uniqueness declaration", "签署的唯一性声明"))
    return Outcome(Verdict.PASS, Bilingual("uniqueness declared (other programmes, green certificates)", "已声明唯一性(其他机制、绿证)"))


UNIQUE_MWH = Condition(
    "unique",
    Bilingual("Uniqueness: no other crediting programme or green certificate for the same MWh", "唯一性:同一电量不得重复申领其他减排量或绿证"),
    _unique_mwh,
)
