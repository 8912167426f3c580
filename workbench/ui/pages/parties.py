"""Parties and sites (参与方与场址): listed, added, edited and deleted from the rows."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from workbench.domain.text import Bilingual as B, Text
from workbench.reference.countries import by_code
from workbench.services.projects import lifecycle, parties
from workbench.ui.deletion import ask_to_delete
from workbench.ui.fields import Field
from workbench.ui.forms import RecordTable, SpecForm
from workbench.ui.pages.base import Page

OFFSHORE = {"distance_to_shore_km", "water_depth_m"}  # asked of offshore wind farms only (CCER-01-002)
OFFSHORE_METHODOLOGY = "CCER-01-002"


def country_name(code: str):
    country = by_code(code)
    return country if country is not None else code


class PartiesPage(Page):
    title = Text("ui.parties.parties_sites")
    order = 20
    shows = frozenset({"party", "site", "project"})

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.parties = RecordTable(L, "partyTable", [Text("ui.parties.name"), Text("ui.parties.role"), Text("ui.parties.nationality"),
                                                     Text("ui.parties.country"), Text("ui.parties.participation_form")])
        self.parties.add_action(Text("ui.rows.edit"), self.edit_party)
        self.parties.add_action(Text("ui.rows.delete"), self.delete_party)
        spec = parties.PARTY_FIELDS
        self.add_party = SpecForm(L, "addParty", Text("ui.parties.add_a_party"), Text("common.add"), [
            Field(k, spec[k]) for k in ("name_en", "name_zh", "role", "nationality", "country", "participation_form", "contact")])
        self.add_party.submitted.connect(self.on_party)
        self.sites = RecordTable(L, "siteTable", [Text("ui.parties.site"), Text("ui.parties.latitude"), Text("ui.parties.longitude"),
                                                  Text("ui.parties.area_ha"), Text("ui.parties.distance_to_shore_km"), Text("ui.parties.water_depth_m")])
        self.sites.add_action(Text("ui.rows.edit"), self.edit_site)
        self.sites.add_action(Text("ui.rows.delete"), self.delete_site)
        spec = parties.SITE_FIELDS
        self.add_site = SpecForm(L, "addSite", Text("ui.parties.add_a_site"), Text("common.add"), [Field(k, spec[k]) for k in spec])
        self.add_site.submitted.connect(self.on_site)
        self.feedback = QLabel()
        self.feedback.setObjectName("partiesFeedback")
        self.snapshot = None
        for w in (self.feedback, self.parties, self.parties.action_bar(), self.add_party, self.sites, self.sites.action_bar(), self.add_site):
            self.layout_.addWidget(w)

    # --- parties ---------------------------------------------------------------------------------------------------
    def on_party(self, values: dict) -> None:
        form, editing = self.add_party, self.add_party.editing
        if editing is None:
            self.op(lambda ws, actor, project: parties.add_party(ws, actor, project, values), form=form,
                    done=lambda change: self.saved(form, Text("ui.parties.party_added", name=self.party_name(values))))
            return
        party_id = editing
        cleared = {k: "" for k in ("name_en", "name_zh", "participation_form", "contact") if k not in values}  # emptied fields
        self.op(lambda ws, actor, project: parties.update_party(ws, actor, project, party_id, {**cleared, **values}), form=form,
                done=lambda change: self.saved(form, Text("ui.parties.party_saved", name=self.party_name(values))))

    def party_name(self, values: dict) -> str:
        return self.lang.pick(B(values.get("name_en") or values.get("name_zh", ""), values.get("name_zh") or values.get("name_en", "")))

    def saved(self, form: SpecForm, message: Text) -> None:
        form.reset()
        self.feedback.setText(self.lang.pick(message))

    def edit_party(self, party_id: int) -> None:
        p = next(p for p in self.snapshot.parties if p.id == party_id)
        self.add_party.begin_edit(p.id, Text("ui.parties.edit_party", name=self.party_name({"name_en": p.name_en, "name_zh": p.name_zh})),
                                  name_en=p.name_en, name_zh=p.name_zh, role=p.role, nationality=p.nationality, country=p.country,
                                  participation_form=p.participation_form or "", contact=p.contact or "")

    def delete_party(self, party_id: int) -> None:
        """The row's Delete: refused before acting while anything refers to the party (listed), else once confirmed."""
        p, project = next(p for p in self.snapshot.parties if p.id == party_id), self.ctx.project
        ask_to_delete(self, self.lang, B.either(p.name_en, p.name_zh),
                      parties.party_dependants(self.ctx.workspace, project, party_id), lambda _why: self.op(
                          lambda ws, actor, bound: parties.remove_party(ws, actor, bound, party_id), project=project,
                          done=lambda change: self.feedback.setText(self.lang.pick(Text("ui.rows.deleted")))))

    # --- sites -----------------------------------------------------------------------------------------------------
    def on_site(self, values: dict) -> None:
        form, editing = self.add_site, self.add_site.editing
        if editing is None:
            self.op(lambda ws, actor, project: parties.add_site(ws, actor, project, values), form=form,
                    done=lambda change: self.saved(form, Text("ui.parties.site_added", name=values["name"])))
            return
        self.op(lambda ws, actor, project: parties.update_site(ws, actor, project, editing, values), form=form,
                done=lambda change: self.saved(form, Text("ui.parties.site_saved", name=values["name"])))

    def edit_site(self, site_id: int) -> None:
        s = next(s for s in self.snapshot.sites if s.id == site_id)
        self.add_site.begin_edit(s.id, Text("ui.parties.edit_site", name=s.name), name=s.name, latitude=s.latitude, longitude=s.longitude,
                                 area_ha=s.area_ha or "", distance_to_shore_km=s.distance_to_shore_km or "", water_depth_m=s.water_depth_m or "")

    def delete_site(self, site_id: int) -> None:
        """The row's Delete: refused before acting while a site-visit sample or an archived document names the site."""
        s, project = next(s for s in self.snapshot.sites if s.id == site_id), self.ctx.project
        ask_to_delete(self, self.lang, s.name, parties.site_dependants(self.ctx.workspace, project, site_id), lambda _why: self.op(
            lambda ws, actor, bound: parties.remove_site(ws, actor, bound, site_id), project=project,
            done=lambda change: self.feedback.setText(self.lang.pick(Text("ui.rows.deleted")))))

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        snap = self.snapshot = lifecycle.view_project(self.ctx.workspace, self.ctx.project, self.ctx.actor().today).snapshot
        self.parties.show_rows([[B.either(p.name_en, p.name_zh), p.role, p.nationality,
                                 country_name(p.country), p.participation_form or ""]
                                for p in snap.parties], keys=[p.id for p in snap.parties])
        offshore = snap.header.methodology_id == OFFSHORE_METHODOLOGY
        self.add_site.show_fields(hidden_keys=set() if offshore else OFFSHORE)
        self.sites.show_rows([[s.name, str(s.latitude), str(s.longitude), s.area_ha, s.distance_to_shore_km, s.water_depth_m] for s in snap.sites],
                             keys=[s.id for s in snap.sites])
        for column in (4, 5):
            self.sites.setColumnHidden(column, not offshore)


PAGE = PartiesPage
