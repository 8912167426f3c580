"""``meter add/calibrate``, ``monitoring import/list/export``, ``period add/list/calculate``, ``fieldbook export/import``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from workbench.cli.output import emit, field_help, labelled, message_json, say, table
from workbench.cli.session import actor, assignments, fmt, workspace
from workbench.domain.text import restored
from workbench.domain.vocabulary import DataKind, MeterRole, PeriodStatus
from workbench.methodology.meter_corrections import Case
from workbench.services.monitoring import field_data, import_mappings, meters, monitoring, periods


def cmd_meter_add(args):
    with workspace(args) as ws:
        change = meters.add_meter(ws, actor(), args.project, assignments(args.set))
    emit(fmt(args), change.result, say("cli.meter.added", number=change.result["id"]))


def cmd_meter_calibrate(args):
    with workspace(args) as ws:
        change = meters.calibrate(ws, actor(), args.project, args.serial, args.on, args.error,
                                  None if args.verdict is None else args.verdict == "pass", args.reference or "")
    verdict = "cli.meter.calibrated_passed" if change.result["passed"] else "cli.meter.calibrated_failed"
    emit(fmt(args), change.result, say(verdict, serial=args.serial, on=args.on))


def cmd_meter_list(args):
    with workspace(args) as ws:
        rows = meters.list_meters(ws, args.project)
        fuel_of = fuel_namer(ws)
    lines = []
    for m in rows:
        fuel = fuel_of(m["fuel"]) if m["fuel"] else ""
        lines.append(say("cli.meter.line", serial=m["serial"], role=labelled(MeterRole, m["role"]), fuel=fuel,
                         accuracy_class=m["accuracy_class"]))
        lines += [say("cli.meter.calibration_passed" if c["passed"] else "cli.meter.calibration_failed", on=c["calibrated_on"],
                      error=c["error_percent"], due=c["next_due"])
                  + (say("cli.meter.calibration_reference", reference=c["reference"]) if c["reference"] else "") for c in m["calibrations"]]
        lines += [say("cli.meter.uncalibrated")] if not m["calibrations"] else []
    emit(fmt(args), rows, "\n".join(lines) or say("cli.meter.none"))


def cmd_import(args):
    with workspace(args) as ws:
        _, report = field_data.import_file(ws, actor(), args.project, args.file, args.kind, dry_run=args.dry_run)
    emit(fmt(args), report, say("cli.import.would" if report.dry_run else "cli.import.done", file=report.file, summary=report.summary()))


def cmd_fieldbook_import(args):
    with workspace(args) as ws:
        _, reports = field_data.import_workbook(ws, actor(), args.project, args.file, dry_run=args.dry_run)
    verb = "cli.fieldbook.would" if args.dry_run else "cli.fieldbook.done"
    emit(fmt(args), reports, "\n".join(say(verb, kind=labelled(DataKind, kind), summary=r.summary()) for kind, r in reports.items()))


def cmd_mapping(args):
    with workspace(args) as ws:
        if args.set or args.clear:
            import_mappings.set_mapping(ws, actor(), args.project, args.kind, {} if args.clear else assignments(args.set))
        mapping = import_mappings.get_mapping(ws, args.project, args.kind)
    text = "\n".join(f"{k} = {v}" for k, v in mapping.items()) or say("cli.mapping.none", kind=DataKind(args.kind))
    emit(fmt(args), mapping, text)


# The columns of the plot and fuel summaries (services/monitoring/field_data), in order.
SUMMARY_COLUMNS = {DataKind.PLOTS: ("stratum", "measured_on", "plots", "trees", "needed"),
                   DataKind.FUEL: ("fuel", "year", "quantity", "deliveries")}


def cmd_list(args):
    if args.kind in (DataKind.PLOTS, DataKind.FUEL):
        with workspace(args) as ws:
            rows = (field_data.plot_summary if args.kind == DataKind.PLOTS else field_data.fuel_summary)(ws, args.project)
            fuel_of = fuel_namer(ws)
        columns = SUMMARY_COLUMNS[args.kind]
        shown = lambda c, v: fuel_of(v) if c == "fuel" else v  # noqa: E731 - a fuel by its name
        emit(fmt(args), rows, table([[shown(c, r[c]) for c in columns] for r in rows], [f"cli.col.{c}" for c in columns]))
        return
    with workspace(args) as ws:
        rows = monitoring.summary(ws, args.project)
    text = table([[r.serial, labelled(MeterRole, r.role), r.year, r.readings, f"{r.wh / 1e6:,.3f}", r.first, r.last] for r in rows],
                 ["cli.col.meter", "cli.col.role", "cli.col.year", "cli.col.readings", "cli.col.mwh", "cli.col.first", "cli.col.last"])
    emit(fmt(args), rows, text)


def cmd_export(args):
    with workspace(args) as ws:
        count = monitoring.export_csv(ws, args.project, args.out, force=args.force)
    emit(fmt(args), {"rows": count, "file": args.out}, say("cli.monitoring.exported", count=count, file=args.out))


def cmd_period_add(args):
    with workspace(args) as ws:
        change = periods.add_period(ws, actor(), args.project, args.start, args.end)
    emit(fmt(args), change.result, say("cli.period.added", number=change.result["number"], id=change.result["id"]))


def cmd_period_list(args):
    from workbench.services.monitoring import accounting  # the methodologies' calculations: only for periods

    with workspace(args) as ws:
        rows = periods.list_periods(ws, args.project)
        holes = periods.uncovered(ws, args.project)
    data = [{"id": r.id, "number": r.number, "start": r.start, "end": r.end, "status": r.status, "recalculate": accounting.needs_recalculation(r),
             "vintages": [{"vintage": v.vintage, "reductions": v.reductions, "credited": v.credited, "ex_ante_estimate": v.ex_ante_estimate,
                           "deviation": periods.deviation_percent(v)} for v in r.vintages]}
            for r in rows]
    lines = []
    for r in data:
        lines.append(say("cli.period.line", number=r["number"], id=r["id"], start=r["start"], end=r["end"],
                         status=labelled(PeriodStatus, r["status"])))
        lines += [say("cli.period.recalculate")] if r["recalculate"] else []
        lines += [say("cli.period.vintage", vintage=v["vintage"], reductions=v["reductions"], credited=v["credited"])
                  + (say("cli.period.estimate", estimate=v["ex_ante_estimate"], deviation=f"{v['deviation']:+.1f}")
                     if v["deviation"] is not None else "") for v in r["vintages"]]
    lines += [say("cli.period.gap", start=a, end=b) for a, b in holes]
    emit(fmt(args), {"periods": data, "gaps": [{"start": a, "end": b} for a, b in holes]}, "\n".join(lines) or say("cli.period.none"))


def cmd_period_calculate(args):
    from workbench.services.monitoring import accounting

    with workspace(args) as ws:
        change = accounting.calculate_period(ws, actor(), args.project, args.period)
        fuel_of = fuel_namer(ws)
    lines = []
    for year, r in change.result["vintages"].items():
        lines.append(say("cli.period.vintage", vintage=year, reductions=r["reductions"], credited=r["credited"]).strip())
        lines += [f"   {correction_line(c, fuel_of)}" for c in r.get("corrections", [])]
        lines += [say("cli.period.check", flag=restored(flag)) for flag in r.get("flags", [])]
    emit(fmt(args), {**change.result, "vintages": {year: worded_vintage(r) for year, r in change.result["vintages"].items()}}, "\n".join(lines))


def worded_vintage(result: dict) -> dict:
    """A vintage's result as JSON: its flags and each correction's ground as ``{"id", "message"}``, not as stored."""
    shown = dict(result)
    if "corrections" in result:
        shown["corrections"] = [{**c, "why": message_json(c["why"])} for c in result["corrections"]]
    if "flags" in result:
        shown["flags"] = [message_json(f) for f in result["flags"]]
    return shown


def fuel_namer(ws) -> Callable[[str], str]:
    """A fuel's name by its code, from the workspace's fuel editions (the data editions are imported only by the
    commands that name fuels: not at every command's start)."""
    from workbench.services.methodology import data_editions

    names = data_editions.fuel_names(ws)
    return lambda code: names.get(code, data_editions.fuel_name(code))


def correction_line(c: dict, fuel_of: Callable[[str], str]) -> str:
    """One §7.3.4 span as a line: meter, days, case, metered and corrected amount, and why."""
    if "meter" not in c:  # a fuel delivery
        return say("cli.correction.fuel", fuel=fuel_of(c["fuel"]), on=c["delivered_on"], reference=c["reference"] or "-", FC=c["FC"],
                   error=c["error"], corrected=c["corrected_FC"], case=labelled(Case, c["case"]), why=restored(c["why"]))
    sign = "−" if c["role"] == MeterRole.EXPORT else "+"
    return say("cli.correction.meter", meter=c["meter"], role=labelled(MeterRole, c["role"]), start=c["start"], end=c["end"], days=c["days"],
               case=labelled(Case, c["case"]), MWh=c["MWh"], sign=sign, error=c["error"], corrected=c["corrected_MWh"], why=restored(c["why"]))


def cmd_period_explain(args):
    with workspace(args) as ws:
        periods.explain_deviation(ws, actor(), args.project, args.period, args.vintage, args.note)
    emit(fmt(args), {"period": args.period, "vintage": args.vintage}, say("cli.period.explained", vintage=args.vintage))


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    m = nouns.add_parser("meter", parents=[common], help=say("cli.help.monitoring.revenue_meters")).add_subparsers(dest="verb", required=True)
    p = m.add_parser("add", parents=[common], help=say("cli.help.monitoring.set_serial_role_export_import"))
    p.add_argument("project")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p.set_defaults(run=cmd_meter_add)
    p = m.add_parser("calibrate", parents=[common], help=say("cli.help.monitoring.record_a_calibration"))
    p.add_argument("project")
    p.add_argument("serial")
    p.add_argument("--on", required=True, metavar="YYYY-MM-DD", help=field_help("calibration", "calibrated_on"))
    p.add_argument("--error", required=True, metavar="PERCENT", help=field_help("calibration", "calibration_error"))
    p.add_argument("--verdict", choices=("pass", "fail"), help=say("cli.help.monitoring.the_certificate_s_verdict_default"))
    p.add_argument("--reference", help=field_help("calibration", "reference"))
    p.set_defaults(run=cmd_meter_calibrate)
    p = m.add_parser("list", parents=[common], help=say("cli.help.monitoring.meters_with_their_calibration_records"))
    p.add_argument("project")
    p.set_defaults(run=cmd_meter_list)

    mon = nouns.add_parser("monitoring", parents=[common], help=say("cli.help.monitoring.monitoring_data")).add_subparsers(dest="verb", required=True)
    p = mon.add_parser("import", parents=[common], help=say("cli.help.monitoring.import_meter_readings_fuel_deliveries"))
    p.add_argument("project")
    p.add_argument("file")
    p.add_argument("--kind", choices=list(DataKind), help=say("cli.help.monitoring.default_the_methodology_s_main"))
    p.add_argument("--dry-run", action="store_true")
    p.set_defaults(run=cmd_import)
    p = mon.add_parser("list", parents=[common], help=say("cli.help.monitoring.readings_per_meter_and_year"))
    p.add_argument("project")
    p.add_argument("--kind", choices=list(DataKind), default=DataKind.READINGS)
    p.set_defaults(run=cmd_list)
    p = mon.add_parser("mapping", parents=[common], help=say("cli.help.monitoring.show_or_save_which_columns"))
    p.add_argument("project")
    p.add_argument("--kind", choices=list(DataKind), default=DataKind.READINGS)
    p.add_argument("--set", action="append", metavar="FIELD=COLUMN", help=say("cli.help.monitoring.e_g_start_date_time"))
    p.add_argument("--clear", action="store_true", help=say("cli.help.monitoring.remove_the_saved_mapping"))
    p.set_defaults(run=cmd_mapping)
    p = mon.add_parser("export", parents=[common], help=say("cli.help.monitoring.all_readings_to_csv"))
    p.add_argument("project")
    p.add_argument("--out", required=True)
    p.add_argument("--force", action="store_true", help=say("cli.help.monitoring.replace_the_file_if_it"))
    p.set_defaults(run=cmd_export)

    per = nouns.add_parser("period", parents=[common], help=say("cli.help.monitoring.accounting_periods")).add_subparsers(dest="verb", required=True)
    p = per.add_parser("add", parents=[common])
    p.add_argument("project")
    p.add_argument("--start", required=True, metavar="YYYY-MM-DD", help=field_help("period", "start"))
    p.add_argument("--end", required=True, metavar="YYYY-MM-DD", help=field_help("period", "end"))
    p.set_defaults(run=cmd_period_add)
    p = per.add_parser("list", parents=[common])
    p.add_argument("project")
    p.set_defaults(run=cmd_period_list)
    p = per.add_parser("explain", parents=[common], help=say("cli.help.monitoring.why_a_vintage_deviates_from"))
    p.add_argument("project")
    p.add_argument("period")
    p.add_argument("--vintage", required=True, type=int)
    p.add_argument("--note", required=True)
    p.set_defaults(run=cmd_period_explain)
    p = per.add_parser("calculate", parents=[common], help=say("cli.help.monitoring.reductions_per_vintage_from_the"))
    p.add_argument("project")
    p.add_argument("period", help=say("cli.help.monitoring.period_number_or_id"))
    p.set_defaults(run=cmd_period_calculate)
    register_fieldbook(nouns, common)


def cmd_fieldbook_export(args):
    with workspace(args) as ws:
        from workbench.services.monitoring import fieldbook  # openpyxl's writer loads only for a field workbook

        out = fieldbook.export_workbook(ws, args.project, args.out, actor().today, force=args.force)
    emit(fmt(args), {"file": str(out)}, say("cli.wrote", file=out))


def register_fieldbook(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    f = nouns.add_parser("fieldbook", parents=[common], help=say("cli.help.monitoring.the_field_workbook_meter_readers")).add_subparsers(dest="verb", required=True)
    p = f.add_parser("export", parents=[common])
    p.add_argument("project")
    p.add_argument("--out", required=True)
    p.add_argument("--force", action="store_true", help=say("cli.help.monitoring.replace_the_file_if_it"))
    p.set_defaults(run=cmd_fieldbook_export)
    p = f.add_parser("import", parents=[common], help=say("cli.help.monitoring.check_every_sheet_of_the"))
    p.add_argument("project")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true")
    p.set_defaults(run=cmd_fieldbook_import)
