"""What every methodology package provides (方法学): applicability, parameters, calculations, monitoring plan."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from workbench.domain.labels import LabelledEnum
from workbench.domain.crediting import CreditingRule
from workbench.domain.sourced import SourcedValue
from workbench.domain.text import Bilingual, Text

if TYPE_CHECKING:
    from workbench.methodology.pdd_content import PddContent


class Verdict(LabelledEnum):
    """Whether an applicability condition is met (符合 / 不符合 / 需补充证明)."""

    PASS = "pass"
    FAIL = "fail"
    NEEDS_EVIDENCE = "needs_evidence"


@dataclass(frozen=True)
class SiteFacts:
    name: str
    distance_to_shore_km: Decimal | None
    water_depth_m: Decimal | None
    area_ha: Decimal | None = None


@dataclass(frozen=True)
class ApplicabilityInput:
    """Project facts the applicability conditions look at, built by services from the store."""

    programme: str
    host_country: str
    sector: str
    construction_start: date | None
    operation_start: date | None
    sites: tuple[SiteFacts, ...]
    declarations: Mapping[str, bool] = field(default_factory=dict)
    """Uniqueness declarations: key -> True when the owner declares it so (e.g. no_other_programme)."""
    evidence: Mapping[str, str] = field(default_factory=dict)
    """References of evidence the owner recorded, by key (e.g. grid_connection -> "PPA EVN-2024-117")."""
    crediting_start: date | None = None
    project_start: date | None = None
    """项目开始日期: the start of the project activity (e.g. planting), as recorded on the project."""
    additionality_case: str = ""
    """The published deemed-additionality case the project claims (parameter ``additionality_case``), if any."""


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    explanation: Bilingual
    evidence: Bilingual | None = None


@dataclass(frozen=True)
class Condition:
    key: str
    text: Bilingual
    evaluate: Callable[[ApplicabilityInput], Outcome]
    evidence_key: str = ""
    """The evidence the condition reads (project parameter ``evidence.<key>``), if it needs some: the GUI asks for it."""


@dataclass(frozen=True)
class Parameter:
    """A parameter as the methodology names it, with unit, source and whether it is monitored."""

    symbol: str
    unit: str
    description: Bilingual
    source: Text | Bilingual  # where its value comes from, in words (a catalogue text) or as a code ("AR-TOOL14")
    monitored: bool
    default: SourcedValue | None = None
    confirm: bool = False


@dataclass(frozen=True)
class VintageResult:
    """Exact results of one vintage (calendar year), and every value used with its source."""

    year: int
    baseline: Decimal
    project_emissions: Decimal
    leakage: Decimal
    reductions: Decimal
    used: dict[str, Any]


@dataclass(frozen=True)
class Methodology:
    """One methodology package, found by the loader in ``methodologies/``."""

    id: str
    version: str
    title: Bilingual
    sector: str
    conditions: tuple[Condition, ...]
    parameters: tuple[Parameter, ...]
    pdd: PddContent
    """What the methodology writes into a PDD and a monitoring report (its ``data/pdd.toml``): boundary, baseline,
    additionality, emission sources, equations, fixed and monitored parameters, data management, QA/QC, sampling."""
    estimate: Callable[[Mapping[str, Any]], list[VintageResult]]
    """Ex-ante or ex-post calculation from parameter values keyed by the methodology's own symbols."""
    crediting: CreditingRule | None = None
    """The crediting-period bounds (计入期) from the methodology's data, enforced at project creation and edit."""
    projection: Callable[[Mapping[str, Any]], list[VintageResult]] | None = None
    """Ex-ante estimate from a planting plan and growth tables (forestry); grid power estimates with ``estimate``."""
    species: Mapping[str, str] = field(default_factory=dict)
    """Species the allometry table knows (key → Chinese name): a methodology with species takes plot inventories."""
    fuels: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Auxiliary fuels with defaults (key → (unit, Chinese name)): a methodology with fuels takes fuel deliveries."""
    additionality: tuple[Any, ...] = ()
    """The published cases in which additionality is deemed (``additionality.DeemedCase``; key ``all``: every project)."""
    species_rows: tuple[Any, ...] = ()
    """The shipped species rows (``ReferenceRow``) with their sources — DEMO rows where no published table was read."""
    fuel_rows: tuple[Any, ...] = ()
    """The shipped fuel-default rows (``ReferenceRow``) with their sources — DEMO rows where the guideline was not read."""

    @property
    def full_id(self) -> str:
        return f"{self.id}-{self.version}"
