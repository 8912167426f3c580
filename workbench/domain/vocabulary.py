"""The closed sets of values of the workbench's records (数值集合), each a labelled enum.

The store and JSON output keep the value; every screen, table, CLI text and document shows the member's label,
the catalogue entry ``<enum>.<value>`` (e.g. ``finding_status.carried_forward`` → 结转至核查 / Carried forward
to verification). Sets with a home in a domain module live there (Programme, Sector, PartyRole, Nationality,
ParticipationForm, Stage, UnitUse, Article6Adjustment, Language).
"""

from __future__ import annotations

from workbench.domain.labels import LabelledEnum


class EngagementKind(LabelledEnum):
    """What a VVB is engaged for (委托类型): validation (审定) of the PDD or verification (核查) of a period."""

    VALIDATION = "validation"
    VERIFICATION = "verification"


class ReportStatus(LabelledEnum):
    """A validation or verification report: draft until the VVB makes it final."""

    DRAFT = "draft"
    FINAL = "final"


class FindingType(LabelledEnum):
    """A VVB finding (审定/核查发现): corrective action, clarification or forward action request."""

    CAR = "CAR"
    CL = "CL"
    FAR = "FAR"


class FindingStatus(LabelledEnum):
    OPEN = "open"
    RESPONDED = "responded"
    CLOSED = "closed"
    CARRIED_FORWARD = "carried_forward"  # a FAR handed on to the next verification


class MeterRole(LabelledEnum):
    """Which way a revenue meter counts at the grid connection point (关口计量表)."""

    EXPORT = "export"  # 上网电量
    IMPORT = "import"  # 下网(厂用)电量
    FUEL = "fuel"  # 燃料计量(CSP 补燃)


class DataKind(LabelledEnum):
    """The kinds of monitored data a project imports: meter readings, fuel deliveries, sample-plot inventories."""

    READINGS = "readings"
    FUEL = "fuel"
    PLOTS = "plots"


class DeadlineStatus(LabelledEnum):
    """Where a procedural deadline stands on a given day (due soon: within five days)."""

    DONE = "done"
    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    UPCOMING = "upcoming"


class PackageAction(LabelledEnum):
    """What importing a project package did (or, in a dry run, would do)."""

    CREATED = "created"
    COPIED = "copied"
    MERGED = "merged"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
    DIFFERS = "differs"


class PackageSide(LabelledEnum):
    """Which side a difference between a workspace and an incoming package is settled by."""

    LOCAL = "local"
    INCOMING = "incoming"


class Registry(LabelledEnum):
    """Which registry holds a BRI project's share (DOMAIN.md §5): the Chinese one or the host country's."""

    CHINA = "china"
    HOST = "host"


class BlockStatus(LabelledEnum):
    """A serial block's state in its registry (减排量登记, 转让, 注销)."""

    ISSUED = "issued"
    TRANSFERRED = "transferred"
    RETIRED = "retired"  # 注销 (used for offsetting or voluntarily)
    CANCELLED = "cancelled"  # 作废 (taken out of circulation without use)


class TransactionKind(LabelledEnum):
    """One movement in the ledger."""

    ISSUE = "issue"
    TRANSFER = "transfer"
    RETIRE = "retire"
    CANCEL = "cancel"
    PLEDGE = "pledge"
    FREEZE = "freeze"
    RELEASE = "release"


class DecisionKind(LabelledEnum):
    """What a competent authority or the joint body decided."""

    REGISTRATION = "registration"
    ISSUANCE = "issuance"
    ALLOCATION = "allocation"
    OTHER = "other"


class RiskStatus(LabelledEnum):
    OPEN = "open"
    MITIGATED = "mitigated"
    CLOSED = "closed"


class PeriodStatus(LabelledEnum):
    """An accounting period (核算期) on its way to issuance."""

    DRAFT = "draft"
    REPORTED = "reported"
    VERIFIED = "verified"
    ISSUED = "issued"


class DocumentKind(LabelledEnum):
    """The documents the workbench writes."""

    PDD = "pdd"
    VALIDATION_PACKAGE = "validation-package"
    REGISTRATION_APPLICATION = "registration-application"
    MONITORING_REPORT = "monitoring-report"
    VERIFICATION_PACKAGE = "verification-package"
    ISSUANCE_APPLICATION = "issuance-application"
    ALLOCATION_STATEMENT = "allocation-statement"
    RETIREMENT_CERTIFICATE = "retirement-certificate"
    RISK_REGISTER = "risk-register"


class TeamRole(LabelledEnum):
    """A login's role on a team database: owners manage members, consultants edit, reviewers only read."""

    OWNER = "owner"
    CONSULTANT = "consultant"
    REVIEWER = "reviewer"


class EvidenceKind(LabelledEnum):
    EVIDENCE = "evidence"
    DOCUMENT = "document"


class DocumentLanguage(LabelledEnum):
    """The language a document is written in: Chinese, English, or both side by side."""

    ZH = "zh"
    EN = "en"
    BILINGUAL = "bilingual"


class Answer(LabelledEnum):
    """A yes-or-no choice (e.g. whether a country authorised a block of units)."""

    YES = "yes"
    NO = "no"
