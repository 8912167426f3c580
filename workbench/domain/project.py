"""Projects, their programme and sites (项目、机制与场址)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from workbench.domain.errors import UserError, field_label
from workbench.domain.labels import LabelledEnum


class Programme(LabelledEnum):
    """The crediting frame a project runs under."""

    CCER = "ccer"  # 全国温室气体自愿减排交易 (2023 measures)
    BRI = "bri"  # 一带一路自愿减排合作 (bilateral agreement, old CCER / CDM process)


class Sector(LabelledEnum):
    """Project field (项目领域)."""

    ENERGY = "energy"  # 能源产业(可再生能源)
    FORESTRY = "forestry"  # 林业和其他碳汇


COORDINATE_DECIMALS = 6
CHINA = frozenset({"CN", "HK", "MO", "TW"})  # never the host country of a BRI project


def coordinate(value: object, *, axis: str, where: str | None = None) -> Decimal:
    """Parse a WGS84 latitude or longitude, kept at 6 decimals as the methodologies ask (场址坐标精确到小数点后6位)."""
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise UserError("error.project.is_not_a_number_give_decimal", where=where, axis=field_label(axis), value=value)
    if not number.is_finite():
        raise UserError("error.project.is_not_a_finite_number", where=where, axis=field_label(axis), value=value)
    limit = 90 if axis == "latitude" else 180
    if not -limit <= number <= limit:
        raise UserError("error.project.is_outside_decimal_degrees", where=where, axis=field_label(axis), value=value, limit=limit)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent < COORDINATE_DECIMALS:
        raise UserError("error.project.has_fewer_than_decimals_the_methodology", where=where, axis=field_label(axis), value=value, COORDINATE_DECIMALS=COORDINATE_DECIMALS)
    return number.quantize(Decimal(1).scaleb(-COORDINATE_DECIMALS))


@dataclass(frozen=True)
class Site:
    """A project site or parcel with a representative WGS84 point."""

    name: str
    latitude: Decimal
    longitude: Decimal
    id: int | None = None
    area_ha: Decimal | None = None
    distance_to_shore_km: Decimal | None = None
    water_depth_m: Decimal | None = None


@dataclass(frozen=True)
class CreditingPeriod:
    """The crediting period (计入期): start and end, both inclusive."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise UserError("error.project.crediting_period_ends_before_it_starts", field="crediting_period", end=self.end, start=self.start)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class ProjectDates:
    """The dates the eligibility rules and the crediting period depend on."""

    construction_start: date | None = None
    operation_start: date | None = None
    lifetime_years: int | None = None
    crediting: CreditingPeriod | None = None
    project_start: date | None = None  # 项目开始日期: the start of the project activity, which the forestry rules follow

    def check(self) -> None:
        """Refuse dates that contradict each other."""
        if self.construction_start and self.operation_start and self.operation_start < self.construction_start:
            raise UserError("error.project.operation_start_is_before_construction_start", field="operation_start", operation_start=self.operation_start, construction_start=self.construction_start)
        if self.lifetime_years is not None and not 1 <= self.lifetime_years <= 100:
            raise UserError("error.project.lifetime_years_is_outside_1_100", field="lifetime_years", lifetime_years=self.lifetime_years)
        if self.crediting and self.operation_start and self.crediting.start < self.operation_start:
            raise UserError("error.project.crediting_period_starts_before_operation_start", field="crediting_start", start=self.crediting.start, operation_start=self.operation_start)


@dataclass(frozen=True)
class ProjectHeader:
    """Identity of a project: the fields every list and document shows."""

    code: str
    title_en: str
    title_zh: str
    programme: Programme
    host_country: str
    sector: Sector
    methodology_id: str = ""
    methodology_version: str = ""
    agreement: str = ""  # name of the bilateral agreement for BRI projects (recorded, or waiting to be recorded)
    agreement_id: int | None = None  # the recorded agreement; None while the name waits to be matched (a task)
    dates: ProjectDates = field(default_factory=ProjectDates)

    def check(self) -> None:
        if not self.code or not all(c.isalnum() or c in "-_" for c in self.code) or len(self.code) > 40:
            raise UserError("error.project.project_code_must_be_1_40", field="code", code=self.code)
        if not self.title_en.strip() and not self.title_zh.strip():
            raise UserError("error.project.a_project_needs_a_title_in", field="title")
        if self.programme is Programme.BRI:
            if self.host_country in CHINA:
                raise UserError("error.project.a_bri_project_sits_in_the", field="host_country")
            if not self.agreement.strip():
                raise UserError("error.project.a_bri_project_names_the_bilateral", field="agreement")
        elif self.host_country != "CN":
            raise UserError("error.project.a_domestic_ccer_project_is_in", field="host_country", host_country=self.host_country)
        self.dates.check()
