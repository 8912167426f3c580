"""Plot inventories and fuel deliveries: stored, imported (file, workbook, saved column mapping), and carried into
the period calculation with the same numbers as direct input to the methodology."""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from tests.cli_helpers import file_digest, run_cli
from workbench.domain.errors import UserError
from workbench.domain.text import restored
from workbench.methodology.loader import get
from workbench.services.monitoring import accounting, field_data, fieldbook, import_mappings, meters, monitoring_import, periods, site_import
from workbench.services.methodology import methodology
from workbench.services.projects import projects
from workbench.services.support.context import Actor
from workbench.services.demo.projects import create_demo_projects

ON = Actor("tester", date(2024, 2, 1))
CELL = 0.002  # a 0.002° square near the equator is about 4.9 ha


def square(x: float, y: float) -> list[list[float]]:
    return [[x, y], [x + CELL, y], [x + CELL, y + CELL], [x, y + CELL], [x, y]]


def parcels_with_strata(ws, tmp_path) -> dict[str, D]:
    features = [{"type": "Feature", "properties": {"name": f"P{i}", "stratum": stratum},
                 "geometry": {"type": "Polygon", "coordinates": [square(0.01 * i, 0.0)]}}
                for i, stratum in enumerate(["fir-2021", "fir-2021", "pine-2021"])]
    path = tmp_path / "parcels.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    _, report = site_import.import_boundaries(ws, ON, "GX-AR-01", path)
    areas = dict(report.parcels)
    return {"fir-2021": (areas["P0"] + areas["P1"]) / 10000, "pine-2021": areas["P2"] / 10000}


def inventory(seed: int, grow: D = D(0)) -> list[tuple]:
    """Rows (plot, stratum, area m², lat, lon, date, tree, species, dbh, height) of 3 plots per stratum, 5 trees each."""
    rng = random.Random(seed)
    rows = []
    for s_index, (stratum, species) in enumerate((("fir-2021", "Cunninghamia lanceolata"), ("pine-2021", "Pinus massoniana"))):
        for k in range(3):
            code = f"{stratum[:1].upper()}{k + 1}"
            for t in range(5):
                dbh = D(rng.randint(60, 180)) / 10 + grow
                height = D(rng.randint(40, 120)) / 10 + grow / 2
                rows.append((code, stratum, D(400), D("0.0005") + D(k) / 10000, D("0.0005") + D(s_index) / 100,
                             date(2023, 11, 20), f"T{t + 1}", species, dbh, height))
    return rows


def direct_values(rows: list[tuple], areas: dict[str, D], **extra) -> dict:
    strata: dict[str, dict[str, list]] = {}
    for code, stratum, area, _lat, _lon, _day, _tag, species, dbh, height in rows:
        strata.setdefault(stratum, {}).setdefault((code, str(area)), []).append({"species": species, "dbh_cm": str(dbh), "height_m": str(height)})
    return {"strata": [{"name": name, "area_ha": str(areas[name]),
                        "plots": [{"id": code, "area_m2": area, "trees": trees} for (code, area), trees in sorted(plots.items())]}
                       for name, plots in sorted(strata.items())], **extra}


