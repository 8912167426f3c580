"""The demo solar thermal plant taken through the whole path, so every document kind has something true to show:
PDD published, validation with a CAR raised and closed, registration by the joint body, a year of metered generation
and auxiliary gas, the 2025 accounting period verified by a different VVB, issuance split between the China and Viet
Nam registries under the project's own allocation, a sale and a retirement.

Every step goes through the same services a user's action does, each on its own working day, in an order the stage
guards accept (the BRI publicity period counts days that are working days in both countries).
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from workbench.domain.change import Change
from workbench.domain.text import Text
from workbench.services.demo.projects import BRI_CSP, BRI_CSP_PARTIES, demo_vvb
from workbench.services.issuance import accounts, ledger
from workbench.services.methodology import methodology
from workbench.services.monitoring import accounting, meters, periods
from workbench.services.projects import decisions, lifecycle, risks
from workbench.services.projects.projects import resolve
from workbench.services.support.context import Actor
from workbench.services.support.write_action import write_action
from workbench.services.validation import validation
from workbench.store.models_inventory import FuelDeliveryRow
from workbench.store.models_ledger import AgreementRow
from workbench.store.models_monitoring import MeterRow, ReadingRow
from workbench.store.workspace import Workspace

CODE = BRI_CSP["code"]
BUYER = "Guangzhou Green Energy Trading Co., Ltd. (demo)"
PARAMETERS = {
    "grid": "VN-National",
    "ex_ante_EG_MWh": "152000",
    "decl.no_other_programme": "yes",
    "decl.no_green_certificate": "yes",
    "evidence.grid_connection": "Power purchase agreement EVN-2024-208 and grid connection certificate (demo)",
    "evidence.csp_metering": "Standalone CSP plant: single-line diagram SLD-NT-02 and meter list (demo)",
    "text.description.en": "A 50 MW parabolic-trough solar thermal plant with 7.5 hours of molten-salt storage near Phuoc Nam, Ninh "
                           "Thuan, exporting through a 110 kV line to the national grid; natural gas only for freeze protection and start-up.",
    "text.description.zh": "项目为位于宁顺省福南的50兆瓦槽式光热电站,配7.5小时熔盐储热,经110千伏线路接入越南国家电网;"
                           "天然气仅用于防凝和启动。",
    "text.environment.en": "Environmental impact assessment approved by the Ninh Thuan People's Committee in 2022; water use "
                           "limited by dry cooling; desert-steppe vegetation restored around the solar field.",
    "text.environment.zh": "环境影响评价于2022年获宁顺省人民委员会批复;采用空冷以限制用水;集热场周边荒漠草原植被已恢复。",
    "text.stakeholders.en": "Consultations with Phuoc Nam commune in 2022; a grazing corridor was kept open across the site.",
    "text.stakeholders.zh": "2022年与福南乡开展协商;场区保留了放牧通道。",
}
# The project's own shares, decided by the joint body for this plant (the agreement's general allocation is 50/50):
# 60 % of the units to the China registry and 40 % to Viet Nam's, the investor's 10 % entitlement held in Viet Nam's.
ALLOCATION = {"effective_from": "2025-01-01", "china_share": "0.6", "host_share": "0.4", "third_party_share": "0.1",
              "third_party_registry": "host", "decision_ref": "JC-2025-009 (demo)"}
# Risk register as the owner kept it by issuance: (owner, likelihood, impact, mitigation, status)
GAS_FAR = "Check the natural gas delivery notes against the supplier's invoices at first verification"
GAS_CHECKED = ("All 12 delivery notes PVGas-2025-01 to PVGas-2025-12 (32.1 x 10^4 Nm3) were checked one by one against the supplier's "
               "invoices and its 2025 statement: quantities and dates agree; copies are filed with the monitoring records.")
RISKS = {
    "policy-mechanism": ("Zhongnan Solar Thermal Power Co., Ltd.", 2, 4, "Follow the joint committee's notices; allocation fixed per project", "open"),
    "dev-technology": ("Zhongnan Solar Thermal Power Co., Ltd.", 2, 3, "Storage and trough suppliers' performance guarantees", "mitigated"),
    "dev-approval": ("Lvse Carbon Consulting Co., Ltd.", 2, 4, "Registered by the joint body on 2025-03-28", "closed"),
    "dev-verification": ("Lvse Carbon Consulting Co., Ltd.", 2, 3, "Meters calibrated yearly; gas invoices reconciled monthly", "closed"),
    "dev-issuance": ("Zhongnan Solar Thermal Power Co., Ltd.", 2, 3, "Issued on 2026-03-20", "closed"),
    "dev-delivery": ("Zhongnan Solar Thermal Power Co., Ltd.", 2, 3, "Deliveries against payment through the registry", "open"),
    "trade-infrastructure": ("Ninh Thuan Solar Energy JSC", 3, 3, "Units kept in the registry they were issued in", "open"),
    "trade-operation": ("Zhongnan Solar Thermal Power Co., Ltd.", 2, 3, "Two-person approval of every transfer", "open"),
    "trade-disclosure": ("Lvse Carbon Consulting Co., Ltd.", 2, 2, "Issuance and retirements published with serial ranges", "open"),
    "trade-pricing": ("Emerald Climate Partners Pte. Ltd.", 3, 3, "Forward sales at fixed prices for half the expected units", "open"),
    "capital-flows": ("Ninh Thuan Solar Energy JSC", 2, 4, "Payments in CNY through a bank licensed in both countries", "open"),
}


def on(actor: Actor, day: str) -> Actor:
    return Actor(actor.name, date.fromisoformat(day))


def generation(year: int, seed: int) -> tuple[list[tuple[datetime, int]], list[tuple[datetime, int]]]:
    """A seeded year of hourly export and import in whole Wh: the turbine runs 08:00–23:00 on sun and storage,
    stronger in the dry season (Jan–Apr) and lower on cloudy days; the plant draws auxiliary power at night."""
    rng = random.Random(seed)
    export, imported = [], []
    start = datetime(year, 1, 1)
    for day in range(365):
        at = start + timedelta(days=day)
        season = 1 + 0.22 * math.cos(2 * math.pi * (day - 60) / 365)
        clear = min(1.0, max(0.15, rng.gauss(0.82, 0.18)))
        for hour in range(24):
            running = 8 <= hour < 23
            mwh = min(50.0, 33.5 * season * clear) if running else 0.0
            export.append((at + timedelta(hours=hour), int(mwh * 1_000_000)))
            imported.append((at + timedelta(hours=hour), 0 if running else int(rng.uniform(0.7, 1.1) * 1_000_000)))
    return export, imported


def set_up(ws: Workspace, actor: Actor) -> list[Change]:
    """Parameters, meters, the agreement if the workspace lacks it, and the project's own allocation."""
    changes = [methodology.set_parameter(ws, actor, CODE, key, value, "demo") for key, value in PARAMETERS.items()]
    changes.append(meters.add_meter(ws, actor, CODE, {"serial": "NT-EXP-0001", "role": "export", "accuracy_class": "0.2",
                                                      "calibrated_on": "2025-01-06", "calibration_error": "0.1"}))
    changes.append(meters.add_meter(ws, actor, CODE, {"serial": "NT-IMP-0001", "role": "import", "accuracy_class": "0.2",
                                                      "calibrated_on": "2025-01-06", "calibration_error": "-0.1"}))
    with ws.reading() as s:
        have_agreement = s.scalar(select(AgreementRow.id).where(AgreementRow.name == BRI_CSP["agreement"])) is not None
    if not have_agreement:
        changes.append(ledger.add_agreement(ws, actor, BRI_CSP["agreement"], "VN", "China–Viet Nam joint committee (demo)", date(2024, 1, 1)))
    changes.append(ledger.add_allocation(ws, actor, BRI_CSP["agreement"], ALLOCATION, project=CODE))
    return changes


