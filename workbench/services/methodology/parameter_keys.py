"""Which project parameters exist and what each accepts (参数清单): the project-level keys the services read, and the
families of the project's own values (planting plan, species rows, fuel values), each with its label and field spec.
The methodology's fixed values (``w_OM``, ``CF`` …) are not project parameters: the calculations apply the
methodology's values or a dated reference edition (``species``/``fuel-default``/``grid-factor add``), so a project
value for them would be accepted and never used.

``parameter set P KEY VALUE`` is refused for any other key, naming the accepted ones by their labels; a value is
parsed by its kind (a decimal within its bounds and unit, a whole number, one of a closed set). Project-level keys:
``grid`` (grid-factor table), ``ex_ante_EG_MWh`` (PDD ex-ante generation), ``meter_error_span`` (CCER-01-002-V01
§7.3.4 correction start), ``additionality_case`` (deemed additionality), ``region`` (offset eligibility),
``initial_stock_tCO2`` / ``GHG_E`` / ``baseline`` / ``leakage`` (forestry accounting), ``diameter_height_m`` (where the
plot sheets' diameters were measured, replacing the methodology's ``H_D`` for the project), ``plan.STRATUM.species|
planted|density`` (forestry ex-ante), ``species.KEY.COLUMN`` (the project's own species rows) and ``fuel.FUEL.NCV|CC|
OF|source`` (the project's own fuel values, CCER-01-001-V01 §6.4 equation (5)).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.catalogue import render
from workbench.domain.errors import UserError
from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.text import Bilingual, Text
from workbench.methodology.loader import all_methodologies
from workbench.methodology.meter_corrections import BeyondClassFrom
from workbench.methodology.protocol import Methodology
from workbench.methodology.tree_biomass import BOUNDS, NUMBERS
from workbench.services.support.fields import parse_value
from workbench.store.models import ProjectRow
from workbench.store.models_methodology import ProjectParameterRow

TEXT = FieldSpec(FieldKind.TEXT)
TONNES = FieldSpec(FieldKind.DECIMAL, unit="tCO2e", minimum=Decimal(0))

PROJECT_KEYS: dict[str, tuple[str, FieldSpec]] = {
    "grid": ("field.grid", TEXT),
    "ex_ante_EG_MWh": ("ui.methodology.expected_net_generation", FieldSpec(FieldKind.DECIMAL, unit="MWh", minimum=Decimal(0))),
    "meter_error_span": ("ui.methodology.meter_error_span", FieldSpec(FieldKind.ENUM, required=True, enum=BeyondClassFrom)),
    "additionality_case": ("parameter_keys.additionality_case", TEXT),
    "region": ("parameter_keys.region", TEXT),
    "initial_stock_tCO2": ("parameter_keys.initial_stock", TONNES),
    "GHG_E": ("parameter_keys.ghg_e", TONNES),
    "baseline": ("parameter_keys.baseline", TONNES),
    "leakage": ("parameter_keys.leakage", TONNES),
    "diameter_height_m": ("parameter_keys.diameter_height", FieldSpec(FieldKind.DECIMAL, unit="m", minimum=Decimal(0), maximum=Decimal("1.3"))),
}
"""Key → (label message id, spec) of every project-level parameter a service reads."""

PLAN = {"species": TEXT, "planted": FieldSpec(FieldKind.INTEGER, minimum=Decimal(1950), maximum=Decimal(2100)),
        "density": FieldSpec(FieldKind.INTEGER, unit="/ha", minimum=Decimal(1))}
SPECIES = {**{n: FieldSpec(FieldKind.DECIMAL, unit=BOUNDS[n][2] if n in BOUNDS else "",
                           minimum=Decimal(str(BOUNDS[n][0])) if n in BOUNDS else None,
                           maximum=Decimal(str(BOUNDS[n][1])) if n in BOUNDS else None) for n in NUMBERS},
           "name_zh": TEXT, "method": TEXT, "source": TEXT}
FUEL = {"NCV": FieldSpec(FieldKind.DECIMAL, unit="GJ/unit", minimum=Decimal(0)),
        "CC": FieldSpec(FieldKind.DECIMAL, unit="tC/GJ", minimum=Decimal(0)),
        "OF": FieldSpec(FieldKind.DECIMAL, unit="%", minimum=Decimal(0), maximum=Decimal(100)), "source": TEXT}
FAMILIES = {"plan": ("parameter_keys.plan", PLAN), "species": ("parameter_keys.species", SPECIES), "fuel": ("parameter_keys.fuel", FUEL)}
"""``FAMILY.NAME.COLUMN`` keys: the family's label names the stratum, species or fuel and the column."""


@dataclass(frozen=True)
class ParameterKey:
    """A key's label (shown in errors and lists instead of the key) and its spec."""

    label: Text
    spec: FieldSpec


def describe(key: str, methodology: Methodology | None) -> ParameterKey | None:
    """The label and spec of ``key`` for a project on ``methodology`` (None: not chosen yet), or None when unknown."""
    if key in PROJECT_KEYS:
        label, spec = PROJECT_KEYS[key]
        return ParameterKey(Text(label), spec)
    family, _, rest = key.partition(".")
    name, _, column = rest.rpartition(".")
    if family in FAMILIES and name and column in FAMILIES[family][1]:
        label, columns = FAMILIES[family]
        return ParameterKey(Text(label, name=name, column=column), columns[column])
    return None


def accepted(methodology: Methodology | None) -> Bilingual:
    """Every accepted key with its label, in both languages: ``grid (电网)、…、CF (生物量含碳率)``."""
    keys = [(k, Text(label)) for k, (label, _) in PROJECT_KEYS.items()]
    keys += [(f"{family}.<…>.{'|'.join(columns)}", Text(f"{label}_family")) for family, (label, columns) in FAMILIES.items()]

    def listed(lang: str) -> str:
        return ("、" if lang == "zh" else ", ").join(render("common.value_with_label", lang, value=k, label=label) for k, label in keys)
    return Bilingual(listed("en"), listed("zh"))


def parse(key: str, value: Any, methodology: Methodology | None) -> str:
    """``value`` checked for ``key`` and given back as stored (trimmed text; an enum's value). Refused: an unknown key
    (the accepted ones listed) or a value its spec does not take (named by the key's label)."""
    known = describe(key, methodology)
    if known is None:
        raise UserError("error.parameter_keys.unknown", field="parameter", key=key, accepted=accepted(methodology))
    text = "" if value is None else str(value).strip()
    try:
        parsed = parse_value(known.spec, text, "parameter")
    except UserError as exc:
        raise UserError(exc.text or exc.plain, where=known.label) from None
    return parsed.value if known.spec.kind is FieldKind.ENUM else text


def unknown_in_project(s: Session, project_id: int) -> list[str]:
    """The project's stored parameter keys that nothing here describes: written by a version that did not check them
    (a package import keeps them and says so; ``parameter set`` refuses them)."""
    methodology_id = s.scalar(select(ProjectRow.methodology_id).where(ProjectRow.id == project_id))
    m = all_methodologies().get(methodology_id or "")
    keys = s.scalars(select(ProjectParameterRow.key).where(ProjectParameterRow.project_id == project_id))
    return sorted({k for k in keys if describe(k, m) is None})
