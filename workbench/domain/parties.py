"""Parties to a project, their roles and how Chinese parties take part (seed 000 table 3)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workbench.domain.text import Bilingual


class PartyRole(StrEnum):
    """What a party does in the project."""

    PROJECT_OWNER = "project_owner"  # 项目业主
    CO_DEVELOPER = "co_developer"  # 共同开发方
    INVESTOR = "investor"  # 投资方
    CONSULTANT = "consultant"  # 咨询机构
    VVB = "vvb"  # 审定与核查机构
    CHINESE_AUTHORITY = "chinese_authority"  # 中方主管部门
    HOST_AUTHORITY = "host_authority"  # 东道国主管部门
    JOINT_BODY = "joint_body"  # 联合管理机构 / 秘书处


ROLE_LABELS: dict[PartyRole, Bilingual] = {
    PartyRole.PROJECT_OWNER: Bilingual("Project owner", "项目业主"),
    PartyRole.CO_DEVELOPER: Bilingual("Co-developer", "共同开发方"),
    PartyRole.INVESTOR: Bilingual("Investor", "投资方"),
    PartyRole.CONSULTANT: Bilingual("Consultant", "咨询机构"),
    PartyRole.VVB: Bilingual("Validation and verification body", "审定与核查机构"),
    PartyRole.CHINESE_AUTHORITY: Bilingual("Chinese authority", "中方主管部门"),
    PartyRole.HOST_AUTHORITY: Bilingual("Host-country authority", "东道国主管部门"),
    PartyRole.JOINT_BODY: Bilingual("Joint management body / secretariat", "联合管理机构/秘书处"),
}


class Nationality(StrEnum):
    """Where a party comes from, relative to a BRI cooperation (seed 000 ch. 2)."""

    CHINESE = "chinese"
    HOST = "host"
    THIRD_PARTY = "third_party"


NATIONALITY_LABELS: dict[Nationality, Bilingual] = {
    Nationality.CHINESE: Bilingual("Chinese", "中方"),
    Nationality.HOST: Bilingual("Host country", "东道国"),
    Nationality.THIRD_PARTY: Bilingual("Third party", "第三方"),
}


class ParticipationForm(StrEnum):
    """How a Chinese enterprise takes part in a BRI project (seed 000 table 3)."""

    EPC = "epc"
    OVERSEAS_FACTORY = "overseas_factory"
    GREENFIELD = "greenfield"
    MERGER_ACQUISITION = "merger_acquisition"
    EQUIPMENT_EXPORT = "equipment_export"
    THIRD_PARTY_MARKET = "third_party_market"


PARTICIPATION_LABELS: dict[ParticipationForm, Bilingual] = {
    ParticipationForm.EPC: Bilingual("EPC contracting", "工程总承包(EPC)"),
    ParticipationForm.OVERSEAS_FACTORY: Bilingual("Overseas factory construction", "海外建厂"),
    ParticipationForm.GREENFIELD: Bilingual("Greenfield investment", "绿地投资"),
    ParticipationForm.MERGER_ACQUISITION: Bilingual("Project merger and acquisition", "项目并购"),
    ParticipationForm.EQUIPMENT_EXPORT: Bilingual("Equipment export", "设备出口"),
    ParticipationForm.THIRD_PARTY_MARKET: Bilingual("Third-party market cooperation", "第三方市场合作"),
}


@dataclass(frozen=True)
class Party:
    """A party to one project."""

    name_en: str
    name_zh: str
    role: PartyRole
    nationality: Nationality
    country: str  # ISO 3166-1 alpha-2
    participation_form: ParticipationForm | None = None
    contact: str = ""
    id: int | None = None
