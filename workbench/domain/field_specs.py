"""User-editable fields described once (字段说明): kind, label, help, unit, bounds, whether required.

The API (stable: the GUI's forms, the CLI's ``--set`` parsing and the package checks build on it):

- :class:`FieldKind` — what a value is: ``TEXT``; ``BILINGUAL`` (one wording held as ``<key>_en`` and ``<key>_zh``,
  both optional, see :func:`columns`); ``DATE`` (ISO ``YYYY-MM-DD``); ``DECIMAL`` (exact, with ``unit`` and inclusive
  ``minimum``/``maximum``); ``INTEGER`` (bounded the same way); ``ENUM`` (a member of ``enum``, a labelled closed
  set: stored by value, shown by label); ``COUNTRY`` (ISO 3166-1 alpha-2; ``host`` excludes CN, HK, MO, TW);
  ``COORDINATE`` (WGS84 degrees at 6 decimals); ``CURRENCY`` (ISO 4217); ``ACCURACY_CLASS`` (a meter's class: a
  figure in (0, 2] % with an optional S, ``domain/meter_class``); ``REFERENCE`` (another record, named by
  ``refers_to``: chosen from the project's records, never typed as an id).
- :class:`FieldSpec` — one field: ``label(key)`` is the catalogue entry ``field.<key>`` and ``help(key)`` the entry
  ``help.<key>`` (or ``help_id`` where one key means different things in different records); both exist in
  Chinese and English for every field listed here (tests/unit/test_field_specs.py).
- :data:`RECORDS` — every user-editable record by name (``"meter"``, ``"risk"`` …), each an ordered mapping
  ``key → FieldSpec`` in the order a form shows them; :func:`fields_of` looks one up. The key is the service's
  parameter (and ``--set`` name) and, where the record is a table, its column.

Values are parsed and checked by kind in ``services/support/fields.py`` (``parse_value``), so a decimal outside its
bounds is refused naming the field by its label and the accepted range.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from workbench.domain.article6 import Article6Adjustment, UnitUse
from workbench.domain.labels import LabelledEnum
from workbench.domain.parties import Nationality, ParticipationForm, PartyRole
from workbench.domain.project import Programme, Sector
from workbench.domain.text import Text
from workbench.domain.vocabulary import DecisionKind, EngagementKind, FindingType, MeterRole, Registry, RiskStatus


class FieldKind(StrEnum):
    TEXT = "text"
    BILINGUAL = "bilingual"
    DATE = "date"
    DECIMAL = "decimal"
    INTEGER = "integer"
    ENUM = "enum"
    COUNTRY = "country"
    COORDINATE = "coordinate"
    CURRENCY = "currency"
    ACCURACY_CLASS = "accuracy_class"
    REFERENCE = "reference"


@dataclass(frozen=True)
class FieldSpec:
    """One field: ``FieldSpec(FieldKind.DECIMAL, unit="km", minimum=Decimal(0))``.

    ``enum`` is the closed set of an ENUM field; ``minimum``/``maximum`` bound DECIMAL, INTEGER and COORDINATE
    values (inclusive); ``unit`` is shown beside the label; ``refers_to`` names the record a REFERENCE field
    chooses (a key of :data:`RECORDS`); ``host`` limits a COUNTRY field to BRI host countries; ``required``: a
    record is not created without it and it cannot be emptied.
    """

    kind: FieldKind
    required: bool = False
    enum: type[LabelledEnum] | None = None
    unit: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    refers_to: str = ""
    host: bool = False
    help_id: str = ""

    def label(self, key: str) -> Text:
        return Text(f"field.{key}")

    def help(self, key: str) -> Text:
        return Text(self.help_id or f"help.{key}")


def columns(key: str, spec: FieldSpec) -> tuple[str, ...]:
    """The stored keys of a field: ``name`` of kind BILINGUAL is ``("name_en", "name_zh")``, any other field itself."""
    return (f"{key}_en", f"{key}_zh") if spec.kind is FieldKind.BILINGUAL else (key,)


def _spec(kind: FieldKind, **options) -> FieldSpec:
    for bound in ("minimum", "maximum"):
        if bound in options:
            options[bound] = Decimal(options[bound])
    return FieldSpec(kind, **options)


T, B, D = FieldKind.TEXT, FieldKind.BILINGUAL, FieldKind.DATE
ZERO = "0"

PROJECT = {
    "code": _spec(T, required=True),
    "title": _spec(B),
    "programme": _spec(FieldKind.ENUM, required=True, enum=Programme),
    "host_country": _spec(FieldKind.COUNTRY, required=True),
    "sector": _spec(FieldKind.ENUM, required=True, enum=Sector),
    "methodology_id": _spec(T),
    "methodology_version": _spec(T),
    "agreement": _spec(FieldKind.REFERENCE, refers_to="agreement"),  # or the name of one not recorded yet
    "construction_start": _spec(D),
    "operation_start": _spec(D),
    "project_start": _spec(D),
    "lifetime_years": _spec(FieldKind.INTEGER, unit="a", minimum="1", maximum="100"),
    "crediting_start": _spec(D),
    "crediting_end": _spec(D),
    "registry_account": _spec(T),
}
PARTY = {
    "name": _spec(B),
    "role": _spec(FieldKind.ENUM, required=True, enum=PartyRole),
    "nationality": _spec(FieldKind.ENUM, required=True, enum=Nationality),
    "country": _spec(FieldKind.COUNTRY, required=True),
    "participation_form": _spec(FieldKind.ENUM, enum=ParticipationForm),
    "contact": _spec(T),
}
SITE = {
    "name": _spec(T, required=True, help_id="help.site_name"),
    "latitude": _spec(FieldKind.COORDINATE, required=True, unit="°", minimum="-90", maximum="90"),
    "longitude": _spec(FieldKind.COORDINATE, required=True, unit="°", minimum="-180", maximum="180"),
    "area_ha": _spec(FieldKind.DECIMAL, unit="ha", minimum=ZERO),
    "distance_to_shore_km": _spec(FieldKind.DECIMAL, unit="km", minimum=ZERO),
    "water_depth_m": _spec(FieldKind.DECIMAL, unit="m", minimum=ZERO),
}
METER = {
    "serial": _spec(T, required=True),
    "role": _spec(FieldKind.ENUM, required=True, enum=MeterRole, help_id="help.meter_role"),
    "accuracy_class": _spec(FieldKind.ACCURACY_CLASS, required=True),
    "fuel": _spec(T),
    "location": _spec(T),
    "calibrated_on": _spec(D),
    "calibration_error": _spec(FieldKind.DECIMAL, unit="%", minimum="-100", maximum="100"),
}
CALIBRATION = {
    "calibrated_on": _spec(D, required=True),
    "calibration_error": _spec(FieldKind.DECIMAL, required=True, unit="%", minimum="-100", maximum="100"),
    "reference": _spec(T, help_id="help.calibration_reference"),
}
RISK = {
    "owner": _spec(T),
    "likelihood": _spec(FieldKind.INTEGER, required=True, minimum=ZERO, maximum="5"),  # 0: not assessed yet
    "impact": _spec(FieldKind.INTEGER, required=True, minimum=ZERO, maximum="5"),
    "mitigation": _spec(T),
    "status": _spec(FieldKind.ENUM, required=True, enum=RiskStatus, help_id="help.risk_status"),
}
VVB = {
    "name": _spec(B, help_id="help.vvb_name"),
    "scopes": _spec(T),  # sectors, comma-separated (Sector values)
}
ENGAGEMENT = {
    "vvb": _spec(FieldKind.REFERENCE, required=True, refers_to="vvb"),
    "kind": _spec(FieldKind.ENUM, required=True, enum=EngagementKind, help_id="help.engagement_kind"),
    "team": _spec(T, required=True),
    "period": _spec(FieldKind.REFERENCE, refers_to="period", help_id="help.engagement_period"),
}
FINDING = {
    "type": _spec(FieldKind.ENUM, required=True, enum=FindingType),
    "text": _spec(T, required=True, help_id="help.finding_text"),
    "response": _spec(T),
}
PERIOD = {
    "start": _spec(D, required=True, help_id="help.period_start"),
    "end": _spec(D, required=True, help_id="help.period_end"),
}
AGREEMENT = {
    "name": _spec(T, required=True, help_id="help.agreement_name"),
    "host_country": _spec(FieldKind.COUNTRY, required=True, host=True),
    "joint_body": _spec(T),
    "signed_on": _spec(D),
}
ACCOUNT = {
    "holder": _spec(T, required=True),
    "registry": _spec(FieldKind.COUNTRY, required=True, help_id="help.account_registry"),  # CN or the host's code
}
ALLOCATION = {
    "effective_from": _spec(D, required=True),
    "china_share": _spec(FieldKind.DECIMAL, required=True, minimum=ZERO, maximum="1"),
    "host_share": _spec(FieldKind.DECIMAL, required=True, minimum=ZERO, maximum="1"),
    "third_party_share": _spec(FieldKind.DECIMAL, minimum=ZERO, maximum="0.999999"),
    "third_party_registry": _spec(FieldKind.ENUM, enum=Registry),
    "decision_ref": _spec(T),
}
DECISION = {
    "kind": _spec(FieldKind.ENUM, required=True, enum=DecisionKind, help_id="help.decision_kind"),
    "decided_on": _spec(D, required=True),
    "reference": _spec(T, help_id="help.decision_reference"),  # an issuance may be recorded before its decision has a number
    "period": _spec(FieldKind.REFERENCE, refers_to="period", help_id="help.decision_period"),
    "note": _spec(T),
}
TRANSFER = {
    "to_account": _spec(FieldKind.REFERENCE, required=True, refers_to="account"),
    "quantity": _spec(FieldKind.INTEGER, required=True, unit="t", minimum="1"),
    "price": _spec(FieldKind.DECIMAL, unit="/t", minimum=ZERO, maximum="999999999999.99"),
    "currency": _spec(FieldKind.CURRENCY),
}
RETIREMENT = {
    "quantity": _spec(FieldKind.INTEGER, required=True, unit="t", minimum="1"),
    "purpose": _spec(T, required=True),
    "beneficiary": _spec(T, required=True),
    "compliance_year": _spec(FieldKind.INTEGER, minimum="2005", maximum="2100"),
    "use": _spec(FieldKind.ENUM, required=True, enum=UnitUse),
}
ARTICLE6 = {
    "country": _spec(FieldKind.COUNTRY, required=True, help_id="help.article6_country"),
    "use": _spec(FieldKind.ENUM, required=True, enum=UnitUse),
    "adjustment": _spec(FieldKind.ENUM, required=True, enum=Article6Adjustment),
}

RECORDS: Mapping[str, Mapping[str, FieldSpec]] = MappingProxyType({
    name: MappingProxyType(fields) for name, fields in (
        ("project", PROJECT), ("party", PARTY), ("site", SITE), ("meter", METER), ("calibration", CALIBRATION),
        ("risk", RISK), ("vvb", VVB), ("engagement", ENGAGEMENT), ("finding", FINDING), ("period", PERIOD),
        ("agreement", AGREEMENT), ("account", ACCOUNT), ("allocation", ALLOCATION), ("decision", DECISION),
        ("transfer", TRANSFER), ("retirement", RETIREMENT), ("article6", ARTICLE6),
    )
})


def fields_of(record: str) -> Mapping[str, FieldSpec]:
    """The fields of one record, in form order; ``KeyError`` for a record this module does not describe."""
    return RECORDS[record]


def flat(fields: Mapping[str, FieldSpec]) -> dict[str, FieldSpec]:
    """Fields by stored key, a BILINGUAL field as its two text columns (``title`` → ``title_en``, ``title_zh``):
    what ``--set`` accepts and what a table row holds."""
    out: dict[str, FieldSpec] = {}
    for key, spec in fields.items():
        if spec.kind is FieldKind.BILINGUAL:
            out.update({column: FieldSpec(FieldKind.TEXT, help_id=spec.help_id or f"help.{key}") for column in columns(key, spec)})
        else:
            out[key] = spec
    return out
