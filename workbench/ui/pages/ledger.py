"""Issuance and registries: agreement, decisions, allocation, issuance, blocks, transfers, retirements, holds, Article 6 (签发与登记簿)."""

from __future__ import annotations

from pathlib import Path

from workbench.domain.article6 import ADJUSTMENTS, USES
from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual as B
from workbench.services.projects import decisions
from workbench.services.issuance import accounts, ledger, ledger_controls, ledger_exports
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
            ("name", B("Name (projects naming it are linked)", "名称(引用该名称的项目将关联)"), None, ""), ("host", B("Host country", "东道国"), None, ""),
            ("joint_body", B("Joint management body", "联合管理机构"), None, "")])
        self.agreement.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger.add_agreement(ws(), me(), v["name"], v["host"], v["joint_body"])))
        self.allocation = ActionForm(L, "addAllocation", B("Allocation in force from a date", "分配规则"), B("Add", "添加"), [
            ("agreement", B("Agreement", "协议"), [], ""), ("effective_from", B("Effective from", "生效日期"), None, ""),
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
                                                    B("Quantity (t)", "数量(吨)"), B("Status", "状态"), B("Serial numbers", "序列号"), B("Hold", "冻结/质押"),
                                                    B("Use", "使用类型"), B("Authorised (adjustment)", "授权(相应调整)")])
        self.account = ActionForm(L, "openAccount", B("Open a holder's account in a registry", "开立登记账户"), B("Open", "开立"), [
            ("holder", B("Holder", "持有人"), None, ""), ("registry", B("Registry (CN or the host country's code)", "登记簿(CN或东道国代码)"), None, "CN")])
        self.account.submitted.connect(lambda v: self.ctx.act(self, lambda: accounts.open_account(ws(), me(), v["holder"], v["registry"])))
        self.transfer = ActionForm(L, "transferUnits", B("Transfer units", "转让"), B("Transfer", "转让"), [
            ("block", B("Block", "区块"), None, ""), ("to", B("To account (holder)", "受让账户(持有人)"), [], ""), ("quantity", B("Quantity (t)", "数量(吨)"), None, ""),
            ("price", B("Price per tonne", "单价"), None, ""), ("currency", B("Currency", "币种"), ["CNY", "USD", "EUR", "VND"], "CNY")])
        self.transfer.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger.transfer(
            ws(), me(), _int(v["block"]), v["to"], _int(v["quantity"]), None, v["price"] or None, v["currency"] if v["price"] else "")))
        self.retire = ActionForm(L, "retireUnits", B("Retire or cancel (注销) units", "注销"), B("Submit", "提交"), [
            ("kind", B("Retire for a claim, or cancel in the registry", "退出或注销"), ["retire", "cancel"], "retire"),
            ("block", B("Block", "区块"), None, ""), ("quantity", B("Quantity (t)", "数量(吨)"), None, ""),
            ("purpose", B("Purpose", "用途"), None, ""), ("beneficiary", B("Beneficiary", "受益方"), None, ""),
            ("compliance_year", B("Compliance year", "履约年度"), None, ""), ("use", B("Use", "使用类型"), list(USES), "voluntary")])
        self.retire.submitted.connect(self.on_retire)
        self.hold = ActionForm(L, "holdUnits", B("Pledge or freeze units", "质押或冻结"), B("Hold", "冻结/质押"), [
            ("kind", B("Hold", "类型"), list(ledger_controls.HOLDS), "pledge"), ("block", B("Block", "区块"), None, ""),
            ("quantity", B("Quantity (t)", "数量(吨)"), None, ""), ("purpose", B("Contract or order reference", "合同或裁定文号"), None, ""),
            ("beneficiary", B("Pledgee", "质权人"), None, "")])
        self.hold.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger_controls.hold(
            ws(), me(), v["kind"], _int(v["block"]), _int(v["quantity"]), v["purpose"], v["beneficiary"])))
        self.release = ActionForm(L, "releaseUnits", B("Release a pledge or freeze", "解除质押或冻结"), B("Release", "解除"), [
            ("block", B("Block", "区块"), None, ""), ("purpose", B("Release deed or order", "解除文件"), None, "")])
        self.release.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger_controls.release(ws(), me(), _int(v["block"]), v["purpose"])))
        self.article6 = ActionForm(L, "article6", B("Article 6: authorisation and corresponding adjustment", "第六条:授权与相应调整"), B("Record", "记录"), [
            ("block", B("Block", "区块"), None, ""), ("country", B("Authorising country", "授权国"), None, ""),
            ("use", B("Use", "使用类型"), list(USES), "international"), ("authorised", B("Authorised", "已授权"), ["yes", "no"], "yes"),
            ("adjustment", B("Corresponding adjustment", "相应调整"), list(ADJUSTMENTS), "required")])
        self.article6.submitted.connect(lambda v: self.ctx.act(self, lambda: ledger_controls.set_article6(
            ws(), me(), _int(v["block"]), v["country"], v["use"], v["authorised"] == "yes", v["adjustment"])))
        self.decision = ActionForm(L, "jointDecision", B("Record a joint-body decision", "记录联合管理机构决定"), B("Record", "记录"), [
            ("kind", B("Decision", "决定类型"), list(decisions.KINDS), "registration"), ("on", B("Date", "日期"), None, ""),
            ("ref", B("Reference", "文号"), None, ""), ("period", B("Period (issuance)", "核算期(签发)"), None, ""), ("note", B("Note", "备注"), None, "")])
        self.decision.submitted.connect(lambda v: self.ctx.act(self, lambda: decisions.add_decision(
            ws(), me(), self.ctx.project, v["kind"], v["on"], v["ref"], v["period"] or None, v["note"])))
        self.decisions = RecordTable(L, "decisionTable", [B("Decision", "决定"), B("Date", "日期"), B("Reference", "文号"), B("Note", "备注")])
        self.export = ActionForm(L, "exportLedger", B("Export the ledger and the Article 6.2 table (CSV)", "导出登记簿与第六条第二款表(CSV)"),
                                 B("Export", "导出"), [("folder", B("Folder", "文件夹"), None, "")])
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
            raise UserError("choose the folder to write ledger.csv and article6-2.csv into", where="folder")
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
        self.blocks.show_rows([[x["block"], x["registry"], x["holder"], x["vintage"], x["quantity"], x["status"], x["serials"],
                                self.lang.pick(B("pledged", "已质押")) if x["pledged"] else self.lang.pick(B("frozen", "已冻结")) if x["frozen"] else "",
                                x["use"], _article6_text(x)] for x in ledger_exports.ledger_rows(ws, project)])
        self.decisions.show_rows([[d.kind, d.decided_on, d.reference, d.note] for d in decisions.decisions_of(ws, project)])


def _article6_text(row: dict) -> str:
    parts = [f"CN {row['cn_adjustment']}" if row["cn_authorised"] else "", f"{row['host_country']} {row['host_adjustment']}" if row["host_authorised"] else ""]
    return ", ".join(p for p in parts if p)


PAGE = LedgerPage
