"""The field workbook (现场记录簿): an XLSX for field staff to fill offline, imported back as a whole.

Sheets follow the project's methodology: meter readings and the meter list for grid-connected power, fuel
deliveries where the methodology counts auxiliary fuel, plot inventories (pre-filled with the plots and trees
measured last time) for forestry — each with lists, date and number checks and protected running totals —
and a read-me in both languages. The import checks every sheet first; errors name sheet, row and column,
nothing is stored until all is valid, and the same workbook imported twice adds nothing.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import select

from workbench.domain.progress import QUIET, Steps
from workbench.domain.errors import UserError
from workbench.domain.text import Text
from workbench.domain.vocabulary import MeterRole
from workbench.methodology.loader import get
from workbench.services.monitoring.field_data import latest_plots
from workbench.services.monitoring.fuel_import import FUEL_SHEET
from workbench.services.monitoring.inventory_import import PLOTS_SHEET
from workbench.services.monitoring.monitoring_import import INTERVALS, READINGS_SHEET
from workbench.services.support.output_files import output_path, replacing
from workbench.services.projects.projects import resolve
from workbench.store.models_boundaries import ParcelRow
from workbench.store.models_inventory import SamplePlotRow
from workbench.store.models_monitoring import MeterRow
from workbench.store.workspace import Workspace

ROWS = 2000  # rows prepared with checks and running totals; staff may add more below
# Columns by key: an input column's title is its import key (its English line) over its Chinese name; a calculated
# column's title is its wording in both languages. Titles come from the catalogue (``fieldbook.col.<key>``).
READING_HEADERS = [("meter", 18), ("start", 20), ("minutes", 12), ("kwh", 14), ("running_total_kwh", 20)]
FUEL_HEADERS = [("date", 14), ("fuel", 16), ("quantity", 14), ("reference", 20), ("error_percent", 14), ("running_total_fuel", 22)]
PLOT_HEADERS = [("plot", 12), ("stratum", 14), ("plot_area_m2", 14), ("latitude", 12), ("longitude", 12), ("measured_on", 14), ("tree", 10),
                ("species", 24), ("dbh_cm", 12), ("height_m", 12), ("trees_so_far", 18)]
METER_HEADERS = [("serial", 20), ("role", 20), ("accuracy_class", 20), ("calibrated_on", 20), ("error_found", 20)]
INTRO = ["fieldbook.intro.title", "fieldbook.intro.methodology"]
READINGS_HELP = ["fieldbook.help.readings"]
FUEL_HELP = ["fieldbook.help.fuel"]
PLOTS_HELP = ["fieldbook.help.plots"]
CLOSING = ["fieldbook.help.closing"]


def both(message_id: str, between: str = "\n", **params) -> str:
    """A catalogue message in English and Chinese, one after the other (the workbook serves staff of either language)."""
    text = Text(message_id, **params)
    return f"{text.en}{between}{text.zh}"


def sheet_name(prefix: str, key: str) -> str:
    """``Readings 读数``: the English prefix the importer finds the sheet by, and its Chinese name."""
    return f"{prefix} {Text(f'fieldbook.sheet.{key}').zh}"


LISTS = sheet_name("Lists", "lists")
HEAD = PatternFill("solid", fgColor="E6EDF3")
UNLOCKED = Protection(locked=False)


def export_workbook(ws: Workspace, project: int | str, out: str | Path, today, *, force: bool = False, steps: Steps = QUIET) -> Path:
    """The field workbook of the project at ``out``; stopped through ``steps`` before it is saved, no file is left."""
    out = output_path(out, force=force)
    if out.suffix.lower() != ".xlsx":
        raise UserError("error.fieldbook.the_field_workbook_is_an_xlsx", where=str(out))
    with ws.reading() as s:
        p = resolve(s, project)
        m = get(p.methodology_id) if p.methodology_id else None
        if m is None:
            raise UserError("error.fieldbook.project_has_no_methodology_yet_the", field="methodology", code=p.code)
        meters = list(s.scalars(select(MeterRow).where(MeterRow.project_id == p.id).order_by(MeterRow.serial)))
        plots = latest_plots(s, p.id)
        strata = sorted({r.stratum for r in s.scalars(select(ParcelRow).where(ParcelRow.project_id == p.id)) if r.stratum}
                        | {plot.stratum for plot in plots})
        facts = {"code": p.code, "title": p.title_en or p.title_zh, "title_zh": p.title_zh or p.title_en,
                 "methodology": m.full_id, "today": today, "units": ", ".join(f"{k} {u}" for k, (u, _) in m.fuels.items())}
    if m.sector == "energy" and not meters:
        raise UserError("error.fieldbook.project_has_no_meters_yet_add", field="meters", facts=facts['code'])
    steps.step(Text("progress.fieldbook.sheets"))
    book = Workbook()
    book.remove(book.active)
    help_text = list(INTRO)
    if m.sector == "energy":
        _readings_sheet(book.create_sheet(sheet_name(READINGS_SHEET, "readings")), [x.serial for x in meters])
        _meters_sheet(book.create_sheet(sheet_name("Meters", "meters")), meters)
        help_text += READINGS_HELP
    if m.fuels:
        _fuel_sheet(book.create_sheet(sheet_name(FUEL_SHEET, "fuel")), list(m.fuels))
        help_text += FUEL_HELP
    if m.species:
        _plots_sheet(book.create_sheet(sheet_name(PLOTS_SHEET, "plots")), [f"{k} {zh}".strip() for k, zh in m.species.items()], strata, plots)
        help_text += PLOTS_HELP
    readme = book.create_sheet(sheet_name("Read me", "readme"))
    readme.column_dimensions["A"].width = 110
    for i, message_id in enumerate(help_text + CLOSING):
        text = Text(message_id, **facts)
        readme.cell(2 * i + 1, 1, text.en).alignment = Alignment(wrap_text=True)
        readme.cell(2 * i + 2, 1, text.zh).alignment = Alignment(wrap_text=True)
    readme.protection.sheet = True
    steps.step(Text("progress.fieldbook.saving"))
    with replacing(out) as tmp:
        book.save(tmp)
    return out


def _header(sheet, titles: list[tuple[str, int]]) -> None:
    """Bold two-line (English, Chinese) column titles on a shaded, frozen first row."""
    for col, (key, width) in enumerate(titles, start=1):
        cell = sheet.cell(1, col, both(f"fieldbook.col.{key}"))
        cell.font, cell.fill, cell.alignment = Font(bold=True), HEAD, Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "A2"


def _check(kind: str, title: str, message: str, **options) -> DataValidation:
    """A cell check whose refusal names the column and what it accepts (``fieldbook.check.<title>``, ``fieldbook.accepts.<message>``)."""
    return DataValidation(type=kind, allow_blank=True, showErrorMessage=True, errorTitle=both(f"fieldbook.check.{title}", " / "),
                          error=both(f"fieldbook.accepts.{message}", " / "), **options)


def _choices(sheet, values: list[str]) -> str:
    """A list check's source: inline when Excel allows (255 characters, no commas), else a column on a protected list sheet."""
    inline = ",".join(values)
    if len(inline) <= 250 and not any("," in v or '"' in v for v in values):
        return f'"{inline}"'
    book = sheet.parent
    lists = book[LISTS] if LISTS in book.sheetnames else book.create_sheet(LISTS)
    lists.protection.sheet = True
    col = lists.max_column + 1 if lists.max_row > 1 or lists.cell(1, 1).value else 1
    for row, value in enumerate(values, start=1):
        lists.cell(row, col, value)
    letter = lists.cell(1, col).column_letter
    return f"'{LISTS}'!${letter}$1:${letter}${len(values)}"


