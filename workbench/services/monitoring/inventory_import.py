"""Import forest plot inventories (样地调查) from CSV or XLSX: one row per measured tree.

Columns (English or Chinese, any case): plot / 样地号, stratum / 碳层, plot_area_m2 / 样地面积, latitude / 纬度 and
longitude / 经度 (optional), measured_on / 调查日期, tree / 树号, species / 树种 (the methodology's species, by
Latin or Chinese name), dbh_cm / 胸径 (or 胸径(mm); 基径 / 地径 for a mangrove's diameter at the stem base), height_m /
树高 (or 树高(cm)), status / 状态 and stem / 茎号
(optional; see ``tree_rows`` for units, dead trees, plausibility and multi-stem trees). The plot's own columns must
agree on every row of the plot. A plot is stored once per measurement date; the same file imported twice adds nothing, and a different
tree list for a stored plot and date is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from workbench.domain.errors import UserError
from workbench.domain.progress import QUIET, Steps
from workbench.domain.text import Bilingual, Text
from workbench.methodology.loader import get
from workbench.services.monitoring.imports import Importer
from workbench.services.monitoring import tree_rows
from workbench.services.support.tabular import Table, date_cell, decimal_cell, records, rows_read, table
from workbench.store.models import ProjectRow
from workbench.store.models_inventory import SamplePlotRow, TreeRow
from workbench.store.models_methodology import ProjectParameterRow

ALIASES = {
    "plot": ("plot", "plot_id", "样地号", "样地"),
    "stratum": ("stratum", "碳层"),
    "plot_area_m2": ("plot_area_m2", "area_m2", "样地面积(m²)", "样地面积(m2)", "样地面积"),
    "latitude": ("latitude", "lat", "纬度"),
    "longitude": ("longitude", "lon", "经度"),
    "measured_on": ("measured_on", "date", "调查日期"),
    "tree": ("tree", "tree_id", "tag", "树号"),
    "species": ("species", "树种"),
    "dbh_cm": ("dbh_cm", "dbh", "胸径(cm)", "胸径", "dbh(cm)", "基径(cm)", "基径", "地径(cm)", "地径", "diameter", "diameter(cm)"),
    "dbh_mm": ("dbh_mm", "胸径(mm)", "dbh(mm)", "基径(mm)", "地径(mm)", "diameter(mm)"),
    "height_m": ("height_m", "height", "树高(m)", "树高", "height(m)"),
    "height_cm": ("height_cm", "树高(cm)", "height(cm)"),
    "status": ("status", "状态", "生长状态"),
    "stem": ("stem", "stem_id", "茎号", "分枝号"),
}
REQUIRED = ("plot", "stratum", "plot_area_m2", "measured_on", "tree", "species", ("dbh_cm", "dbh_mm"), ("height_m", "height_cm"))
MEASURED = ("measured_on", "dbh_cm", "dbh_mm", "height_m", "height_cm")
PLOTS_SHEET = "Plots"
PLOT_FIELDS = ("stratum", "area_m2", "latitude", "longitude")
DBH_RANGE = (Decimal("0.1"), Decimal(500))  # cm: 5 m is beyond any tree
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
    dead: int = 0  # dead trees: not live biomass, not stored
    multi_stem: int = 0  # trees measured as several stems, stored as one (equivalent diameter, confirm)

    def summary(self) -> Text:
        each = ", ".join(f"{k}: {n}" for k, n in sorted(self.strata.items()))
        return Text("inventory_import.summary", new=self.new, each=Text("common.in_parentheses", text=each) if each else "",
                    plots=self.plots, trees=self.trees, unchanged=self.unchanged_plots, dead=self.dead, multi_stem=self.multi_stem)


def species_of(project: ProjectRow) -> dict[str, str]:
    """Accepted species names (Latin key, its Chinese name, any case) → the species key of the methodology."""
    m = get(project.methodology_id) if project.methodology_id else None
    if m is None or not m.species:
        raise UserError("error.inventory_import.project_s_methodology_takes_no_plot", field="methodology", code=project.code, value=project.methodology_id or 'none')
    names = {k.lower(): k for k in m.species}
    names.update({zh: k for k, zh in m.species.items() if zh})
    names.update({f"{k} {zh}".lower(): k for k, zh in m.species.items() if zh})  # as the field workbook's list shows them
    return names


def measuring_height(project: ProjectRow) -> tree_rows.MeasuringHeight:
    """The height the project's plot sheets measure diameters at: the project's ``diameter_height_m`` with the source
    given when it was set, else its methodology's ``H_D`` with the methodology's source."""
    row = object_session(project).scalar(select(ProjectParameterRow).where(ProjectParameterRow.project_id == project.id,
                                                                           ProjectParameterRow.key == "diameter_height_m"))
    if row is not None:
        return tree_rows.MeasuringHeight(Decimal(row.value), Text("inventory_import.set_for_project", source=row.source or "—"))
    default = next(p.default for p in get(project.methodology_id).parameters if p.symbol == "H_D")
    return tree_rows.MeasuringHeight(default.value, Bilingual(default.source, default.source_zh or default.source))


class Plots(list):
    """Parsed plot measurements, with the dead and multi-stem trees met on the way."""

    dead: int = 0
    multi_stem: int = 0


def _size(value: dict[str, str], place: Text, errors: list[Text]) -> tuple[Decimal, Decimal, str] | None:
    """DBH in cm and height in m from the columns with their units, or None with the problems in ``errors``."""
    dbh_key = "dbh_mm" if "dbh_mm" in value else "dbh_cm"
    height_key = "height_cm" if "height_cm" in value else "height_m"
    dbh_unit, to_cm = tree_rows.DBH_UNITS[dbh_key]
    height_unit, to_m = tree_rows.HEIGHT_UNITS[height_key]
    dbh = decimal_cell(value[dbh_key], place, dbh_key, errors, DBH_RANGE[0] / to_cm, DBH_RANGE[1] / to_cm,
                       accepted=Text("import.accepted.diameter", low=f"{DBH_RANGE[0] / to_cm:f}", high=f"{DBH_RANGE[1] / to_cm:f}", unit=dbh_unit))
    high = HEIGHT_RANGE[1] / to_m
    raw = value[height_key]
    accepted = Text("import.accepted.height", high=f"{high:f}", unit=height_unit)
    height = decimal_cell(raw, place, height_key, errors, HEIGHT_RANGE[0], None, accepted=accepted)
    if height is not None and height > high:
        if height_unit == "m":
            accepted = Text("import.accepted.height_looks_like_cm", high=f"{high:f}", unit=height_unit)
        errors.append(Text("import.out_of_range", place=place, column=height_key, value=raw, accepted=accepted))
        return None
    if dbh is None or height is None:
        return None
    return dbh * to_cm, height * to_m, dbh_unit


ROWS_A_STEP = 5000


def parse_inventory(path: Path, species: dict[str, str], measured_at: tree_rows.MeasuringHeight, mapping: dict[str, str] | None = None,
                    source: Table | None = None, steps: Steps = QUIET) -> tuple[list[PlotMeasurement], list[str]]:
    """The plot measurements of an inventory with their trees, or every problem found; every ``ROWS_A_STEP`` rows
    are a step of ``steps`` (where a stop asked through it is taken)."""
    plots: dict[tuple[str, date], PlotMeasurement] = {}
    stems: dict[tuple[str, date, str], dict[str, tuple[str, Decimal, Decimal, int]]] = {}  # (plot, day, tag) → stem → (kind, dbh, h, row)
    errors: list[str] = []
    known = ", ".join(sorted(set(species.values())))
    out = Plots()
    # rows without a measurement are left out: the field workbook lists last time's trees for the team to measure again
    source = source or table(path, PLOTS_SHEET)
    for number, place, value in records(source, ALIASES, REQUIRED, MEASURED, mapping, errors):
        if number % ROWS_A_STEP == 0:
            rows_read(steps, source, number)
        before = len(errors)
        dead = tree_rows.is_dead(value.get("status", ""))
        if dead is None:
            errors.append(Text("import.tree.status", place=place, value=value["status"]))
            continue
        for name in ("plot", "stratum", "tree"):
            if not value[name]:
                errors.append(Text("import.empty_id", place=place, column=name))
        kind = None if dead else species.get(value["species"].lower()) or species.get(value["species"])
        if kind is None and not dead:
            errors.append(Text("import.unknown_species", place=place, value=value["species"], known=known))
        day = date_cell(value["measured_on"], place, "measured_on", errors)
        area = decimal_cell(value["plot_area_m2"], place, "plot_area_m2", errors, *AREA_RANGE, accepted=Text("import.accepted.plot_area"))
        size = None if dead else _size(value, place, errors)
        lat = decimal_cell(value["latitude"], place, "latitude", errors, Decimal(-90), Decimal(90), Text("import.accepted.latitude")) if value.get("latitude") else None
        lon = decimal_cell(value["longitude"], place, "longitude", errors, Decimal(-180), Decimal(180), Text("import.accepted.longitude")) if value.get("longitude") else None
        if len(errors) > before:
            continue
        why = None if dead else tree_rows.implausible(*size, measured_at)
        if why:
            errors.append(Text("import.cell_problem", place=place, column="dbh_mm" if size[2] == "mm" else "dbh_cm", problem=why))
            continue
        plot = plots.setdefault((value["plot"], day), PlotMeasurement(value["plot"], day, value["stratum"], area, lat, lon, row=number))
        if plot.same_plot() != (value["stratum"], area, lat, lon):
            errors.append(Text("import.plot_disagrees", place=place, plot=plot.code, day=day, row=plot.row))
            continue
        if dead:  # a plot of dead trees only is still a measured plot (of no live biomass)
            out.dead += 1
            continue
        dbh, height, _ = size
        tree = stems.setdefault((value["plot"], day, value["tree"]), {})
        stem = value.get("stem", "")
        if stem in tree:
            first = tree[stem][3]
            problem = "import.tree_twice" if "stem" in value else "import.tree_twice_add_stem"
            errors.append(Text(problem, place=place, tree=value["tree"], plot=plot.code, day=day, first=first))
        elif tree and next(iter(tree.values()))[0] != kind:
            errors.append(Text("import.stems_differ", place=place, tree=value["tree"], plot=plot.code))
        else:
            tree[stem] = (kind, dbh, height, number)
    ratios = sorted(d / h for tree in stems.values() for _, d, h, _ in tree.values())
    if len(ratios) >= 5 and ratios[len(ratios) // 2] > tree_rows.MEDIAN_RATIO_MM:
        errors.append(Text("import.diameters_look_like_mm", file=path, ratio=f"{ratios[len(ratios) // 2]:.0f}"))
    for (code, day, tag), measured in stems.items():
        kinds = {k for k, *_ in measured.values()}
        kind = next(iter(kinds))
        if len(measured) > 1:
            out.multi_stem += 1
        dbh = tree_rows.equivalent_diameter([d for _, d, _, _ in measured.values()]) if len(measured) > 1 else next(iter(measured.values()))[1]
        plots[(code, day)].trees[tag] = (kind, dbh, max(h for _, _, h, _ in measured.values()))
    out.extend(plots.values())
    return out, errors


def _stored(plot: SamplePlotRow) -> PlotMeasurement:
    m = PlotMeasurement(plot.code, plot.measured_on, plot.stratum, plot.area_m2, plot.latitude, plot.longitude)
    m.trees = {t.tag: (t.species, t.dbh_cm, t.height_m) for t in plot.trees}
    return m


def stage_inventory(s: Session, project_id: int, path: Path, parsed: list[PlotMeasurement], errors: list[str]) -> tuple[list[PlotMeasurement], InventoryReport]:
    report = InventoryReport(str(path), plots=len(parsed), trees=sum(len(p.trees) for p in parsed),
                             dead=getattr(parsed, "dead", 0), multi_stem=getattr(parsed, "multi_stem", 0))
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
            errors.append(Text("import.plot_stored_otherwise", file=path, plot=plot.code, day=plot.measured_on))
    report.new = len(new)
    return new, report


def store_inventory(s: Session, project_id: int, new: list[PlotMeasurement]) -> None:
    for plot in new:
        s.add(SamplePlotRow(project_id=project_id, code=plot.code, stratum=plot.stratum, area_m2=plot.area_m2, latitude=plot.latitude,
                            longitude=plot.longitude, measured_on=plot.measured_on,
                            trees=[TreeRow(tag=tag, species=kind, dbh_cm=dbh, height_m=h) for tag, (kind, dbh, h) in sorted(plot.trees.items())]))
    s.flush()


INVENTORY = Importer("plots", "inventory.import", PLOTS_SHEET, ALIASES,
                     lambda path, project, mapping, source, steps, _early: parse_inventory(path, species_of(project), measuring_height(project),
                                                                                                    mapping, source, steps),
                     stage_inventory, lambda s, project_id, new, _steps: store_inventory(s, project_id, new))

