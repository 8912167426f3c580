"""Deemed additionality (额外性免予论证) as data: the published cases in which a methodology deems it.

Each methodology package lists its cases in ``data/additionality.csv`` (key, description in both languages,
source, confirm). The key ``all`` deems every project of the methodology — CCER-01-002-V01, CCER-01-001-V01 and
CCER-14-002-V01 deem additionality for every project (DOMAIN.md §3, checked). CCER-14-001-V01 deems it only in its
published cases (annual rainfall below 400 mm, national key ecological-function zones, ecological public-welfare
forest — from a secondary source, *confirm*); a project in none of them demonstrates additionality instead. The
case a project claims is its parameter ``additionality_case``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual, Text
from workbench.methodology.protocol import ApplicabilityInput, Outcome, Verdict
from workbench.reference import load_table

ALL = "all"
PARAMETER = "additionality_case"


@dataclass(frozen=True)
class DeemedCase:
    key: str
    text: Bilingual
    source: Bilingual  # the table's ``source`` and ``source_zh``
    confirm: bool

    def cite(self) -> Bilingual | Text:
        return Text("additionality.source_to_confirm", source=self.source) if self.confirm else self.source


def load_cases(data: Path) -> tuple[DeemedCase, ...]:
    """The deemed-additionality cases of a methodology package's ``additionality.csv``."""
    table = load_table("additionality", data)
    return tuple(DeemedCase(r.key, Bilingual(r.columns["description_en"], r.columns["description_zh"]), Bilingual(r.source, r.source_zh), r.confirm)
                 for r in table.rows)


def check_case(cases: tuple[DeemedCase, ...], value: str) -> None:
    """Refuse a claimed case the methodology does not publish, naming the ones it does."""
    keys = [c.key for c in cases if c.key != ALL]
    if value not in keys:
        raise UserError("error.additionality.not_a_published_case", field="parameter", value=value, accepted=", ".join(keys) or "—")


def assess(cases: tuple[DeemedCase, ...], claimed: str) -> Outcome:
    """Deemed (PASS) for a methodology that deems every project, or for a project that claims one of the published
    cases; otherwise NEEDS_EVIDENCE: name the case that applies, or demonstrate additionality."""
    every = next((c for c in cases if c.key == ALL), None)
    if every is not None:
        return Outcome(Verdict.PASS, Text("additionality.deemed_for_every_project", source=every.cite()))
    chosen = next((c for c in cases if c.key == claimed), None)
    if chosen is not None:
        return Outcome(Verdict.PASS, Text("additionality.deemed_in_case", case=chosen.text, source=chosen.cite()))
    # the explanation (printed in documents too) names the cases in words; the action names the values to set
    listed = Bilingual("; ".join(c.text.en for c in cases), "；".join(c.text.zh for c in cases))
    keys = Bilingual("; ".join(f"{c.key} ({c.text.en})" for c in cases), "；".join(f"{c.key}({c.text.zh})" for c in cases))
    return Outcome(Verdict.NEEDS_EVIDENCE, Text("additionality.deemed_only_in", cases=listed),
                   Text("additionality.name_the_case_or_demonstrate", parameter=PARAMETER, cases=keys))


def condition(cases: tuple[DeemedCase, ...]):
    """The applicability check of a methodology whose additionality is deemed only in some cases."""
    def evaluate(facts: ApplicabilityInput) -> Outcome:
        return assess(cases, facts.additionality_case)

    return evaluate