def _prepare(sheet, checks: dict[str, DataValidation], inputs: int, total: str, formats: dict[int, str], last: int) -> None:
    """Checks on the input columns, unlocked input cells, a protected running-total formula per row."""
    for col, check in checks.items():
        sheet.add_data_validation(check)
        check.add(f"{col}2:{col}{last}")
    for row in range(2, last + 1):
        for col in range(1, inputs + 1):
            sheet.cell(row, col).protection = UNLOCKED
        for col, number_format in formats.items():
            sheet.cell(row, col).number_format = number_format
        sheet.cell(row, inputs + 1, total.format(row=row))
    sheet.protection.sheet = True
    sheet.protection.formatRows = False  # staff may still resize and insert rows


def _readings_sheet(sheet, serials: list[str]) -> None:
    _header(sheet, READING_HEADERS)
    _prepare(sheet, {
        "A": _check("list", "meter", "choose_meter", formula1=_choices(sheet, serials)),
        "B": _check("date", "start", "date_time", operator="greaterThan", formula1="DATE(2000,1,1)"),
        "C": _check("list", "minutes", "intervals", formula1=_choices(sheet, [str(i) for i in INTERVALS])),
        "D": _check("decimal", "kwh", "kwh", operator="greaterThanOrEqual", formula1="0"),
    }, 4, '=IF(D{row}="","",SUM($D$2:D{row}))', {2: "yyyy-mm-dd hh:mm", 5: "#,##0.000"}, ROWS + 1)


