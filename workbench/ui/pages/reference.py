"""Reference data (参考数据): the grid emission-factor editions the workbench knows — shipped and the user's — with
their source; a user adds a dated, sourced edition (a host country's grid) and confirms it against the published
document. The services are workbench/services/methodology/reference_editions.py."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QLabel

from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.text import Text
from workbench.services.methodology import reference_editions
from workbench.ui.fields import Field
from workbench.ui.forms import RecordTable, SpecForm
from workbench.ui.pages.base import Page

FACTOR = FieldSpec(FieldKind.DECIMAL, required=True, unit="tCO2/MWh", minimum=Decimal(0), maximum=Decimal(2))
NEEDED = FieldSpec(FieldKind.TEXT, required=True)


class ReferencePage(Page):
    title = Text("ui.reference.reference_data")
    order = 90
    shows = frozenset({"reference", "reference_override"})

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.editions = RecordTable(L, "gridEditions", [Text("field.grid"), Text("field.edition"), Text("field.data_year"), Text("ui.reference.ef_om"),
                                                        Text("ui.reference.ef_bm"), Text("ui.reference.published"), Text("ui.methodology.source"),
                                                        Text("ui.reference.origin"), Text("ui.reference.status")])
        self.editions.add_action(Text("ui.reference.confirm"), self.pick)
        self.add = SpecForm(L, "addGridEdition", Text("ui.reference.add_grid_edition"), Text("common.add"), [
            Field("grid", NEEDED, placeholder=Text("ui.reference.grid_example")), Field("edition", NEEDED),
            Field("data_year", FieldSpec(FieldKind.INTEGER, required=True, minimum=Decimal(1990), maximum=Decimal(2100))),
            Field("ef_om", FACTOR, label=Text("ui.reference.ef_om")), Field("ef_bm", FACTOR, label=Text("ui.reference.ef_bm")),
            Field("source", NEEDED, label=Text("ui.reference.source_document")),
            Field("published", FieldSpec(FieldKind.DATE, required=True), label=Text("ui.reference.published")),
            Field("note", FieldSpec(FieldKind.TEXT))])
        self.add.submitted.connect(lambda v: self.op(lambda ws, actor, _p: reference_editions.add_grid_edition(ws, actor, v), form=self.add,
                                                     done=lambda c: self.saved(self.add)))
        self.confirm = SpecForm(L, "confirmGridEdition", Text("ui.reference.confirm_edition"), Text("ui.reference.confirm"), [
            Field("edition", NEEDED, label=Text("field.edition"), reference=True),
            Field("source", NEEDED, label=Text("ui.reference.checked_against"))])
        self.confirm.submitted.connect(lambda v: self.op(lambda ws, actor, _p: reference_editions.confirm_grid_edition(ws, actor, v["edition"], v["source"]),
                                                         form=self.confirm, done=lambda c: self.saved(self.confirm)))
        self.feedback = QLabel()
        self.feedback.setObjectName("referenceFeedback")
        for w in (self.feedback, self.editions, self.editions.action_bar(), self.add, self.confirm):
            self.layout_.addWidget(w)

    def saved(self, form: SpecForm) -> None:
        form.reset()
        self.feedback.setText(self.lang.pick(Text("ui.rows.saved")))

    def pick(self, edition_id) -> None:
        """A user edition's row: the confirmation form opens on it (shipped editions are confirmed by their data)."""
        if edition_id is not None:
            self.confirm.set(edition=str(edition_id))
            self.confirm.inputs["source"].setFocus()

    def refresh(self) -> None:
        rows = reference_editions.list_grid_editions(self.ctx.workspace)
        status = {True: Text("ui.methodology.confirm_flag"), False: Text("ui.reference.checked")}
        self.editions.show_rows([[r["grid"], r["edition"], r["data_year"], Decimal(r["ef_om"]), Decimal(r["ef_bm"]), r["published"], r["source"],
                                  Text(f"ui.reference.origin_{r['origin']}"),
                                  status[bool(r["confirm"]) and not r["confirmed"]] if not r["demo"] else Text("ui.reference.demo")]
                                 for r in rows], keys=[r["id"] for r in rows])
        self.confirm.set_choices("edition", [(str(r["id"]), f"{r['grid']} · {r['edition']} · {r['data_year']}") for r in rows
                                             if r["id"] is not None and not r["confirmed"]])


PAGE = ReferencePage
