"""The monitored data a project's methodology takes, and one entry point to import it: meter readings
(grid-connected power), auxiliary fuel deliveries (where the methodology counts fuel) and plot inventories
(forestry), from a single CSV/XLSX file or from every sheet of a filled field workbook at once."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from operator import itemgetter
from pathlib import Path

from sqlalchemy import func, select

from workbench.domain.errors import UserError
from workbench.domain.progress import QUIET, Steps
from workbench.methodology.loader import get
from workbench.services.support.context import Actor
from workbench.services.monitoring.fuel_import import FUEL
from workbench.services.monitoring.imports import Importer, run, run_workbook
from workbench.services.monitoring.inventory_import import INVENTORY
from workbench.services.monitoring.monitoring_import import READINGS
from workbench.services.projects.projects import resolve
from workbench.store.models import ProjectRow
from workbench.store.models_inventory import FuelDeliveryRow, SamplePlotRow, TreeRow
from workbench.store.models_periods import AccountingPeriodRow, VintageResultRow
from workbench.store.workspace import Workspace

IMPORTERS: dict[str, Importer] = {i.kind: i for i in (READINGS, FUEL, INVENTORY)}


def kinds_of(project: ProjectRow) -> tuple[str, ...]:
    """The kinds of monitored data the project's methodology takes, the main one first."""
    m = get(project.methodology_id) if project.methodology_id else None
    if m is None:
        return ()
    return (("readings",) if m.sector == "energy" else ()) + (("fuel",) if m.fuels else ()) + (("plots",) if m.species else ())


def kinds(ws: Workspace, project: int | str) -> tuple[str, ...]:
    with ws.reading() as s:
        return kinds_of(resolve(s, project))


def import_file(ws: Workspace, actor: Actor, project: int | str, path: str | Path, kind: str | None = None, dry_run: bool = False,
                steps: Steps = QUIET):
    """Import one file of ``kind`` (by default the methodology's main kind of monitored data); its steps go to
    ``steps``, and a stop asked through it stores nothing."""
    if kind is None:
        with ws.reading() as s:
            kinds = kinds_of(resolve(s, project))
        kind = kinds[0] if kinds else "readings"
    if kind not in IMPORTERS:
        raise UserError("error.field_data.unknown_kind_of_data_accepted", field="kind", kind=kind, value=', '.join(IMPORTERS))
    return run(IMPORTERS[kind], ws, actor, project, path, dry_run, steps)


def import_workbook(ws: Workspace, actor: Actor, project: int | str, path: str | Path, dry_run: bool = False, steps: Steps = QUIET):
    """Every sheet of a filled field workbook, checked together, stored together (``fieldbook.import``), or —
    stopped through ``steps`` — nothing."""
    return run_workbook(tuple(IMPORTERS.values()), "fieldbook.import", ws, actor, project, path, dry_run, steps)


def plot_summary(ws: Workspace, project: int | str) -> list[dict]:
    """Plots, trees and the measurement dates per stratum, with the plots the sampling plan of the latest forestry
    calculation asks for in the stratum (AR-TOOL03; empty before any calculation)."""
    with ws.reading() as s:
        p = resolve(s, project)
        rows = s.execute(select(SamplePlotRow.stratum, SamplePlotRow.measured_on, func.count(func.distinct(SamplePlotRow.id)), func.count(TreeRow.id))
                         .join(TreeRow, TreeRow.plot_id == SamplePlotRow.id, isouter=True)
                         .where(SamplePlotRow.project_id == p.id)
                         .group_by(SamplePlotRow.stratum, SamplePlotRow.measured_on).order_by(SamplePlotRow.stratum, SamplePlotRow.measured_on))
        latest = s.scalars(select(VintageResultRow.calculation).join(AccountingPeriodRow).where(AccountingPeriodRow.project_id == p.id)
                           .order_by(AccountingPeriodRow.end.desc(), VintageResultRow.vintage.desc())).first()
        plan = json.loads(latest or "{}").get("sampling", {}).get("strata", {})
        return [{"stratum": st, "measured_on": day, "plots": n, "trees": t, "needed": plan.get(st, {}).get("needed")}
                for st, day, n, t in rows]