def _fuel_sheet(sheet, fuels: list[str]) -> None:
    _header(sheet, FUEL_HEADERS)
    _prepare(sheet, {
        "A": _check("date", "date", "date", operator="greaterThan", formula1="DATE(2000,1,1)"),
        "B": _check("list", "fuel", "choose_fuel", formula1=_choices(sheet, fuels)),
        "C": _check("decimal", "quantity", "zero_or_more", operator="greaterThanOrEqual", formula1="0"),
        "E": _check("decimal", "error", "meter_error", operator="between", formula1="0", formula2="10"),
    }, 5, '=IF(C{row}="","",SUMIF($B$2:B{row},B{row},$C$2:C{row}))', {1: "yyyy-mm-dd", 6: "#,##0.000"}, ROWS + 1)


def _plots_sheet(sheet, species: list[str], strata: list[str], plots: list[SamplePlotRow]) -> None:
    _header(sheet, PLOT_HEADERS)
    known = [(p, t) for p in plots for t in p.trees]
    checks = {
        "C": _check("decimal", "plot_area", "plot_area", operator="between", formula1="1", formula2="100000"),
        "D": _check("decimal", "latitude", "latitude", operator="between", formula1="-90", formula2="90"),
        "E": _check("decimal", "longitude", "longitude", operator="between", formula1="-180", formula2="180"),
        "F": _check("date", "measured_on", "date", operator="greaterThan", formula1="DATE(2000,1,1)"),
        "H": _check("list", "species", "choose_species", formula1=_choices(sheet, species)),
        "I": _check("decimal", "dbh", "dbh", operator="between", formula1="0.1", formula2="500"),
        "J": _check("decimal", "height", "height", operator="between", formula1="0", formula2="120"),
    }
    if strata:
        checks["B"] = _check("list", "stratum", "choose_stratum", formula1=_choices(sheet, strata))
    _prepare(sheet, checks, 10, '=IF(G{row}="","",COUNTIFS($A$2:A{row},A{row},$F$2:F{row},F{row}))', {6: "yyyy-mm-dd"},
             max(ROWS, len(known) + 500) + 1)
    for row, (plot, tree) in enumerate(known, start=2):
        for col, value in enumerate((plot.code, plot.stratum, plot.area_m2, plot.latitude, plot.longitude), start=1):
            sheet.cell(row, col, float(value) if value is not None and col > 2 else value)
        sheet.cell(row, 7, tree.tag)
        sheet.cell(row, 8, tree.species)


def _meters_sheet(sheet, meters: list[MeterRow]) -> None:
    _header(sheet, METER_HEADERS)
    for row, m in enumerate(meters, start=2):
        role = MeterRole(m.role)
        values = [m.serial, f"{role.en} / {role.zh}", str(m.accuracy_class),
                  m.calibrated_on.isoformat() if m.calibrated_on else both("fieldbook.not_calibrated", " / "),
                  str(m.calibration_error) if m.calibration_error is not None else ""]
        for col, value in enumerate(values, start=1):
            sheet.cell(row, col, value)
    sheet.protection.sheet = True