def write_csv(path, rows: list[tuple]) -> None:
    lines = ["plot,stratum,plot_area_m2,latitude,longitude,measured_on,tree,species,dbh_cm,height_m"]
    lines += [",".join(str(v) for v in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def forest(ws, tmp_path):
    create_demo_projects(ws, ON)
    return parcels_with_strata(ws, tmp_path)


def test_a_filled_plot_sheet_gives_the_methodology_result_of_the_same_trees_given_directly(ws, forest, tmp_path):
    book_path = fieldbook.export_workbook(ws, "GX-AR-01", tmp_path / "forest.xlsx", ON.today)
    book = load_workbook(book_path)
    assert book.sheetnames == ["Plots 样地", "Read me 说明"]
    sheet = book["Plots 样地"]
    assert sheet["H1"].value == "species\n树种" and sheet.protection.sheet and sheet["K2"].protection.locked
    assert sheet["K3"].value == '=IF(G3="","",COUNTIFS($A$2:A3,A3,$F$2:F3,F3))'
    assert any("fir-2021,pine-2021" in (v.formula1 or "") for v in sheet.data_validations.dataValidation)
    rows = inventory(1)
    for r, values in enumerate(rows, start=2):  # as a forestry team types them, species as the list shows them
        for c, value in enumerate(values, start=1):
            sheet.cell(r, c, float(value) if isinstance(value, D) else value)
        sheet.cell(r, 8, f"{values[7]} {get('CCER-14-001').species[values[7]]}")
    book.save(book_path)

    change, reports = field_data.import_workbook(ws, ON, "GX-AR-01", book_path)
    assert change.action == "fieldbook.import" and (reports["plots"].new, reports["plots"].trees) == (6, 30)
    assert field_data.import_workbook(ws, ON, "GX-AR-01", book_path)[1]["plots"].unchanged_plots == 6  # again: nothing added
    periods.add_period(ws, ON, "GX-AR-01", "2021-03-01", "2023-12-31")
    result = accounting.calculate_period(ws, ON, "GX-AR-01", 1).result["vintages"]

    (direct,) = get("CCER-14-001").estimate(direct_values(rows, forest, vintage=2023))
    assert D(result[2023]["reductions"]) == direct.reductions > 0
    assert result[2023]["credited"] == int(direct.reductions)

    again = load_workbook(fieldbook.export_workbook(ws, "GX-AR-01", tmp_path / "next.xlsx", ON.today))["Plots 样地"]
    listed = [(again.cell(r, 1).value, again.cell(r, 7).value, again.cell(r, 8).value, again.cell(r, 9).value) for r in range(2, 32)]
    assert listed[0] == ("F1", "T1", "Cunninghamia lanceolata", None)  # last time's trees, to be measured again
    assert len({(p, t) for p, t, *_ in listed}) == 30


def test_the_second_period_credits_the_growth_since_the_first(ws, forest, tmp_path):
    first, second = inventory(2), inventory(2, grow=D("2.5"))
    second = [r[:5] + (date(2026, 11, 2),) + r[6:] for r in second]
    write_csv(tmp_path / "2023.csv", first)
    write_csv(tmp_path / "2026.csv", second)
    field_data.import_file(ws, ON, "GX-AR-01", tmp_path / "2023.csv")  # forestry: plots are the default kind
    field_data.import_file(ws, ON, "GX-AR-01", tmp_path / "2026.csv", kind="plots")
    periods.add_period(ws, ON, "GX-AR-01", "2021-03-01", "2023-12-31")
    periods.add_period(ws, ON, "GX-AR-01", "2024-01-01", "2026-12-31")
    accounting.calculate_period(ws, ON, "GX-AR-01", 1)
    result = accounting.calculate_period(ws, ON, "GX-AR-01", 2).result["vintages"][2026]

    (one,) = get("CCER-14-001").estimate(direct_values(first, forest, vintage=2023))
    previous = D(one.used["tree_stock_tCO2"]) + D(one.used["dead_wood_litter_tCO2"])
    (two,) = get("CCER-14-001").estimate(direct_values(second, forest, vintage=2026, previous_stock=str(previous)))
    assert D(result["reductions"]) == two.reductions
    assert D(two.used["tree_stock_tCO2"]) > D(one.used["tree_stock_tCO2"]) and two.reductions > 0
    with ws.reading() as s:
        from workbench.store.models_periods import VintageResultRow

        trace = json.loads(s.query(VintageResultRow).filter_by(vintage=2026).one().calculation)
    assert restored(trace["previous"]).in_lang("en") == "period 1 vintage 2023" and trace["inventory"]["measured"] == ["2026-11-02"]
    assert restored(trace["previous"]).in_lang("zh") == "第 1 核算期 2023 年度"  # kept as a message, worded when shown
    assert trace["years_since_planting"] == "5"


def test_a_bad_inventory_is_refused_whole_with_row_and_column(ws, forest, tmp_path):
    rows = inventory(3)
    bad = list(rows)
    bad[1] = bad[1][:7] + ("Quercus alba",) + bad[1][8:]
    bad[2] = bad[2][:8] + (D("-3"),) + bad[2][9:]
    bad[3] = bad[3][:2] + (D(500),) + bad[3][3:]
    bad[5] = bad[4]
    write_csv(tmp_path / "bad.csv", bad)
    before = file_digest(ws)
    with pytest.raises(UserError) as refused:
        field_data.import_file(ws, ON, "GX-AR-01", tmp_path / "bad.csv")
    text = str(refused.value)
    assert "bad.csv row 3, column species: unknown species 'Quercus alba'; known: Cunninghamia lanceolata" in text
    assert "row 4, column dbh_cm: '-3' is out of range; expected a diameter of 0.1 to 500 cm" in text
    assert "row 5: plot F1 on 2023-11-20 has stratum, area or position different from row 2" in text
    assert "row 7, column tree: tree T5 appears twice in plot F1" in text
    assert file_digest(ws) == before

    write_csv(tmp_path / "good.csv", rows)
    field_data.import_file(ws, ON, "GX-AR-01", tmp_path / "good.csv")
    changed = [rows[0][:8] + (rows[0][8] + 1,) + rows[0][9:]] + rows[1:]
    write_csv(tmp_path / "changed.csv", changed)
    with pytest.raises(UserError, match="plot F1 measured on 2023-11-20 is already stored with other values"):
        field_data.import_file(ws, ON, "GX-AR-01", tmp_path / "changed.csv")


def test_a_stratum_without_parcels_has_no_area_and_says_so(ws, tmp_path):
    create_demo_projects(ws, ON)
    write_csv(tmp_path / "plots.csv", inventory(4))
    field_data.import_file(ws, ON, "GX-AR-01", tmp_path / "plots.csv")
    periods.add_period(ws, ON, "GX-AR-01", "2021-03-01", "2023-12-31")
    with pytest.raises(UserError, match="stratum fir-2021, pine-2021 has no parcels, so no area"):
        accounting.calculate_period(ws, ON, "GX-AR-01", 1)
    with pytest.raises(UserError, match="no plot inventory measured between 2024-01-01 and 2024-12-31"):
        periods.add_period(ws, ON, "GX-AR-01", "2024-01-01", "2024-12-31")
        accounting.calculate_period(ws, ON, "GX-AR-01", 2)


def solar_project(ws) -> None:
    create_demo_projects(ws, ON)
    projects.update_project(ws, ON, "VN-OFW-01", {"methodology_id": "CCER-01-001"})
    methodology.set_parameter(ws, ON, "VN-OFW-01", "grid", "VN-National")
    meters.add_meter(ws, ON, "VN-OFW-01", {"serial": "EXP-1", "role": "export", "accuracy_class": "0.2", "calibrated_on": "2025-01-05",
                                           "calibration_error": "0"})
    periods.add_period(ws, ON, "VN-OFW-01", "2025-01-01", "2025-12-31")


def test_fuel_deliveries_are_project_emissions_of_their_year_corrected_up(ws, tmp_path):
    solar_project(ws)
    (tmp_path / "r.csv").write_text("meter,start,minutes,mwh\nEXP-1,2025-06-01 00:00,1440,1000\n")
    monitoring_import.import_readings(ws, ON, "VN-OFW-01", tmp_path / "r.csv")
    (tmp_path / "fuel.csv").write_text("日期,燃料,数量,单据号,计量误差(%)\n2025-02-03,diesel,4,INV-1,\n2025-07-09,柴油,6,INV-2,1\n"
                                       "2026-01-02,diesel,99,INV-3,\n", encoding="utf-8")
    _, report = field_data.import_file(ws, ON, "VN-OFW-01", tmp_path / "fuel.csv", kind="fuel")
    assert report.new == 3 and report.fuels == {"diesel": "109"}
    assert field_data.import_file(ws, ON, "VN-OFW-01", tmp_path / "fuel.csv", kind="fuel")[1].unchanged == 3
    accounting.calculate_period(ws, ON, "VN-OFW-01", 1)
    with ws.reading() as s:
        from workbench.store.models_periods import VintageResultRow

        (v,) = s.query(VintageResultRow).all()
        # 2025 only: 4 t (invoice, error 0) + 6 t × 1.01 (its metered error, §7.3.4 c, each delivery its own) = 10.06 t
        # COEF 42.652 × 20.2 × 0.98 × 44 / 12,000 = 3.0959096373 t/t; PE = 10.06 × 3.0959096373 = 31.144851 t
        assert v.project_emissions.quantize(D("0.000001")) == D("31.144851")
        assert json.loads(v.calculation)["fuel.diesel"]["FC_corrected"] == "10.06"


def test_fuel_is_refused_where_the_methodology_counts_none_and_bad_rows_are_named(ws, tmp_path):
    create_demo_projects(ws, ON)
    (tmp_path / "fuel.csv").write_text("date,fuel,quantity\n2025-02-03,diesel,4\n")
    with pytest.raises(UserError, match="counts no auxiliary fuel"):
        field_data.import_file(ws, ON, "VN-OFW-01", tmp_path / "fuel.csv", kind="fuel")
    projects.update_project(ws, ON, "VN-OFW-01", {"methodology_id": "CCER-01-001"})
    (tmp_path / "bad.csv").write_text("date,fuel,quantity,error_percent\n2025-02-30,diesel,4,\n2025-02-03,coal,4,\n2025-02-04,lpg,-1,\n"
                                      "2025-02-05,lpg,1,25\n")
    with pytest.raises(UserError) as refused:
        field_data.import_file(ws, ON, "VN-OFW-01", tmp_path / "bad.csv", kind="fuel")
    text = str(refused.value)
    assert "row 2, column date: '2025-02-30' is not a date" in text and "row 3, column fuel: unknown fuel 'coal'" in text
    assert "row 4, column quantity: '-1' is out of range" in text and "row 5, column error_percent: '25' is out of range" in text


def test_a_logger_export_imports_through_the_saved_column_mapping(ws, tmp_path):
    create_demo_projects(ws, ON)
    meters.add_meter(ws, ON, "VN-OFW-01", {"serial": "EXP-1", "role": "export", "accuracy_class": "0.2"})
    start = datetime(2025, 3, 1)
    logger = tmp_path / "scada.csv"
    logger.write_text("Date/Time,Active Energy Export (kWh),Interval\n"
                      + "".join(f"{start + timedelta(minutes=15 * i):%d.%m.%Y %H:%M},{100 + i},15\n" for i in range(8)))
    with pytest.raises(UserError, match="or save this file's column titles with 'workbench monitoring mapping'"):
        monitoring_import.import_readings(ws, ON, "VN-OFW-01", logger)
    with pytest.raises(UserError, match="colour cannot be mapped for readings; accepted: meter, start"):
        import_mappings.set_mapping(ws, ON, "VN-OFW-01", "readings", {"colour": "x"})
    with pytest.raises(UserError, match="time_format '%H:%M' does not read a date and time back"):
        import_mappings.set_mapping(ws, ON, "VN-OFW-01", "readings", {"start": "Date/Time", "time_format": "%H:%M"})
    mapping = {"start": "Date/Time", "kwh": "Active Energy Export (kWh)", "time_format": "%d.%m.%Y %H:%M", "meter_serial": "EXP-1",
               "minutes": "Interval"}
    import_mappings.set_mapping(ws, ON, "VN-OFW-01", "readings", mapping)
    _, report = monitoring_import.import_readings(ws, ON, "VN-OFW-01", logger)
    assert report.meters == {"EXP-1": 8}
    with ws.reading() as s:
        from workbench.store.models_monitoring import ReadingRow

        first = s.query(ReadingRow).order_by(ReadingRow.start).first()
        assert (first.start, first.minutes, first.wh) == (start, 15, 100_000)
    assert import_mappings.get_mapping(ws, "VN-OFW-01", "readings")["time_format"] == "%d.%m.%Y %H:%M"


def test_plots_through_the_cli(ws, forest, tmp_path, capsys):
    ws.close()
    write_csv(tmp_path / "plots.csv", inventory(5))
    dry = run_cli(capsys, "monitoring", "import", "GX-AR-01", tmp_path / "plots.csv", "--dry-run", "--db", ws.address)
    assert dry.code == 0 and "would import" in dry.out and "6 new plot measurement(s) (fir-2021: 3, pine-2021: 3) of 6 with 30 tree(s)" in dry.out
    assert run_cli(capsys, "monitoring", "import", "GX-AR-01", tmp_path / "plots.csv", "--db", ws.address).code == 0
    listed = run_cli(capsys, "monitoring", "list", "GX-AR-01", "--kind", "plots", "--db", ws.address, "--format", "json").json()
    assert listed == [{"stratum": "fir-2021", "measured_on": "2023-11-20", "plots": 3, "trees": 15, "needed": None},
                      {"stratum": "pine-2021", "measured_on": "2023-11-20", "plots": 3, "trees": 15, "needed": None}]
    wrong = run_cli(capsys, "monitoring", "import", "GX-AR-01", tmp_path / "plots.csv", "--kind", "fuel", "--db", ws.address)
    assert wrong.code == 2 and "counts no auxiliary fuel" in wrong.err


def test_a_solar_thermal_workbook_carries_readings_and_fuel_and_stores_both_or_neither(ws, tmp_path):
    solar_project(ws)
    path = fieldbook.export_workbook(ws, "VN-OFW-01", tmp_path / "csp.xlsx", ON.today)
    book = load_workbook(path)
    assert book.sheetnames == ["Readings 读数", "Meters 计量表", "Fuel 燃料", "Read me 说明"]
    fuel = book["Fuel 燃料"]
    assert fuel["F3"].value == '=IF(C3="","",SUMIF($B$2:B3,B3,$C$2:C3))' and fuel["F3"].protection.locked
    assert any('"diesel,lpg,natural_gas"' == v.formula1 for v in fuel.data_validations.dataValidation)
    assert "natural_gas 10^4 Nm3" in book["Read me 说明"]["A7"].value
    readings = book["Readings 读数"]
    readings.cell(2, 1, "EXP-1"), readings.cell(2, 2, datetime(2025, 6, 1)), readings.cell(2, 3, 1440), readings.cell(2, 4, 1_000_000)
    fuel.cell(2, 1, datetime(2025, 6, 2)), fuel.cell(2, 2, "diesel"), fuel.cell(2, 3, 10), fuel.cell(2, 4, "INV-9")
    fuel.cell(3, 1, "June"), fuel.cell(3, 2, "diesel"), fuel.cell(3, 3, 1)
    book.save(path)
    before = file_digest(ws)
    with pytest.raises(UserError, match=r"sheet 'Fuel 燃料' row 3, column date: 'June' is not a date"):
        field_data.import_workbook(ws, ON, "VN-OFW-01", path)
    assert file_digest(ws) == before  # the good readings sheet was not stored either
    book = load_workbook(path)
    book["Fuel 燃料"].delete_rows(3)
    book.save(path)
    change, reports = field_data.import_workbook(ws, ON, "VN-OFW-01", path)
    assert (reports["readings"].new, reports["fuel"].new) == (1, 1) and set(change.result) == {"readings", "fuel"}
    accounting.calculate_period(ws, ON, "VN-OFW-01", 1)
    with ws.reading() as s:
        from workbench.store.models_periods import VintageResultRow

        (v,) = s.query(VintageResultRow).all()
        # 10 t diesel from an invoice (no metered error) × 3.0959096373 t/t = 30.959096 t
        assert v.project_emissions.quantize(D("0.000001")) == D("30.959096")


def test_the_pdd_estimate_of_a_forestry_project_comes_from_its_planting_plan(ws, forest):
    from workbench.services.methodology.methodology import ex_ante
    from workbench.services.projects.projects import resolve

    for stratum, species in (("fir-2021", "Cunninghamia lanceolata"), ("pine-2021", "Pinus massoniana")):
        methodology.set_parameter(ws, ON, "GX-AR-01", f"plan.{stratum}.species", species)
        methodology.set_parameter(ws, ON, "GX-AR-01", f"plan.{stratum}.planted", "2021")
        methodology.set_parameter(ws, ON, "GX-AR-01", f"plan.{stratum}.density", "2500")
    with ws.reading() as s:
        years = ex_ante(s, resolve(s, "GX-AR-01"), ON.today)
    assert [v.year for v in years] == list(range(2021, 2052)) and years[0].reductions == 0  # planted in 2021: nothing by its end
    (direct,) = get("CCER-14-001").projection({"years": [2030], "strata": [
        {"name": n, "area_ha": str(forest[n]), "species": sp, "planted": "2021", "density": "2500"}
        for n, sp in (("fir-2021", "Cunninghamia lanceolata"), ("pine-2021", "Pinus massoniana"))]})
    assert next(v for v in years if v.year == 2030).reductions == direct.reductions > 0


def test_the_monitoring_report_sets_the_plots_measured_beside_the_plots_the_sampling_plan_needs(ws, forest, tmp_path):
    from pypdf import PdfReader

    from workbench.methodology import forestry
    from workbench.services.documents import documents

    rows = inventory(3)
    write_csv(tmp_path / "2023.csv", rows)
    field_data.import_file(ws, ON, "GX-AR-01", tmp_path / "2023.csv")
    periods.add_period(ws, ON, "GX-AR-01", "2021-03-01", "2023-12-31")
    accounting.calculate_period(ws, ON, "GX-AR-01", 1)
    (direct,) = get("CCER-14-001").estimate(direct_values(rows, forest, vintage=2023))
    strata = direct.used["strata"]
    names = sorted(strata)
    total, needed = forestry.sample_plan([strata[n]["area_ha"] for n in names], 0.04, [strata[n]["mean_t_per_ha"] for n in names],
                                         [strata[n]["variance"] ** 0.5 for n in names], 0.10)
    plan = direct.used["sampling"]
    assert plan["needed"] == total and [plan["strata"][n]["needed"] for n in names] == needed
    assert all(plan["strata"][n]["measured"] == 3 and plan["strata"][n]["short"] == max(k - 3, 0) for n, k in zip(names, needed))
    assert [(r["stratum"], r["plots"], r["needed"]) for r in field_data.plot_summary(ws, "GX-AR-01")] == [(n, 3, k) for n, k in zip(names, needed)]
    text = "\n".join(page.extract_text() for page in PdfReader(
        documents.render(ws, "monitoring-report", "GX-AR-01", "en", tmp_path / "mr.pdf", ON.today, ref=1)).pages)
    assert "Sample plots against the sampling plan (AR-TOOL03)" in text and "(10 %)" in text
    for name, k in zip(names, needed):
        assert f"2023 {name} 3 {k} {max(k - 3, 0)}" in " ".join(text.split())


def test_the_tree_table_holds_every_plots_trees_in_tag_order_as_float64_columns(ws, forest, tmp_path):
    """What a period calculation reads: the stored trees of each latest plot, read in one query, equal to the rows."""
    write_csv(tmp_path / "plots.csv", inventory(3))
    field_data.import_file(ws, ON, "GX-AR-01", tmp_path / "plots.csv")
    with ws.reading() as s:
        plots = field_data.latest_plots(s, projects.resolve(s, "GX-AR-01").id)
        stored = {p.id: [(t.species, float(t.dbh_cm), float(t.height_m)) for t in p.trees] for p in plots}
        table = field_data.tree_table(s, field_data.latest_plots(s, projects.resolve(s, "GX-AR-01").id, trees=False))
    assert set(table) == set(stored) and len(stored) == 6
    for plot_id, columns in table.items():
        assert columns["dbh_cm"].dtype.name == columns["height_m"].dtype.name == "float64"
        assert list(zip(columns["species"], columns["dbh_cm"].tolist(), columns["height_m"].tolist())) == stored[plot_id]


def test_the_tree_table_of_no_plots_is_empty(ws, forest):
    """A period calculation of a project with no plots measured yet reads no trees (an IndexError before)."""
    with ws.reading() as s:
        assert field_data.tree_table(s, []) == {}
