"""Parties and sites (参与方与场址)."""

from __future__ import annotations

from workbench.domain.parties import Nationality, ParticipationForm, PartyRole
from workbench.domain.text import Bilingual as B
from workbench.services.projects import lifecycle, parties
from workbench.ui.forms import ActionForm, RecordTable
from workbench.ui.pages.base import Page


class PartiesPage(Page):
    title = B("Parties & sites", "参与方与场址")
    order = 20

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.parties = RecordTable(L, "partyTable", [B("ID", "编号"), B("Name", "名称"), B("Role", "角色"), B("Nationality", "国别属性"),
                                                     B("Country", "国家"), B("Participation form", "参与方式")])
        self.add_party = ActionForm(L, "addParty", B("Add a party", "添加参与方"), B("Add", "添加"), [
            ("name_en", B("Name (English)", "名称(英文)"), None, ""),
            ("name_zh", B("Name (Chinese)", "名称(中文)"), None, ""),
            ("role", B("Role", "角色"), [r.value for r in PartyRole], ""),
            ("nationality", B("Nationality", "国别属性"), [n.value for n in Nationality], ""),
            ("country", B("Country (ISO)", "国家代码"), None, "CN"),
            ("participation_form", B("Participation form", "参与方式"), [""] + [p.value for p in ParticipationForm], ""),
        ])
        self.add_party.submitted.connect(self.on_add_party)
        self.sites = RecordTable(L, "siteTable", [B("ID", "编号"), B("Site", "场址"), B("Latitude", "纬度"), B("Longitude", "经度"),
                                                  B("Distance to shore (km)", "离岸距离(公里)"), B("Water depth (m)", "水深(米)"), B("Area (ha)", "面积(公顷)")])
        self.add_site = ActionForm(L, "addSite", B("Add a site", "添加场址"), B("Add", "添加"), [
            ("name", B("Name", "名称"), None, ""), ("latitude", B("Latitude (6 decimals)", "纬度(6位小数)"), None, ""),
            ("longitude", B("Longitude (6 decimals)", "经度(6位小数)"), None, ""),
            ("distance_to_shore_km", B("Distance to shore (km)", "离岸距离(公里)"), None, ""),
            ("water_depth_m", B("Water depth (m)", "水深(米)"), None, ""), ("area_ha", B("Area (ha)", "面积(公顷)"), None, ""),
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
        self.parties.show_rows([[p.id, self.lang.pick(B(p.name_en or p.name_zh, p.name_zh or p.name_en)), p.role.value, p.nationality.value,
                                 p.country, p.participation_form.value if p.participation_form else ""] for p in snap.parties])
        self.sites.show_rows([[s.id, s.name, s.latitude, s.longitude, s.distance_to_shore_km, s.water_depth_m, s.area_ha] for s in snap.sites])


PAGE = PartiesPage
