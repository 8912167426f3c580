"""The mangrove demo (CCER-14-002-V01): Kandelia obovata planted on tidal flats at Gaoqiao in 2021 and in retired
aquaculture ponds on Donghai Island in 2022, two carbon strata of small parcels 85 km apart, the PDD texts, validation
and registration under the 2023 measures in 2024, and a first monitoring period (2021-04 to 2025-12) with the
sample plots measured at low tide in November 2025, calculated, so the PDD and the monitoring report show what a
mangrove project's documents hold."""

from __future__ import annotations

import random
import tempfile
from datetime import date
from pathlib import Path

from shapely.geometry import Polygon

from workbench.domain.change import Change
from workbench.domain.text import Text
from workbench.services.demo.projects import CCER_MANGROVE, demo_vvb
from workbench.services.methodology import methodology
from workbench.services.monitoring import accounting, field_data, periods, site_import
from workbench.services.projects import lifecycle
from workbench.services.support.context import Actor
from workbench.services.validation import validation
from workbench.store.workspace import Workspace

CODE = CCER_MANGROVE["code"]
# Parcel outlines (lon, lat) drawn for the demo, not surveyed; each site's parcels add up (geodesic, to 0.01 ha) to the
# area its site states in projects.CCER_MANGROVE_SITES.
PARCELS = (
    ("GQ-01", "flat-2021", ((109.7512, 21.5803), (109.7543, 21.5805), (109.7543, 21.5819), (109.7512, 21.5817))),
    ("GQ-02", "flat-2021", ((109.7547, 21.5809), (109.7573, 21.5812), (109.7573, 21.5824), (109.7547, 21.5821))),
    ("GQ-03", "flat-2021", ((109.7579, 21.5818), (109.7601, 21.582), (109.7601, 21.5831), (109.7579, 21.5829))),
    ("GQ-04", "flat-2021", ((109.753, 21.5779), (109.757, 21.578), (109.757, 21.5793), (109.753, 21.5792))),
    ("DH-01", "pond-2022", ((110.4021, 21.0412), (110.4045, 21.0412), (110.4045, 21.0433), (110.4021, 21.0433))),
    ("DH-02", "pond-2022", ((110.4049, 21.0412), (110.4068, 21.0412), (110.4068, 21.0433), (110.4049, 21.0433))),
    ("DH-03", "pond-2022", ((110.4021, 21.0437), (110.4068, 21.0437), (110.4068, 21.0453), (110.4021, 21.0453))),
)
PLAN = {"flat-2021": ("Kandelia obovata", "2021", "10000"), "pond-2022": ("Kandelia obovata", "2022", "10000")}
TEXTS = {
    "text.description.en": "Kandelia obovata seedlings planted at 1 m × 1 m on 17.29 ha of unvegetated tidal flats at Gaoqiao, Lianjiang "
                           "(2021) and on 19.05 ha of retired aquaculture ponds on Donghai Island (2022), with the ponds' dykes opened to the tide.",
    "text.description.zh": "项目在廉江高桥17.29公顷无植被潮滩(2021年)和东海岛19.05公顷退养池塘(2022年)按1米×1米株行距种植秋茄,"
                           "退养池塘已开堤纳潮。",
    "text.environment.en": "Planting restores intertidal habitat for shorebirds and fish nurseries; no dredging; seedlings from local "
                           "nurseries; the ponds' dykes were opened under the sea-area use approval of 2021.",
    "text.environment.zh": "种植恢复了鸻鹬类和鱼类育幼的潮间带生境;不疏浚;苗木来自本地苗圃;退养池塘按2021年海域使用批复开堤。",
    "text.stakeholders.en": "Consultations with the Gaoqiao and Donghai village committees and the former pond leaseholders in 2020; "
                            "shellfish gathering on the outer flats continues.",
    "text.stakeholders.zh": "2020年与高桥、东海两地村委会及原池塘承包户开展协商;外滩赶海拾贝活动照常进行。",
    "evidence.tidal_flat": "湛江市自然资源局2020年生境调查：无植被潮滩和退养池塘（演示）",
    "evidence.tenure": "海域使用权证书440881-2021-017和440811-2022-004（演示）",
    "decl.no_other_programme": "yes",
}
PERIOD = ("2021-04-01", "2025-12-31")
DEVIATION = ("2025年11月实测碳储量高于设计文件同期估算：高桥潮滩苗木成活率高于造林计划的假设，且估算所依据的生长表为示例数据，"
             "应以固定样地实测的生长量替换。")
