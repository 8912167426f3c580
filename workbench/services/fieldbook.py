"""The field workbook (现场记录簿): an XLSX for meter readers to fill offline, imported back like any readings file.

One sheet for readings with the project's meter serials as a list, date and number checks and a protected
running total per row; a protected sheet of the meters (calibration and the error that applies); a read-me in
both languages. The import is the monitoring import: the whole workbook is checked first, errors name the
sheet's row and column, nothing is stored until all is valid, and the same workbook imported twice adds nothing.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import select

from workbench.domain.errors import UserError
from workbench.services.monitoring_import import INTERVALS, READINGS_SHEET
from workbench.services.output_files import output_path, replacing
from workbench.services.projects import resolve
from workbench.store.models_monitoring import MeterRow
from workbench.store.workspace import Workspace

ROWS = 2000  # rows prepared with checks and running totals; readers may add more below
HEADERS = [("meter\n表号", 18), ("start\n开始时间", 20), ("minutes\n时长(分钟)", 12), ("kwh\n电量(kWh)", 14),
           ("running total kWh\n累计电量(kWh)", 20)]
README = [
    ("Field workbook for {code} — {title}", "{code} 现场记录簿 — {title_zh}"),
    ("Methodology: {methodology}. Generated on {today}.", "方法学:{methodology}。生成日期:{today}。"),
    ("Fill one row per meter and interval on the sheet 'Readings 读数': the meter serial (from the list), the start of "
     "the interval (YYYY-MM-DD HH:MM), its length in minutes (15, 30, 60 or 1440) and the energy in kWh.",
     "在“Readings 读数”表中每个计量表每个时段填一行:表号(从列表选择)、时段开始时间(YYYY-MM-DD HH:MM)、时长(分钟:15、30、60或1440)、电量(kWh)。"),
    ("The running total is calculated; its cells are protected. The sheet 'Meters 计量表' lists the meters and the error "
     "applied to each (uncalibrated meters take their maximum permissible error).",
     "累计电量自动计算,单元格受保护。“Meters 计量表”列出各计量表及适用误差(未检定的计量表按最大允许误差计)。"),
    ("Import with 'workbench fieldbook import {code} FILE.xlsx' or Monitoring data › Import. The whole workbook is checked "
     "first; nothing is stored while any cell is wrong, and importing it again adds nothing.",
     "用“workbench fieldbook import {code} 文件.xlsx”或“监测数据 › 导入”导入。导入前检查整个工作簿;有任何错误则不保存,重复导入不会重复添加。"),
]
HEAD = PatternFill("solid", fgColor="E6EDF3")


def export_workbook(ws: Workspace, project: int | str, out: str | Path, today) -> Path:
    out = output_path(out)
    if out.suffix.lower() != ".xlsx":
        raise UserError("the field workbook is an .xlsx file", where=str(out))
    with ws.reading() as s:
        p = resolve(s, project)
        meters = list(s.scalars(select(MeterRow).where(MeterRow.project_id == p.id).order_by(MeterRow.serial)))
        facts = {"code": p.code, "title": p.title_en or p.title_zh, "title_zh": p.title_zh or p.title_en,
                 "methodology": f"{p.methodology_id} {p.methodology_version}".strip() or "-", "today": today}
    if not meters:
        raise UserError(f"project {facts['code']} has no meters yet; add them first ('workbench meter add')", where="meters")
    book = Workbook()
    readings = book.active
    readings.title = f"{READINGS_SHEET} 读数"
    _readings_sheet(readings, [m.serial for m in meters])
    _meters_sheet(book.create_sheet("Meters 计量表"), meters)
    readme = book.create_sheet("Read me 说明")
    readme.column_dimensions["A"].width = 110
    for i, (en, zh) in enumerate(README):
        readme.cell(2 * i + 1, 1, en.format(**facts)).alignment = Alignment(wrap_text=True)
        readme.cell(2 * i + 2, 1, zh.format(**facts)).alignment = Alignment(wrap_text=True)
    readme.protection.sheet = True
    with replacing(out) as tmp:
        book.save(tmp)
    return out


def _header(sheet, titles: list[tuple[str, int]]) -> None:
    """Bold two-line (English, Chinese) column titles on a shaded first row."""
    for col, (title, width) in enumerate(titles, start=1):
        cell = sheet.cell(1, col, title)
        cell.font, cell.fill, cell.alignment = Font(bold=True), HEAD, Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = width


def _readings_sheet(sheet, serials: list[str]) -> None:
    _header(sheet, HEADERS)
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "A2"
    last = ROWS + 1
    checks = [
        DataValidation(type="list", formula1='"' + ",".join(serials) + '"', allow_blank=True, showErrorMessage=True,
                       errorTitle="meter / 表号", error="Choose a meter serial from the list / 请从列表中选择表号"),
        DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True, showErrorMessage=True,
                       errorTitle="start / 开始时间", error="A date and time, YYYY-MM-DD HH:MM / 请填写日期时间"),
        DataValidation(type="list", formula1='"' + ",".join(map(str, INTERVALS)) + '"', allow_blank=True, showErrorMessage=True,
                       errorTitle="minutes / 时长", error="15, 30, 60 or 1440"),
        DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True, showErrorMessage=True,
                       errorTitle="kWh", error="A number of kWh, zero or more / 请填写非负数"),
    ]
    for col, check in zip("ABCD", checks):
        sheet.add_data_validation(check)
        check.add(f"{col}2:{col}{last}")
    unlocked = Protection(locked=False)
    for row in range(2, last + 1):
        for col in range(1, 5):
            sheet.cell(row, col).protection = unlocked
        sheet.cell(row, 2).number_format = "yyyy-mm-dd hh:mm"
        sheet.cell(row, 5, f'=IF(D{row}="","",SUM($D$2:D{row}))').number_format = "#,##0.000"
    sheet.protection.sheet = True
    sheet.protection.formatRows = False  # readers may still resize and insert rows


def _meters_sheet(sheet, meters: list[MeterRow]) -> None:
    _header(sheet, [(t, 20) for t in ("serial\n表号", "role\n用途", "accuracy class (%)\n准确度等级(%)", "calibrated on\n检定日期",
                                       "error found (%)\n检定误差(%)")])
    for row, m in enumerate(meters, start=2):
        values = [m.serial, m.role, str(m.accuracy_class), m.calibrated_on.isoformat() if m.calibrated_on else "not calibrated / 未检定",
                  str(m.calibration_error) if m.calibration_error is not None else ""]
        for col, value in enumerate(values, start=1):
            sheet.cell(row, col, value)
    sheet.protection.sheet = True
