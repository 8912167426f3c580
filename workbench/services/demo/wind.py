"""The demo offshore-wind farm's monitoring and validation: meters, a year of hourly readings, VVBs, a closed CAR,
the cooperation agreement and its allocation — enough to walk the whole path in the GUI."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta

from workbench.domain.change import Change
from workbench.domain.text import Text
from workbench.services.issuance import ledger
from workbench.services.monitoring import meters
from workbench.services.methodology import methodology
from workbench.services.validation import validation
from workbench.services.support.context import Actor
from workbench.services.demo.projects import BRI_WIND, demo_vvb
from workbench.services.projects.projects import resolve
from workbench.services.support.write_action import write_action
from workbench.store.models_monitoring import MeterRow, ReadingRow
from workbench.store.workspace import Workspace

CODE = BRI_WIND["code"]
PARAMETERS = {
    "grid": "VN-National",
    "ex_ante_EG_MWh": "1331520",
    "decl.no_other_programme": "yes",
    "decl.no_green_certificate": "yes",
    "evidence.grid_connection": "Power purchase agreement EVN-2024-117 and grid connection certificate (demo)",
    "text.description.en": "64 wind turbines of 6.25 MW (400 MW) on monopile foundations 35–39 km off Binh Thuan, connected "
                           "through a 220 kV offshore substation and export cable to the national grid at Phan Thiet.",
    "text.description.zh": "项目安装64台6.25兆瓦风电机组(总装机400兆瓦),单桩基础,离平顺省海岸35至39公里,经220千伏海上升压站"
                           "和送出海缆在藩切接入越南国家电网。",
    "text.environment.en": "Environmental impact assessment approved by the provincial People's Committee in 2022; "
                           "bird and marine mammal monitoring during construction and operation.",
    "text.environment.zh": "环境影响评价于2022年获省人民委员会批复;施工和运行期间开展鸟类与海洋哺乳动物监测。",
    "text.stakeholders.en": "Two consultations with fishing communities in 2022; compensation agreed for fishing grounds.",
    "text.stakeholders.zh": "2022年与渔民社区开展两次协商,就渔场影响达成补偿安排。",
}


def hourly_readings(meter_id: int, year: int, mean_kwh: float, seed: int) -> list[dict]:
    """A seeded year of hourly energy in whole Wh: seasonal wind (stronger in the winter monsoon) plus noise."""
    rng = random.Random(seed)
    start = datetime(year, 1, 1)
    rows = []
    for hour in range(365 * 24):
        at = start + timedelta(hours=hour)
        season = 1 + 0.35 * math.cos(2 * math.pi * (at.timetuple().tm_yday - 15) / 365)
        kwh = max(0.0, rng.gauss(mean_kwh * season, mean_kwh * 0.35))
        rows.append({"meter_id": meter_id, "start": at, "minutes": 60, "wh": int(kwh * 1000)})
    return rows


def extend_demo(ws: Workspace, actor: Actor, ids: dict[str, int]) -> list[Change]:
    if CODE not in ids:
        return []
    changes = [methodology.set_parameter(ws, actor, CODE, key, value, "demo") for key, value in PARAMETERS.items()]
    changes.append(meters.add_meter(ws, actor, CODE, {"serial": "VN-EXP-0001", "role": "export", "accuracy_class": "0.2",
                                                      "calibrated_on": "2025-01-08", "calibration_error": "0.05"}))
    changes.append(meters.add_meter(ws, actor, CODE, {"serial": "VN-IMP-0001", "role": "import", "accuracy_class": "0.5"}))
    with write_action(ws, actor, "monitoring.import", reason=Text("reason.demo_readings")) as act:
        s = act.session
        project = resolve(s, CODE)
        act.project_id = project.id
        by_serial = {m.serial: m.id for m in s.query(MeterRow).filter(MeterRow.project_id == project.id)}
        # 400 MW at a 38 % capacity factor ≈ 152 MWh an hour exported; auxiliary import ≈ 12 kWh an hour
        rows = hourly_readings(by_serial["VN-EXP-0001"], 2025, 152_000, 1) + hourly_readings(by_serial["VN-IMP-0001"], 2025, 12, 2)
        s.execute(ReadingRow.__table__.insert(), rows)
        act.result["new"] = len(rows)
    changes.append(act.change)
    cqc = demo_vvb(ws, actor, "China Quality Certification Centre (demo record)", "中国质量认证中心(演示)")  # once, whichever demo part needs it first
    demo_vvb(ws, actor, "China Environmental United Certification Center (demo record)", "中环联合(北京)认证中心(演示)")
    engagement = validation.engage(ws, actor, CODE, cqc, "validation", "Li Wei, Zhang Min")
    car = validation.raise_finding(ws, actor, engagement.result["id"], "CAR", "Calibration certificate of the export meter missing")
    changes += [engagement, car,
                validation.respond(ws, actor, car.result["id"], "Calibration certificate JL-2025-0113 attached"),
                validation.close(ws, actor, car.result["id"]),
                validation.raise_finding(ws, actor, engagement.result["id"], "FAR", "Confirm the 2025 grid factor edition at first verification")]
    changes.append(ledger.add_agreement(ws, actor, BRI_WIND["agreement"], "VN", "China–Viet Nam joint committee (demo)", date(2024, 1, 1)))
    changes.append(ledger.add_allocation(ws, actor, BRI_WIND["agreement"], {
        "effective_from": "2024-01-01", "china_share": "0.5", "host_share": "0.5", "third_party_share": "0.1",
        "third_party_registry": "china", "decision_ref": "JC-2024-001 (demo)"}))
    return changes
