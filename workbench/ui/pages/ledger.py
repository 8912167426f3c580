"""Issuance and registries: agreement, allocation, issuance, blocks, transfers, retirements (签发与登记簿)."""

from __future__ import annotations

from workbench.domain.text import Bilingual as B
from workbench.services import ledger
from workbench.ui.forms import ActionForm, RecordTable
from workbench.ui.pages.base import Page
from workbench.ui.pages.validation import _int


class LedgerPage(Page):
    title = B("Issuance & registries", "签发与登记簿")
    order = 70

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L, ws, me = self.lang, lambda: self.ctx.workspace, lambda: self.ctx.actor()
        self.agreement = ActionForm(L, "addAgreement", B("Record a cooperation agreement", "登记合作协议"), B("Add", "添加"), [
            ("name", B("Name (as on the project)", "名称(与项目一致)"), None, ""), ("host", B("Host country", "东道国"), None, ""),
            ("joint_body", B("Joint management body", "联合管理机构"), None, "")])
        self.agreement.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger.add_agreement(ws(), me(), v["name"], v["host"], v["joint_body"])))
        self.allocation = ActionForm(L, "addAllocation", B("Allocation in force from a date", "分配规则"), B("Add", "添加"), [
            ("agreement", B("Agreement", "协议"), None, ""), ("effective_from", B("Effective from", "生效日期"), None, ""),
            ("china_share", B("China share", "中方份额"), None, "0.5"), ("host_share", B("Host share", "东道国份额"), None, "0.5"),
            ("third_party_share", B("Third-party share", "第三方份额"), None, "0"),
            ("third_party_registry", B("Third party's registry", "第三方登记簿"), ["china", "host"], "china")])
        self.allocation.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger.add_allocation(
            ws(), me(), v.pop("agreement"), v)))
        self.issue = ActionForm(L, "issueUnits", B("Issue a verified period", "签发核查通过的核算期"), B("Issue", "签发"), [
            ("period", B("Period", "核算期"), None, "1"), ("decision_on", B("Decision date", "决定日期"), None, ""),
            ("decision_ref", B("Decision reference", "决定文号"), None, "")])
        self.issue.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger.issue(ws(), me(), self.ctx.project, v["period"], v["decision_on"] or None, v["decision_ref"])))
        self.blocks = RecordTable(L, "blockTable", [B("Block", "区块"), B("Registry", "登记簿"), B("Holder", "持有人"), B("Vintage", "年份"),
                                                    B("Quantity (t)", "数量(吨)"), B("Status", "状态"), B("Serial numbers", "序列号")])
        self.transfer = ActionForm(L, "transferUnits", B("Transfer units", "转让"), B("Transfer", "转让"), [
            ("block", B("Block", "区块"), None, ""), ("to", B("To holder", "受让方"), None, ""), ("quantity", B("Quantity (t)", "数量(吨)"), None, ""),
            ("price", B("Price per tonne", "单价"), None, ""), ("currency", B("Currency", "币种"), ["CNY", "USD", "EUR", "VND"], "CNY")])
        self.transfer.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger.transfer(
            ws(), me(), _int(v["block"]), v["to"], _int(v["quantity"]), None, v["price"] or None, v["currency"] if v["price"] else "")))
        self.retire = ActionForm(L, "retireUnits", B("Retire (cancel) units", "注销"), B("Retire", "注销"), [
            ("block", B("Block", "区块"), None, ""), ("quantity", B("Quantity (t)", "数量(吨)"), None, ""),
            ("purpose", B("Purpose", "用途"), None, ""), ("beneficiary", B("Beneficiary", "受益方"), None, ""),
            ("compliance_year", B("Compliance year", "履约年度"), None, "")])
        self.retire.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger.retire(
            ws(), me(), _int(v["block"]), _int(v["quantity"]), v["purpose"], v["beneficiary"], v["compliance_year"] or None)))
        for w in (self.agreement, self.allocation, self.issue, self.blocks, self.transfer, self.retire):
            self.layout_.addWidget(w)

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        self.blocks.show_rows([[x.block, x.registry, x.holder, x.vintage, x.quantity, x.status, x.serials] for x in ledger.ledger(self.ctx.workspace, self.ctx.project)])


PAGE = LedgerPage
