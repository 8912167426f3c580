"""Import forest plot inventories (样地调查) from CSV or XLSX: one row per measured tree.

Columns (English or Chinese, any case): plot / 样地号, stratum / 碳层, plot_area_m2 / 样地面积, latitude / 纬度 and
longitude / 经度 (optional), measured_on / 调查日期, tree / 树号, species / 树种 (the methodology's species, by
Latin or Chinese name), dbh_cm / 胸径, height_m / 树高. The plot's own columns must agree on every row of the
plot. A plot is stored once per measurement date; the same file imported twice adds nothing, and a different
tree list for a stored plot and date is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual
from workbench.methodology.loader import get
from workbench.services.monitoring.imports import Importer
from workbench.services.support.tabular import date_cell, decimal_cell, records, table
from workbench.store.models import ProjectRow
from workbench.store.models_inventory import SamplePlotRow, TreeRow

ALIASES = {
    "plot": ("plot", "plot_id", "样地号", "样地"),
    "stratum": ("stratum", "碳层"),
    "plot_area_m2": ("plot_area_m2", "area_m2", "样地面积(m²)", "样地面积(m2)", "样地面积"),
    "latitude": ("latitude", "lat", "纬度"),
    "longitude": ("longitude", "lon", "经度"),
    "measured_on": ("measured_on", "date", "调查日期"),
    "tree": ("tree", "tree_id", "tag", "树号"),
    "species": ("species", "树种"),
    "dbh_cm": ("dbh_cm", "dbh", "胸径(cm)", "胸径"),
    "height_m": ("height_m", "height", "树高(m)", "树高"),
}
REQUIRED = ("plot", "stratum", "plot_area_m2", "measured_on", "tree", "species", "dbh_cm", "height_m")
MEASURED = ("measured_on", "dbh_cm", "height_m")
PLOTS_SHEET = "Plots"
PLOT_FIELDS = ("stratum", "area_m2", "latitude", "longitude")
DBH_RANGE = (Decimal("0.1"), Decimal(500))  # cm: a tree below breast height is not measured; 5 m is beyond any tree
HEIGHT_RANGE = (Decimal(0), Decimal(120))  # m
AREA_RANGE = (Decimal(1), Decimal(100_000))  # m², a sample plot (10 ha is already far more than one)


@dataclass
class PlotMeasurement:
    code: str
    measured_on: date
    stratum: str
    area_m2: Decimal
    latitude: Decimal | None
    longitude: Decimal | None
    trees: dict[str, tuple[str, Decimal, Decimal]] = field(default_factory=dict)  # tag → (species, dbh, height)
    row: int = field(default=0, compare=False)  # where the file first names the plot

    def same_plot(self) -> tuple:
        return (self.stratum, self.area_m2, self.latitude, self.longitude)


@dataclass
class InventoryReport:
    file: str
    plots: int = 0
    trees: int = 0
    new: int = 0
    unchanged_plots: int = 0
    strata: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False

    def summary(self) -> Bilingual:
        each = ", ".join(f"{k}: {n}" for k, n in sorted(self.strata.items()))
        return Bilingual(f"{self.new} new plot measurement(s){f' ({each})' if each else ''} of {self.plots} with {self.trees} tree(s), "
                         f"{self.unchanged_plots} already stored",
                         f"新增样地调查{self.new}个{f'({each})' if each else ''}(文件共{self.plots}个、{self.trees}株),已存在{self.unchanged_plots}个")


def species_of(project: ProjectRow) -> dict[str, str]:
    """Accepted species names (Latin key, its Chinese name, any case) → the species key of the methodology."""
    m = get(project.methodology_id) if project.methodology_id else None
    if m is None or not m.species:
        raise UserError(f"project {project.code}'s methodology ({project.methodology_id or 'none'}) takes no plot inventories; "
                        "choose a forestry methodology first", where="methodology")
    names = {k.lower(): k for k in m.species}
    names.update({zh: k for k, zh in m.species.items() if zh})
    names.update({f"{k} {zh}".lower(): k for k, zh in m.species.items() if zh})  # as the field workbook's list shows them
    return names


def parse_inventory(path: Path, species: dict[str, str], mapping: dict[str, str] | None = None,
                    source: tuple[str, Iterator[list[str]]] | None = None) -> tuple[list[PlotMeasurement], list[str]]:
    plots: dict[tuple[str, date], PlotMeasurement] = {}
    errors: list[str] = []
    known = ", ".join(sorted(set(species.values())))
    # rows without a measurement are left out: the field workbook lists last time's trees for the team to measure again
    for number, place, value in records(source or table(path, PLOTS_SHEET), ALIASES, REQUIRED, MEASURED, mapping, errors):
        before = len(errors)
        for name in ("plot", "stratum", "tree"):
            if not value[name]:
                errors.append(f"{place}, column {name}: empty; give the {name} id")
        kind = species.get(value["species"].lower()) or species.get(value["species"])
        if kind is None:
            errors.append(f"{place}, column species: unknown species {value['species']!r}; known: {known}")
        day = date_cell(value["measured_on"], place, "measured_on", errors)
        area = decimal_cell(value["plot_area_m2"], place, "plot_area_m2", errors, *AREA_RANGE, accepted="a plot area of 1 to 100,000 m²")
        dbh = decimal_cell(value["dbh_cm"], place, "dbh_cm", errors, *DBH_RANGE, accepted="a diameter of 0.1 to 500 cm")
        height = decimal_cell(value["height_m"], place, "height_m", errors, *HEIGHT_RANGE, accepted="a height of 0 to 120 m")
        lat = decimal_cell(value["latitude"], place, "latitude", errors, Decimal(-90), Decimal(90), "−90 to 90 degrees") if value.get("latitude") else None
        lon = decimal_cell(value["longitude"], place, "longitude", errors, Decimal(-180), Decimal(180), "−180 to 180 degrees") if value.get("longitude") else None
        if len(errors) > before:
            continue
        plot = plots.setdefault((value["plot"], day), PlotMeasurement(value["plot"], day, value["stratum"], area, lat, lon, row=number))
        if plot.same_plot() != (value["stratum"], area, lat, lon):
            errors.append(f"{place}: plot {plot.code} on {day} has stratum, area or position different from row {plot.row}; "
                          "a plot's own columns must agree on all its rows")
        elif value["tree"] in plot.trees:
            errors.append(f"{place}, column tree: tree {value['tree']} appears twice in plot {plot.code} on {day}")
        else:
            plot.trees[value["tree"]] = (kind, dbh, height)
    return list(plots.values()), errors


def _stored(plot: SamplePlotRow) -> PlotMeasurement:
    m = PlotMeasurement(plot.code, plot.measured_on, plot.stratum, plot.area_m2, plot.latitude, plot.longitude)
    m.trees = {t.tag: (t.species, t.dbh_cm, t.height_m) for t in plot.trees}
    return m


def stage_inventory(s: Session, project_id: int, path: Path, parsed: list[PlotMeasurement], errors: list[str]) -> tuple[list[PlotMeasurement], InventoryReport]:
    report = InventoryReport(str(path), plots=len(parsed), trees=sum(len(p.trees) for p in parsed))
    stored = {(p.code, p.measured_on): p for p in s.scalars(select(SamplePlotRow).where(SamplePlotRow.project_id == project_id))}
    new = []
    for plot in parsed:
        old = stored.get((plot.code, plot.measured_on))
        if old is None:
            new.append(plot)
            report.strata[plot.stratum] = report.strata.get(plot.stratum, 0) + 1
        elif _stored(old) == plot:
            report.unchanged_plots += 1
        else:
            errors.append(f"{path}: plot {plot.code} measured on {plot.measured_on} is already stored with other values; "
                          "a re-measurement needs its own date")
    report.new = len(new)
    return new, report


def store_inventory(s: Session, project_id: int, new: list[PlotMeasurement]) -> None:
    for plot in new:
        s.add(SamplePlotRow(project_id=project_id, code=plot.code, stratum=plot.stratum, area_m2=plot.area_m2, latitude=plot.latitude,
                            longitude=plot.longitude, measured_on=plot.measured_on,
                            trees=[TreeRow(tag=tag, species=kind, dbh_cm=dbh, height_m=h) for tag, (kind, dbh, h) in sorted(plot.trees.items())]))
    s.flush()


INVENTORY = Importer("plots", "inventory.import", PLOTS_SHEET, ALIASES,
                     lambda path, project, mapping, source: parse_inventory(path, species_of(project), mapping, source), stage_inventory, store_inventory)

