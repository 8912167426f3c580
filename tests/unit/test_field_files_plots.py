"""Real plot sheets (tests/data/cases/plots): units from the header, implausible diameters refused naming the likely
unit, dead trees not live biomass, heights below the height the diameter is measured at refused (breast height for
afforestation; the stem base for mangroves, sourced and settable per project), multi-stem trees as one tree."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.cli_helpers import file_digest
from workbench.domain.errors import UserError
from workbench.services.demo.projects import create_demo_projects
from workbench.services.methodology import methodology
from workbench.services.monitoring import field_data
from workbench.services.support.context import Actor
from workbench.store.models_inventory import SamplePlotRow, TreeRow

CASES = Path(__file__).parent.parent / "data" / "cases" / "plots"
ON = Actor("tester", date(2026, 2, 1))


@pytest.fixture
def forest(ws):
    create_demo_projects(ws, ON)
    return ws


def trees(ws) -> dict[tuple[str, str], tuple[D, D]]:
    with ws.reading() as s:
        rows = s.execute(select(SamplePlotRow.code, TreeRow.tag, TreeRow.dbh_cm, TreeRow.height_m).join(TreeRow, TreeRow.plot_id == SamplePlotRow.id)
                         .where(SamplePlotRow.measured_on == date(2025, 11, 20)))
        return {(c, t): (D(d), D(h)) for c, t, d, h in rows}


def test_diameters_in_millimetres_under_a_header_without_unit_are_refused_naming_millimetres(forest):
    before = file_digest(forest)
    with pytest.raises(UserError) as refused:
        field_data.import_file(forest, ON, "GX-AR-01", CASES / "dbh-in-millimetres.csv", kind="plots")
    assert ("dbh-in-millimetres.csv row 2, column dbh_cm: a diameter of 99 cm on a tree 6.6 m tall is implausible: it looks like "
            "millimetres — title the column 胸径(mm)") in str(refused.value)
    assert file_digest(forest) == before


def test_the_same_file_with_the_unit_in_the_header_is_converted_to_centimetres(forest, tmp_path):
    text = (CASES / "dbh-in-millimetres.csv").read_text(encoding="utf-8-sig").replace("胸径,", "胸径(mm),", 1)
    (tmp_path / "mm.csv").write_text(text, encoding="utf-8")
    field_data.import_file(forest, ON, "GX-AR-01", tmp_path / "mm.csv", kind="plots")
    assert trees(forest)[("P1", "1")] == (D("9.9"), D("6.6"))


def test_a_height_in_centimetres_under_a_metre_header_names_centimetres(forest, tmp_path):
    (tmp_path / "cm.csv").write_text("样地号,碳层,样地面积,调查日期,树号,树种,胸径,树高\nP1,fir-2021,400,2025-11-20,1,杉木,10.2,810\n")
    with pytest.raises(UserError, match=r"cm.csv row 2, column height_m: '810' is out of range; expected a height of 0 to 120 m — "
                                        r"it looks like centimetres: title the column 树高\(cm\)"):
        field_data.import_file(forest, ON, "GX-AR-01", tmp_path / "cm.csv", kind="plots")
    (tmp_path / "cm2.csv").write_text("样地号,碳层,样地面积,调查日期,树号,树种,胸径,树高（cm）\nP1,fir-2021,400,2025-11-20,1,杉木,10.2,810\n")
    field_data.import_file(forest, ON, "GX-AR-01", tmp_path / "cm2.csv", kind="plots")
    assert trees(forest)[("P1", "1")] == (D("10.2"), D("8.1"))


def test_a_height_below_breast_height_is_refused_and_nothing_is_stored(forest):
    before = file_digest(forest)
    with pytest.raises(UserError) as refused:
        field_data.import_file(forest, ON, "GX-AR-01", CASES / "dead-trees-and-zero-height.csv", kind="plots")
    assert ("dead-trees-and-zero-height.csv row 5, column dbh_cm: a height of 0 m is below 1.3 m, the height the diameter is "
            "measured at (AR-TOOL14: DBH is the stem diameter at breast height, 1.3 m above the ground)") in str(refused.value)
    assert "row 3" not in str(refused.value)  # the dead tree is not checked as live biomass
    assert file_digest(forest) == before


def test_dead_trees_are_not_stored_as_live_biomass(forest, tmp_path):
    text = (CASES / "dead-trees-and-zero-height.csv").read_text(encoding="utf-8-sig").replace("13.9,0,活", "13.9,9.6,活")
    (tmp_path / "fixed.csv").write_text(text, encoding="utf-8")
    _, report = field_data.import_file(forest, ON, "GX-AR-01", tmp_path / "fixed.csv", kind="plots")
    assert set(trees(forest)) == {("P1", "1"), ("P2", "1"), ("P2", "2")}
    assert (report.dead, report.trees, report.plots) == (1, 3, 2)


def test_an_unknown_status_is_refused_naming_what_is_accepted(forest, tmp_path):
    (tmp_path / "s.csv").write_text("样地号,碳层,样地面积,调查日期,树号,树种,胸径,树高,状态\nP1,fir-2021,400,2025-11-20,1,杉木,10.2,8.1,半死\n")
    with pytest.raises(UserError, match=r"s.csv row 2, column status: '半死' is not a tree status; accepted: 活/活立木/live"):
        field_data.import_file(forest, ON, "GX-AR-01", tmp_path / "s.csv", kind="plots")


def test_a_tree_measured_as_several_stems_is_one_tree_of_equivalent_diameter(forest, tmp_path):
    """√(12² + 9²) = 15 cm (by hand); the tallest stem's height."""
    (tmp_path / "stems.csv").write_text("样地号,碳层,样地面积,调查日期,树号,茎号,树种,胸径,树高\n"
                                        "P1,fir-2021,400,2025-11-20,7,1,杉木,12,9.5\nP1,fir-2021,400,2025-11-20,7,2,杉木,9,8.0\n"
                                        "P1,fir-2021,400,2025-11-20,8,,杉木,10,8.0\n")
    _, report = field_data.import_file(forest, ON, "GX-AR-01", tmp_path / "stems.csv", kind="plots")
    assert trees(forest) == {("P1", "7"): (D("15.00"), D("9.5")), ("P1", "8"): (D("10"), D("8.0"))}
    assert report.multi_stem == 1 and "multi-stem tree(s) as one of equivalent diameter √ΣD² (confirm)" in report.summary().en


