"""Issuance and registries: agreement, decisions, allocation, issuance, blocks, transfers, retirements, holds, Article 6 (签发与登记簿)."""

from __future__ import annotations

from pathlib import Path

from workbench.domain.article6 import Article6Adjustment, UnitUse
from workbench.domain.errors import UserError
from workbench.domain.text import Text
from workbench.domain.vocabulary import Answer, BlockStatus, DecisionKind, Registry, TransactionKind
from workbench.services.projects import decisions
from workbench.services.issuance import accounts, ledger, ledger_controls, ledger_exports
from workbench.ui.forms import ActionForm, RecordTable
from workbench.ui.pages.base import Page
from workbench.ui.pages.validation import _int


class LedgerPage(Page):
    title = Text("ui.ledger.issuance_registries")
    order = 70

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L, ws, me = self.lang, lambda: self.ctx.workspace, lambda: self.ctx.actor()
        self.agreement = ActionForm(L, "addAgreement", Text("ui.ledger.record_a_cooperation_agreement"), Text("common.add"), [
            ("name", Text("ui.ledger.name_projects_naming_it_are_linked"), None, ""), ("host", Text("common.host_country"), None, ""),
            ("joint_body", Text("ui.ledger.joint_management_body"), None, "")])
        self.agreement.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger.add_agreement(ws(), me(), v["name"], v["host"], v["joint_body"])))
        self.allocation = ActionForm(L, "addAllocation", Text("ui.ledger.allocation_in_force_from_a_date"), Text("common.add"), [
            ("agreement", Text("ui.ledger.agreement"), [], ""), ("effective_from", Text("ui.ledger.effective_from"), None, ""),
            ("china_share", Text("ui.ledger.china_share"), None, "0.5"), ("host_share", Text("ui.ledger.host_share"), None, "0.5"),
            ("third_party_share", Text("ui.ledger.third_party_share"), None, "0"),
            ("third_party_registry", Text("ui.ledger.third_party_s_registry"), list(Registry), "china")])
        self.allocation.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger.add_allocation(
            ws(), me(), v.pop("agreement"), v)))
        self.issue = ActionForm(L, "issueUnits", Text("ui.ledger.issue_a_verified_period"), Text("ui.ledger.issue"), [
            ("period", Text("common.period"), None, "1"), ("decision_on", Text("ui.ledger.decision_date"), None, ""),
            ("decision_ref", Text("ui.ledger.decision_reference"), None, "")])
        self.issue.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger.issue(ws(), me(), self.ctx.project, v["period"], v["decision_on"] or None, v["decision_ref"])))
        self.blocks = RecordTable(L, "blockTable", [Text("ui.ledger.block"), Text("ui.ledger.registry"), Text("ui.ledger.holder"), Text("common.vintage"),
                                                    Text("ui.ledger.quantity_t"), Text("common.status"), Text("ui.ledger.serial_numbers"), Text("ui.ledger.hold"),
                                                    Text("ui.ledger.use"), Text("ui.ledger.authorised_adjustment")])
        self.account = ActionForm(L, "openAccount", Text("ui.ledger.open_a_holder_s_account_in"), Text("ui.ledger.open"), [
            ("holder", Text("ui.ledger.holder"), None, ""), ("registry", Text("ui.ledger.registry_cn_or_the_host_country"), None, "CN")])
        self.account.submitted.connect(lambda v: self.ctx.act(self, lambda: accounts.open_account(ws(), me(), v["holder"], v["registry"])))
        self.transfer = ActionForm(L, "transferUnits", Text("ui.ledger.transfer_units"), Text("ui.ledger.transfer"), [
            ("block", Text("ui.ledger.block"), None, ""), ("to", Text("ui.ledger.to_account_holder"), [], ""), ("quantity", Text("ui.ledger.quantity_t"), None, ""),
            ("price", Text("ui.ledger.price_per_tonne"), None, ""), ("currency", Text("ui.ledger.currency"), ["CNY", "USD", "EUR", "VND"], "CNY")])
        self.transfer.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger.transfer(
            ws(), me(), _int(v["block"]), v["to"], _int(v["quantity"]), None, v["price"] or None, v["currency"] if v["price"] else "")))
        self.retire = ActionForm(L, "retireUnits", Text("ui.ledger.retire_or_cancel_units"), Text("ui.ledger.submit"), [
            ("kind", Text("ui.ledger.retire_for_a_claim_or_cancel"), [TransactionKind.RETIRE, TransactionKind.CANCEL], "retire"),
            ("block", Text("ui.ledger.block"), None, ""), ("quantity", Text("ui.ledger.quantity_t"), None, ""),
            ("purpose", Text("ui.ledger.purpose"), None, ""), ("beneficiary", Text("ui.ledger.beneficiary"), None, ""),
            ("compliance_year", Text("ui.ledger.compliance_year"), None, ""), ("use", Text("ui.ledger.use"), list(UnitUse), "voluntary")])
        self.retire.submitted.connect(self.on_retire)
        self.hold = ActionForm(L, "holdUnits", Text("ui.ledger.pledge_or_freeze_units"), Text("ui.ledger.hold"), [
            ("kind", Text("ui.ledger.hold_2"), list(ledger_controls.HOLDS), "pledge"), ("block", Text("ui.ledger.block"), None, ""),
            ("quantity", Text("ui.ledger.quantity_t"), None, ""), ("purpose", Text("ui.ledger.contract_or_order_reference"), None, ""),
            ("beneficiary", Text("ui.ledger.pledgee"), None, "")])
        self.hold.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger_controls.hold(
            ws(), me(), v["kind"], _int(v["block"]), _int(v["quantity"]), v["purpose"], v["beneficiary"])))
        self.release = ActionForm(L, "releaseUnits", Text("ui.ledger.release_a_pledge_or_freeze"), Text("ui.ledger.release"), [
            ("block", Text("ui.ledger.block"), None, ""), ("purpose", Text("ui.ledger.release_deed_or_order"), None, "")])
        self.release.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger_controls.release(ws(), me(), _int(v["block"]), v["purpose"])))
        self.article6 = ActionForm(L, "article6", Text("ui.ledger.article_6_authorisation_and_corresponding_adjustment"), Text("ui.ledger.record"), [
            ("block", Text("ui.ledger.block"), None, ""), ("country", Text("ui.ledger.authorising_country"), None, ""),
            ("use", Text("ui.ledger.use"), list(UnitUse), "international"), ("authorised", Text("ui.ledger.authorised"), list(Answer), "yes"),
            ("adjustment", Text("ui.ledger.corresponding_adjustment"), list(Article6Adjustment), "required")])
        self.article6.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger_controls.set_article6(
            ws(), me(), _int(v["block"]), v["country"], v["use"], v["authorised"] == "yes", v["adjustment"])))
        self.decision = ActionForm(L, "jointDecision", Text("ui.ledger.record_a_joint_body_decision"), Text("ui.ledger.record"), [
            ("kind", Text("ui.ledger.decision_2"), list(DecisionKind), "registration"), ("on", Text("ui.ledger.date"), None, ""),
            ("ref", Text("ui.ledger.reference"), None, ""), ("period", Text("ui.ledger.period_issuance"), None, ""), ("note", Text("common.note"), None, "")])
        self.decision.submitted.connect(lambda v: self.ctx.act(self, lambda: decisions.add_decision(
            ws(), me(), self.ctx.project, v["kind"], v["on"], v["ref"], v["period"] or None, v["note"])))
        self.decisions = RecordTable(L, "decisionTable", [Text("ui.ledger.decision"), Text("ui.ledger.date"), Text("ui.ledger.reference"), Text("common.note")])
        self.export = ActionForm(L, "exportLedger", Text("ui.ledger.export_the_ledger_and_the_article"),
                                 Text("ui.ledger.export"), [("folder", Text("ui.ledger.folder"), None, "")])
        self.export.submitted.connect(lambda v: self.ctx.act(self, lambda: self.export_to(v["folder"])))
        for w in (self.agreement, self.allocation, self.decision, self.decisions, self.issue, self.blocks, self.account, self.transfer, self.retire, self.hold,
                  self.release, self.article6, self.export):
            self.layout_.addWidget(w)

    def on_retire(self, v: dict) -> None:
        ws, me, block, quantity = self.ctx.workspace, self.ctx.actor(), _int(v["block"]), _int(v["quantity"])
        if v["kind"] == "cancel":
            self.ctx.act(self, lambda: ledger.cancel(ws, me, block, quantity, v["purpose"], v["beneficiary"], v["compliance_year"] or None))
        else:
            self.ctx.act(self, lambda: ledger.retire(ws, me, block, quantity, v["purpose"], v["beneficiary"], v["compliance_year"] or None, v["use"]))

    def export_to(self, folder: str) -> list:
        if not folder.strip():
            raise UserError("error.ui.ledger.choose_the_folder_to_write_ledger", field="folder")
        base = Path(folder.strip())
        ws, project = self.ctx.workspace, self.ctx.project
        return [ledger_exports.write_ledger_csv(ws, project, base / "ledger.csv", force=True),
                ledger_exports.write_article6_csv(ws, project, base / "article6-2.csv", force=True)]

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        ws, project = self.ctx.workspace, self.ctx.project
        self.allocation.set_choices("agreement", [a.name for a in ledger.list_agreements(ws)])
        self.transfer.set_choices("to", sorted({a.holder for a in accounts.list_accounts(ws)}))
        self.blocks.show_rows([[x["block"], x["registry"], x["holder"], x["vintage"], x["quantity"], BlockStatus(x["status"]), x["serials"],
                                self.lang.pick(Text("ui.ledger.pledged")) if x["pledged"] else self.lang.pick(Text("ui.ledger.frozen")) if x["frozen"] else "",
                                UnitUse(x["use"]) if x["use"] else "", self.article6_text(x)] for x in ledger_exports.ledger_rows(ws, project)])
        self.decisions.show_rows([[DecisionKind(d.kind), d.decided_on, d.reference, d.note] for d in decisions.decisions_of(ws, project)])

    def article6_text(self, row: dict) -> str:
        """Each authorising country with its corresponding adjustment, by label."""
        parts = [f"CN {self.lang.pick(Article6Adjustment(row['cn_adjustment']))}" if row["cn_authorised"] else "",
                 f"{row['host_country']} {self.lang.pick(Article6Adjustment(row['host_adjustment']))}" if row["host_authorised"] else ""]
        return ", ".join(p for p in parts if p)


PAGE = LedgerPage
