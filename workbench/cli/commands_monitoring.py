"""``meter add/calibrate``, ``monitoring import/list/export``, ``period add/list/calculate``, ``fieldbook export/import``."""

from __future__ import annotations

import argparse

from workbench.cli.commands_project import assignments
from workbench.cli.output import emit, table
from workbench.cli.session import actor, fmt, workspace
from workbench.services.monitoring import field_data, import_mappings, meters, monitoring, periods


def cmd_meter_add(args):
    with workspace(args) as ws:
        change = meters.add_meter(ws, actor(), args.project, assignments(args.set, "meter"))
    emit(fmt(args), change.result, f"added meter {change.result['id']}")


def cmd_meter_calibrate(args):
    with workspace(args) as ws:
        change = meters.calibrate(ws, actor(), args.project, args.serial, args.on, args.error,
                                  None if args.verdict is None else args.verdict == "pass", args.reference or "")
    verdict = "passed" if change.result["passed"] else "FAILED (beyond its class: recalibrate within 30 days, §7.3.2)"
    emit(fmt(args), change.result, f"meter {args.serial} calibrated on {args.on}: {verdict}")


def cmd_meter_list(args):
    with workspace(args) as ws:
        rows = meters.list_meters(ws, args.project)
    lines = []
    for m in rows:
        lines.append(f"{m['serial']} {m['role']}{' ' + m['fuel'] if m['fuel'] else ''} class {m['accuracy_class']}")
        lines += [f"   {c['calibrated_on']}: error {c['error_percent']} % {'pass' if c['passed'] else 'FAIL'}"
                  f"{' — ' + c['reference'] if c['reference'] else ''} (next due {c['next_due']})" for c in m["calibrations"]]
        lines += ["   no calibration recorded: every reading takes the class limit (§7.3.4)"] if not m["calibrations"] else []
    emit(fmt(args), rows, "\n".join(lines) or "no meters")


def cmd_import(args):
    with workspace(args) as ws:
        _, report = field_data.import_file(ws, actor(), args.project, args.file, args.kind, dry_run=args.dry_run)
    emit(fmt(args), report, f"{'would import' if report.dry_run else 'imported'} from {report.file}: {report.summary().en}")


def cmd_fieldbook_import(args):
    with workspace(args) as ws:
        _, reports = field_data.import_workbook(ws, actor(), args.project, args.file, dry_run=args.dry_run)
    verb = "would import" if args.dry_run else "imported"
    emit(fmt(args), reports, "\n".join(f"{verb} {kind}: {r.summary().en}" for kind, r in reports.items()))


def cmd_mapping(args):
    with workspace(args) as ws:
        if args.set or args.clear:
            import_mappings.set_mapping(ws, actor(), args.project, args.kind, {} if args.clear else assignments(args.set, "mapping"))
        mapping = import_mappings.get_mapping(ws, args.project, args.kind)
    text = "\n".join(f"{k} = {v}" for k, v in mapping.items()) or f"no saved {args.kind} mapping; the built-in column names apply"
    emit(fmt(args), mapping, text)


def cmd_list(args):
    if args.kind in ("plots", "fuel"):
        with workspace(args) as ws:
            rows = (field_data.plot_summary if args.kind == "plots" else field_data.fuel_summary)(ws, args.project)
        emit(fmt(args), rows, table([["" if v is None else str(v) for v in r.values()] for r in rows], list(rows[0]) if rows else ["(none)"]))
        return
    with workspace(args) as ws:
        rows = monitoring.summary(ws, args.project)
    text = table([[r.serial, r.role, r.year, r.readings, f"{r.wh / 1e6:,.3f}", r.first, r.last] for r in rows],
                 ["meter", "role", "year", "readings", "MWh", "first", "last"])
    emit(fmt(args), rows, text)


def cmd_export(args):
    with workspace(args) as ws:
        count = monitoring.export_csv(ws, args.project, args.out, force=args.force)
    emit(fmt(args), {"rows": count, "file": args.out}, f"wrote {count} reading(s) to {args.out}")


