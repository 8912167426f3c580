"""Reference data (参考数据): the editions the workbench knows — grid emission factors, the species tables of the
forestry methodologies and fuel defaults, shipped (DEMO where no published table was read) and the user's — with
their source and status; a user adds a dated, sourced edition and confirms it against the published document.
The services are workbench/services/methodology/reference_editions.py and data_editions.py."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QLabel

from workbench.domain.field_specs import FieldKind, FieldSpec
from workbench.domain.text import Text
from workbench.methodology.loader import all_methodologies
from workbench.methodology.tree_biomass import BOUNDS, METHODS, NEEDS, NUMBERS
from workbench.services.methodology import data_editions, reference_editions
from workbench.ui.fields import Field
from workbench.ui.forms import Choice, RecordTable, SpecForm
from workbench.ui.pages.base import Page

FACTOR = FieldSpec(FieldKind.DECIMAL, required=True, unit="tCO2/MWh", minimum=Decimal(0), maximum=Decimal(2))
NEEDED = FieldSpec(FieldKind.TEXT, required=True)
PUBLISHED = Field("published", FieldSpec(FieldKind.DATE, required=True), label=Text("ui.reference.published"))
SOURCE = Field("source", NEEDED, label=Text("ui.reference.source_document"))
OPTIONAL_NUMBERS = ("c", "carbon_fraction", "growth_max")  # c: an equation of D alone; CF and growth bound: when the source gives them
CONFIRMS = {"grid": lambda ws, actor, edition, source: reference_editions.confirm_grid_edition(ws, actor, edition, source),
            "species": lambda ws, actor, edition, source: data_editions.confirm_edition(ws, actor, "species", edition, source),
            "fuel": lambda ws, actor, edition, source: data_editions.confirm_edition(ws, actor, "fuel", edition, source)}


def number_field(name: str) -> Field:
    low, high, unit = BOUNDS.get(name, (None, None, ""))
    spec = FieldSpec(FieldKind.DECIMAL, unit="" if unit == "-" else unit, minimum=None if low is None else Decimal(str(low)),
                     maximum=None if high is None else Decimal(str(high)))
    return Field(name, spec, label=Text(f"ui.reference.number_{name}"))


class Heading(QLabel):
    """A section's heading in the user's language."""

    def __init__(self, lang, text: Text) -> None:
        super().__init__()
        self.lang_, self.text_ = lang, text
        self.setStyleSheet("font-weight: bold; margin-top: 8px;")
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.lang_.pick(self.text_))


class ReferencePage(Page):
    title = Text("ui.reference.reference_data")
    order = 90
    shows = frozenset({"reference", "reference_override"})

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        origin, published, source, status = (Text("ui.reference.origin"), Text("ui.reference.published"), Text("ui.methodology.source"),
                                             Text("ui.reference.status"))
        self.editions = RecordTable(L, "gridEditions", [Text("field.grid"), Text("field.edition"), Text("field.data_year"), Text("ui.reference.ef_om"),
                                                        Text("ui.reference.ef_bm"), published, origin, status, source])
        self.species = RecordTable(L, "speciesEditions", [Text("field.methodology"), Text("ui.reference.species"), Text("field.name_zh"),
                                                          Text("ui.reference.method"), published, origin, status, source])
        self.fuels = RecordTable(L, "fuelEditions", [Text("field.fuel"), Text("field.name_zh"), Text("field.ncv"), Text("field.carbon_content"),
                                                     Text("field.oxidation"), published, origin, status, source])
        for table in (self.editions, self.species, self.fuels):
            table.add_action(Text("ui.reference.confirm"), self.pick)
        self.add = SpecForm(L, "addGridEdition", Text("ui.reference.add_grid_edition"), Text("common.add"), [
            Field("grid", NEEDED, placeholder=Text("ui.reference.grid_example")), Field("edition", NEEDED),
            Field("data_year", FieldSpec(FieldKind.INTEGER, required=True, minimum=Decimal(1990), maximum=Decimal(2100)), year=True),
            Field("ef_om", FACTOR, label=Text("ui.reference.ef_om")), Field("ef_bm", FACTOR, label=Text("ui.reference.ef_bm")),
            SOURCE, PUBLISHED, Field("note", FieldSpec(FieldKind.TEXT))])
        self.add.submitted.connect(lambda v: self.op(lambda ws, actor, _p: reference_editions.add_grid_edition(ws, actor, v), form=self.add,
                                                     done=lambda c: self.saved(self.add)))
        forestry = [m for m in all_methodologies().values() if m.species]
        self.add_species = SpecForm(L, "addSpeciesEdition", Text("ui.reference.add_species_edition"), Text("common.add"), [
            Field("methodology", NEEDED, label=Text("field.methodology"), reference=True,
                  choices=tuple((m.id, m.full_id) for m in forestry), default=forestry[0].id if forestry else ""),
            Field("species", NEEDED, label=Text("ui.reference.species")), Field("name_zh", FieldSpec(FieldKind.TEXT)),
            Field("method", NEEDED, label=Text("ui.reference.method"), reference=True,
                  choices=tuple(Choice(m, Text(f"ui.reference.method_{m}")) for m in METHODS), default=METHODS[0]),
            *(number_field(n) for n in NUMBERS), SOURCE, PUBLISHED])
        self.add_species.input("method").currentIndexChanged.connect(self.method_chosen)
        self.add_species.submitted.connect(lambda v: self.op(lambda ws, actor, _p: data_editions.add_species_edition(ws, actor, v),
                                                             form=self.add_species, done=lambda c: self.saved(self.add_species)))
        self.add_fuel = SpecForm(L, "addFuelEdition", Text("ui.reference.add_fuel_edition"), Text("common.add"), [
            Field("fuel", NEEDED), Field("name_zh", FieldSpec(FieldKind.TEXT)),
            Field("fuel_unit", NEEDED, reference=True, choices=tuple((u, u) for u in data_editions.FUEL_UNITS), default=data_editions.FUEL_UNITS[0]),
            Field("ncv", FieldSpec(FieldKind.DECIMAL, required=True, minimum=Decimal(0))),
            Field("carbon_content", FieldSpec(FieldKind.DECIMAL, required=True, minimum=Decimal(0), maximum=Decimal(1))),
            Field("oxidation", FieldSpec(FieldKind.DECIMAL, required=True, minimum=Decimal(1), maximum=Decimal(100))),
            SOURCE, PUBLISHED])
        self.add_fuel.submitted.connect(lambda v: self.op(lambda ws, actor, _p: data_editions.add_fuel_edition(ws, actor, v),
                                                          form=self.add_fuel, done=lambda c: self.saved(self.add_fuel)))
        self.confirm = SpecForm(L, "confirmGridEdition", Text("ui.reference.confirm_edition"), Text("ui.reference.confirm"), [
            Field("edition", NEEDED, label=Text("field.edition"), reference=True),
            Field("source", NEEDED, label=Text("ui.reference.checked_against"))])
        self.confirm.submitted.connect(self.confirmed)
        self.feedback = QLabel()
        self.feedback.setObjectName("referenceFeedback")
        self.layout_.addWidget(self.feedback)
        for heading, table, form in ((Text("ui.reference.grid_editions"), self.editions, self.add),
                                     (Text("ui.reference.species_editions"), self.species, self.add_species),
                                     (Text("ui.reference.fuel_editions"), self.fuels, self.add_fuel)):
            for w in (Heading(L, heading), table, table.action_bar(), form):
                self.layout_.addWidget(w)
        self.layout_.addWidget(self.confirm)
        for table in (self.editions, self.species, self.fuels):
            table.itemSelectionChanged.connect(lambda t=table: self.explain(t))
        self.method_chosen()

    def explain(self, table) -> None:
        """A shipped row (a DEMO value, or one confirmed by its data) cannot be confirmed: say so beside the greyed
        Confirm button instead of leaving it greyed without a word."""
        shipped = bool(table.selectedIndexes()) and table.selected_key() is None
        why = self.lang.pick(Text("ui.reference.shipped_not_confirmable")) if shipped else ""
        for button in table.action_buttons:
            button.setToolTip(why)
        if shipped or self.feedback.text() == self.lang.pick(Text("ui.reference.shipped_not_confirmable")):
            self.feedback.setText(why)

    def method_chosen(self, *_args) -> None:
        """Only the numbers the chosen biomass path uses are asked for (AR-TOOL14 method (a), (b), or Komiyama)."""
        method = self.add_species.input("method").value() or METHODS[0]
        used = {*NEEDS[method], *OPTIONAL_NUMBERS, *(() if method == "komiyama" else ("dbh_min", "dbh_max"))}
        self.add_species.show_fields(hidden_keys={n for n in NUMBERS if n not in used})

    def confirmed(self, values: dict) -> None:
        kind, _, edition = values["edition"].partition(":")
        self.op(lambda ws, actor, _p: CONFIRMS[kind](ws, actor, edition, values["source"]), form=self.confirm,
                done=lambda c: self.saved(self.confirm))

    def saved(self, form: SpecForm) -> None:
        form.reset()
        if form is self.add_species:
            self.method_chosen()
        self.feedback.setText(self.lang.pick(Text("ui.rows.saved")))

    def pick(self, key) -> None:
        """A user edition's row: the confirmation form opens on it (shipped editions are confirmed by their data)."""
        if key is not None:
            self.confirm.set(edition=key)
            self.confirm.inputs["source"].setFocus()

    def refresh(self) -> None:
        ws = self.ctx.workspace
        grids, species, fuels = reference_editions.list_grid_editions(ws), data_editions.list_species(ws), data_editions.list_fuels(ws)
        self.editions.show_rows([[r["grid"], r["edition"], str(r["data_year"]), Decimal(r["ef_om"]), Decimal(r["ef_bm"]), *self.sourced(r)]
                                 for r in grids], keys=[self.key("grid", r) for r in grids])
        self.species.show_rows([[r["methodology"], r["species"], r["name_zh"], Text(f"ui.reference.method_{r['method']}"), *self.sourced(r)]
                                for r in species], keys=[self.key("species", r) for r in species])
        self.fuels.show_rows([[r["fuel"], r["name_zh"], f"{r['ncv']} {r['ncv_unit']}", f"{r['carbon_content']} tC/GJ", f"{r['oxidation']} %",
                               *self.sourced(r)] for r in fuels], keys=[self.key("fuel", r) for r in fuels])
        open_ = [("grid", r, f"{r['grid']} · {r['edition']} · {r['data_year']}") for r in grids]
        open_ += [("species", r, f"{r['methodology']} · {r['species']} · {r['published']}") for r in species]
        open_ += [("fuel", r, f"{r['fuel']} · {r['published']}") for r in fuels]
        self.confirm.set_choices("edition", [(self.key(kind, r), text) for kind, r, text in open_ if r["id"] is not None and not r["confirmed"]])

    @staticmethod
    def key(kind: str, r: dict) -> str | None:
        return None if r["id"] is None else f"{kind}:{r['id']}"

    @staticmethod
    def sourced(r: dict) -> list:
        """Published, shipped or the user's, DEMO / to confirm / checked, and the source (last: the longest)."""
        status = (Text("ui.reference.demo") if r["demo"] else Text("ui.methodology.confirm_flag") if r["confirm"] and not r["confirmed"]
                  else Text("ui.reference.checked"))
        return [r["published"], Text(f"ui.reference.origin_{r['origin']}"), status, r["source"]]


PAGE = ReferencePage
