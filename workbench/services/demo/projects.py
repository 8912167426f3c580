"""The demo projects themselves: a BRI offshore-wind farm in validation, a domestic afforestation project at the design
stage, a BRI solar thermal plant taken through issuance and a domestic mangrove project with its first monitoring
period, realistic but fictitious, with their parties and sites."""

from __future__ import annotations

from workbench.domain.change import Change
from workbench.services.support.context import Actor
from workbench.services.projects.parties import add_party, add_site
from workbench.services.projects.projects import create_project, list_projects
from workbench.store.workspace import Workspace
from workbench.services.validation import validation

BRI_WIND = {
    "code": "VN-OFW-01",
    "title_en": "Binh Thuan 400 MW Offshore Wind Farm (demo)",
    "title_zh": "越南平顺400兆瓦海上风电项目(演示)",
    "programme": "bri",
    "host_country": "VN",
    "sector": "energy",
    "methodology_id": "CCER-01-002",
    "methodology_version": "V01",
    "agreement": "China–Viet Nam Memorandum on Belt and Road Voluntary Emission Reduction Cooperation (demo)",
    "construction_start": "2023-06-01",
    "operation_start": "2025-01-01",
    "lifetime_years": "25",
    "crediting_start": "2025-01-01",
    "crediting_end": "2034-12-31",
}
BRI_WIND_PARTIES = [
    {"name_en": "Huaxia Offshore Energy Co., Ltd.", "name_zh": "华夏海上能源有限公司", "role": "project_owner",
     "nationality": "chinese", "country": "CN", "participation_form": "greenfield", "contact": "carbon@huaxia-offshore.example"},
    {"name_en": "Binh Thuan Renewable Energy JSC", "name_zh": "平顺可再生能源股份公司", "role": "co_developer",
     "nationality": "host", "country": "VN", "contact": "info@btre.example"},
    {"name_en": "Nordic Climate Investment AB", "name_zh": "北欧气候投资公司", "role": "investor",
     "nationality": "third_party", "country": "SE", "contact": "deals@nci.example"},
    {"name_en": "Lvse Carbon Consulting Co., Ltd.", "name_zh": "绿色碳咨询有限公司", "role": "consultant",
     "nationality": "chinese", "country": "CN", "contact": "pdd@lvse.example"},
]
BRI_WIND_SITES = [
    {"name": "Turbine array north (WTG 01-32)", "latitude": "10.712345", "longitude": "108.521234",
     "distance_to_shore_km": "35.2", "water_depth_m": "31.5"},
    {"name": "Turbine array south (WTG 33-64)", "latitude": "10.601234", "longitude": "108.498765",
     "distance_to_shore_km": "38.7", "water_depth_m": "33.0"},
]

CCER_FOREST = {
    "code": "GX-AR-01",
    "title_en": "Guangxi Hechi Barren Hills Afforestation Project (demo)",
    "title_zh": "广西河池荒山造林碳汇项目(演示)",
    "programme": "ccer",
    "host_country": "CN",
    "sector": "forestry",
    "methodology_id": "CCER-14-001",
    "methodology_version": "V01",
    "construction_start": "2021-03-01",
    "operation_start": "2021-03-01",
    "project_start": "2021-03-01",
    "lifetime_years": "40",
    "crediting_start": "2021-03-01",
    "crediting_end": "2051-02-28",
    "registry_account": "CCER-ACC-450000-0001",
}
CCER_FOREST_PARTIES = [
    {"name_en": "Hechi Green Forestry Development Co., Ltd.", "name_zh": "河池绿林林业发展有限公司",
     "role": "project_owner", "nationality": "chinese", "country": "CN"},
    {"name_en": "Lvse Carbon Consulting Co., Ltd.", "name_zh": "绿色碳咨询有限公司", "role": "consultant",
     "nationality": "chinese", "country": "CN"},
]
CCER_FOREST_SITES = [
    {"name": "金城江区12林班", "latitude": "24.692345", "longitude": "108.062811", "area_ha": "412.50"},
    {"name": "宜州区7林班", "latitude": "24.485120", "longitude": "108.636702", "area_ha": "286.75"},
]

