"""Issuance and registries: agreement, decisions, allocation, issuance, blocks, transfers, retirements, holds, Article 6 (签发与登记簿).

Blocks are chosen from the selected project's ledger (a row's actions, or the pickers), holders from the accounts
the workspace holds; nothing is typed as an id.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from workbench.domain.article6 import Article6Adjustment, UnitUse
from workbench.domain.errors import UserError
from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.text import Text
from workbench.domain.vocabulary import Answer, BlockStatus, DecisionKind, TransactionKind
from workbench.reference.countries import by_code
from workbench.services.issuance import accounts, ledger, ledger_controls, ledger_exports
from workbench.services.projects import decisions, lifecycle
from workbench.ui import pickers
from workbench.ui.fields import Field, record_field
from workbench.ui.forms import RecordTable, SpecForm
from workbench.ui.outputs import PathField, confirm_overwrite
from workbench.ui.pages.base import Page
from workbench.ui.wizards import WizardButton

TEXT, NEEDED = FieldSpec(FieldKind.TEXT), FieldSpec(FieldKind.TEXT, required=True)
CURRENCIES = ("CNY", "USD", "EUR")


def own_block(ws, project: int, block: str) -> int:
    """The block, if it is in the ledger of the project the action was started for."""
    if int(block) not in {b["block"] for b in ledger_exports.ledger_rows(ws, project)}:
        raise UserError("error.ui.ledger.not_this_projects_block", field="block")
    return int(block)


def block_field() -> Field:
    return pickers.reference("block", Text("ui.ledger.block"))


class LedgerPage(Page):
    title = Text("ui.ledger.issuance_registries")
    order = 70
    shows = frozenset({"agreement", "allocation", "issuance", "unit_block", "unit_transaction", "account", "joint_decision", "decision",
                       "transfer", "release", "accounting_period", "project"})

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.agreement = SpecForm(L, "addAgreement", Text("ui.ledger.record_a_cooperation_agreement"), Text("common.add"), [
            record_field("agreement", "name", label=Text("ui.ledger.name_projects_naming_it_are_linked")),
            record_field("agreement", "host_country", "host", label=Text("common.host_country"), host=True),
            record_field("agreement", "joint_body", label=Text("ui.ledger.joint_management_body")),
            record_field("agreement", "signed_on", label=Text("ui.ledger.signed_on"))])
        self.agreement.submitted.connect(lambda v: self.write(self.agreement, lambda ws, actor, _p: ledger.add_agreement(
            ws, actor, v["name"], v["host"], v.get("joint_body", ""), v.get("signed_on"))))
        self.allocation = SpecForm(L, "addAllocation", Text("ui.ledger.allocation_in_force_from_a_date"), Text("common.add"), [
            pickers.reference("agreement", Text("ui.ledger.agreement")),
            record_field("allocation", "effective_from", label=Text("ui.ledger.effective_from")),
            record_field("allocation", "china_share", label=Text("ui.ledger.china_share"), default="0.5"),
            record_field("allocation", "host_share", label=Text("ui.ledger.host_share"), default="0.5"),
            record_field("allocation", "third_party_share", label=Text("ui.ledger.third_party_share"), default="0"),
            record_field("allocation", "third_party_registry", label=Text("ui.ledger.third_party_s_registry"), default="china", required=True)])
        self.allocation.submitted.connect(lambda v: self.write(self.allocation, lambda ws, actor, _p: ledger.add_allocation(
            ws, actor, v.pop("agreement"), v)))
        self.decision = SpecForm(L, "jointDecision", Text("ui.ledger.record_a_joint_body_decision"), Text("ui.ledger.record"), [
            record_field("decision", "kind", label=Text("ui.ledger.decision_2"), default="registration"),
            record_field("decision", "decided_on", "on", label=Text("ui.ledger.date")),
            record_field("decision", "reference", "ref", label=Text("ui.ledger.reference"), required=True),
            pickers.reference("period", Text("ui.ledger.period_issuance"), required=False), record_field("decision", "note", label=Text("common.note"))])
        self.decision.submitted.connect(lambda v: self.write(self.decision, lambda ws, actor, project: decisions.add_decision(
            ws, actor, project, v["kind"], v["on"], v["ref"], v.get("period"), v.get("note", ""))))
        self.decisions = RecordTable(L, "decisionTable", [Text("ui.ledger.decision"), Text("ui.ledger.date"), Text("ui.ledger.reference"), Text("common.note")])
        self.issue = SpecForm(L, "issueUnits", Text("ui.ledger.issue_a_verified_period"), Text("ui.ledger.issue"), [
            pickers.reference("period", Text("common.period")),
            Field("decision_on", FieldSpec(FieldKind.DATE), label=Text("ui.ledger.decision_date")),
            Field("decision_ref", TEXT, label=Text("ui.ledger.decision_reference"))])
        self.issue.submitted.connect(lambda v: self.write(self.issue, lambda ws, actor, project: ledger.issue(
            ws, actor, project, v["period"], v.get("decision_on"), v.get("decision_ref", ""))))
        self.blocks = RecordTable(L, "blockTable", [Text("ui.ledger.registry"), Text("ui.ledger.holder"), Text("common.vintage"),
                                                    Text("ui.ledger.quantity_t"), Text("common.status"), Text("ui.ledger.serial_numbers"), Text("ui.ledger.hold"),
                                                    Text("ui.ledger.use"), Text("ui.ledger.authorised_adjustment")])
        for label, form in ((Text("ui.ledger.transfer"), "transfer"), (Text("ui.ledger.retire_or_cancel_units"), "retire"),
                            (Text("ui.ledger.pledge_or_freeze_units"), "hold"), (Text("ui.ledger.release"), "release"),
                            (Text("ui.ledger.article_6_authorisation_and_corresponding_adjustment"), "article6")):
            self.blocks.add_action(label, lambda block, name=form: self.pick_block(name, block))
        self.account = SpecForm(L, "openAccount", Text("ui.ledger.open_a_holder_s_account_in"), Text("ui.ledger.open"), [
            record_field("account", "holder", label=Text("ui.ledger.holder")), pickers.reference("registry", Text("ui.ledger.registry"))])
        self.account.submitted.connect(lambda v: self.write(self.account, lambda ws, actor, _p: accounts.open_account(ws, actor, v["holder"], v["registry"])))
        self.transfer = SpecForm(L, "transferUnits", Text("ui.ledger.transfer_units"), Text("ui.ledger.transfer"), [
            block_field(), pickers.reference("to", Text("ui.ledger.to_account_holder")),
            record_field("transfer", "quantity", label=Text("ui.ledger.quantity_t")),
            record_field("transfer", "price", label=Text("ui.ledger.price_per_tonne")),
            record_field("transfer", "currency", label=Text("ui.ledger.currency"), choices=tuple((c, c) for c in CURRENCIES), reference=True,
                         default="CNY")])
        self.transfer.input("block").currentIndexChanged.connect(lambda _i: self.offer_receivers())
        self.registry_of: dict[str, str] = {}  # block → the registry it is held in
        self.transfer.submitted.connect(lambda v: self.write(self.transfer, lambda ws, actor, project: ledger.transfer(
            ws, actor, own_block(ws, project, v["block"]), v["to"], int(v["quantity"]), None, v.get("price"), v["currency"] if v.get("price") else "")))
        self.retire = SpecForm(L, "retireUnits", Text("ui.ledger.retire_or_cancel_units"), Text("ui.ledger.submit"), [
            Field("kind", FieldSpec(FieldKind.TEXT, required=True), label=Text("ui.ledger.retire_for_a_claim_or_cancel"), reference=True,
                  choices=(TransactionKind.RETIRE, TransactionKind.CANCEL), default="retire"),
            block_field(), record_field("retirement", "quantity", label=Text("ui.ledger.quantity_t")),
            record_field("retirement", "purpose", label=Text("ui.ledger.purpose")),
            Field("beneficiary", TEXT, label=Text("ui.ledger.beneficiary")),  # a cancellation may have none: required for a retirement by its spec
            record_field("retirement", "compliance_year", label=Text("ui.ledger.compliance_year"), year=True),
            record_field("retirement", "use", label=Text("ui.ledger.use"), default="voluntary")])
        self.retire.submitted.connect(self.on_retire)
        self.hold = SpecForm(L, "holdUnits", Text("ui.ledger.pledge_or_freeze_units"), Text("ui.ledger.hold"), [
            Field("kind", FieldSpec(FieldKind.TEXT, required=True), label=Text("ui.ledger.hold_2"), reference=True, choices=ledger_controls.HOLDS,
                  default="pledge"),
            block_field(), record_field("transfer", "quantity", label=Text("ui.ledger.quantity_t")),
            Field("purpose", NEEDED, label=Text("ui.ledger.contract_or_order_reference")), Field("beneficiary", TEXT, label=Text("ui.ledger.pledgee"))])
        self.hold.submitted.connect(lambda v: self.write(self.hold, lambda ws, actor, project: ledger_controls.hold(
            ws, actor, v["kind"], own_block(ws, project, v["block"]), int(v["quantity"]), v["purpose"], v.get("beneficiary", ""))))
        self.release = SpecForm(L, "releaseUnits", Text("ui.ledger.release_a_pledge_or_freeze"), Text("ui.ledger.release"), [
            block_field(), Field("purpose", NEEDED, label=Text("ui.ledger.release_deed_or_order"))])
        self.release.submitted.connect(lambda v: self.write(self.release, lambda ws, actor, project: ledger_controls.release(
            ws, actor, own_block(ws, project, v["block"]), v["purpose"])))
        self.article6 = SpecForm(L, "article6", Text("ui.ledger.article_6_authorisation_and_corresponding_adjustment"), Text("ui.ledger.record"), [
            block_field(), record_field("article6", "country", label=Text("ui.ledger.authorising_country")),
            record_field("article6", "use", label=Text("ui.ledger.use"), default="international"),
            Field("authorised", FieldSpec(FieldKind.ENUM, required=True, enum=Answer), label=Text("ui.ledger.authorised"), default="yes"),
            record_field("article6", "adjustment", label=Text("ui.ledger.corresponding_adjustment"), default="required")])
        self.article6.submitted.connect(lambda v: self.write(self.article6, lambda ws, actor, project: ledger_controls.set_article6(
            ws, actor, own_block(ws, project, v["block"]), v["country"], v["use"], v["authorised"] == "yes", v["adjustment"])))
        self.export = SpecForm(L, "exportLedger", Text("ui.ledger.export_the_ledger_and_the_article"), Text("ui.ledger.export"), [
            PathField("out", Text("ui.ledger.ledger_file"), "csv")])
        self.export.submitted.connect(lambda v: confirm_overwrite(self, [Path(v["out"]), article6_path(Path(v["out"]))],
                                                                  lambda force: self.export_to(v["out"], force)))
        self.code = ""
        self.feedback = QLabel()
        self.feedback.setObjectName("ledgerFeedback")
        self.start_issuance = WizardButton(ctx, "issuance", Text("ui.wizard.start_issue_units"))
        for w in (self.feedback, self.agreement, self.allocation, self.decision, self.decisions, self.start_issuance, self.issue, self.blocks, self.blocks.action_bar(), self.account, self.transfer,
                  self.retire, self.hold, self.release, self.article6, self.export):
            self.layout_.addWidget(w)

    def write(self, form: SpecForm, fn) -> None:
        self.op(fn, form=form, done=lambda result: self.saved(form))

    def saved(self, form: SpecForm) -> None:
        form.reset()
        self.feedback.setText(self.lang.pick(Text("ui.rows.saved")))
        self.fill_paths()

    def pick_block(self, form_name: str, block: int) -> None:
        """A block row's action: its form opens on that block."""
        form = getattr(self, form_name)
        form.clear_problems()
        form.set(block=str(block))
        if form.inputs["block"].value() != str(block):  # not offered: a retired or held block says why
            try:
                ledger.check_block_movable(self.ctx.workspace, block)
            except UserError as exc:
                form.show_problem("block", exc)
        form.inputs["block"].setFocus()
        self.ensureWidgetVisible(form)

    def offer_receivers(self) -> None:
        """The accounts a transfer of the chosen block can go to: those in the block's registry, named with it."""
        self.transfer.set_choices("to", pickers.holder_choices(self.ctx.workspace, self.registry_of.get(self.transfer.input("block").value())))

    def on_retire(self, v: dict) -> None:
        """Ask first: retired or cancelled (注销) units never move again and the act cannot be undone."""
        year = v.get("compliance_year")
        if v["kind"] == "cancel":
            act = lambda ws, actor, project: ledger.cancel(  # noqa: E731
                ws, actor, own_block(ws, project, v["block"]), int(v["quantity"]), v["purpose"], v.get("beneficiary", ""), year)
        else:
            act = lambda ws, actor, project: ledger.retire(  # noqa: E731
                ws, actor, own_block(ws, project, v["block"]), int(v["quantity"]), v["purpose"], v.get("beneficiary", ""), year, v["use"])
        question = Text("ui.ledger.confirm_close_out", kind=TransactionKind(v["kind"]), quantity=f"{int(v['quantity']):,}", block=v["block"],
                        purpose=v["purpose"], beneficiary=v.get("beneficiary") or "—")
        box = QMessageBox(QMessageBox.Icon.Warning, self.lang.pick(TransactionKind(v["kind"])), self.lang.pick(question),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirmRetire")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.buttonClicked.connect(lambda button: self.write(self.retire, act) if box.standardButton(button) == QMessageBox.StandardButton.Yes else None)
        box.open()

    def export_to(self, out: str, force: bool) -> None:
        path = Path(out)
        self.op(lambda ws, _actor, project: [ledger_exports.write_ledger_csv(ws, project, path, force=force),
                                             ledger_exports.write_article6_csv(ws, project, article6_path(path), force=force)],
                form=self.export, undoable=False,
                done=lambda written: self.feedback.setText(self.lang.pick(Text("ui.ledger.written", files=", ".join(map(str, written))))))

    def fill_paths(self) -> None:
        code = self.code
        if code:
            self.export.input("out").suggest(f"{code}-ledger.csv")

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        ws, project = self.ctx.workspace, self.ctx.project
        header = lifecycle.view_project(ws, project, self.ctx.actor().today).snapshot.header
        self.code = header.code
        self.fill_paths()
        self.allocation.set_choices("agreement", pickers.agreement_choices(ws))
        registries = [("CN", by_code("CN"))] + ([(header.host_country, by_code(header.host_country))] if header.host_country != "CN" else [])
        self.account.set_choices("registry", registries)
        movable = pickers.block_choices(ws, project, movable=True)
        for form in (self.transfer, self.retire, self.hold):
            form.set_choices("block", movable)
        self.registry_of = {str(x["block"]): x["registry"] for x in ledger_exports.ledger_rows(ws, project)}
        self.offer_receivers()
        every = pickers.block_choices(ws, project)
        for form in (self.release, self.article6):
            form.set_choices("block", every)
        periods = pickers.period_choices(ws, project)
        self.issue.set_choices("period", periods)
        self.decision.set_choices("period", periods)
        rows = ledger_exports.ledger_rows(ws, project)
        self.blocks.show_rows([[x["registry"], x["holder"], str(x["vintage"]), x["quantity"], BlockStatus(x["status"]), x["serials"],
                                self.lang.pick(Text("ui.ledger.pledged")) if x["pledged"] else self.lang.pick(Text("ui.ledger.frozen")) if x["frozen"] else "",
                                UnitUse(x["use"]) if x["use"] else "", self.article6_text(x)] for x in rows], keys=[x["block"] for x in rows])
        self.decisions.show_rows([[DecisionKind(d.kind), d.decided_on, d.reference, d.note] for d in decisions.decisions_of(ws, project)])

    def article6_text(self, row: dict) -> str:
        """Each authorising country with its corresponding adjustment, by label."""
        parts = [f"CN {self.lang.pick(Article6Adjustment(row['cn_adjustment']))}" if row["cn_authorised"] else "",
                 f"{row['host_country']} {self.lang.pick(Article6Adjustment(row['host_adjustment']))}" if row["host_authorised"] else ""]
        return ", ".join(p for p in parts if p)


def article6_path(ledger_csv: Path) -> Path:
    """The Article 6.2 report beside the ledger: ``VN-OFW-01-ledger.csv`` → ``VN-OFW-01-article6-2.csv``."""
    return ledger_csv.with_name(ledger_csv.name.replace("-ledger", "").removesuffix(".csv") + "-article6-2.csv")


PAGE = LedgerPage