# Sample plots of 5 m × 5 m, measured at low tide: (plot, stratum, lon, lat, trees, diameter range cm, height range m)
PLOTS = tuple((f"F{k + 1}", "flat-2021", 109.7515 + 0.0007 * k, 21.5808 + 0.0001 * (k % 3), 13 + k % 3, (3.4, 6.4), (1.8, 3.1))
              for k in range(10)) + (
    ("P1", "pond-2022", 110.4030, 21.0420, 13, (2.2, 4.8), (1.4, 2.3)), ("P2", "pond-2022", 110.4058, 21.0424, 14, (2.4, 5.0), (1.4, 2.4)),
    ("P3", "pond-2022", 110.4040, 21.0445, 12, (2.0, 4.6), (1.4, 2.2)), ("P4", "pond-2022", 110.4060, 21.0447, 13, (2.3, 4.9), (1.4, 2.4)))


def on(actor: Actor, day: str) -> Actor:
    return Actor(actor.name, date.fromisoformat(day))


def inventory_csv(path: Path, seed: int = 11) -> Path:
    """The November 2025 plot inventory as a field team hands it in: one row per tree, base diameter and height."""
    rng = random.Random(seed)
    lines = ["plot,stratum,plot_area_m2,latitude,longitude,measured_on,tree,species,dbh_cm,height_m"]
    for code, stratum, lon, lat, trees, (d0, d1), (h0, h1) in PLOTS:
        for t in range(trees):
            lines.append(f"{code},{stratum},25,{lat:.6f},{lon:.6f},2025-11-18,T{t + 1:02d},Kandelia obovata,"
                         f"{rng.uniform(d0, d1):.1f},{rng.uniform(h0, h1):.1f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def register(ws: Workspace, actor: Actor) -> list[Change]:
    """PDD publicity, validation by a VVB and registration in 2024, under the 2023 measures."""
    cqc = demo_vvb(ws, actor, "China Quality Certification Centre (demo record)", "中国质量认证中心(演示)")
    changes = [lifecycle.advance(ws, on(actor, "2024-03-04"), CODE, "pdd_publicity", Text("demo.reason.mangrove_pdd_published"))]
    engaged = validation.engage(ws, on(actor, "2024-04-08"), CODE, cqc, "validation", "李伟、陈红、周林")
    engagement = engaged.result["id"]
    return changes + [engaged, lifecycle.advance(ws, on(actor, "2024-04-08"), CODE, "validation", Text("demo.reason.mangrove_publicity_ended")),
                      validation.sample_sites(ws, on(actor, "2024-04-09"), engagement),
                      validation.finalise_report(ws, on(actor, "2024-05-20"), engagement),
                      lifecycle.advance(ws, on(actor, "2024-05-22"), CODE, "registration_requested", Text("demo.reason.mangrove_registration_submitted")),
                      lifecycle.advance(ws, on(actor, "2024-06-28"), CODE, "registered", Text("demo.reason.mangrove_registered"),
                                        evidence="项目登记通知（演示）")]


def extend_demo(ws: Workspace, actor: Actor, ids: dict[str, int]) -> list[Change]:
    if CODE not in ids:
        return []
    change, _ = site_import.store_parcels(ws, actor, CODE, [(n, st, Polygon(ring)) for n, st, ring in PARCELS], "demo parcels")
    changes = [change]
    for stratum, (species, planted, density) in PLAN.items():
        for key, value in (("species", species), ("planted", planted), ("density", density)):
            changes.append(methodology.set_parameter(ws, actor, CODE, f"plan.{stratum}.{key}", value, "demo planting plan"))
    changes += [methodology.set_parameter(ws, actor, CODE, key, value, "demo") for key, value in TEXTS.items()]
    changes += register(ws, actor)
    with tempfile.TemporaryDirectory() as folder:  # the file a field team hands in, imported as a user imports it
        imported, _ = field_data.import_file(ws, on(actor, "2025-11-25"), CODE, inventory_csv(Path(folder) / "plots-2025-11.csv"))
    changes.append(imported)
    changes.append(periods.add_period(ws, on(actor, "2026-01-08"), CODE, *PERIOD))
    changes.append(accounting.calculate_period(ws, on(actor, "2026-01-12"), CODE, 1))
    changes.append(periods.explain_deviation(ws, on(actor, "2026-01-13"), CODE, 1, 2025, DEVIATION))
    return changes