CCER_MANGROVE = {
    "code": "GD-MG-01",
    "title_en": "Zhanjiang Mangrove Afforestation Project (demo)",
    "title_zh": "广东湛江红树林营造碳汇项目(演示)",
    "programme": "ccer",
    "host_country": "CN",
    "sector": "forestry",
    "methodology_id": "CCER-14-002",
    "methodology_version": "V01",
    "construction_start": "2021-04-01",
    "operation_start": "2021-04-01",
    "project_start": "2021-04-01",
    "lifetime_years": "40",
    "crediting_start": "2021-04-01",
    "crediting_end": "2061-03-31",
    "registry_account": "CCER-ACC-440000-0007",
}
CCER_MANGROVE_PARTIES = [
    {"name_en": "Zhanjiang Blue Carbon Ecology Co., Ltd.", "name_zh": "湛江蓝碳生态发展有限公司", "role": "project_owner",
     "nationality": "chinese", "country": "CN", "contact": "carbon@zj-bluecarbon.example"},
    {"name_en": "Lvse Carbon Consulting Co., Ltd.", "name_zh": "绿色碳咨询有限公司", "role": "consultant",
     "nationality": "chinese", "country": "CN", "contact": "pdd@lvse.example"},
]
# Two planting sites 85 km apart on the Leizhou peninsula; their areas are the sums of the parcels in demo/mangrove.py
CCER_MANGROVE_SITES = [
    {"name": "廉江高桥无植被潮滩", "latitude": "21.580500", "longitude": "109.755500", "area_ha": "17.29"},
    {"name": "东海岛退养池塘", "latitude": "21.043200", "longitude": "110.404400", "area_ha": "19.05"},
]

BRI_CSP = {
    "code": "VN-CSP-01",
    "title_en": "Ninh Thuan 50 MW Concentrated Solar Power Plant (demo)",
    "title_zh": "越南宁顺50兆瓦光热电站项目(演示)",
    "programme": "bri",
    "host_country": "VN",
    "sector": "energy",
    "methodology_id": "CCER-01-001",
    "methodology_version": "V01",
    "agreement": BRI_WIND["agreement"],
    "construction_start": "2022-09-01",
    "operation_start": "2025-01-01",
    "lifetime_years": "25",
    "crediting_start": "2025-01-01",
    "crediting_end": "2034-12-31",
}
BRI_CSP_PARTIES = [
    {"name_en": "Zhongnan Solar Thermal Power Co., Ltd.", "name_zh": "中南光热发电有限公司", "role": "project_owner",
     "nationality": "chinese", "country": "CN", "participation_form": "greenfield", "contact": "carbon@zn-csp.example"},
    {"name_en": "Ninh Thuan Solar Energy JSC", "name_zh": "宁顺太阳能股份公司", "role": "co_developer",
     "nationality": "host", "country": "VN", "contact": "office@ntse.example"},
    {"name_en": "Emerald Climate Partners Pte. Ltd.", "name_zh": "翡翠气候伙伴有限公司", "role": "investor",
     "nationality": "third_party", "country": "SG", "contact": "portfolio@ecp.example"},
    {"name_en": "Lvse Carbon Consulting Co., Ltd.", "name_zh": "绿色碳咨询有限公司", "role": "consultant",
     "nationality": "chinese", "country": "CN", "contact": "pdd@lvse.example"},
]
BRI_CSP_SITES = [
    {"name": "Solar field and power block, Phuoc Nam", "latitude": "11.412350", "longitude": "108.902170"},
]


def demo_vvb(ws: Workspace, actor: Actor, name_en: str, name_zh: str) -> int:
    """The id of the demo VVB of that name, recorded by the first demo part that needs it (a VVB is recorded once)."""
    found = next((v.id for v in validation.list_vvbs(ws) if v.name_en == name_en), None)
    if found is not None:
        return found
    return validation.add_vvb(ws, actor, {"name_en": name_en, "name_zh": name_zh, "scopes": "energy,forestry"}).result["id"]


DEMO_PROJECTS = (  # each demo project with its parties and sites; the user guide says how many there are
    (BRI_WIND, BRI_WIND_PARTIES, BRI_WIND_SITES),
    (CCER_FOREST, CCER_FOREST_PARTIES, CCER_FOREST_SITES),
    (BRI_CSP, BRI_CSP_PARTIES, BRI_CSP_SITES),
    (CCER_MANGROVE, CCER_MANGROVE_PARTIES, CCER_MANGROVE_SITES),
)


def create_demo_projects(ws: Workspace, actor: Actor) -> list[Change]:
    """The demo projects with their parties and sites only (those not yet in the workspace)."""
    existing = {p.code for p in list_projects(ws)}
    changes: list[Change] = []
    for project, parties, sites in DEMO_PROJECTS:
        if project["code"] in existing:
            continue
        created = create_project(ws, actor, project)
        changes.append(created)
        pid = created.result["id"]
        changes += [add_party(ws, actor, pid, p) for p in parties]
        changes += [add_site(ws, actor, pid, s) for s in sites]
    return changes
