"""Opening a workspace for the window, on a worker thread: at start-up (``ui.startup``) and from File › Open, Open
Recent and Connect to team database (``MainWindow.open_path``).

The steps are said as they come — checking the file, backing it up and migrating it, connecting to a team database,
listing the projects — and a stop asked for before a file's migration starts (or at any step of a team database's,
which rolls back) closes what was opened: the window keeps the workspace it had. Once a migration has committed,
the opening runs to its end and Cancel is not offered.
"""

from __future__ import annotations

from pathlib import Path

from workbench.domain.progress import QUIET, Steps
from workbench.domain.text import Text
from workbench.services.support.context import Actor


def open_for_window(target: str | Path, *, demo: bool = False, create: bool = True, steps: Steps = QUIET):
    """The workspace at ``target`` opened (with the demo projects added when ``demo``), the pages' modules imported
    and the first view read once, so that none of it waits on the UI thread. Raises what ``open_workspace`` raises,
    or ``Cancelled``."""
    from workbench.store.workspace import open_workspace
    from workbench.ui.main_window import page_classes

    workspace = open_workspace(target, create=create, steps=steps)
    # a file migrated (or a team database) is changed for good: a stop now would not mean "nothing was written"
    say = steps.tell if workspace.migrated_from else steps.step
    try:
        if demo:
            from workbench.services.demo.demo import create_demo  # the demo's data and calculations: only when asked

            create_demo(workspace, Actor(), steps)
        say(Text("progress.workspace.loading_pages"))
        page_classes()
        say(Text("progress.workspace.listing"))
        _read_first_view(workspace)
        if not workspace.migrated_from:
            steps.check()
    except BaseException:
        workspace.close()
        raise
    return workspace


BACKGROUND_IMPORTS = ("shapely",)
"""What the pages load when first shown and nothing loads before: shapely (and numpy under it) for the boundary figure
of the PDD page, ~0.9 s on the UI thread at its first show. Imported on a worker once the window has its workspace."""


def warm_up() -> None:
    """On a worker thread, after the window has attached its workspace: import ``BACKGROUND_IMPORTS`` before the user
    opens the page that needs them (Python's import lock makes a page that asks meanwhile wait for this import, not
    start another)."""
    import importlib

    for name in BACKGROUND_IMPORTS:
        importlib.import_module(name)


def _read_first_view(workspace) -> None:
    """Read what the window shows first — the project list and the first project's route (the navigator, the
    Overview) — once here: the holiday calendars and methodologies this loads and the ORM queries it compiles (~1 s)
    then cost the UI thread nothing when the window reads them again."""
    from workbench.services.projects.projects import list_projects
    from workbench.services.projects.route import route

    listed = list_projects(workspace)
    if listed:
        route(workspace, listed[0].id, Actor().today)
