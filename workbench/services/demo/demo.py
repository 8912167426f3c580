"""Demo projects: a BRI offshore-wind farm, a domestic afforestation project, a BRI solar thermal plant taken
through issuance and a domestic mangrove project with its first monitoring period, realistic but fictitious, and what each capability adds to them."""

from __future__ import annotations

from workbench.domain.change import Change
from workbench.domain.progress import QUIET, Steps
from workbench.domain.text import Text
from workbench.services.demo import forest, mangrove, risks, whole_path, wind
from workbench.services.demo.projects import create_demo_projects
from workbench.services.support.context import Actor
from workbench.store.workspace import Workspace

# Every capability's part of the demo, listed by name so renaming a file cannot silently drop it.
EXTENSIONS = (forest, mangrove, risks, wind, whole_path)  # whole_path after risks: it assesses the preloaded risks


def create_demo(ws: Workspace, actor: Actor, steps: Steps = QUIET) -> list[Change]:
    """The demo projects, each step audited, and what every capability adds to them.

    Each capability adds its part of the demo (meters, findings, agreement…) in a module listed in ``EXTENSIONS``
    with ``extend_demo(ws, actor, ids_by_code) -> list[Change]``, run for the projects created now, in that order.
    Each part is told to ``steps``; it cannot be stopped, since every part commits its own actions.
    """
    parts = len(EXTENSIONS) + 1
    steps.tell(Text("progress.demo.part", done=1, total=parts), 0, parts)
    changes = create_demo_projects(ws, actor)
    created = {c.result["code"]: c.result["id"] for c in changes if c.action == "project.create"}
    for number, module in enumerate(EXTENSIONS, start=2):
        steps.tell(Text("progress.demo.part", done=number, total=parts), number - 1, parts)
        changes += module.extend_demo(ws, actor, created)
    return changes
