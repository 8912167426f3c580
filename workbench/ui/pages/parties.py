"""Parties and sites (参与方与场址)."""

from __future__ import annotations

from workbench.domain.parties import Nationality, ParticipationForm, PartyRole
from workbench.domain.text import Bilingual as B, Text
from workbench.services.projects import lifecycle, parties
from workbench.ui.forms import ActionForm, RecordTable
from workbench.ui.pages.base import Page


class PartiesPage(Page):
    title = Text("ui.parties.parties_sites")
    order = 20

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.parties = RecordTable(L, "partyTable", [Text("common.id"), Text("ui.parties.name"), Text("ui.parties.role"), Text("ui.parties.nationality"),
                                                     Text("ui.parties.country"), Text("ui.parties.participation_form")])
        self.add_party = ActionForm(L, "addParty", Text("ui.parties.add_a_party"), Text("common.add"), [
            ("name_en", Text("common.name_english"), None, ""),
            ("name_zh", Text("common.name_chinese"), None, ""),
            ("role", Text("ui.parties.role"), list(PartyRole), ""),
            ("nationality", Text("ui.parties.nationality"), list(Nationality), ""),
            ("country", Text("ui.parties.country_iso"), None, "CN"),
            ("participation_form", Text("ui.parties.participation_form"), [""] + list(ParticipationForm), ""),
        ])
        self.add_party.submitted.connect(self.on_add_party)
        self.sites = RecordTable(L, "siteTable", [Text("common.id"), Text("ui.parties.site"), Text("ui.parties.latitude"), Text("ui.parties.longitude"),
                                                  Text("ui.parties.distance_to_shore_km"), Text("ui.parties.water_depth_m"), Text("ui.parties.area_ha")])
        self.add_site = ActionForm(L, "addSite", Text("ui.parties.add_a_site"), Text("common.add"), [
            ("name", Text("ui.parties.name"), None, ""), ("latitude", Text("ui.parties.latitude_6_decimals"), None, ""),
            ("longitude", Text("ui.parties.longitude_6_decimals"), None, ""),
            ("distance_to_shore_km", Text("ui.parties.distance_to_shore_km"), None, ""),
            ("water_depth_m", Text("ui.parties.water_depth_m"), None, ""), ("area_ha", Text("ui.parties.area_ha"), None, ""),
        ])
        self.add_site.submitted.connect(self.on_add_site)
        for w in (self.parties, self.add_party, self.sites, self.add_site):
            self.layout_.addWidget(w)

    def on_add_party(self, values: dict) -> None:
        values = {k: v for k, v in values.items() if v}
        self.ctx.act(self, lambda: parties.add_party(self.ctx.workspace, self.ctx.actor(), self.ctx.project, values))

    def on_add_site(self, values: dict) -> None:
        values = {k: v for k, v in values.items() if v}
        self.ctx.act(self, lambda: parties.add_site(self.ctx.workspace, self.ctx.actor(), self.ctx.project, values))

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        snap = lifecycle.view_project(self.ctx.workspace, self.ctx.project, self.ctx.actor().today).snapshot
        self.parties.show_rows([[p.id, self.lang.pick(B(p.name_en or p.name_zh, p.name_zh or p.name_en)), p.role, p.nationality,
                                 p.country, p.participation_form] for p in snap.parties])
        self.sites.show_rows([[s.id, s.name, s.latitude, s.longitude, s.distance_to_shore_km, s.water_depth_m, s.area_ha] for s in snap.sites])


PAGE = PartiesPage
