"""The afforestation demo gets its compartments as parcels in two carbon strata and a planting plan per stratum,
so the boundary map, the stratum areas and the ex-ante estimate have something to show."""

from __future__ import annotations

from shapely.geometry import Polygon

from workbench.domain.change import Change
from workbench.services.methodology import methodology
from workbench.services.monitoring import site_import
from workbench.services.support.context import Actor
from workbench.store.workspace import Workspace

# Compartment outlines near the demo sites (lon, lat), drawn for the demo; not surveyed boundaries.
PARCELS = (
    ("JCJ-12-a", "fir-2021", ((108.0560, 24.6890), (108.0640, 24.6880), (108.0660, 24.6950), (108.0590, 24.6975), (108.0550, 24.6940))),
    ("JCJ-12-b", "fir-2021", ((108.0640, 24.6880), (108.0720, 24.6885), (108.0710, 24.6940), (108.0660, 24.6950))),
    ("JCJ-12-c", "pine-2021", ((108.0590, 24.6975), (108.0660, 24.6950), (108.0710, 24.6940), (108.0700, 24.7010), (108.0610, 24.7020))),
    ("YZ-07-a", "pine-2021", ((108.6320, 24.4820), (108.6410, 24.4815), (108.6420, 24.4880), (108.6330, 24.4890))),
)
PLAN = {"fir-2021": ("Cunninghamia lanceolata", "2021", "2500"), "pine-2021": ("Pinus massoniana", "2021", "2500")}


def extend_demo(ws: Workspace, actor: Actor, ids: dict[str, int]) -> list[Change]:
    if "GX-AR-01" not in ids:
        return []
    change, _ = site_import.store_parcels(ws, actor, "GX-AR-01", [(n, st, Polygon(ring)) for n, st, ring in PARCELS], "demo compartments")
    changes = [change]
    for stratum, (species, planted, density) in PLAN.items():
        for key, value in (("species", species), ("planted", planted), ("density", density)):
            changes.append(methodology.set_parameter(ws, actor, "GX-AR-01", f"plan.{stratum}.{key}", value, "demo planting plan"))
    return changes