def cmd_period_add(args):
    with workspace(args) as ws:
        change = periods.add_period(ws, actor(), args.project, args.start, args.end)
    emit(fmt(args), change.result, f"added accounting period {change.result['number']} (id {change.result['id']})")


def cmd_period_list(args):
    from workbench.services.monitoring import accounting  # the methodologies' calculations: only for periods

    with workspace(args) as ws:
        rows = periods.list_periods(ws, args.project)
        holes = periods.uncovered(ws, args.project)
    data = [{"id": r.id, "number": r.number, "start": r.start, "end": r.end, "status": r.status, "recalculate": accounting.needs_recalculation(r),
             "vintages": [{"vintage": v.vintage, "reductions": v.reductions, "credited": v.credited, "ex_ante_estimate": v.ex_ante_estimate,
                           "deviation": periods.deviation_percent(v)} for v in r.vintages]}
            for r in rows]
    lines = [f"#{r['number']} (id {r['id']}) {r['start']}..{r['end']} {r['status']}"
             + (" — recalculate: calculated before meter corrections by calibration span (§7.3.4)" if r["recalculate"] else "") + "".join(
        f"\n   {v['vintage']}: ER {v['reductions']} t, credited {v['credited']} t"
        + (f", PDD estimate {v['ex_ante_estimate']} t ({v['deviation']:+.1f} %)" if v["deviation"] is not None else "") for v in r["vintages"])
        for r in data]
    lines += [f"gap: {a}..{b} is not covered by any accounting period" for a, b in holes]
    emit(fmt(args), {"periods": data, "gaps": [{"start": a, "end": b} for a, b in holes]}, "\n".join(lines) or "no accounting periods")


def cmd_period_calculate(args):
    from workbench.services.monitoring import accounting

    with workspace(args) as ws:
        change = accounting.calculate_period(ws, actor(), args.project, args.period)
    lines = []
    for year, r in change.result["vintages"].items():
        lines.append(f"{year}: ER {r['reductions']} t, credited {r['credited']} t")
        lines += [f"   {correction_line(c)}" for c in r.get("corrections", [])]
        lang = getattr(args, "message_lang", None) or "en"
        lines += [f"   check: {flag.get(lang, flag['en']) if isinstance(flag, dict) else flag}" for flag in r.get("flags", [])]
    emit(fmt(args), change.result, "\n".join(lines))


def correction_line(c: dict) -> str:
    """One §7.3.4 span as a line: meter, days, case, metered and corrected amount, and why."""
    if "meter" not in c:  # a fuel delivery
        return f"fuel {c['fuel']} {c['delivered_on']} ({c['reference'] or 'no reference'}): {c['FC']} × (1 + {c['error']}) = {c['corrected_FC']} — {c['why']}"
    sign = "−" if c["role"] == "export" else "+"
    return (f"{c['meter']} {c['role']} {c['start']}..{c['end']} ({c['days']} d) {c['case']}: "
            f"{c['MWh']} MWh × (1 {sign} {c['error']}) = {c['corrected_MWh']} MWh — {c['why']}")


def cmd_period_explain(args):
    with workspace(args) as ws:
        periods.explain_deviation(ws, actor(), args.project, args.period, args.vintage, args.note)
    emit(fmt(args), {"period": args.period, "vintage": args.vintage}, f"explanation recorded for {args.vintage}")


