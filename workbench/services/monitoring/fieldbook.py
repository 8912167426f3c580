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

from workbench.domain.errors import UserError
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
READING_HEADERS = [("meter\n表号", 18), ("start\n开始时间", 20), ("minutes\n时长(分钟)", 12), ("kwh\n电量(kWh)", 14),
                   ("running total kWh\n累计电量(kWh)", 20)]
FUEL_HEADERS = [("date\n日期", 14), ("fuel\n燃料", 16), ("quantity\n数量", 14), ("reference\n单据号", 20), ("error_percent\n计量误差(%)", 14),
                ("running total of the fuel\n该燃料累计", 22)]
PLOT_HEADERS = [("plot\n样地号", 12), ("stratum\n碳层", 14), ("plot_area_m2\n样地面积(m²)", 14), ("latitude\n纬度", 12), ("longitude\n经度", 12),
                ("measured_on\n调查日期", 14), ("tree\n树号", 10), ("species\n树种", 24), ("dbh_cm\n胸径(cm)", 12), ("height_m\n树高(m)", 12),
                ("trees so far in the plot\n样地已测株数", 18)]
INTRO = [
    ("Field workbook for {code} — {title}", "{code} 现场记录簿 — {title_zh}"),
    ("Methodology: {methodology}. Generated on {today}.", "方法学:{methodology}。生成日期:{today}。"),
]
READINGS_HELP = [
    ("Readings: one row per meter and interval on the sheet 'Readings 读数': the meter serial (from the list), the start of "
     "the interval (YYYY-MM-DD HH:MM), its length in minutes (15, 30, 60 or 1440) and the energy in kWh. The sheet "
     "'Meters 计量表' lists the meters and the error applied to each (uncalibrated meters take their maximum permissible error).",
     "读数:在“Readings 读数”表中每个计量表每个时段填一行:表号(从列表选择)、时段开始时间(YYYY-MM-DD HH:MM)、时长(分钟:15、30、60或1440)、"
     "电量(kWh)。“Meters 计量表”列出各计量表及适用误差(未检定的计量表按最大允许误差计)。"),
]
FUEL_HELP = [
    ("Fuel: one row per delivery on the sheet 'Fuel 燃料': date, fuel (from the list), quantity in the fuel's unit ({units}), "
     "the invoice or delivery-note number, and the meter or weighbridge error in % if the quantity was metered (applied upward).",
     "燃料:在“Fuel 燃料”表中每次入库填一行:日期、燃料(从列表选择)、数量(单位:{units})、发票或入库单号、计量误差(%)(如为计量值;按向上修正)。"),
]
PLOTS_HELP = [
    ("Plots: one row per tree on the sheet 'Plots 样地'. Plots and trees measured last time are listed; add the date, DBH (cm, "
     "at 1.3 m) and height (m) of each, and new trees or plots below. A plot's stratum, area and position must be the same on all "
     "its rows; species from the list (Latin or Chinese name). Rows without date, DBH and height are left out.",
     "样地:在“Plots 样地”表中每株树填一行。上次调查的样地和树木已列出;请填写调查日期、胸径(cm,1.3米处)和树高(m),新增树木或样地填在下方。"
     "同一样地各行的碳层、面积和位置须一致;树种从列表选择(拉丁名或中文名)。未填日期、胸径和树高的行不导入。"),
]
CLOSING = [
    ("Running totals are calculated; their cells are protected. Import with 'workbench fieldbook import {code} FILE.xlsx' or "
     "Monitoring data › Import field workbook. The whole workbook is checked first; nothing is stored while any cell is wrong, "
     "and importing it again adds nothing.",
     "累计值自动计算,单元格受保护。用“workbench fieldbook import {code} 文件.xlsx”或“监测数据 › 导入现场记录簿”导入。"
     "导入前检查整个工作簿;有任何错误则不保存,重复导入不会重复添加。"),
]
LISTS = "Lists 列表"
HEAD = PatternFill("solid", fgColor="E6EDF3")
UNLOCKED = Protection(locked=False)


def export_workbook(ws: Workspace, project: int | str, out: str | Path, today, *, force: bool = False) -> Path:
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
    book = Workbook()
    book.remove(book.active)
    help_text = list(INTRO)
    if m.sector == "energy":
        _readings_sheet(book.create_sheet(f"{READINGS_SHEET} 读数"), [x.serial for x in meters])
        _meters_sheet(book.create_sheet("Meters 计量表"), meters)
        help_text += READINGS_HELP
    if m.fuels:
        _fuel_sheet(book.create_sheet(f"{FUEL_SHEET} 燃料"), list(m.fuels))
        help_text += FUEL_HELP
    if m.species:
        _plots_sheet(book.create_sheet(f"{PLOTS_SHEET} 样地"), [f"{k} {zh}".strip() for k, zh in m.species.items()], strata, plots)
        help_text += PLOTS_HELP
    readme = book.create_sheet("Read me 说明")
    readme.column_dimensions["A"].width = 110
    for i, (en, zh) in enumerate(help_text + CLOSING):
        readme.cell(2 * i + 1, 1, en.format(**facts)).alignment = Alignment(wrap_text=True)
        readme.cell(2 * i + 2, 1, zh.format(**facts)).alignment = Alignment(wrap_text=True)
    readme.protection.sheet = True
    with replacing(out) as tmp:
        book.save(tmp)
    return out


