"""Projects, their programme and sites (项目、机制与场址)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual


class Programme(StrEnum):
    """The crediting frame a project runs under."""

    CCER = "ccer"  # 全国温室气体自愿减排交易 (2023 measures)
    BRI = "bri"  # 一带一路自愿减排合作 (bilateral agreement, old CCER / CDM process)


PROGRAMME_LABELS = {
    Programme.CCER: Bilingual("China CCER (2023 measures)", "全国温室气体自愿减排(2023年办法)"),
    Programme.BRI: Bilingual("Belt and Road voluntary emission reduction cooperation", "一带一路自愿减排合作"),
}


class Sector(StrEnum):
    """Project field (项目领域)."""

    ENERGY = "energy"  # 能源产业(可再生能源)
    FORESTRY = "forestry"  # 林业和其他碳汇


SECTOR_LABELS = {
    Sector.ENERGY: Bilingual("Energy industries (renewable)", "能源产业(可再生能源)"),
    Sector.FORESTRY: Bilingual("Forestry and other carbon sinks", "林业和其他碳汇"),
}

COORDINATE_DECIMALS = 6


def coordinate(value: object, *, axis: str, where: str) -> Decimal:
    """Parse a WGS84 latitude or longitude, kept at 6 decimals as the methodologies ask (场址坐标精确到小数点后6位)."""
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise UserError(f"{axis} {value!r} is not a number; give decimal degrees such as 121.512345", where=where)
    if not number.is_finite():
        raise UserError(f"{axis} {value!r} is not a finite number", where=where)
    limit = 90 if axis == "latitude" else 180
    if not -limit <= number <= limit:
        raise UserError(f"{axis} {value} is outside -{limit}..{limit} decimal degrees", where=where)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent < COORDINATE_DECIMALS:
        raise UserError(
            f"{axis} {value} has fewer than {COORDINATE_DECIMALS} decimals; the methodology asks for at least "
            f"{COORDINATE_DECIMALS} (about 0.1 m)",
            where=where,
        )
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
            raise UserError(f"crediting period ends {self.end} before it starts {self.start}", where="crediting period")

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class ProjectDates:
    """The dates the eligibility rules and the crediting period depend on."""

    construction_start: date | None = None
    operation_start: date | None = None
    lifetime_years: int | None = None
    crediting: CreditingPeriod | None = None

    def check(self) -> None:
        """Refuse dates that contradict each other."""
        if self.construction_start and self.operation_start and self.operation_start < self.construction_start:
            raise UserError(
                f"operation start {self.operation_start} is before construction start {self.construction_start}",
                where="operation_start",
            )
        if self.lifetime_years is not None and not 1 <= self.lifetime_years <= 100:
            raise UserError(f"lifetime {self.lifetime_years} years is outside 1..100", where="lifetime_years")
        if self.crediting and self.operation_start and self.crediting.start < self.operation_start:
            raise UserError(
                f"crediting period starts {self.crediting.start} before operation start {self.operation_start}",
                where="crediting_start",
            )


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
            raise UserError(
                f"project code {self.code!r} must be 1-40 letters, digits, '-' or '_'", where="code"
            )
        if not self.title_en.strip() and not self.title_zh.strip():
            raise UserError("a project needs a title in English or Chinese", where="title")
        if self.programme is Programme.BRI:
            if self.host_country == "CN":
                raise UserError("a BRI project sits in the host country, not in China", where="host_country")
            if not self.agreement.strip():
                raise UserError("a BRI project names the bilateral agreement it runs under", where="agreement")
        elif self.host_country != "CN":
            raise UserError(
                f"a domestic CCER project is in China (CN), not {self.host_country}", where="host_country"
            )
        self.dates.check()
