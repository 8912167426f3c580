"""The demo projects start with the risk checklist preloaded and two risks assessed."""

from __future__ import annotations

from workbench.domain.change import Change
from workbench.services.projects import risks
from workbench.services.support.context import Actor
from workbench.store.workspace import Workspace


def extend_demo(ws: Workspace, actor: Actor, ids: dict[str, int]) -> list[Change]:
    changes = [risks.preload(ws, actor, code) for code in ids]
    if "VN-OFW-01" in ids:
        changes.append(risks.update(ws, actor, "VN-OFW-01", "dev-approval", {
            "owner": "Huaxia Offshore Energy Co., Ltd.", "likelihood": "3", "impact": "4",
            "mitigation": "Early consultation with the secretariat; registration documents reviewed by the consultant"}))
        changes.append(risks.update(ws, actor, "VN-OFW-01", "capital-flows", {
            "owner": "Binh Thuan Renewable Energy JSC", "likelihood": "2", "impact": "4",
            "mitigation": "Payments in CNY through a bank with both countries' licences; escrow for unit deliveries"}))
    return changes