def test_a_tree_tag_twice_without_a_stem_column_suggests_one(forest, tmp_path):
    (tmp_path / "twice.csv").write_text("样地号,碳层,样地面积,调查日期,树号,树种,胸径,树高\n"
                                        "P1,fir-2021,400,2025-11-20,7,杉木,12,9.5\nP1,fir-2021,400,2025-11-20,7,杉木,9,8.0\n")
    with pytest.raises(UserError, match=r"twice.csv row 3, column tree: tree 7 appears twice in plot P1 on 2025-11-20 \(first at row 2\); "
                                        r"for a tree measured as several stems add a stem / 茎号 column"):
        field_data.import_file(forest, ON, "GX-AR-01", tmp_path / "twice.csv", kind="plots")


def test_a_low_mangrove_with_a_basal_diameter_is_accepted_and_the_measuring_height_is_the_projects_to_set(forest, tmp_path):
    """Mangroves below breast height carry a diameter measured at the stem base (0.3 m, CCER-14-002-V01 to confirm):
    a 0.8 m 秋茄 with a diameter is a tree; one of 0.2 m is refused naming the height and its source, until the
    project sets where its diameters were measured (a value and its source, kept as a project parameter)."""
    header = "样地号,碳层,样地面积,调查日期,树号,树种,基径,树高\n"
    (tmp_path / "low.csv").write_text(header + "F1,flat-2021,25,2025-11-20,1,秋茄,2.1,0.8\n", encoding="utf-8")
    field_data.import_file(forest, ON, "GD-MG-01", tmp_path / "low.csv", kind="plots")
    assert trees(forest)[("F1", "1")] == (D("2.1"), D("0.8"))
    (tmp_path / "lower.csv").write_text(header + "F2,flat-2021,25,2025-11-20,1,秋茄,1.2,0.2\n", encoding="utf-8")
    before = file_digest(forest)
    with pytest.raises(UserError) as refused:
        field_data.import_file(forest, ON, "GD-MG-01", tmp_path / "lower.csv", kind="plots")
    assert "lower.csv row 2, column dbh_cm: a height of 0.2 m is below 0.3 m, the height the diameter is measured at" in str(refused.value)
    assert "CCER-14-002-V01 clause on where the diameter is measured was not read" in str(refused.value)
    assert file_digest(forest) == before
    methodology.set_parameter(forest, ON, "GD-MG-01", "diameter_height_m", "0.1", "survey protocol ZJ-2025-03, §4.2 (demo)")
    field_data.import_file(forest, ON, "GD-MG-01", tmp_path / "lower.csv", kind="plots")
    assert trees(forest)[("F2", "1")] == (D("1.2"), D("0.2"))
    methodology.set_parameter(forest, ON, "GD-MG-01", "diameter_height_m", "1.3", "breast height")
    with pytest.raises(UserError, match="below 1.3 m, the height the diameter is measured at .set for the project: breast height."):
        field_data.import_file(forest, ON, "GD-MG-01", tmp_path / "lower.csv", kind="plots")
    with pytest.raises(UserError, match="1.5"):  # beyond breast height is not a measuring height
        methodology.set_parameter(forest, ON, "GD-MG-01", "diameter_height_m", "1.5", "")
