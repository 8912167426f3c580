"""One way every tabular import runs: parse the whole file, compare with what is stored, refuse with every
problem or store all of it in one transaction (or only report, for a dry run), and record one change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from workbench.domain.change import Change
from workbench.domain.errors import UserError
from workbench.domain.progress import QUIET, Steps
from workbench.domain.text import Text
from workbench.services.support.context import Actor
from workbench.services.monitoring.import_mappings import mapping_of
from workbench.services.projects.projects import resolve
from workbench.services.support.write_action import write_action
from workbench.services.support.spreadsheets import SPREADSHEETS, open_workbook
from workbench.services.support.tabular import Table, existing_file, pick_sheet, refuse_if, sheet_table
from workbench.store.models import ProjectRow
from workbench.store.workspace import Workspace

Source = Table


@dataclass(frozen=True)
class Importer:
    kind: str  # also the kind of the project's saved column mapping
    action: str  # the change recorded
    sheet: str  # in a workbook, the sheet whose name starts so
    aliases: dict[str, tuple[str, ...]]  # field → accepted column titles (a saved mapping may name others)
    parse: Callable[[Path, ProjectRow, dict[str, str], Source | None, Steps, Any], tuple[list, list[str]]]  # the last: ``early``'s writer or None
    stage: Callable[[Session, int, Path, list, list[str]], tuple[list, Any]]
    store: Callable[[Session, int, list, Steps], None]
    early: Callable[[Session, int], Any] | None = None  # a writer storing rows while the file is parsed (``reading_writer``)


def run(importer: Importer, ws: Workspace, actor: Actor, project: int | str, path: str | Path, dry_run: bool = False,
        steps: Steps = QUIET) -> tuple[Change | None, Any]:
    """Check the whole file, then store what is new (nothing at all while any row is wrong).

    ``steps`` hears of the rows read and stored; a stop asked for through it (``domain.progress``) leaves the
    workspace as it was."""
    change, reports = _run([(importer, None)], importer.action, ws, actor, project, existing_file(path), dry_run, steps)
    return change, reports[importer.kind]


def run_workbook(importers: tuple[Importer, ...], action: str, ws: Workspace, actor: Actor, project: int | str, path: str | Path,
                 dry_run: bool = False, steps: Steps = QUIET) -> tuple[Change | None, dict[str, Any]]:
    """Every sheet of a workbook that one of ``importers`` reads (by the start of its name), checked together:
    one problem on any sheet and nothing from any sheet is stored (nor anything at all once stopped through
    ``steps``)."""
    path = existing_file(path)
    if path.suffix.lower() not in SPREADSHEETS:
        raise UserError("error.imports.file_type_is_not_a_workbook", where=str(path), value=path.suffix or '(none)')
    book = open_workbook(path)
    try:
        sheets = [(imp, pick_sheet(book, imp.sheet)) for imp in importers]
        pairs = [(imp, sheet_table(path, book, name)) for imp, name in sheets if name is not None]
        if not pairs:
            names = [f"'{imp.sheet}…'" for imp in importers]
            raise UserError("error.imports.no_sheet_for_field_data", where=str(path), sheets=names)
        return _run(pairs, action, ws, actor, project, path, dry_run, steps)
    finally:
        book.close()


def _run(pairs: list[tuple[Importer, Source | None]], action: str, ws: Workspace, actor: Actor, project: int | str, path: Path,
         dry_run: bool, steps: Steps) -> tuple[Change | None, dict[str, Any]]:
    with write_action(ws, actor, action, reason=Text("reason.import", file=path.name), steps=steps) as act:
        s = act.session
        p = resolve(s, project)
        act.project_id = p.id
        errors: list[str] = []
        staged = []
        for importer, source in pairs:
            steps.step(Text("progress.import.reading", file=path.name))
            # stored while read when nobody watches the steps (the CLI): with steps, storing is a phase of its own whose
            # every statement is a step and a point to stop at, as the progress bar shows it
            early = importer.early(s, p.id) if importer.early is not None and not dry_run and steps is QUIET else None
            parsed, found = importer.parse(path, p, mapping_of(s, p.id, importer.kind), source, steps, early)
            steps.step(Text("progress.import.comparing"))
            new, report = importer.stage(s, p.id, path, parsed, found)
            report.dry_run = dry_run
            errors += found
            staged.append((importer, new, report))
        refuse_if(errors)
        reports = {importer.kind: report for importer, _, report in staged}
        if dry_run or not any(new for _, new, _ in staged):
            return None, reports
        for importer, new, _ in staged:
            importer.store(s, p.id, new, steps)
        result = {kind: {k: v for k, v in asdict(r).items() if k != "dry_run"} for kind, r in reports.items()}
        act.result = result if len(result) > 1 else next(iter(result.values()))
    return act.change, reports
