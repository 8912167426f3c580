"""The afforestation demo gets its compartments as parcels in two carbon strata and a planting plan per stratum,
so the boundary map, the stratum areas and the ex-ante estimate have something to show."""

from __future__ import annotations

from shapely.geometry import Polygon

from workbench.domain.change import Change
from workbench.services.methodology import methodology
from workbench.services.monitoring import site_import
from workbench.services.support.context import Actor
from workbench.store.workspace import Workspace

# Compartment outlines near the demo sites (lon, lat), drawn for the demo, not surveyed boundaries. Each compartment's
# parcels add up (geodesic areas, to 0.01 ha) to the area its site states in projects.CCER_FOREST_SITES, and every
# parcel lies in one carbon stratum, so the strata areas the estimate uses add up to the project area.
PARCELS = (
    ("JCJ-12-a", "fir-2021", ((108.052754, 24.686403), (108.064216, 24.68497), (108.067082, 24.695), (108.057052, 24.698582),
                              (108.051336, 24.693605))),
    ("JCJ-12-b", "fir-2021", ((108.064216, 24.68497), (108.075679, 24.685687), (108.074246, 24.693567), (108.067082, 24.695))),
    ("JCJ-12-c", "pine-2021", ((108.057052, 24.698582), (108.067082, 24.695), (108.074246, 24.693567), (108.072813, 24.703597),
                               (108.059918, 24.70503))),
    ("YZ-07-a", "pine-2021", ((108.62768, 24.48056), (108.641, 24.47982), (108.64248, 24.48944), (108.62916, 24.49092))),
    ("YZ-07-b", "fir-2021", ((108.641, 24.47982), (108.65432, 24.479376), (108.655019, 24.488289), (108.64248, 24.48944))),
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