def _header(sheet, titles: list[tuple[str, int]]) -> None:
    """Bold two-line (English, Chinese) column titles on a shaded, frozen first row."""
    for col, (title, width) in enumerate(titles, start=1):
        cell = sheet.cell(1, col, title)
        cell.font, cell.fill, cell.alignment = Font(bold=True), HEAD, Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "A2"


def _check(kind: str, title: str, message: str, **options) -> DataValidation:
    return DataValidation(type=kind, allow_blank=True, showErrorMessage=True, errorTitle=title, error=message, **options)


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
        "A": _check("list", "meter / 表号", "Choose a meter serial from the list / 请从列表中选择表号", formula1=_choices(sheet, serials)),
        "B": _check("date", "start / 开始时间", "A date and time, YYYY-MM-DD HH:MM / 请填写日期时间", operator="greaterThan", formula1="DATE(2000,1,1)"),
        "C": _check("list", "minutes / 时长", "15, 30, 60 or 1440", formula1=_choices(sheet, [str(i) for i in INTERVALS])),
        "D": _check("decimal", "kWh", "A number of kWh, zero or more / 请填写非负数", operator="greaterThanOrEqual", formula1="0"),
    }, 4, '=IF(D{row}="","",SUM($D$2:D{row}))', {2: "yyyy-mm-dd hh:mm", 5: "#,##0.000"}, ROWS + 1)


def _fuel_sheet(sheet, fuels: list[str]) -> None:
    _header(sheet, FUEL_HEADERS)
    _prepare(sheet, {
        "A": _check("date", "date / 日期", "A date, YYYY-MM-DD / 请填写日期", operator="greaterThan", formula1="DATE(2000,1,1)"),
        "B": _check("list", "fuel / 燃料", "Choose a fuel from the list / 请从列表中选择燃料", formula1=_choices(sheet, fuels)),
        "C": _check("decimal", "quantity / 数量", "Zero or more / 请填写非负数", operator="greaterThanOrEqual", formula1="0"),
        "E": _check("decimal", "error / 误差(%)", "0 to 10 %", operator="between", formula1="0", formula2="10"),
    }, 5, '=IF(C{row}="","",SUMIF($B$2:B{row},B{row},$C$2:C{row}))', {1: "yyyy-mm-dd", 6: "#,##0.000"}, ROWS + 1)


def _plots_sheet(sheet, species: list[str], strata: list[str], plots: list[SamplePlotRow]) -> None:
    _header(sheet, PLOT_HEADERS)
    known = [(p, t) for p in plots for t in p.trees]
    checks = {
        "C": _check("decimal", "plot area / 样地面积", "1 to 100,000 m²", operator="between", formula1="1", formula2="100000"),
        "D": _check("decimal", "latitude / 纬度", "−90 to 90", operator="between", formula1="-90", formula2="90"),
        "E": _check("decimal", "longitude / 经度", "−180 to 180", operator="between", formula1="-180", formula2="180"),
        "F": _check("date", "measured on / 调查日期", "A date, YYYY-MM-DD / 请填写日期", operator="greaterThan", formula1="DATE(2000,1,1)"),
        "H": _check("list", "species / 树种", "Choose a species from the list / 请从列表中选择树种", formula1=_choices(sheet, species)),
        "I": _check("decimal", "DBH / 胸径", "0.1 to 500 cm", operator="between", formula1="0.1", formula2="500"),
        "J": _check("decimal", "height / 树高", "0 to 120 m", operator="between", formula1="0", formula2="120"),
    }
    if strata:
        checks["B"] = _check("list", "stratum / 碳层", "Choose a stratum from the list / 请从列表中选择碳层", formula1=_choices(sheet, strata))
    _prepare(sheet, checks, 10, '=IF(G{row}="","",COUNTIFS($A$2:A{row},A{row},$F$2:F{row},F{row}))', {6: "yyyy-mm-dd"},
             max(ROWS, len(known) + 500) + 1)
    for row, (plot, tree) in enumerate(known, start=2):
        for col, value in enumerate((plot.code, plot.stratum, plot.area_m2, plot.latitude, plot.longitude), start=1):
            sheet.cell(row, col, float(value) if value is not None and col > 2 else value)
        sheet.cell(row, 7, tree.tag)
        sheet.cell(row, 8, tree.species)


def _meters_sheet(sheet, meters: list[MeterRow]) -> None:
    _header(sheet, [(t, 20) for t in ("serial\n表号", "role\n用途", "accuracy class (%)\n准确度等级(%)", "calibrated on\n检定日期",
                                       "error found (%)\n检定误差(%)")])
    for row, m in enumerate(meters, start=2):
        values = [m.serial, m.role, str(m.accuracy_class), m.calibrated_on.isoformat() if m.calibrated_on else "not calibrated / 未检定",
                  str(m.calibration_error) if m.calibration_error is not None else ""]
        for col, value in enumerate(values, start=1):
            sheet.cell(row, col, value)
    sheet.protection.sheet = True