def register(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    m = nouns.add_parser("meter", parents=[common], help="revenue meters").add_subparsers(dest="verb", required=True)
    p = m.add_parser("add", parents=[common], help="--set serial=… role=export|import|fuel accuracy_class=0.5|0.2S [fuel=natural_gas] [calibrated_on=… calibration_error=…]")
    p.add_argument("project")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p.set_defaults(run=cmd_meter_add)
    p = m.add_parser("calibrate", parents=[common], help="record a calibration")
    p.add_argument("project")
    p.add_argument("serial")
    p.add_argument("--on", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--error", required=True, metavar="PERCENT", help="error found, in %")
    p.add_argument("--verdict", choices=("pass", "fail"), help="the certificate's verdict (default: pass when |error| ≤ the class)")
    p.add_argument("--reference", help="calibration certificate number")
    p.set_defaults(run=cmd_meter_calibrate)
    p = m.add_parser("list", parents=[common], help="meters with their calibration records")
    p.add_argument("project")
    p.set_defaults(run=cmd_meter_list)

    mon = nouns.add_parser("monitoring", parents=[common], help="monitoring data").add_subparsers(dest="verb", required=True)
    p = mon.add_parser("import", parents=[common], help="import meter readings, fuel deliveries or plot inventories from CSV or XLSX (checked whole first)")
    p.add_argument("project")
    p.add_argument("file")
    p.add_argument("--kind", choices=list(field_data.IMPORTERS), help="default: the methodology's main data (readings, or plots for forestry)")
    p.add_argument("--dry-run", action="store_true")
    p.set_defaults(run=cmd_import)
    p = mon.add_parser("list", parents=[common], help="readings per meter and year, plots per stratum, or fuel per year")
    p.add_argument("project")
    p.add_argument("--kind", choices=list(field_data.IMPORTERS), default="readings")
    p.set_defaults(run=cmd_list)
    p = mon.add_parser("mapping", parents=[common], help="show or save which columns of a logger export hold what (per project)")
    p.add_argument("project")
    p.add_argument("--kind", choices=list(field_data.IMPORTERS), default="readings")
    p.add_argument("--set", action="append", metavar="FIELD=COLUMN TITLE", help="e.g. start='Date/Time' kwh='Active energy' time_format='%%d.%%m.%%Y %%H:%%M'")
    p.add_argument("--clear", action="store_true", help="remove the saved mapping")
    p.set_defaults(run=cmd_mapping)
    p = mon.add_parser("export", parents=[common], help="all readings to CSV")
    p.add_argument("project")
    p.add_argument("--out", required=True)
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p.set_defaults(run=cmd_export)

    per = nouns.add_parser("period", parents=[common], help="accounting periods").add_subparsers(dest="verb", required=True)
    p = per.add_parser("add", parents=[common])
    p.add_argument("project")
    p.add_argument("--start", required=True)
    p.add_argument("--end", required=True)
    p.set_defaults(run=cmd_period_add)
    p = per.add_parser("list", parents=[common])
    p.add_argument("project")
    p.set_defaults(run=cmd_period_list)
    p = per.add_parser("explain", parents=[common], help="why a vintage deviates from the PDD estimate")
    p.add_argument("project")
    p.add_argument("period")
    p.add_argument("--vintage", required=True, type=int)
    p.add_argument("--note", required=True)
    p.set_defaults(run=cmd_period_explain)
    p = per.add_parser("calculate", parents=[common], help="reductions per vintage from the meter readings")
    p.add_argument("project")
    p.add_argument("period", help="period number or id")
    p.set_defaults(run=cmd_period_calculate)
    register_fieldbook(nouns, common)


def cmd_fieldbook_export(args):
    with workspace(args) as ws:
        from workbench.services.monitoring import fieldbook  # openpyxl's writer loads only for a field workbook

        out = fieldbook.export_workbook(ws, args.project, args.out, actor().today, force=args.force)
    emit(fmt(args), {"file": str(out)}, f"wrote {out}")


def register_fieldbook(nouns: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    f = nouns.add_parser("fieldbook", parents=[common], help="the field workbook meter readers fill offline").add_subparsers(dest="verb", required=True)
    p = f.add_parser("export", parents=[common])
    p.add_argument("project")
    p.add_argument("--out", required=True)
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p.set_defaults(run=cmd_fieldbook_export)
    p = f.add_parser("import", parents=[common], help="check every sheet of the workbook, then store readings, fuel and plots together")
    p.add_argument("project")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true")
    p.set_defaults(run=cmd_fieldbook_import)