def validate_and_register(ws: Workspace, actor: Actor) -> list[Change]:
    cqc = demo_vvb(ws, actor, "China Quality Certification Centre (demo record)", "中国质量认证中心(演示)")
    changes = [lifecycle.advance(ws, on(actor, "2025-01-17"), CODE, "pdd_publicity", Text("demo.reason.pdd_published"))]
    engaged = validation.engage(ws, on(actor, "2025-02-20"), CODE, cqc, "validation", "Li Wei, Zhang Min, Nguyen Van An")
    engagement = engaged.result["id"]
    changes += [engaged, lifecycle.advance(ws, on(actor, "2025-02-26"), CODE, "validation", Text("demo.reason.publicity_ended"))]
    car = validation.raise_finding(ws, on(actor, "2025-02-27"), engagement, "CAR",
                                   "The single-line diagram does not show the auxiliary transformer's import meter")
    changes += [car, validation.sample_sites(ws, on(actor, "2025-02-27"), engagement),
                validation.respond(ws, on(actor, "2025-03-05"), car.result["id"], "Revised diagram SLD-NT-02 rev. B shows meter NT-IMP-0001"),
                validation.close(ws, on(actor, "2025-03-05"), car.result["id"]),
                validation.raise_finding(ws, on(actor, "2025-03-05"), engagement, "FAR", GAS_FAR),
                validation.finalise_report(ws, on(actor, "2025-03-06"), engagement),
                lifecycle.advance(ws, on(actor, "2025-03-10"), CODE, "registration_requested", Text("demo.reason.registration_sent")),
                decisions.add_decision(ws, on(actor, "2025-03-28"), CODE, "registration", "2025-03-28", "JC-2025-011 (demo)"),
                lifecycle.advance(ws, on(actor, "2025-03-28"), CODE, "registered", Text("demo.reason.registered"),
                                  evidence="JC-2025-011 (demo)")]
    return changes


def _gas_far(ws: Workspace) -> int:
    """The validation's forward action request on the natural gas delivery notes."""
    return next(f.id for e in validation.engagements_of(ws, CODE) if e.kind == "validation" for f in e.findings if f.type == "FAR")


