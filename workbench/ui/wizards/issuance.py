"""The issuance wizard (减排量登记): a verified period with its credited tonnes per vintage, then the decision — for a
BRI project the joint body's, with the allocation in force on its date; Finish issues the serial blocks as one
action (ledger.issue)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QLabel

from workbench.domain.allocation import split_bri
from workbench.domain.errors import UserError
from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.text import Text
from workbench.domain.vocabulary import PeriodStatus
from workbench.services.issuance import ledger
from workbench.services.monitoring import periods
from workbench.ui import pickers
from workbench.ui.fields import Field
from workbench.ui.forms import RecordTable
from workbench.ui.wizards.base import FormPage, Wizard


def percent(share: Decimal) -> str:
    return f"{(Decimal(share) * 100).normalize():f} %"


class IssuanceWizard(Wizard):
    """Issue units › the verified period, the decision; Finish issues them."""

    title_text = Text("ui.wizard.issue_units")

    def __init__(self, ctx) -> None:
        super().__init__(ctx, "issuanceWizard")
        ws, project = ctx.workspace, ctx.project
        self.verified = {str(p.number): p for p in periods.list_periods(ws, project) if p.status == PeriodStatus.VERIFIED} if project else {}
        self.period = FormPage(self, "issuancePeriod", Text("ui.wizard.which_period"), [pickers.reference("period", Text("common.period"))],
                               intro=Text("ui.wizard.which_period_intro"))
        self.period.form.set_choices("period", [c for c in pickers.period_choices(ws, project) if c[0] in self.verified])
        self.credited = RecordTable(self.lang, "issuanceVintages", [Text("common.vintage"), Text("ui.wizard.credited_t")])
        self.period.add(self.credited, 1)
        self.nothing = QLabel()  # no verified period yet: said, rather than an empty list
        self.nothing.setObjectName("issuanceNothingVerified")
        self.nothing.setWordWrap(True)
        self.period.add(self.nothing)
        self.period.form.input("period").currentIndexChanged.connect(lambda _i: (self.show_period(), self.show_shares()))
        self.decision = FormPage(self, "issuanceDecision", Text("ui.wizard.decision"), [
            Field("decision_on", FieldSpec(FieldKind.DATE, required=True), label=Text("ui.ledger.decision_date")),
            Field("decision_ref", FieldSpec(FieldKind.TEXT), label=Text("ui.ledger.decision_reference"))],
            check=self.check_decision, intro=Text("ui.wizard.decision_intro"))
        self.decision.form.set(decision_on=str(ctx.actor().today))
        self.shares = QLabel()
        self.shares.setObjectName("issuanceShares")
        self.shares.setWordWrap(True)
        self.decision.add(self.shares)
        self.split = RecordTable(self.lang, "issuanceSplit", [Text("common.vintage"), Text("ui.wizard.split_china_t"), Text("ui.wizard.split_host_t"),
                                                              Text("ui.wizard.split_third_in_china")])
        self.decision.add(self.split, 1)
        self.decision.form.input("decision_on").edit.dateChanged.connect(lambda _d: self.show_shares())
        self.addPage(self.period)
        self.addPage(self.decision)
        self.show_period()
        self.retranslate()
        self.show_shares()

    def show_period(self) -> None:
        self.nothing.setText("" if self.verified else self.lang("ui.wizard.nothing_verified"))
        chosen = self.verified.get(self.period.form.input("period").value())
        self.credited.show_rows([[str(v.vintage), v.credited] for v in chosen.vintages] if chosen else [])

    def check_decision(self, values: dict) -> None:
        """No issuance dated out of the procedure's order, nor without an allocation in force on the decision's date
        (refused as issuing would)."""
        ledger.check_decision_date(self.ctx.workspace, self.ctx.actor().today, self.project, self.period.values()["period"], values["decision_on"])
        ledger.shares_on(self.ctx.workspace, self.project, values["decision_on"])

    def show_shares(self) -> None:
        """How the units will be split: the allocation in force on the decision's date, as it is picked, and the tonnes
        of each vintage of the chosen period in each registry — by the rule issuing applies (``domain.allocation``)."""
        try:
            on, period = self.decision.form.input("decision_on").value(), self.period.form.input("period").value()
            if period:  # a date out of the procedure's order is said as it is picked
                ledger.check_decision_date(self.ctx.workspace, self.ctx.actor().today, self.project, period, on)
            allocation = ledger.shares_on(self.ctx.workspace, self.project, on)
        except UserError as exc:
            self.shares.setText(self.lang.error(exc))
            self.split.show_rows([])
            return
        self.shares.setText(self.lang("ui.wizard.shares", china=percent(allocation.china_share), host=percent(allocation.host_share),
                                      third=percent(allocation.third_party_share)) if allocation else self.lang("ui.wizard.all_to_china"))
        chosen = self.verified.get(self.period.form.input("period").value())
        rows = []
        for vintage in chosen.vintages if chosen else []:
            if allocation is None:
                rows.append([str(vintage.vintage), vintage.credited, 0, 0])
                continue
            split = split_bri(vintage.credited, allocation.china_share, allocation.host_share, allocation.third_party_share,
                              allocation.third_party_registry)
            rows.append([str(vintage.vintage), split.china, split.host, split.third_party])
        held_in = "host" if allocation is not None and allocation.third_party_registry == "host" else "china"
        self.split.header_texts[3] = Text(f"ui.wizard.split_third_in_{held_in}")  # the registry the third party chose
        self.split.retranslate()
        self.split.show_rows(rows)

    def work(self):
        period, decision = self.period.values()["period"], self.decision.values()
        return lambda ws, actor, project: ledger.issue(ws, actor, project, period, decision["decision_on"], decision.get("decision_ref", ""))

    def finished_with(self, change) -> None:
        self.ctx.window.statusBar().showMessage(self.lang("ui.wizard.issued", blocks=len(change.result["blocks"])), 8000)
