"""Meter corrections span by span from the calibration records (CCER-01-002-V01 / CCER-01-001-V01 §7.3.4), checked
against hand calculations (docs/worked-examples.md, "Meter corrections")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from tests.cli_helpers import file_digest, run_cli
from workbench.domain.errors import UserError
from workbench.domain.field_specs import fields_of
from workbench.domain.meter_class import accuracy_class
from workbench.methodology import meter_corrections as mc
from workbench.services.demo.projects import create_demo_projects
from workbench.services.methodology import methodology
from workbench.services.monitoring import accounting, meters, monitoring_import, periods
from workbench.services.support.context import Actor
from workbench.services.support.fields import parse_value

P, F = True, False


def cal(day: str, error: str, passed: bool) -> mc.Calibration:
    return mc.Calibration(date.fromisoformat(day), D(error), passed)


def summary(spans):
    return [(s.start.isoformat(), s.days, s.case.value, str(s.error)) for s in spans]


def test_calibrated_on_time_within_class_gets_no_correction_all_year():
    spans = mc.spans([cal("2024-12-15", "0.1", P), cal("2025-12-10", "-0.2", P)], D("0.5"), date(2025, 1, 1), date(2025, 12, 31))
    assert summary(spans) == [("2025-01-01", 343, "calibrated", "0"), ("2025-12-10", 22, "calibrated", "0")]


def test_a_late_calibration_puts_only_the_days_of_delay_at_the_class_limit():
    # due 2025-03-01 (12 months after 2024-03-01), made 2025-03-11: 10 days late at class 0.5 → 0.005
    spans = mc.spans([cal("2024-03-01", "0.1", P), cal("2025-03-11", "0.2", P)], D("0.5"), date(2025, 1, 1), date(2025, 12, 31))
    assert summary(spans) == [("2025-01-01", 59, "calibrated", "0"), ("2025-03-01", 10, "late", "0.005"),
                              ("2025-03-11", 296, "calibrated", "0")]
    assert "due 2025-03-01" in spans[1].why.en and "made on 2025-03-11" in spans[1].why.en
    assert "2025-03-01" in spans[1].why.zh and "实际于 2025-03-11 校准" in spans[1].why.zh


def test_days_before_any_calibration_are_uncalibrated():
    spans = mc.spans([cal("2025-02-01", "0", P)], D("0.2"), date(2025, 1, 1), date(2025, 3, 31))
    assert summary(spans) == [("2025-01-01", 31, "uncalibrated", "0.002"), ("2025-02-01", 59, "calibrated", "0")]


@pytest.mark.parametrize("setting, expected", [
    (mc.BeyondClassFrom.PREVIOUS_PASS, [("2025-01-01", 9, "calibrated", "0"), ("2025-01-10", 191, "beyond_class", "0.008"),
                                        ("2025-07-20", 165, "calibrated", "0")]),
    (mc.BeyondClassFrom.FAILED_CALIBRATION, [("2025-01-01", 9, "calibrated", "0"), ("2025-01-10", 172, "calibrated", "0"),
                                             ("2025-07-01", 19, "beyond_class", "0.008"),
                                             ("2025-07-20", 165, "calibrated", "0")]),
])
def test_an_error_beyond_the_class_applies_the_actual_error_until_recalibration(setting, expected):
    records = [cal("2024-12-01", "0.1", P), cal("2025-01-10", "0.1", P), cal("2025-07-01", "-0.8", F), cal("2025-07-20", "0.1", P)]
    spans = mc.spans(records, D("0.5"), date(2025, 1, 1), date(2025, 12, 31), setting)
    assert summary(spans) == expected


def test_a_failed_meter_never_recalibrated_stays_corrected_to_the_end():
    spans = mc.spans([cal("2025-01-10", "0.1", P), cal("2025-06-01", "1.1", F)], D("0.5"), date(2025, 1, 1), date(2025, 12, 31))
    assert summary(spans) == [("2025-01-01", 9, "uncalibrated", "0.005"), ("2025-01-10", 356, "beyond_class", "0.011")]
    assert "to the end of its readings" in spans[-1].why.en and "至其读数结束" in spans[-1].why.zh


def test_the_due_date_keeps_the_day_of_the_month():
    assert mc.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert mc.add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)


@pytest.mark.parametrize("text, expected", [("0.5", (D("0.5"), False)), ("0.2S", (D("0.2"), True)), ("0.5s", (D("0.5"), True)),
                                            ("2.0", (D("2.0"), True and False))])
def test_accuracy_classes_with_and_without_s_are_accepted(text, expected):
    assert accuracy_class(text) == expected
    assert parse_value(fields_of("meter")["accuracy_class"], text, "accuracy_class") == text.upper().strip()


@pytest.mark.parametrize("text", ["", "S", "0", "2.5", "0.5X", "-1"])
def test_other_accuracy_classes_are_refused_saying_what_is_accepted(text):
    with pytest.raises(UserError, match="optionally with S, e.g. 0.2, 0.5S or 2.0"):
        accuracy_class(text)


@pytest.fixture
def wind(ws, tmp_path):
    """The demo wind project with one export meter calibrated late in 2025 and one import meter on time."""
    actor = Actor("tester", date(2026, 2, 1))
    create_demo_projects(ws, actor)
    methodology.set_parameter(ws, actor, "VN-OFW-01", "grid", "VN-National")
    meters.add_meter(ws, actor, "VN-OFW-01", {"serial": "EXP-A", "role": "export", "accuracy_class": "0.5S",
                                              "calibrated_on": "2024-03-01", "calibration_error": "0.1"})
    meters.calibrate(ws, actor, "VN-OFW-01", "EXP-A", "2025-03-11", "0.2", reference="CNAS-L1234-2025-031")
    meters.add_meter(ws, actor, "VN-OFW-01", {"serial": "IMP-A", "role": "import", "accuracy_class": "0.5",
                                              "calibrated_on": "2024-06-01", "calibration_error": "-0.3"})
    meters.calibrate(ws, actor, "VN-OFW-01", "IMP-A", "2025-05-20", "0.1")
    days = [date.fromordinal(date(2025, 1, 1).toordinal() + i) for i in range(365)]
    lines = ["meter,start,minutes,kwh"] + [f"EXP-A,{d} 00:00,1440,100000" for d in days] + [f"IMP-A,{d} 00:00,1440,100" for d in days]
    (tmp_path / "year.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monitoring_import.import_readings(ws, actor, "VN-OFW-01", tmp_path / "year.csv")
    periods.add_period(ws, actor, "VN-OFW-01", "2025-01-01", "2025-12-31")
    return actor


def test_whole_year_with_a_late_calibration_equals_the_hand_calculation(ws, wind):
    change = accounting.calculate_period(ws, wind, "VN-OFW-01", 1)
    # export: 365 d × 100 MWh = 36,500 MWh; due 2025-03-01, calibrated 2025-03-11: 10 d × 100 MWh × 0.005 = 5 MWh off
    #   → 36,495 MWh; import: 36.5 MWh, on time and within class → no correction; EG_PJ = 36,458.5 MWh
    # ER = 36,458.5 × 0.6592 (Viet Nam example EF_CM) = 24,033.4432 tCO2 → 24,033 t credited
    result = change.result["vintages"][2025]
    assert (D(result["reductions"]), result["credited"]) == (D("24033.4432"), 24033)
    corrected = [(c["meter"], c["start"], c["end"], c["days"], c["case"], c["MWh"], c["corrected_MWh"]) for c in result["corrections"]]
    assert corrected == [
        ("EXP-A", "2025-01-01", "2025-02-28", 59, "calibrated", "5900", "5900"),
        ("EXP-A", "2025-03-01", "2025-03-10", 10, "late", "1000", "995.000"),
        ("EXP-A", "2025-03-11", "2025-12-31", 296, "calibrated", "29600", "29600"),
        ("IMP-A", "2025-01-01", "2025-05-19", 139, "calibrated", "13.9", "13.9"),
        ("IMP-A", "2025-05-20", "2025-12-31", 226, "calibrated", "22.6", "22.6"),
    ]


@pytest.mark.parametrize("ws", ["sqlite"], indirect=True)  # the CLI opens the workspace file
def test_period_calculate_shows_each_span_in_text_and_json(ws, wind, capsys, db_path):
    text = run_cli(capsys, "--db", db_path, "period", "calculate", "VN-OFW-01", "1")
    assert text.code == 0, text.err
    assert "EXP-A Export to the grid 2025-03-01..2025-03-10 (10 d) calibration overdue: 1000 MWh × (1 − 0.005) = 995.000 MWh — calibration due 2025-03-01" in text.out
    data = run_cli(capsys, "--db", db_path, "--format", "json", "period", "calculate", "VN-OFW-01", "1").json()
    assert [c["case"] for c in data["vintages"]["2025"]["corrections"]].count("late") == 1
    (late,) = [c["why"] for c in data["vintages"]["2025"]["corrections"] if c["case"] == "late"]
    assert late["id"].startswith("meter_span.") and late["message"].startswith("calibration due 2025-03-01") and set(late) == {"id", "message"}
    listed = run_cli(capsys, "--db", db_path, "meter", "list", "VN-OFW-01")
    assert "2025-03-11: error 0.2 % pass (next due 2026-03-11) — CNAS-L1234-2025-031" in listed.out


def test_a_calibration_beyond_the_class_is_recorded_as_failed_and_a_second_on_the_same_day_refused(ws, wind):
    change = meters.calibrate(ws, wind, "VN-OFW-01", "IMP-A", "2025-09-01", "0.9")
    assert change.result["passed"] is False
    before = file_digest(ws)
    with pytest.raises(UserError, match="already has a calibration on 2025-09-01"):
        meters.calibrate(ws, wind, "VN-OFW-01", "IMP-A", "2025-09-01", "0.1")
    assert file_digest(ws) == before


@pytest.mark.parametrize("ws", ["sqlite"], indirect=True)  # the CLI opens the workspace file
def test_an_unissued_period_calculated_under_the_old_rule_is_flagged_recalculate(ws, wind, capsys, db_path):
    import json

    from workbench.store.models_periods import AccountingPeriodRow

    accounting.calculate_period(ws, wind, "VN-OFW-01", 1)
    (period,) = periods.list_periods(ws, "VN-OFW-01")
    assert not accounting.needs_recalculation(period)
    with ws.transaction() as s:  # a result as the one-factor-per-year rule stored it: no rule marker
        for v in s.get(AccountingPeriodRow, period.id).vintages:
            trace = json.loads(v.calculation)
            del trace["rule"]
            v.calculation = json.dumps(trace)
    listed = run_cli(capsys, "--db", db_path, "--format", "json", "period", "list", "VN-OFW-01").json()
    assert listed["periods"][0]["recalculate"] is True
    assert "recalculate" in run_cli(capsys, "--db", db_path, "period", "list", "VN-OFW-01").out
    accounting.calculate_period(ws, wind, "VN-OFW-01", 1)
    assert run_cli(capsys, "--db", db_path, "--format", "json", "period", "list", "VN-OFW-01").json()["periods"][0]["recalculate"] is False


def test_fuel_deliveries_measured_by_a_fuel_meter_are_corrected_up_by_its_span(ws, tmp_path):
    """CCER-01-001-V01 §7.3.4 c: the diesel meter is calibrated late (due 2025-03-01, made 2025-04-01), so the delivery of
    2025-03-15 is at the class limit (2.0 % → × 1.02) and the one of 2025-06-01, after recalibration, is not corrected."""
    from workbench.services.monitoring import field_data
    from workbench.services.projects import projects
    from workbench.store.models_periods import VintageResultRow

    on = Actor("tester", date(2026, 2, 1))
    create_demo_projects(ws, on)
    projects.update_project(ws, on, "VN-OFW-01", {"methodology_id": "CCER-01-001"})
    methodology.set_parameter(ws, on, "VN-OFW-01", "grid", "VN-National")
    meters.add_meter(ws, on, "VN-OFW-01", {"serial": "EXP-1", "role": "export", "accuracy_class": "0.2",
                                           "calibrated_on": "2025-01-05", "calibration_error": "0"})
    with pytest.raises(UserError, match="names the fuel it measures"):
        meters.add_meter(ws, on, "VN-OFW-01", {"serial": "FM-1", "role": "fuel", "accuracy_class": "2.0"})
    meters.add_meter(ws, on, "VN-OFW-01", {"serial": "FM-1", "role": "fuel", "fuel": "diesel", "accuracy_class": "2.0",
                                           "calibrated_on": "2024-03-01", "calibration_error": "0.5"})
    meters.calibrate(ws, on, "VN-OFW-01", "FM-1", "2025-04-01", "0.4")
    periods.add_period(ws, on, "VN-OFW-01", "2025-01-01", "2025-12-31")
    (tmp_path / "r.csv").write_text("meter,start,minutes,mwh\nEXP-1,2025-06-01 00:00,1440,1000\n")
    monitoring_import.import_readings(ws, on, "VN-OFW-01", tmp_path / "r.csv")
    (tmp_path / "fuel.csv").write_text("date,fuel,quantity,reference\n2025-03-15,diesel,4,INV-1\n2025-06-01,diesel,6,INV-2\n")
    field_data.import_file(ws, on, "VN-OFW-01", tmp_path / "fuel.csv", kind="fuel")
    change = accounting.calculate_period(ws, on, "VN-OFW-01", 1)
    fuel = [(c["delivered_on"], c["case"], c["corrected_FC"]) for c in change.result["vintages"][2025]["corrections"] if "fuel" in c]
    assert fuel == [("2025-03-15", "late", "4.08"), ("2025-06-01", "calibrated", "6")]
    with ws.reading() as s:
        (v,) = s.query(VintageResultRow).all()
        # FC = 4 × 1.02 + 6 = 10.08 t; COEF = 42.652 × 20.2 × 0.98 × 44 / 12,000 = 3.0959096373 t/t → PE = 31.206769 t
        assert v.project_emissions.quantize(D("0.000001")) == D("31.206769")


def test_the_beyond_class_span_setting_is_a_project_parameter_checked_when_set(ws, wind):
    with pytest.raises(UserError, match="is not one of: previous_pass, failed_calibration"):
        methodology.set_parameter(ws, wind, "VN-OFW-01", "meter_error_span", "whole_year")
    meters.calibrate(ws, wind, "VN-OFW-01", "IMP-A", "2025-09-01", "0.9")  # beyond class 0.5, never recalibrated
    methodology.set_parameter(ws, wind, "VN-OFW-01", "meter_error_span", "failed_calibration", "confirmed by the VVB")
    imports = [c for c in accounting.calculate_period(ws, wind, "VN-OFW-01", 1).result["vintages"][2025]["corrections"]
               if c["meter"] == "IMP-A"]
    # from the failing calibration on: 2025-09-01..12-31, 122 days × 0.1 MWh × (1 + 0.009)
    assert [(c["start"], c["days"], c["case"], c["corrected_MWh"]) for c in imports][-1] == ("2025-09-01", 122, "beyond_class", "12.3098")


def test_a_projects_own_fuel_figures_replace_the_demo_defaults_in_the_period(ws, tmp_path):
    """NCV, CC (tC/GJ) and OF (%) set as project parameters with their source are used for the stored deliveries."""
    from workbench.services.monitoring import field_data
    from workbench.services.projects import projects

    on = Actor("tester", date(2026, 2, 1))
    create_demo_projects(ws, on)
    projects.update_project(ws, on, "VN-OFW-01", {"methodology_id": "CCER-01-001"})
    methodology.set_parameter(ws, on, "VN-OFW-01", "grid", "VN-National")
    for key, value in (("NCV", "43.0"), ("CC", "0.0200"), ("OF", "100"), ("source", "supplier's fuel analysis 2025-02, lab report 17")):
        methodology.set_parameter(ws, on, "VN-OFW-01", f"fuel.diesel.{key}", value)
    meters.add_meter(ws, on, "VN-OFW-01", {"serial": "EXP-1", "role": "export", "accuracy_class": "0.2",
                                           "calibrated_on": "2025-01-05", "calibration_error": "0"})
    periods.add_period(ws, on, "VN-OFW-01", "2025-01-01", "2025-12-31")
    (tmp_path / "r.csv").write_text("meter,start,minutes,mwh\nEXP-1,2025-06-01 00:00,1440,1000\n")
    monitoring_import.import_readings(ws, on, "VN-OFW-01", tmp_path / "r.csv")
    (tmp_path / "fuel.csv").write_text("date,fuel,quantity,reference\n2025-03-15,diesel,6,INV-1\n")
    field_data.import_file(ws, on, "VN-OFW-01", tmp_path / "fuel.csv", kind="fuel")
    accounting.calculate_period(ws, on, "VN-OFW-01", 1)
    (period,) = periods.list_periods(ws, "VN-OFW-01")
    import json

    used = json.loads(period.vintages[0].calculation)["fuel.diesel"]
    # COEF = 43.0 × 0.0200 × 100 × 44 / 1,200 = 3.153333… t/t; 6 t (invoice amount, no error) → PE = 18.92 t
    assert D(used["COEF"]).quantize(D("0.000001")) == D("3.153333") and used["source"] == "supplier's fuel analysis 2025-02, lab report 17"
    assert period.vintages[0].project_emissions.quantize(D("0.01")) == D("18.92")