def monitor(ws: Workspace, actor: Actor) -> list[Change]:
    """The year 2025 metered and its gas deliveries recorded, then the accounting period calculated."""
    export, imported = generation(2025, 7)
    day = on(actor, "2026-01-12")
    with write_action(ws, day, "monitoring.import", reason=Text("reason.demo_readings_and_gas")) as act:
        s = act.session
        project = resolve(s, CODE)
        act.project_id = project.id
        by_serial = {m.serial: m.id for m in s.scalars(select(MeterRow).where(MeterRow.project_id == project.id))}
        rows = [{"meter_id": by_serial[serial], "start": at, "minutes": 60, "wh": wh}
                for serial, series in (("NT-EXP-0001", export), ("NT-IMP-0001", imported)) for at, wh in series]
        s.execute(ReadingRow.__table__.insert(), rows)
        # natural gas for freeze protection and start-up: one delivery a month, in 10^4 Nm3, more in the rainy season
        s.add_all(FuelDeliveryRow(project_id=project.id, delivered_on=date(2025, month, 28), fuel="natural_gas",
                                  quantity=Decimal("2.4") + (Decimal("1.1") if 9 <= month <= 11 else 0), error_percent=Decimal("1.0"),
                                  reference=f"PVGas-2025-{month:02d} (demo)") for month in range(1, 13))
        act.result["new"] = len(rows) + 12
    changes = [act.change]
    # the validation's FAR on the gas is answered in the monitoring report; the verifier closes it
    changes.append(validation.respond(ws, on(actor, "2026-01-14"), _gas_far(ws), GAS_CHECKED))
    changes.append(periods.add_period(ws, day, CODE, "2025-01-01", "2025-12-31"))
    changes.append(accounting.calculate_period(ws, on(actor, "2026-01-15"), CODE, 1))
    return changes


def verify(ws: Workspace, actor: Actor) -> list[Change]:
    """The 2025 period verified by a second VVB and its issuance applied for (the state the issuance wizard starts from)."""
    cec = demo_vvb(ws, actor, "China Environmental United Certification Center (demo record)", "中环联合(北京)认证中心(演示)")
    engaged = validation.engage(ws, on(actor, "2026-02-02"), CODE, cec, "verification", "Wang Fang, Chen Jie", period=1)
    return [engaged, lifecycle.advance(ws, on(actor, "2026-02-02"), CODE, "verification", Text("demo.reason.report_submitted")),
            validation.sample_sites(ws, on(actor, "2026-02-03"), engaged.result["id"]),
            validation.close(ws, on(actor, "2026-02-20"), _gas_far(ws)),
            validation.finalise_report(ws, on(actor, "2026-03-02"), engaged.result["id"]),
            lifecycle.advance(ws, on(actor, "2026-03-03"), CODE, "issuance_requested", Text("demo.reason.issuance_sent"))]


def issue(ws: Workspace, actor: Actor) -> list[Change]:
    issued = ledger.issue(ws, on(actor, "2026-03-20"), CODE, 1, "2026-03-20", "JC-2026-014 (demo)")
    return [issued, lifecycle.advance(ws, on(actor, "2026-03-20"), CODE, "issued", Text("demo.reason.issuance_approved"),
                                      evidence="JC-2026-014 (demo)")]


def trade(ws: Workspace, actor: Actor) -> list[Change]:
    """The buyer opens its account in the China registry (unless this workspace holds it already); the owner sells 20,000 units in the China registry; the buyer retires 5,000 of them for its 2025 claim."""
    owner = BRI_CSP_PARTIES[0]["name_en"]
    block = next(line.block for line in ledger.ledger(ws, CODE) if line.holder == owner and line.registry == "CN")
    opened = [] if any(a.holder == BUYER for a in accounts.list_accounts(ws, "CN")) else [
        accounts.open_account(ws, on(actor, "2026-03-25"), BUYER, "CN")]
    sold = ledger.transfer(ws, on(actor, "2026-04-01"), block, BUYER, 20000, price="82.00", currency="CNY")
    retired = ledger.retire(ws, on(actor, "2026-04-15"), sold.result["block"], 5000, "Voluntary carbon neutrality claim for 2025 operations",
                            BUYER)
    return [*opened, sold, retired]


def assess_risks(ws: Workspace, actor: Actor) -> list[Change]:
    day = on(actor, "2026-04-15")
    return [risks.update(ws, day, CODE, key, {"owner": owner, "likelihood": str(likelihood), "impact": str(impact),
                                              "mitigation": mitigation, "status": status})
            for key, (owner, likelihood, impact, mitigation, status) in RISKS.items()]


def extend_demo(ws: Workspace, actor: Actor, ids: dict[str, int]) -> list[Change]:
    if CODE not in ids:
        return []
    return (set_up(ws, actor) + validate_and_register(ws, actor) + monitor(ws, actor) + verify(ws, actor) + issue(ws, actor)
            + trade(ws, actor) + assess_risks(ws, actor))
