"""Parties to a project, their roles and how Chinese parties take part (seed 000 table 3)."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain.labels import LabelledEnum


class PartyRole(LabelledEnum):
    """What a party does in the project."""

    PROJECT_OWNER = "project_owner"  # 项目业主
    CO_DEVELOPER = "co_developer"  # 共同开发方
    INVESTOR = "investor"  # 投资方
    CONSULTANT = "consultant"  # 咨询机构
    VVB = "vvb"  # 审定与核查机构
    CHINESE_AUTHORITY = "chinese_authority"  # 中方主管部门
    HOST_AUTHORITY = "host_authority"  # 东道国主管部门
    JOINT_BODY = "joint_body"  # 联合管理机构 / 秘书处


class Nationality(LabelledEnum):
    """Where a party comes from, relative to a BRI cooperation (seed 000 ch. 2)."""

    CHINESE = "chinese"
    HOST = "host"
    THIRD_PARTY = "third_party"


class ParticipationForm(LabelledEnum):
    """How a Chinese enterprise takes part in a BRI project (seed 000 table 3)."""

    EPC = "epc"
    OVERSEAS_FACTORY = "overseas_factory"
    GREENFIELD = "greenfield"
    MERGER_ACQUISITION = "merger_acquisition"
    EQUIPMENT_EXPORT = "equipment_export"
    THIRD_PARTY_MARKET = "third_party_market"


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