def fuel_summary(ws: Workspace, project: int | str) -> list[dict]:
    """Fuel delivered per fuel and calendar year."""
    with ws.reading() as s:
        p = resolve(s, project)
        out: dict[tuple[str, int], dict] = {}
        for r in s.scalars(select(FuelDeliveryRow).where(FuelDeliveryRow.project_id == p.id).order_by(FuelDeliveryRow.delivered_on)):
            e = out.setdefault((r.fuel, r.delivered_on.year), {"fuel": r.fuel, "year": r.delivered_on.year, "quantity": Decimal(0), "deliveries": 0})
            e["quantity"] += r.quantity
            e["deliveries"] += 1
        return list(out.values())


def deliveries_between(session, project_id: int, start: date, end: date) -> list[FuelDeliveryRow]:
    return list(session.scalars(select(FuelDeliveryRow).where(FuelDeliveryRow.project_id == project_id, FuelDeliveryRow.delivered_on >= start,
                                                              FuelDeliveryRow.delivered_on <= end)))


def latest_plots(session, project_id: int, start: date | None = None, end: date | None = None, trees: bool = True) -> list[SamplePlotRow]:
    """The last measurement of each sample plot (measured between ``start`` and ``end`` when given), by plot code,
    with its trees loaded (unless ``trees`` is False: ``tree_table`` reads them as columns)."""
    query = select(SamplePlotRow).where(SamplePlotRow.project_id == project_id)
    if start is not None:
        query = query.where(SamplePlotRow.measured_on >= start)
    if end is not None:
        query = query.where(SamplePlotRow.measured_on <= end)
    latest = {plot.code: plot for plot in session.scalars(query.order_by(SamplePlotRow.measured_on))}
    for plot in latest.values() if trees else ():
        plot.trees  # noqa: B018 - loaded while the session is open
    return sorted(latest.values(), key=lambda p: p.code)


def tree_table(session, plots: list[SamplePlotRow]) -> dict[int, dict]:
    """Each plot's trees (by plot id) as the calculation takes them (``forestry_trees.tree_columns``): species, and DBH
    (cm) and height (m) as float64 read in bulk from their stored text, in tag order — one query, no row objects
    (an inventory of 100,000 trees is read in a fraction of the time ORM rows take)."""
    import numpy as np

    from workbench.methodology.forestry_trees import tree_columns

    ids = [int(plot.id) for plot in plots]
    cursor = session.connection().connection.dbapi_connection.cursor()  # the driver's own rows: no row objects for 100,000 trees
    rows = []
    try:
        for at in range(0, len(ids), 500):  # ids are the database's integers, written into the statement
            cursor.execute(f"SELECT plot_id, species, dbh_cm, height_m FROM {TreeRow.__tablename__} "
                           f"WHERE plot_id IN ({', '.join(map(str, ids[at:at + 500]))}) ORDER BY plot_id, tag")
            rows += cursor.fetchall()
    finally:
        cursor.close()
    plot_ids = np.fromiter(map(itemgetter(0), rows), dtype=np.int64, count=len(rows))
    species = list(map(itemgetter(1), rows))
    dbh_cm, height_m = (np.fromiter(map(float, map(itemgetter(k), rows)), dtype=np.float64, count=len(rows)) for k in (2, 3))  # exact text: its float
    bounds = (np.flatnonzero(np.diff(plot_ids)) + 1).tolist()
    runs = zip([0, *bounds], [*bounds, len(rows)]) if rows else ()  # each plot's trees
    table = {int(plot_ids[a]): tree_columns(species[a:b], dbh_cm[a:b], height_m[a:b]) for a, b in runs}
    none = tree_columns([], np.zeros(0), np.zeros(0))
    return {plot_id: table[plot_id] if plot_id in table else none for plot_id in ids}
